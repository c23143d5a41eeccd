/**
 * The rigctld client and the RigFollower against Hamlib's real `rigctld` running the dummy
 * radio (`-m 1`): the same daemon and protocol an operator's radio sits behind.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { RigctldClient } from '../../src/main/server/integrations/rigctld.js';
import { formatRigAddress, parseRigAddress } from '../../src/main/server/integrations/rigctld-address.js';
import { RigctldError } from '../../src/main/server/integrations/rigctld-errors.js';
import { RigFollower, type RigFollowerOptions, type RigLinkStatus, type RigState } from '../../src/main/server/rig/rig-follower.js';
import { freePortRange } from '../helpers/cli-process.js';
import { itRequires } from '../helpers/requirements.js';
import { rigctldMissing, startRigctld, type RigctldProcess } from '../helpers/rigctld-process.js';

const missing = rigctldMissing();
const POLL_MS = 100;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rigctld(): Promise<RigctldProcess> {
  const rig = await startRigctld();
  cleanups.push(() => rig.close());
  return rig;
}

async function client(rig: { host: string; port: number }): Promise<RigctldClient> {
  const c = await RigctldClient.connect({ host: rig.host, port: rig.port });
  cleanups.push(() => c.close());
  return c;
}

type Watched = { follower: RigFollower; changes: RigState[]; statuses: RigLinkStatus[] };

function follow(address: { host: string; port: number }, options: Partial<RigFollowerOptions> = {}): Watched {
  const changes: RigState[] = [];
  const statuses: RigLinkStatus[] = [];
  const follower = new RigFollower({
    address: { host: address.host, port: address.port },
    pollIntervalMs: POLL_MS,
    retryInitialMs: 100,
    retryMaxMs: 400,
    logger: pino({ level: 'silent' }),
    onChange: (state) => changes.push(state),
    onStatus: (status) => statuses.push(status),
    ...options
  });
  cleanups.push(() => follower.stop());
  follower.start();
  return { follower, changes, statuses };
}

function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = probe();
      if (value === undefined || value === null || value === false) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 20 }
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const connectedCount = (w: Watched) => w.statuses.filter((s) => s.kind === 'connected').length;
const lost = (w: Watched) => w.statuses.filter((s): s is Extract<RigLinkStatus, { kind: 'lost' }> => s.kind === 'lost');

describe('parseRigAddress', () => {
  it('accepts host:port, host alone (port 4532) and bracketed or bare IPv6', () => {
    expect(parseRigAddress('127.0.0.1:4532')).toEqual({ host: '127.0.0.1', port: 4532 });
    expect(parseRigAddress(' localhost ')).toEqual({ host: 'localhost', port: 4532 });
    expect(parseRigAddress('shack-pc.local:4533')).toEqual({ host: 'shack-pc.local', port: 4533 });
    expect(parseRigAddress('[::1]:4532')).toEqual({ host: '::1', port: 4532 });
    expect(parseRigAddress('[fe80::1]')).toEqual({ host: 'fe80::1', port: 4532 });
    expect(parseRigAddress('::1')).toEqual({ host: '::1', port: 4532 });
    expect(formatRigAddress({ host: '::1', port: 4532 })).toBe('[::1]:4532');
    expect(formatRigAddress({ host: 'localhost', port: 4532 })).toBe('localhost:4532');
  });

  it('rejects bad addresses with a message that says what is wrong', () => {
    expect(() => parseRigAddress('')).toThrow(/empty/);
    expect(() => parseRigAddress('   ')).toThrow(/empty/);
    expect(() => parseRigAddress(':4532')).toThrow(/no host/);
    expect(() => parseRigAddress('localhost:')).toThrow(/port "" is not a number/);
    expect(() => parseRigAddress('localhost:abc')).toThrow(/port "abc" is not a number/);
    expect(() => parseRigAddress('localhost:4532x')).toThrow(/not a number/);
    expect(() => parseRigAddress('localhost:0')).toThrow(/out of range/);
    expect(() => parseRigAddress('localhost:65536')).toThrow(/out of range/);
    expect(() => parseRigAddress('localhost:-1')).toThrow(/not a number/);
    expect(() => parseRigAddress('fe80::1:4532:x')).toThrow(/brackets/);
    expect(() => parseRigAddress('[::1')).toThrow(/without "\]"/);
    expect(() => parseRigAddress('[::1]4532')).toThrow(/expected ":port"/);
    expect(() => parseRigAddress('[localhost]:4532')).toThrow(/not an IPv6 address/);
    expect(() => parseRigAddress('http://localhost:4532')).toThrow(/not host:port/);
    expect(() => parseRigAddress('my rig:4532')).toThrow(/not host:port/);
    expect(() => parseRigAddress('-bad-:4532')).toThrow(/not a host name/);
  });
});

describe('RigctldClient against rigctld -m 1', () => {
  itRequires(missing, 'reads and sets frequency, mode and split', async () => {
    const rig = await rigctld();
    const c = await client(rig);

    // The dummy radio starts on 145 MHz FM, simplex.
    expect(await c.getFrequency()).toBe(145_000_000);
    expect(await c.getMode()).toEqual({ mode: 'FM', passbandHz: 15_000 });
    expect(await c.getSplit()).toEqual({ split: false, txVfo: 'VFOA' });
    expect(await c.getRigName()).toBe('Hamlib Dummy');

    await c.setFrequency(14_025_000);
    await c.setMode('cw', 500);
    await c.setSplit(true, 'VFOB');
    await c.setSplitFrequency(14_030_000);
    expect(await c.getFrequency()).toBe(14_025_000);
    expect(await c.getMode()).toEqual({ mode: 'CW', passbandHz: 500 });
    expect(await c.getSplit()).toEqual({ split: true, txVfo: 'VFOB' });
    expect(await c.getSplitFrequency()).toBe(14_030_000);

    // A second client sees the same radio.
    const other = await client(rig);
    expect(await other.getFrequency()).toBe(14_025_000);
  });

  itRequires(missing, 'reports RPRT errors and bad arguments without losing the connection', async () => {
    const rig = await rigctld();
    const c = await client(rig);

    const refused = await c.command('F abc').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RigctldError);
    expect(refused).toMatchObject({ kind: 'rig', rigCode: 1 });
    expect((refused as Error).message).toMatch(/invalid parameter \(RPRT -1\)/);

    await expect(c.setMode('C W')).rejects.toMatchObject({ kind: 'argument' });
    await expect(c.setFrequency(Number.NaN)).rejects.toMatchObject({ kind: 'argument' });
    await expect(c.setFrequency(-5)).rejects.toMatchObject({ kind: 'argument' });
    await expect(c.command('f\nF 1')).rejects.toMatchObject({ kind: 'argument' });

    expect(c.isOpen).toBe(true);
    expect(await c.getFrequency()).toBe(145_000_000);
  });

  itRequires(missing, 'serializes concurrent commands on one connection, each getting its own answer', async () => {
    const rig = await rigctld();
    const c = await client(rig);
    const results = await Promise.all([
      c.setFrequency(7_074_000),
      c.getFrequency(),
      c.setMode('USB', 2400),
      c.getMode(),
      c.setFrequency(7_040_000),
      c.getFrequency(),
      c.getSplit()
    ]);
    expect(results.slice(1)).toEqual([7_074_000, undefined, { mode: 'USB', passbandHz: 2400 }, undefined, 7_040_000, { split: false, txVfo: 'VFOA' }]);
  });

  itRequires(missing, 'fails pending and later commands when rigctld goes away', async () => {
    const rig = await rigctld();
    const c = await client(rig);
    expect(await c.getFrequency()).toBe(145_000_000);
    await rig.kill();
    await expect(c.getFrequency()).rejects.toMatchObject({ kind: 'closed' });
    expect(c.isOpen).toBe(false);
    await expect(c.getMode()).rejects.toMatchObject({ kind: 'closed' });
  });

  it('refuses to connect where nothing listens', async () => {
    const port = await freePortRange();
    const error = await RigctldClient.connect({ host: '127.0.0.1', port }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connect' });
    expect((error as Error).message).toMatch(/connection refused by 127\.0\.0\.1:\d+/);
  });

  it('times out a command that gets no answer and closes the connection', async () => {
    const { port, close } = await silentServer();
    cleanups.push(close);
    const c = await RigctldClient.connect({ host: '127.0.0.1', port }, { commandTimeoutMs: 200 });
    cleanups.push(() => c.close());
    const started = Date.now();
    const [first, second] = await Promise.all([c.getFrequency().catch((e: unknown) => e), c.getMode().catch((e: unknown) => e)]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(first).toMatchObject({ kind: 'timeout' });
    expect((first as Error).message).toMatch(/did not answer "f" within 200 ms/);
    expect(second).toBe(first); // the queued command fails with the same cause
    expect(c.isOpen).toBe(false);
  });
});

describe('RigFollower against rigctld -m 1', () => {
  itRequires(missing, 'reports the first read, then only real changes (frequency set by another client)', async () => {
    const rig = await rigctld();
    const w = follow(rig);

    await waitFor('first state', () => w.changes.length === 1);
    expect(w.statuses.map((s) => s.kind)).toEqual(['connecting', 'connected']);
    expect(w.statuses[1]).toEqual({ kind: 'connected', rig: 'Hamlib Dummy' });
    expect(w.changes[0]).toEqual({ frequencyHz: 145_000_000, mode: 'FM', passbandHz: 15_000, split: false, txFrequencyHz: null });
    expect(w.follower.current).toEqual(w.changes[0]);

    // Nothing changes over ~3 polls: no further onChange.
    await sleep(POLL_MS * 3.5);
    expect(w.changes).toHaveLength(1);

    const other = await client(rig);
    await other.setFrequency(14_025_000);
    await waitFor('frequency change', () => w.changes.length === 2);
    expect(w.changes[1]).toEqual({ frequencyHz: 14_025_000, mode: 'FM', passbandHz: 15_000, split: false, txFrequencyHz: null });

    await sleep(POLL_MS * 3.5);
    expect(w.changes).toHaveLength(2);
    expect(w.statuses.map((s) => s.kind)).toEqual(['connecting', 'connected']);
  });

  itRequires(missing, 'sees mode changes and split with its TX frequency', async () => {
    const rig = await rigctld();
    const w = follow(rig);
    await waitFor('first state', () => w.changes.length === 1);
    const other = await client(rig);

    await other.command('M CW 500');
    const cw = await waitFor('CW', () => w.changes.find((s) => s.mode === 'CW'));
    expect(cw).toMatchObject({ mode: 'CW', passbandHz: 500, split: false, txFrequencyHz: null });

    await other.setFrequency(14_025_000);
    await other.command('S 1 VFOB');
    await other.command('I 14030000');
    const split = await waitFor('split with TX 14.030', () => w.changes.find((s) => s.split && s.txFrequencyHz === 14_030_000));
    expect(split).toEqual({ frequencyHz: 14_025_000, mode: 'CW', passbandHz: 500, split: true, txFrequencyHz: 14_030_000 });

    await other.command('S 0 VFOA');
    const simplex = await waitFor('split off', () => w.changes.at(-1)?.split === false && w.changes.at(-1));
    expect(simplex.txFrequencyHz).toBeNull();
  });

  itRequires(missing, 'passes frequency and mode settings through to the rig', async () => {
    const rig = await rigctld();
    const w = follow(rig, { pollIntervalMs: 2000 });
    await waitFor('first state', () => w.changes.length === 1);

    await w.follower.setFrequency(21_074_000);
    // The poll after a set is brought forward instead of waiting out the 2 s interval.
    await waitFor('21.074', () => w.changes.find((s) => s.frequencyHz === 21_074_000), 1000);
    await w.follower.setMode('USB', 2400);
    await waitFor('USB', () => w.changes.find((s) => s.mode === 'USB' && s.passbandHz === 2400), 1000);

    const other = await client(rig);
    expect(await other.getFrequency()).toBe(21_074_000);
    expect(await other.getMode()).toEqual({ mode: 'USB', passbandHz: 2400 });

    await expect(w.follower.setMode('not a mode')).rejects.toMatchObject({ kind: 'argument' });
  });

  itRequires(missing, 'reports the rig lost when rigctld dies, backs off, and reconnects when it is back', async () => {
    const rig = await rigctld();
    const w = follow(rig);
    await waitFor('first state', () => w.changes.length === 1);
    const other = await client(rig);
    await other.setFrequency(14_025_000);
    await waitFor('14.025', () => w.follower.current?.frequencyHz === 14_025_000);

    await rig.kill();
    await waitFor('three lost reports', () => lost(w).length >= 3);
    const losses = lost(w);
    expect(losses[0]!.attempt).toBe(1);
    expect(losses[0]!.retryInMs).toBe(100);
    expect(losses[1]).toMatchObject({ attempt: 2, retryInMs: 200 });
    expect(losses[2]).toMatchObject({ attempt: 3, retryInMs: 400 });
    expect(losses[2]!.reason).toMatch(/connection refused/);
    await expect(w.follower.setFrequency(7_000_000)).rejects.toMatchObject({ kind: 'closed' });
    // The last known state is kept while the link is down.
    expect(w.follower.current?.frequencyHz).toBe(14_025_000);

    // Capped at retryMaxMs.
    await waitFor('a fourth lost report', () => lost(w).length >= 4);
    expect(lost(w)[3]).toMatchObject({ attempt: 4, retryInMs: 400 });

    const changesBefore = w.changes.length;
    await rig.restart(); // a fresh dummy radio: back on 145 MHz
    await waitFor('reconnected', () => connectedCount(w) === 2);
    await waitFor('state re-read', () => w.changes.length === changesBefore + 1);
    expect(w.changes.at(-1)).toEqual({ frequencyHz: 145_000_000, mode: 'FM', passbandHz: 15_000, split: false, txFrequencyHz: null });
    expect(w.statuses.at(-1)).toEqual({ kind: 'connected', rig: 'Hamlib Dummy' });

    // A second loss starts the backoff from the beginning again.
    await rig.kill('SIGTERM');
    await waitFor('lost again', () => w.statuses.at(-1)?.kind === 'lost');
    expect(w.statuses.at(-1)).toMatchObject({ kind: 'lost', attempt: 1, retryInMs: 100 });
  }, 20_000);

  it('reports lost at once where nothing listens, and keeps backing off', async () => {
    const port = await freePortRange();
    const started = Date.now();
    const w = follow({ host: '127.0.0.1', port }, { retryInitialMs: 50, retryMaxMs: 200 });
    await waitFor('lost', () => lost(w).length >= 1);
    expect(Date.now() - started).toBeLessThan(500);
    expect(w.statuses[0]).toEqual({ kind: 'connecting' });
    expect(lost(w)[0]).toEqual({ kind: 'lost', reason: `connection refused by 127.0.0.1:${port} (is rigctld running?)`, retryInMs: 50, attempt: 1 });
    await waitFor('four attempts', () => lost(w).length >= 4);
    expect(lost(w).slice(0, 4).map((s) => [s.attempt, s.retryInMs])).toEqual([[1, 50], [2, 100], [3, 200], [4, 200]]);
    expect(w.changes).toEqual([]);
    expect(w.follower.current).toBeNull();
  });

  it('treats a peer that never answers as lost (command timeout)', async () => {
    const { port, close } = await silentServer();
    cleanups.push(close);
    const w = follow({ host: '127.0.0.1', port }, { commandTimeoutMs: 150, retryInitialMs: 1000 });
    await waitFor('lost', () => lost(w).length >= 1, 2000);
    expect(lost(w)[0]!.reason).toMatch(/did not answer/);
    expect(w.statuses.some((s) => s.kind === 'connected')).toBe(false);
  });

  itRequires(missing, 'stops cleanly: no socket, no timer and no callback left behind', async () => {
    const rig = await rigctld();
    await sleep(50); // let the helper's readiness probe socket finish closing
    const before = countResources();
    const w = follow(rig);
    await waitFor('first state', () => w.changes.length === 1);
    await sleep(POLL_MS * 2);
    await w.follower.stop();
    expect(w.statuses.at(-1)).toEqual({ kind: 'stopped' });
    const statusesAtStop = w.statuses.length;
    const changesAtStop = w.changes.length;

    // Give the OS a moment to finish closing the socket before counting handles.
    await sleep(50);
    expect(countResources()).toEqual(before);
    await sleep(POLL_MS * 3);
    expect(w.statuses).toHaveLength(statusesAtStop);
    expect(w.changes).toHaveLength(changesAtStop);

    // A follower stopped while the rig is lost (a retry timer pending) stops as cleanly.
    await rig.kill();
    const w2 = follow(rig);
    await waitFor('lost', () => lost(w2).length >= 1);
    await w2.follower.stop();
    await sleep(50);
    expect(countResources()).toEqual(before);
    expect(w2.statuses.at(-1)).toEqual({ kind: 'stopped' });
  });

  it('stops at once while a command is waiting for its answer', async () => {
    const { port, close } = await silentServer();
    cleanups.push(close);
    const w = follow({ host: '127.0.0.1', port }, { commandTimeoutMs: 10_000 });
    await sleep(100); // connected; the first command now waits on a peer that never answers
    const started = Date.now();
    await w.follower.stop();
    expect(Date.now() - started).toBeLessThan(200);
    expect(w.statuses.map((s) => s.kind)).toEqual(['connecting', 'stopped']);

    const aborted = new AbortController();
    aborted.abort();
    await expect(RigctldClient.connect({ host: '127.0.0.1', port }, { signal: aborted.signal })).rejects.toMatchObject({ kind: 'closed' });
  });

  it('survives callbacks that throw', async () => {
    const port = await freePortRange();
    let calls = 0;
    const w = follow(
      { host: '127.0.0.1', port },
      {
        retryInitialMs: 30,
        onStatus: () => {
          calls++;
          throw new Error('consumer bug');
        }
      }
    );
    await waitFor('several status reports', () => calls >= 4);
    await w.follower.stop();
  });
});

/** TCP sockets and timers alive in this process (the follower's own, when compared before/after). */
function countResources(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return { sockets: info.filter((r) => r === 'TCPSocketWrap').length, timers: info.filter((r) => r === 'Timeout').length };
}

/** A TCP server that accepts connections and never says a word (a hung rigctld, or not rigctld at all). */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}
