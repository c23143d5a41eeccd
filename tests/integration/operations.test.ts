/**
 * Every operation of the table over a real WebSocket against real NeDB files: results must
 * match the table's own result schema, and each change must reach other clients as events.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '../../src/shared/protocol/operations.js';
import { EVENTS } from '../../src/shared/protocol/events.js';
import { SESSION_MESSAGES } from '../../src/shared/protocol/session-messages.js';
import { PileupRequestError, type PileupClient } from '../../src/shared/client/pileup-client.js';
import type { EventMessage } from '../../src/shared/protocol/messages.js';
import { ADMIN, nextEvents, rawSocket, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness;
let admin: PileupClient;
let watcher: PileupClient;
let watched: EventMessage[];

beforeEach(async () => {
  h = await startHarness();
  admin = await h.connectAdmin();
  watcher = await h.connect();
  watched = [];
  watcher.onAnyEvent((message) => watched.push(message));
});

afterEach(async () => {
  await h.close();
});

/** Calls an operation and checks the reply against the operation table's result schema. */
async function call<O extends OperationName>(client: PileupClient, operation: O, data?: object) {
  const result = await (client.request as (op: O, data?: object) => Promise<unknown>)(operation, data);
  const parsed = OPERATIONS[operation].result.safeParse(result);
  if (!parsed.success) throw new Error(`${operation} result does not match its schema: ${parsed.error.message}`);
  return result as any;
}

async function expectFailure(promise: Promise<unknown>, code: string): Promise<PileupRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(PileupRequestError);
  expect((error as PileupRequestError).code).toBe(code);
  return error as PileupRequestError;
}

async function settle(): Promise<void> {
  // One round trip on the watcher guarantees every earlier broadcast has reached it.
  await watcher.request('system.ping');
}

function eventsNamed(name: string) {
  return watched.filter((m) => m.event === name).map((m) => m.data as any);
}

describe('welcome', () => {
  it('greets a new connection with a connected event carrying the full state', async () => {
    const { socket, next } = await rawSocket(h.url);
    const welcome = await next();
    expect(welcome).toMatchObject({ type: 'event', event: 'connected', event_type: 'connected' });
    expect(typeof welcome.seq).toBe('number');
    expect(EVENTS.connected.data.safeParse(welcome.data).success).toBe(true);
    expect(welcome.data.snapshot.queue).toEqual({ queue: [], total: 0, max_size: 4, system_active: false });
    socket.close();
  });
});

describe('public and system operations', () => {
  it('public.get_status, get_frequency, get_split and get_snapshot describe a new server', async () => {
    expect(await call(watcher, 'public.get_status')).toEqual({ active: false });
    expect(await call(watcher, 'public.get_frequency')).toEqual({ frequency: null, last_updated: null });
    expect(await call(watcher, 'public.get_split')).toEqual({ split: null, last_updated: null });
    const snapshot = await call(watcher, 'public.get_snapshot');
    expect(snapshot).toMatchObject({ seq: 0, current_qso: null, qsos_logged: 0 });
  });

  it('system.ping, system.heartbeat and system.info', async () => {
    expect(await call(watcher, 'system.ping')).toMatchObject({ pong: true, message: 'pong' });
    const heartbeat = await call(watcher, 'system.heartbeat');
    expect(heartbeat.heartbeat).toBe(true);
    expect(heartbeat.uptime).toMatch(/\d+s$/);
    const info = await call(watcher, 'system.info');
    // supported_operations comes from the operation table, seed operations included.
    expect(info.supported_operations).toEqual(OPERATION_NAMES);
    for (const name of [
      'public.get_status', 'public.get_frequency', 'public.get_split', 'queue.register', 'queue.list', 'queue.get_status',
      'admin.get_queue', 'admin.clear_queue', 'admin.remove_callsign', 'admin.next_qso', 'admin.complete_qso',
      'admin.set_frequency', 'admin.delete_frequency', 'admin.set_split', 'admin.delete_split',
      'admin.set_system_status', 'admin.get_system_status', 'system.ping', 'system.heartbeat', 'system.info'
    ]) {
      expect(info.supported_operations).toContain(name);
    }
    expect(info.protocol_version).toBe('1.0');
    expect(info.session_messages.map((m: { name: string }) => m.name)).toEqual(['auth', 'ping']);
  });

  it('answers a ping message with a pong echoing the id', async () => {
    const { socket, next } = await rawSocket(h.url);
    await next();
    socket.send(JSON.stringify({ type: 'ping', id: 'p-1' }));
    const pong = (await next()) as { data: unknown };
    expect(pong).toMatchObject({ type: 'pong', id: 'p-1' });
    // The answer is the one the session-message table defines (and the docs show).
    expect(SESSION_MESSAGES.ping.result.safeParse(pong.data).success).toBe(true);
    socket.close();
  });
});

