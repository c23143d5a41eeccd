/**
 * The built pages are read once and served from memory: a file opened per request would spend a
 * descriptor each, and a flood of page requests could then leave none for saving data (an
 * attack run did exactly that: registrations failed with EMFILE).
 */
import * as fsp from 'node:fs/promises';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { serveWebApp } from '../../src/main/server/transport/console-files.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

describe('serving the built pages', () => {
  it('reads each file once, however many requests ask for it, and never caches what is not there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pileup-bundle-'));
    await writeFile(join(dir, 'app.js'), 'console.log("station page");');
    const server = createServer((request, response) => {
      const name = new URL(request.url ?? '/', 'http://x').pathname.slice(1);
      void serveWebApp(dir, request, response, name, false);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const reads = () => vi.mocked(fsp.readFile).mock.calls.filter(([file]) => String(file).startsWith(dir)).length;
    const bodies = await Promise.all(Array.from({ length: 50 }, async () => (await fetch(`http://127.0.0.1:${port}/app.js`)).text()));
    expect(new Set(bodies)).toEqual(new Set(['console.log("station page");']));
    expect(reads()).toBe(1);
    for (let i = 0; i < 5; i++) expect((await fetch(`http://127.0.0.1:${port}/missing.js`)).status).toBe(404);
    // A file that appears later is found: misses are not remembered.
    await writeFile(join(dir, 'missing.js'), 'late');
    expect(await (await fetch(`http://127.0.0.1:${port}/missing.js`)).text()).toBe('late');
    server.close();
    await rm(dir, { recursive: true, force: true });
  });
});
