/**
 * An acknowledged write has been flushed to the disk (fdatasync) before its reply leaves, so it
 * survives a power cut, not only the server being killed. A power cut cannot be staged here; strace
 * shows the order of the system calls instead: the flush of the data file, then the reply.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../../src/shared/client/pileup-client.js';
import { freePortRange } from '../helpers/cli-process.js';
import { makeDataDir } from '../helpers/pileup-harness.js';
import { itRequires } from '../helpers/requirements.js';
import { SERVER_BUNDLE } from '../helpers/server-bundle.js';

// strace can be installed yet not allowed to trace (a container without ptrace): then it is skipped, with the reason.
const probe = spawnSync('strace', ['-o', '/dev/null', process.execPath, '-e', '0'], { encoding: 'utf8' });
const cannotTrace = !probe.error && probe.status !== 0;
const missing = probe.error ? 'strace is not installed (Debian package strace)' : cannotTrace ? `strace cannot trace here: ${probe.stderr.trim().split('\n')[0]}` : null;
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('writes reach the disk before they are acknowledged', () => {
  itRequires(missing, 'a registration, a logged QSO and saved settings are flushed with fdatasync before their replies are sent', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const trace = join(dataDir, 'strace.log');
    const port = await freePortRange(1);
    // -f: the flush runs on a libuv worker thread; -y: file descriptors with their paths; -s: enough of each write to see the reply.
    const child = spawn('strace', ['-f', '-y', '-s', '160', '-e', 'trace=fdatasync,write,writev', '-o', trace, process.execPath, SERVER_BUNDLE, '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DISCOVERY: 'off', STATUS_PORT: '0', ADMIN_PASSWORD: 'flush-test-password' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the stop reaches the server itself and not only strace.
      detached: true
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk) => {
          out += chunk;
          if (out.includes('Press Ctrl+C to stop.')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
      });
      const admin = await PileupClient.connect(`ws://127.0.0.1:${port}/ws/connect`, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
      await admin.auth('admin', 'flush-test-password');
      await admin.request('admin.set_system_status', { active: true });
      await admin.request('queue.register', { callsign: 'W1AW' });
      await admin.request('admin.next_qso');
      await admin.request('admin.complete_qso');
      await admin.request('admin.update_settings', { cooldown_minutes: 30 });
      await admin.close();
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }

    // strace escapes the quotes inside the data it shows.
    const lines = (await readFile(trace, 'utf8')).replaceAll('\\"', '"').split('\n');
    const firstIndex = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    const checks: Array<[file: string, operation: string]> = [
      ['queue.db', 'queue.register'],
      ['qso_log.db', 'admin.complete_qso'],
      // Settings change outside the pileup's changes: "Settings saved." waits for its own flush too.
      ['settings.db', 'admin.update_settings']
    ];
    for (const [file, operation] of checks) {
      const flushed = firstIndex(new RegExp(`fdatasync\\(\\d+<[^>]*/${file.replace('.', '\\.')}>`));
      const replied = firstIndex(new RegExp(`"operation":"${operation.replace('.', '\\.')}"`));
      expect(flushed, `fdatasync of ${file} in the trace`).toBeGreaterThanOrEqual(0);
      expect(replied, `the ${operation} reply in the trace`).toBeGreaterThanOrEqual(0);
      expect(flushed, `${file} flushed before the ${operation} reply`).toBeLessThan(replied);
    }
  }, 60_000, { unavailableInCi: cannotTrace });
});
