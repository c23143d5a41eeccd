/**
 * Group commit: a hundred stations registering at once share flushes, yet each reply still leaves
 * only after a flush (fdatasync) of queue.db that finished after that station's line was
 * appended. strace shows the system calls in the order they happened, across the server's threads,
 * and makes each fdatasync take 10 ms more (`inject ... delay_exit`), as on a Raspberry Pi's SD
 * card: on this machine's fast disk a flush ends before the next line is written, so there is
 * nothing to share, and the test would show nothing.
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

const probe = spawnSync('strace', ['-o', '/dev/null', process.execPath, '-e', '0'], { encoding: 'utf8' });
const cannotTrace = !probe.error && probe.status !== 0;
const missing = probe.error ? 'strace is not installed (Debian package strace)' : cannotTrace ? `strace cannot trace here: ${probe.stderr.trim().split('\n')[0]}` : null;
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const STATIONS = 100;
const callsignOf = (i: number) => `K${i % 10}G${String.fromCharCode(65 + Math.floor(i / 10))}C`;

/** The trace as events: a line appended to queue.db, a flush of queue.db finished, a reply sent. */
function readTrace(text: string) {
  const lines = text.replaceAll('\\"', '"').split('\n');
  const unfinishedFlush = new Map<string, boolean>();
  const appends = new Map<string, number>();
  const replies = new Map<string, number>();
  const flushesDone: number[] = [];
  const flushesStarted: number[] = [];
  lines.forEach((line, index) => {
    const pid = /^(\d+)\s/.exec(line)?.[1] ?? '';
    if (/fdatasync\(\d+<[^>]*\/queue\.db>/.test(line)) {
      // Printed where it began: as "unfinished" if another call came before its end, else whole.
      flushesStarted.push(index);
      if (line.includes('<unfinished ...>')) unfinishedFlush.set(pid, true);
      else if (/\)\s+= 0/.test(line)) flushesDone.push(index);
    } else if (/<\.\.\. fdatasync resumed>\)\s+= 0/.test(line) && unfinishedFlush.get(pid)) {
      unfinishedFlush.delete(pid);
      flushesDone.push(index);
    }
    const appended = /write\(\d+<[^>]*\/queue\.db>, ".*?"callsign":"([A-Z0-9]+)"/.exec(line);
    if (appended && !appends.has(appended[1]!)) appends.set(appended[1]!, index);
    const replied = /"operation":"queue\.register".*?"callsign":"([A-Z0-9]+)"/.exec(line);
    if (replied && /write|writev/.test(line) && !replies.has(replied[1]!)) replies.set(replied[1]!, index);
  });
  return { appends, replies, flushesDone, flushesStarted };
}

describe('group commit', () => {
  itRequires(missing, `${STATIONS} registrations at once share flushes, each reply follows a flush that finished after its own line was written (and not a later one), and flushes begin while later ones are still being written`, async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const trace = join(dataDir, 'strace.log');
    const port = await freePortRange(1);
    const child = spawn('strace', ['-f', '-y', '-s', '600', '-e', 'trace=fdatasync,write,writev', '-e', 'inject=fdatasync:delay_exit=10000', '-o', trace, process.execPath, SERVER_BUNDLE, '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DISCOVERY: 'off', STATUS_PORT: '0', ADMIN_PASSWORD: 'group-commit-password', MAX_QUEUE_SIZE: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    });
    const clients: PileupClient[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk) => {
          out += chunk;
          if (out.includes('Press Ctrl+C to stop.')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
      });
      const connect = () => PileupClient.connect(`ws://127.0.0.1:${port}/ws/connect`, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
      const admin = await connect();
      clients.push(admin);
      await admin.auth('admin', 'group-commit-password');
      await admin.request('admin.set_system_status', { active: true });
      // Each station from its own connection (as fifty callers would be), all at once.
      const stations = await Promise.all(Array.from({ length: STATIONS }, () => connect()));
      clients.push(...stations);
      const results = await Promise.all(stations.map((station, i) => station.request('queue.register', { callsign: callsignOf(i) })));
      expect(results.map((r) => r.entry.callsign).sort()).toEqual(Array.from({ length: STATIONS }, (_, i) => callsignOf(i)).sort());
    } finally {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }

    const { appends, replies, flushesDone, flushesStarted } = readTrace(await readFile(trace, 'utf8'));
    for (let i = 0; i < STATIONS; i++) {
      const callsign = callsignOf(i);
      const appended = appends.get(callsign);
      const replied = replies.get(callsign);
      expect(appended, `${callsign}'s line written to queue.db`).toBeDefined();
      expect(replied, `${callsign}'s reply`).toBeDefined();
      const flushedBetween = flushesDone.some((done) => done > appended! && done < replied!);
      expect(flushedBetween, `a flush of queue.db finished between ${callsign}'s line and its reply`).toBe(true);
    }
    // Shared: far fewer flushes of queue.db than registrations (one each before group commit).
    const duringBurst = flushesDone.filter((done) => done > Math.min(...appends.values()) && done <= Math.max(...replies.values()));
    expect(duringBurst.length).toBeLessThan(STATIONS / 2);
    // And pipelined: a flush began while later stations were still being written, instead of only
    // after the last of a hundred requests read together.
    // And a reply waits for one flush: the first that began after its line was written, not one after
    // that which covers later stations' lines too. (A flush can begin between the write of a line and
    // the moment it is counted, so a few wait for the next one; waiting for others' writes, almost all did.)
    const flushesWaited = Array.from({ length: STATIONS }, (_, i) => {
      const appended = appends.get(callsignOf(i))!;
      const replied = replies.get(callsignOf(i))!;
      // One flush of queue.db at a time, so the k-th to begin is the k-th to finish.
      return flushesStarted.filter((started, k) => started > appended && (flushesDone[k] ?? Infinity) < replied).length;
    });
    expect(flushesWaited.filter((count) => count === 1).length, `replies that waited for one flush (flushes each waited for: ${flushesWaited.join(',')})`).toBeGreaterThanOrEqual(STATIONS * 0.75);
    const lastAppend = Math.max(...appends.values());
    expect(flushesStarted.some((started) => started < lastAppend), 'a flush of queue.db begun before the last registration was written').toBe(true);
  }, 90_000, { unavailableInCi: cannotTrace });
});
