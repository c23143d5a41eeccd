/**
 * A client written in Python from the seed document alone (tests/clients/seed_client.py, using
 * Debian's python3-websockets - a WebSocket stack that is not ours) must work unchanged against
 * the headless server.
 */
import { spawnSync, spawn } from 'node:child_process';
import { afterEach, describe, expect } from 'vitest';
import { freePortRange, runCli, type CliProcess } from '../helpers/cli-process.js';
import { makeDataDir } from '../helpers/pileup-harness.js';
import { itRequires } from '../helpers/requirements.js';

const PYTHON = '/usr/bin/python3';

function pythonWebsocketsMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import websockets'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${PYTHON} with the websockets module is not installed (apt-get install python3-websockets)`;
}

let cli: CliProcess | undefined;
afterEach(async () => {
  if (cli && cli.child.exitCode === null) {
    cli.child.kill('SIGTERM');
    await cli.exited;
  }
});

describe('a Python client written from the seed document', () => {
  itRequires(
    pythonWebsocketsMissing(),
    'passes every check against npm run serve',
    async () => {
      const port = await freePortRange(1);
      cli = runCli(['--host', '127.0.0.1', '--port', String(port), '--data-dir', await makeDataDir()], {
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD: 'seed-secret'
      });
      await cli.waitFor('Press Ctrl+C to stop.');
      const python = spawn(PYTHON, ['tests/clients/seed_client.py', `ws://127.0.0.1:${port}/ws/connect`, 'admin', 'seed-secret']);
      let output = '';
      python.stdout.on('data', (chunk) => (output += chunk));
      python.stderr.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => python.once('exit', resolve));
      const failures = output.split('\n').filter((line) => line.startsWith('not ok'));
      expect(failures, output).toEqual([]);
      expect(output).toMatch(/^\d+ passed, 0 failed$/m);
      expect(code).toBe(0);
    },
    60_000
  );
});