describe('authentication', () => {
  it('refuses admin operations before auth with a type "error" UNAUTHORIZED reply', async () => {
    const { socket, next } = await rawSocket(h.url);
    await next();
    socket.send(JSON.stringify({ type: 'request', id: 'x1', operation: 'admin.get_queue', data: {} }));
    expect(await next()).toMatchObject({
      type: 'error',
      id: 'x1',
      success: false,
      error_code: 'UNAUTHORIZED',
      error_message: 'Operation requires authentication',
      error: 'Operation requires authentication'
    });
    socket.close();
  });

  it('refuses wrong credentials and accepts the right ones', async () => {
    const client = await h.connect();
    await expectFailure(client.auth(ADMIN.username, 'wrong'), 'INVALID_CREDENTIALS');
    await expectFailure(client.auth('root', ADMIN.password), 'INVALID_CREDENTIALS');
    await expectFailure(client.request('admin.get_queue'), 'UNAUTHORIZED');
    const signedIn = await client.auth(ADMIN.username, ADMIN.password);
    expect(signedIn).toEqual({
      authenticated: true,
      user_type: 'admin',
      message: 'Authentication successful'
    });
    expect(SESSION_MESSAGES.auth.result.parse(signedIn)).toEqual(signedIn);
    expect(await call(client, 'admin.get_queue')).toMatchObject({ admin: true, total: 0 });
  });

  it('rejects an auth message without credentials', async () => {
    const { socket, next } = await rawSocket(h.url);
    await next();
    socket.send(JSON.stringify({ type: 'auth', id: 7 }));
    expect(await next()).toMatchObject({ type: 'response', id: 7, success: false, error_code: 'VALIDATION_ERROR', error: 'auth needs data.username and data.password' });
    // What the table refuses is refused without a login attempt: no lockout count for an empty name.
    socket.send(JSON.stringify({ type: 'auth', id: 8, data: { username: '', password: 'x' } }));
    expect(await next()).toMatchObject({ id: 8, success: false, error_code: 'VALIDATION_ERROR' });
    socket.send(JSON.stringify({ type: 'auth', id: 9, data: { token: 42 } }));
    expect(await next()).toMatchObject({ id: 9, success: false, error_code: 'VALIDATION_ERROR' });
    socket.close();
  });
});

