/**
 * A flood of idle connections must not take the file descriptors the server needs to save data.
 * The headless server runs as a real process with a low open-file limit (prlimit), and is sent
 * more idle sockets than it has descriptors; saving must go on working, the flood is refused,
 * idle sockets are closed after the header timeout, and clients get in again afterwards.
 */
import { execFileSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, vi } from 'vitest';
import { PileupStore } from '../../src/main/server/store/pileup-store.js';
import { HTTP_HEADERS_TIMEOUT_MS } from '../../src/shared/protocol/endpoints.js';
import { freePortRange } from '../helpers/cli-process.js';
import { startCrashServer, type CrashServer } from '../helpers/crash-server.js';
import { makeDataDir } from '../helpers/pileup-harness.js';
import { itRequires } from '../helpers/requirements.js';

const LIMIT = 256;

function prlimitMissing(): string | null {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return process.platform === 'linux' ? null : 'open-file limits are set with prlimit, on Linux';
  } catch {
    return 'prlimit (util-linux) is not installed';
  }
}

let server: CrashServer | undefined;
const sockets: Socket[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.kill();
  server = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Opens `count` idle TCP connections; resolves with how many the server closed within `waitMs`. */
async function flood(port: number, count: number, waitMs: number): Promise<number> {
  let closed = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => closed++);
      await new Promise((resolve) => {
        socket.once('connect', resolve);
        socket.once('error', resolve);
      });
    })
  );
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return closed;
}

describe('file descriptors', () => {
  itRequires(prlimitMissing(), `with ${LIMIT} descriptors and a flood of idle sockets, saving still works and the flood is refused, then timed out`, async () => {
    dataDir = await makeDataDir();
    server = await startCrashServer(dataDir, await freePortRange(1), { LOG_LEVEL: 'warn' }, { prefix: ['prlimit', `--nofile=${LIMIT}:${LIMIT}`, '--'] });
    const admin = await server.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });

    const refused = await flood(server.port, LIMIT + 150, 500);
    // Beyond the budget (the limit less a reserve kept for saving), sockets are closed at once.
    expect(refused).toBeGreaterThanOrEqual(150 + 128 - 10);

    // The operator's connection still saves, with every spare descriptor taken by the flood.
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await admin.request('queue.register', { callsign });
    await admin.request('admin.set_frequency', { frequency: '14.205' });
    expect(server.proc.stderr() + server.proc.stdout()).not.toMatch(/EMFILE|could not be saved/);
    expect(server.proc.stdout() + server.proc.stderr()).toMatch(/refusing connections/);

    // The flood's sockets never read and never close, as an attacker's would. The server closes
    // its side once the header timeout has passed, which frees their descriptors: then a
    // station gets in again.
    const running = server;
    const station = await vi.waitFor(() => running.connect(), { timeout: HTTP_HEADERS_TIMEOUT_MS + 5000, interval: 500 });
    expect(await station.request('queue.list')).toMatchObject({ total: 3 });

    await server.kill();
    server = undefined;
    const store = await PileupStore.open(dataDir);
    expect((await store.loadQueue()).map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC', 'G4ABC']);
    expect((await store.getState('frequency'))?.frequency).toBe('14.205');
    await store.flush();
  }, 60_000);
});
