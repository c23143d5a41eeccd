/**
 * The SDK's reconnecting client (PileupSession) against the real server over real sockets:
 * state follows events, reconnects (with backoff and a fresh sign-in) after a server restart,
 * repairs a gap in the event sequence from a snapshot, stops on wrong credentials, and never
 * sends a request while offline.
 *
 * No hooks in the SDK: the tests pass their own `WebSocketImpl`, a thin wrapper around `ws` that
 * counts connections, records what is sent and can drop one incoming event (to make a gap).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  PileupRequestError,
  PileupSession,
  type EventName,
  type PileupSnapshot,
  type SessionOptions,
  type SessionStatus,
  type WebSocketConstructor,
  type WebSocketLike
} from '../../src/shared/client/index.js';
import { freePortRange } from '../helpers/cli-process.js';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';

/** A `ws`-backed WebSocketImpl that lets a test count, watch and interfere. */
function instrumentedSocket() {
  const probe = {
    created: 0,
    sent: [] as Array<{ type?: string; operation?: string }>,
    /** When set, the next incoming event with this name is dropped (and this is cleared). */
    dropNext: null as EventName | null,
    dropped: [] as number[]
  };
  class InstrumentedSocket implements WebSocketLike {
    onopen: WebSocketLike['onopen'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;
    private readonly inner: WebSocket;
    constructor(url: string) {
      probe.created++;
      this.inner = new WebSocket(url);
      this.inner.onopen = (event) => this.onopen?.(event);
      this.inner.onerror = (event) => this.onerror?.(event);
      this.inner.onclose = (event) => this.onclose?.({ code: event.code, reason: event.reason });
      this.inner.onmessage = (event) => {
        const text = String(event.data);
        const message = JSON.parse(text) as { type: string; event?: string; seq?: number };
        if (message.type === 'event' && probe.dropNext !== null && message.event === probe.dropNext) {
          probe.dropNext = null;
          probe.dropped.push(message.seq!);
          return;
        }
        this.onmessage?.({ data: text });
      };
    }
    get readyState(): number {
      return this.inner.readyState;
    }
    send(data: string): void {
      probe.sent.push(JSON.parse(data));
      this.inner.send(data);
    }
    close(code?: number, reason?: string): void {
      this.inner.close(code, reason);
    }
  }
  return { probe, Impl: InstrumentedSocket as WebSocketConstructor };
}

function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!check()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 10 }
  );
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => undefined);
});

async function harness(env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const h = await startHarness({ MAX_QUEUE_SIZE: '10', ...env });
  cleanup.push(() => h.close());
  return h;
}

function session(options: SessionOptions): PileupSession {
  const s = new PileupSession(options);
  cleanup.push(() => s.close());
  return s;
}

function recordStatuses(s: PileupSession): SessionStatus[] {
  const statuses: SessionStatus[] = [];
  s.onStatus((status) => statuses.push(status));
  return statuses;
}

/** The session has caught up with everything the server has published. */
function caughtUp(s: PileupSession, h: Harness): boolean {
  return s.state?.instance_id === h.server.hub.instanceId && s.state.seq === h.server.hub.seq && !s.resyncing;
}

