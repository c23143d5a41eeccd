/**
 * The helpers `npm run serve` and `npm start` use on a fresh checkout. The first run of `npm run
 * serve` builds the console with electron-vite; that path runs only when nothing is built yet, so
 * it is checked here on its own.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ELECTRON_VITE_BIN } from '../../scripts/electron-vite-bin.mjs';

describe('npm script helpers', () => {
  it('finds the electron-vite command line, and it runs', () => {
    const run = spawnSync(process.execPath, [ELECTRON_VITE_BIN, '--version'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d+\.\d+\.\d+/);
  });
});