describe('the pileup, operation by operation', () => {
  it('registration needs the system on the air', async () => {
    await expectFailure(watcher.request('queue.register', { callsign: 'W1AW' }), 'SYSTEM_INACTIVE');
  });

  it('admin.set_system_status goes on the air and broadcasts system_status', async () => {
    const result = await call(admin, 'admin.set_system_status', { active: true });
    expect(result).toMatchObject({ active: true, updated_by: 'admin' });
    await settle();
    expect(eventsNamed('system_status')).toEqual([expect.objectContaining({ active: true })]);
    expect(await call(watcher, 'public.get_status')).toEqual({ active: true });
    await expectFailure(admin.request('admin.set_system_status', { active: 'yes' as never }), 'VALIDATION_ERROR');
  });

  it('queue.register, queue.list, queue.get_status with FIFO positions and queue_update events', async () => {
    await admin.request('admin.set_system_status', { active: true });
    const first = await call(watcher, 'queue.register', { callsign: 'w1aw' });
    expect(first).toMatchObject({ message: 'Callsign registered successfully', entry: { callsign: 'W1AW', position: 1, qrz: null } });
    await call(watcher, 'queue.register', { callsign: 'KH6/K1ABC' });
    await call(watcher, 'queue.register', { callsign: '4U1UN' });

    const list = await call(watcher, 'queue.list');
    expect(list.queue.map((e: any) => [e.callsign, e.position])).toEqual([['W1AW', 1], ['KH6/K1ABC', 2], ['4U1UN', 3]]);
    expect(list).toMatchObject({ total: 3, max_size: 4, system_active: true });
    expect(await call(watcher, 'queue.get_status', { callsign: 'kh6/k1abc' })).toMatchObject({ callsign: 'KH6/K1ABC', position: 2 });

    await expectFailure(watcher.request('queue.get_status', { callsign: 'N0AX' }), 'NOT_FOUND');
    await expectFailure(watcher.request('queue.register', { callsign: 'W1AW' }), 'DUPLICATE_CALLSIGN');
    const invalid = await expectFailure(watcher.request('queue.register', { callsign: 'NOT A CALL' }), 'VALIDATION_ERROR');
    expect(invalid.message).toContain('not a valid callsign');
    await expectFailure(watcher.request('queue.register', {} as never), 'VALIDATION_ERROR');

    await call(watcher, 'queue.register', { callsign: 'G4ABC' });
    const full = await expectFailure(watcher.request('queue.register', { callsign: 'DL1ABC' }), 'QUEUE_FULL');
    expect(full.message).toContain('maximum 4');

    await settle();
    const updates = eventsNamed('queue_update');
    expect(updates.map((u) => u.total)).toEqual([0, 1, 2, 3, 4]); // the first is from going on the air
    expect(updates.at(-1).queue.map((e: any) => e.position)).toEqual([1, 2, 3, 4]);
  });

  it('admin.get_queue, admin.remove_callsign and admin.clear_queue', async () => {
    await admin.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await watcher.request('queue.register', { callsign });
    expect((await call(admin, 'admin.get_queue')).queue).toHaveLength(3);

    const removed = await call(admin, 'admin.remove_callsign', { callsign: 'k1abc' });
    expect(removed.removed).toMatchObject({ callsign: 'K1ABC', position: 2 });
    expect((await call(watcher, 'queue.get_status', { callsign: 'G4ABC' })).position).toBe(2);
    await expectFailure(admin.request('admin.remove_callsign', { callsign: 'K1ABC' }), 'NOT_FOUND');

    expect(await call(admin, 'admin.clear_queue')).toEqual({ message: 'Queue cleared successfully', cleared_count: 2 });
    expect((await call(watcher, 'queue.list')).total).toBe(0);
    await settle();
    expect(eventsNamed('queue_update').map((u) => u.total)).toEqual([0, 1, 2, 3, 2, 0]);
  });

  it('admin.next_qso and admin.complete_qso work the queue and log every QSO', async () => {
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('admin.set_frequency', { frequency: '14.205' });
    for (const callsign of ['W1AW', 'K1ABC']) await watcher.request('queue.register', { callsign });
    await settle();
    watched.length = 0;

    const first = await call(admin, 'admin.next_qso');
    expect(first).toMatchObject({ message: 'Now working W1AW', current_qso: { callsign: 'W1AW' }, completed_qso: null });
    // A station being worked cannot queue again until its QSO is over.
    await expectFailure(watcher.request('queue.register', { callsign: 'W1AW' }), 'DUPLICATE_CALLSIGN');

    const second = await call(admin, 'admin.next_qso');
    expect(second.completed_qso).toMatchObject({ callsign: 'W1AW', frequency: '14.205', completed_by: 'admin' });
    expect(second.current_qso).toMatchObject({ callsign: 'K1ABC' });

    const done = await call(admin, 'admin.complete_qso');
    expect(done).toMatchObject({ message: 'QSO with K1ABC completed and logged', completed_qso: { callsign: 'K1ABC' } });
    expect(await call(admin, 'admin.complete_qso')).toEqual({ message: 'No QSO in progress', completed_qso: null });
    expect(await call(admin, 'admin.next_qso')).toEqual({ message: 'The queue is empty', current_qso: null, completed_qso: null });

    await settle();
    expect(watched.map((m) => m.event)).toEqual([
      'current_qso', 'queue_update', // W1AW up
      'qso_complete', 'current_qso', 'queue_update', // W1AW logged, K1ABC up
      'qso_complete', 'current_qso' // K1ABC logged
    ]);
    expect(eventsNamed('current_qso').map((q) => q?.callsign ?? null)).toEqual(['W1AW', 'K1ABC', null]);
    const completions = eventsNamed('qso_complete');
    expect(completions.map((c) => c.qso.callsign)).toEqual(['W1AW', 'K1ABC']);
    expect(completions[0].queue.total).toBe(0); // K1ABC left the queue in the same step

    const status = await call(admin, 'admin.get_system_status');
    expect(status.snapshot.qsos_logged).toBe(2);
    expect(await h.server.store.countLog()).toBe(2);
  });

  it('frequency and split: set, get, delete, with events', async () => {
    expect(await call(admin, 'admin.set_frequency', { frequency: '14.205' })).toMatchObject({ frequency: '14.205' });
    expect(await call(admin, 'admin.set_split', { split: 'up 5' })).toMatchObject({ split: 'up 5' });
    expect((await call(watcher, 'public.get_frequency')).frequency).toBe('14.205');
    expect((await call(watcher, 'public.get_split')).split).toBe('up 5');
    expect(await call(admin, 'admin.delete_frequency')).toEqual({ message: 'Frequency cleared' });
    expect(await call(admin, 'admin.delete_split')).toEqual({ message: 'Split cleared' });
    expect((await call(watcher, 'public.get_frequency')).frequency).toBeNull();
    expect((await call(watcher, 'public.get_split')).split).toBeNull();
    await expectFailure(admin.request('admin.set_frequency', { frequency: '   ' }), 'VALIDATION_ERROR');
    await expectFailure(admin.request('admin.set_split', {} as never), 'VALIDATION_ERROR');
    await settle();
    expect(eventsNamed('frequency_update').map((f) => f.frequency)).toEqual(['14.205', null]);
    expect(eventsNamed('split_update').map((s) => s.split)).toEqual(['up 5', null]);
  });

  it('going off the air clears the queue and the current QSO but keeps the log', async () => {
    await admin.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await watcher.request('queue.register', { callsign });
    await admin.request('admin.next_qso');
    await admin.request('admin.next_qso'); // logs W1AW, works K1ABC
    await settle();
    watched.length = 0;

    const off = await call(admin, 'admin.set_system_status', { active: false });
    expect(off).toMatchObject({ active: false, queue_cleared: true, cleared_count: 1 });
    const snapshot = await call(watcher, 'public.get_snapshot');
    expect(snapshot).toMatchObject({ current_qso: null, qsos_logged: 1, queue: { total: 0, system_active: false } });
    await settle();
    expect(watched.map((m) => m.event)).toEqual(['system_status', 'current_qso', 'queue_update']);
  });

  it('admin.get_system_status reports state, connections and uptime', async () => {
    const status = await call(admin, 'admin.get_system_status');
    expect(status).toMatchObject({ active: false, max_queue_size: 4, connections: { total: 2, authenticated: 1 } });
    expect(status.uptime_seconds).toBeGreaterThanOrEqual(0);
  });

  it('counts a signed-in session once, however often it signs in, and stops counting it when it closes', async () => {
    const second = await h.connect();
    await second.auth(ADMIN.username, ADMIN.password);
    await second.auth(ADMIN.username, ADMIN.password);
    expect((await call(admin, 'admin.get_system_status')).connections).toEqual({ total: 3, authenticated: 2 });
    await second.close();
    await vi.waitFor(async () => expect((await call(admin, 'admin.get_system_status')).connections).toEqual({ total: 2, authenticated: 1 }));
  });
});