describe('PileupSession', () => {
  it('starts from the welcome snapshot and follows every event to the same state as the server', async () => {
    const h = await harness();
    const { Impl } = instrumentedSocket();
    const station = session({ url: h.url, WebSocketImpl: Impl }).start();
    const states: PileupSnapshot[] = [];
    station.onState((state) => states.push(state));
    const queueUpdates: number[] = [];
    station.on('queue_update', (data, message) => {
      expect(message.seq).toBe(station.state?.seq); // handlers run after the state took the event in
      queueUpdates.push(data.total);
    });
    await station.ready(5000);
    expect(station.state).toEqual(h.server.pileup.snapshot());

    const operator = await h.connectAdmin();
    await operator.request('admin.set_system_status', { active: true });
    await operator.request('admin.set_frequency', { frequency: '14.205' });
    await operator.request('admin.set_split', { split: 'up 5' });
    for (const callsign of ['W1AW', 'K1ABC', 'DL1XYZ', 'G4AAA']) await operator.request('queue.register', { callsign });
    await operator.request('admin.next_qso');
    await operator.request('admin.remove_callsign', { callsign: 'DL1XYZ' });
    await operator.request('admin.work_callsign', { callsign: 'G4AAA' });
    await operator.request('admin.complete_qso');
    await operator.request('admin.delete_split');

    await until(() => caughtUp(station, h), 'the session to see every event');
    expect(station.state).toEqual(h.server.pileup.snapshot());
    expect(station.state?.qsos_logged).toBe(2);
    expect(station.state?.queue.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
    expect(station.state?.frequency.frequency).toBe('14.205');
    expect(station.state?.split.split).toBeNull();
    // One state per event after the welcome's.
    expect(states.at(-1)?.seq).toBe(h.server.hub.seq);
    expect(queueUpdates.length).toBeGreaterThanOrEqual(7);
    expect(station.status).toEqual({ kind: 'online' });
  });

  it('reconnects with backoff after a server restart, signs in again and takes the new instance state', async () => {
    const port = await freePortRange(1);
    const h = await harness({ PORT: String(port) });
    const { probe, Impl } = instrumentedSocket();
    const operatorSession = session({ url: h.url, WebSocketImpl: Impl, credentials: ADMIN });
    const statuses = recordStatuses(operatorSession);
    operatorSession.start();
    await operatorSession.ready(5000);
    await operatorSession.request('admin.set_system_status', { active: true });
    await operatorSession.request('queue.register', { callsign: 'W1AW' });
    await operatorSession.request('queue.register', { callsign: 'K1ABC' });
    await until(() => caughtUp(operatorSession, h), 'the events before the restart');
    const before = operatorSession.state!;
    expect(before.seq).toBeGreaterThan(2);

    let offlineRequest = null as Promise<unknown> | null;
    operatorSession.onStatus((status) => {
      // A request while offline is refused at once, and never sent later.
      if (status.kind === 'offline' && !offlineRequest) offlineRequest = operatorSession.request('queue.register', { callsign: 'N0SENT' }).catch((e: unknown) => e);
    });
    await h.restart();
    expect(h.server.port).toBe(port);
    await until(() => operatorSession.status.kind === 'online' && caughtUp(operatorSession, h), 'the session to come back');

    const offline = statuses.filter((s): s is Extract<SessionStatus, { kind: 'offline' }> => s.kind === 'offline');
    expect(offline.length).toBeGreaterThanOrEqual(1);
    expect(offline[0]!.attempt).toBe(1);
    // Default backoff: 500 ms ±20 %, doubling.
    expect(offline[0]!.retryInMs).toBeGreaterThanOrEqual(400);
    expect(offline[0]!.retryInMs).toBeLessThanOrEqual(600);
    if (offline[1]) expect(offline[1].retryInMs).toBeGreaterThanOrEqual(800);
    expect(statuses.at(-1)).toEqual({ kind: 'online' });

    const after = operatorSession.state!;
    expect(after.instance_id).not.toBe(before.instance_id);
    expect(after).toEqual(h.server.pileup.snapshot());
    expect(after.queue.queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);
    // Signed in again on the new connection: admin operations work, and sign-in was sent twice.
    await expect(operatorSession.request('admin.get_queue')).resolves.toMatchObject({ admin: true, total: 2 });
    expect(probe.sent.filter((m) => m.type === 'auth')).toHaveLength(2);

    // Sequence numbers restarted with the server; the session follows the new ones.
    await operatorSession.request('admin.next_qso');
    await until(() => caughtUp(operatorSession, h), 'events after the restart');
    expect(operatorSession.state).toEqual(h.server.pileup.snapshot());
    expect(operatorSession.state?.current_qso?.callsign).toBe('W1AW');

    const refused = await offlineRequest;
    expect(refused).toBeInstanceOf(PileupRequestError);
    expect((refused as PileupRequestError).code).toBe('DISCONNECTED');
    expect(probe.sent.some((m) => JSON.stringify(m).includes('N0SENT'))).toBe(false);
    expect(h.server.pileup.findEntry('N0SENT')).toBeNull();
  });

  // With queue deltas (the default) the queue's changes come as queue_delta; without, as queue_update.
  it.each([
    { queueDeltas: true, wire: 'queue_delta' as const },
    { queueDeltas: false, wire: 'queue_update' as const }
  ])('repairs a gap in the event sequence from public.get_snapshot (queue deltas: $queueDeltas)', async ({ queueDeltas, wire }) => {
    const h = await harness();
    const { probe, Impl } = instrumentedSocket();
    const station = session({ url: h.url, WebSocketImpl: Impl, queueDeltas }).start();
    await station.ready(5000);
    const operator = await h.connectAdmin();
    await operator.request('admin.set_system_status', { active: true });
    await until(() => caughtUp(station, h), 'going on the air');

    probe.dropNext = wire;
    await operator.request('queue.register', { callsign: 'W1AW' });
    await until(() => probe.dropped.length === 1, 'the dropped event');
    expect(station.state?.queue.total).toBe(0); // it never saw W1AW's registration
    expect(probe.sent.some((m) => m.operation === 'public.get_snapshot')).toBe(false);

    await operator.request('queue.register', { callsign: 'K1ABC' });
    await until(() => caughtUp(station, h), 'the resync');
    expect(probe.sent.filter((m) => m.operation === 'public.get_snapshot')).toHaveLength(1);
    expect(station.state).toEqual(h.server.pileup.snapshot());
    expect(station.state?.queue.queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);

    // And it keeps following events afterwards.
    await operator.request('admin.next_qso');
    await until(() => caughtUp(station, h), 'the next events');
    expect(station.state).toEqual(h.server.pileup.snapshot());
    expect(station.status).toEqual({ kind: 'online' });
  });

  it('stops on wrong credentials with auth-failed, without retrying', async () => {
    const h = await harness();
    const { probe, Impl } = instrumentedSocket();
    const s = session({ url: h.url, WebSocketImpl: Impl, credentials: { username: ADMIN.username, password: 'wrong-password' } });
    const statuses = recordStatuses(s);
    s.start();
    const ready = s.ready(5000);
    await expect(ready).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(s.status).toEqual({ kind: 'auth-failed', message: 'Invalid username or password' });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // well past the first backoff delay
    expect(probe.created).toBe(1);
    expect(statuses.map((st) => st.kind)).toEqual(['connecting', 'auth-failed']);
    await until(() => h.server.websocket.counts().total === 0, 'the refused connection to close');
    await expect(s.request('public.get_status')).rejects.toMatchObject({ code: 'DISCONNECTED' });
    s.retryNow(); // does nothing once auth has failed
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(probe.created).toBe(1);
  });

  it('rejects requests with DISCONNECTED while offline, and keeps retrying with growing delays', async () => {
    const port = await freePortRange(1); // nothing listens here
    const s = session({ url: `ws://127.0.0.1:${port}/ws/connect`, backoff: { initialMs: 50, maxMs: 200, jitter: 0 }, WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
    await expect(s.request('public.get_status')).rejects.toMatchObject({ code: 'DISCONNECTED' }); // not started
    const statuses = recordStatuses(s);
    s.start();
    await until(() => statuses.filter((st) => st.kind === 'offline').length >= 4, 'four failed attempts');
    const started = Date.now();
    const error = await s.request('system.ping').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(50); // refused at once, not queued until a timeout
    expect(error).toBeInstanceOf(PileupRequestError);
    expect((error as PileupRequestError).code).toBe('DISCONNECTED');
    const delays = statuses.flatMap((st) => (st.kind === 'offline' ? [st.retryInMs] : []));
    expect(delays.slice(0, 4)).toEqual([50, 100, 200, 200]);
    expect(statuses.find((st) => st.kind === 'offline')).toMatchObject({ attempt: 1, reason: expect.any(String) });
    await s.close();
    expect(s.status).toEqual({ kind: 'closed' });
    await expect(s.ready()).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});