describe('events', () => {
  it('number every broadcast consecutively, identically for every client, with both event and event_type', async () => {
    const other = await h.connect();
    const otherSeen: EventMessage[] = [];
    other.onAnyEvent((m) => otherSeen.push(m));
    await admin.request('admin.set_system_status', { active: true });
    await watcher.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.set_frequency', { frequency: '7.074' });
    await settle();
    await other.request('system.ping');
    // on air (system_status + queue_update), a registration, a frequency (and the queue again: the band changed)
    expect(watched.map((m) => m.event)).toEqual(['system_status', 'queue_update', 'queue_update', 'frequency_update', 'queue_update']);
    expect(watched.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(otherSeen).toEqual(watched);
    for (const message of watched) expect(message.event_type).toBe(message.event);
  });

  it('a gap in sequence numbers is visible to a client that connects mid-stream', async () => {
    await admin.request('admin.set_frequency', { frequency: '7.074' });
    const late = await h.connect();
    expect(late.lastSeq).toBe(1);
    expect(late.welcome.snapshot.frequency.frequency).toBe('7.074');
    const [update] = await Promise.all([nextEvents(late, 'split_update'), admin.request('admin.set_split', { split: 'up 2' })]);
    expect(update).toHaveLength(1);
    expect(late.lastSeq).toBe(2);
  });
});
