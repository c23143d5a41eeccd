/**
 * The operating position's rules, over real sockets against the real server and its NeDB files:
 * removal with undo, undo of the last QSO, the minimum QSO length, stations heard on the air,
 * edits to the QSO in progress, the partial check, going off the air with a QSO in progress,
 * rate and dupes, presence, and stations turned away by a full queue.
 */
import { AdifParser } from 'adif-parser-ts';
import { afterEach, describe, expect, it } from 'vitest';
import { PileupRequestError, type PileupClient } from '../../src/shared/client/pileup-client.js';
import type { EventData } from '../../src/shared/protocol/events.js';
import { OPERATIONS, type OperationName } from '../../src/shared/protocol/operations.js';
import { startFakeQrzServer, type FakeQrz } from '../helpers/fake-qrz-server.js';
import { ADMIN, nextEvents, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | undefined;
let fake: FakeQrz | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 'ok' as string, message: '', details: undefined as unknown }),
    (e: PileupRequestError) => ({ code: e.code as string, message: e.message, details: e.reply?.details })
  );

/** Checks a result against the operation table's own schema: the docs and the SDK types say the same. */
function conforms<O extends OperationName>(operation: O, result: unknown): void {
  const parsed = OPERATIONS[operation].result.safeParse(result);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
}

async function onAirWith(admin: PileupClient, calls: string[]): Promise<void> {
  await admin.request('admin.set_system_status', { active: true });
  await admin.request('admin.set_frequency', { frequency: '14.195', mode: 'USB' });
  for (const callsign of calls) await admin.request('queue.register', { callsign });
}

const queueOf = async (client: PileupClient) => (await client.request('queue.list')).queue.map((e) => e.callsign);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('removing a station, and undoing it', () => {
  it('puts the station back in its old place for every client, with its own registration', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '4' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const station = await h.connect();
    await admin.request('queue.register', { callsign: 'W1AW' });
    const { leave_token } = await station.request('queue.register', { callsign: 'DL1DDD' });
    await admin.request('queue.register', { callsign: 'ZL1CCC' });
    const watcher = await h.connect();

    const removed = await admin.request('admin.remove_callsign', { callsign: 'DL1DDD' });
    expect(removed.removed.position).toBe(2);
    // Meanwhile the head is worked and a newcomer fills the freed place: the queue is full again.
    await admin.request('admin.next_qso');
    await admin.request('queue.register', { callsign: 'JA1AAA' });
    await admin.request('queue.register', { callsign: 'VK2BBB' });
    await admin.request('queue.register', { callsign: 'G4EEE' });
    expect(await queueOf(admin)).toEqual(['ZL1CCC', 'JA1AAA', 'VK2BBB', 'G4EEE']);

    const seen = nextEvents<EventData<'queue_update'>>(watcher, 'queue_update');
    const restored = await admin.request('admin.restore_callsign', { callsign: 'dl1ddd' });
    conforms('admin.restore_callsign', restored);
    // Ahead of everyone who joined after it; over the limit, because it had its place.
    expect(restored.restored.position).toBe(1);
    expect((await seen)[0]!.queue.map((e) => e.callsign)).toEqual(['DL1DDD', 'ZL1CCC', 'JA1AAA', 'VK2BBB', 'G4EEE']);
    expect(restored.message).toBe('DL1DDD is back in the queue at #1');

    // An undo happens once; a station never removed has nothing to undo.
    expect((await failure(admin.request('admin.restore_callsign', { callsign: 'DL1DDD' }))).code).toBe('DUPLICATE_CALLSIGN');
    expect((await failure(admin.request('admin.restore_callsign', { callsign: 'K9XYZ' }))).code).toBe('NOT_FOUND');

    // The restored place is on disk, and the station's own client can still leave with its token.
    await h.restart();
    const again = await h.connect();
    expect((await queueOf(again))[0]).toBe('DL1DDD');
    await again.request('queue.leave', { callsign: 'DL1DDD', token: leave_token });
    expect(await queueOf(again)).toEqual(['ZL1CCC', 'JA1AAA', 'VK2BBB', 'G4EEE']);
  });

  it('keeps the old order between stations still waiting', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['AA1A', 'BB2B', 'CC3C', 'DD4D']);
    await admin.request('admin.remove_callsign', { callsign: 'CC3C' });
    await admin.request('queue.register', { callsign: 'EE5E' });
    await admin.request('admin.restore_callsign', { callsign: 'CC3C' });
    expect(await queueOf(admin)).toEqual(['AA1A', 'BB2B', 'CC3C', 'DD4D', 'EE5E']);
  });
});

describe('admin.undo_last_qso', () => {
  it('takes the last QSO out of the log and puts its station in QSO again, as it was typed', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW', 'K1ABC']);
    const { current_qso } = await admin.request('admin.next_qso');
    await admin.request('admin.update_current_qso', { id: current_qso!.id, rst_rcvd: '57', notes: 'QSB', exchange: '14' });
    const logged = (await admin.request('admin.complete_qso')).completed_qso!;
    expect(logged).toMatchObject({ callsign: 'W1AW', rst_sent: '59', rst_rcvd: '57', notes: 'QSB', exchange: '14' });

    const watcher = await h.connect();
    const events: string[] = [];
    watcher.onAnyEvent((message) => events.push(message.event));
    const undone = await admin.request('admin.undo_last_qso', { id: logged.id });
    conforms('admin.undo_last_qso', undone);
    expect(undone.current_qso).toMatchObject({ id: logged.id, callsign: 'W1AW', timestamp: logged.started_at, rst_rcvd: '57', rst_sent: null, notes: 'QSB', exchange: '14' });
    expect(undone.requeued).toBeNull();
    await expect.poll(() => events).toEqual(['log_update', 'current_qso']);
    const snapshot = await watcher.request('public.get_snapshot');
    expect(snapshot.qsos_logged).toBe(0);
    expect(snapshot.current_qso?.callsign).toBe('W1AW');
    expect((await admin.request('admin.export_log', { format: 'adif' })).count).toBe(0);

    // Logged again, it keeps its start and what was typed; the end is the new one.
    const again = (await admin.request('admin.complete_qso')).completed_qso!;
    expect(again).toMatchObject({ id: logged.id, started_at: logged.started_at, rst_rcvd: '57', notes: 'QSB', exchange: '14' });
    expect(again.completed_at >= logged.completed_at).toBe(true);
    expect((await admin.request('admin.get_log', {})).total).toBe(1);
  });

  it('sends the station to the head of the queue when another QSO is in progress', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW', 'K1ABC', 'G4ABC']);
    await admin.request('admin.next_qso'); // W1AW
    await admin.request('admin.next_qso'); // logs W1AW, works K1ABC
    const undone = await admin.request('admin.undo_last_qso', {});
    expect(undone.undone.callsign).toBe('W1AW');
    expect(undone.current_qso).toBeNull();
    expect(undone.requeued).toMatchObject({ callsign: 'W1AW', position: 1 });
    expect(await queueOf(admin)).toEqual(['W1AW', 'G4ABC']);
    expect((await admin.request('public.get_snapshot')).current_qso?.callsign).toBe('K1ABC');
    expect((await admin.request('admin.get_log', {})).total).toBe(0);
  });

  it('undoes only the QSO the operator means, and only while it is the most recent', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    expect((await failure(admin.request('admin.undo_last_qso', {}))).code).toBe('NOT_FOUND');
    await onAirWith(admin, ['W1AW', 'K1ABC']);
    const first = (await admin.request('admin.next_qso')).current_qso!;
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso');
    // W1AW is no longer the most recent: a second console's stale undo changes nothing.
    const stale = await failure(admin.request('admin.undo_last_qso', { id: first.id }));
    expect(stale.code).toBe('NOT_FOUND');
    expect(stale.message).toContain('K1ABC');
    expect((await admin.request('admin.get_log', {})).total).toBe(2);
  });
});

describe('the minimum QSO length (check_duration)', () => {
  it('refuses to log a QSO shorter than the minimum and changes nothing; without the check it logs', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '2' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW', 'K1ABC']);
    await admin.request('admin.next_qso', { check_duration: true }); // nothing in progress: nothing to check
    const refused = await failure(admin.request('admin.next_qso', { check_duration: true }));
    expect(refused.code).toBe('QSO_TOO_SHORT');
    expect(refused.message).toMatch(/^The QSO with W1AW has run \d\.\d s \(the minimum is 2 s\); nothing was logged$/);
    expect(refused.details).toMatchObject({ callsign: 'W1AW', min_seconds: 2 });
    expect((await failure(admin.request('admin.complete_qso', { check_duration: true }))).code).toBe('QSO_TOO_SHORT');
    expect((await failure(admin.request('admin.work_callsign', { callsign: 'K1ABC', check_duration: true }))).code).toBe('QSO_TOO_SHORT');
    let snapshot = await admin.request('public.get_snapshot');
    expect([snapshot.current_qso?.callsign, snapshot.qsos_logged, snapshot.queue.total]).toEqual(['W1AW', 0, 1]);

    await sleep(2100);
    expect((await admin.request('admin.next_qso', { check_duration: true })).completed_qso?.callsign).toBe('W1AW');
    // The operator confirmed: without the check it is logged at once (the seed's behaviour).
    expect((await admin.request('admin.complete_qso')).completed_qso?.callsign).toBe('K1ABC');
    snapshot = await admin.request('public.get_snapshot');
    expect(snapshot.qsos_logged).toBe(2);
  });

  it('is off with MIN_QSO_SECONDS=0', async () => {
    h = await startHarness({ MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW']);
    await admin.request('admin.next_qso');
    expect((await admin.request('admin.complete_qso', { check_duration: true })).completed_qso?.callsign).toBe('W1AW');
  });
});

describe('admin.work_heard: logging a station heard on the air', () => {
  it('works a caller that never registered, with country, path and QRZ details, and logs it like any other', async () => {
    fake = await startFakeQrzServer({ stations: [{ call: 'JA1XYZ', fname: 'Hiroshi', name: 'Tanaka', addr2: 'Tokyo', country: 'Japan', grid: 'PM95tq' }] });
    h = await startHarness({ MIN_QSO_SECONDS: '0', MY_GRID: 'FK88LF', QRZ_USERNAME: fake.username, QRZ_PASSWORD: fake.password, QRZ_BASE_URL: fake.baseUrl });
    const admin = await h.connectAdmin();
    await onAirWith(admin, []);
    const watcher = await h.connect();
    const updates: Array<EventData<'current_qso'>> = [];
    watcher.on('current_qso', (qso) => updates.push(qso));

    const result = await admin.request('admin.work_heard', { callsign: 'ja1xyz' });
    conforms('admin.work_heard', result);
    expect(result.from_queue).toBe(false);
    expect(result.message).toBe('Now working JA1XYZ, heard on the air');
    expect(result.current_qso).toMatchObject({ callsign: 'JA1XYZ', source: 'air', registered_at: null, country: { entity: 'Japan', dxcc: 339 } });
    expect(result.current_qso.distance_km).toBeGreaterThan(10_000);
    // The QRZ answer arrives afterwards and fills in the QSO in progress for every client.
    await expect.poll(() => updates.at(-1)?.qrz?.name).toBe('Hiroshi Tanaka');
    expect(updates.at(-1)?.qrz?.grid).toBe('PM95tq');

    const logged = (await admin.request('admin.complete_qso')).completed_qso!;
    expect(logged).toMatchObject({ callsign: 'JA1XYZ', source: 'air', registered_at: null, name: 'Hiroshi Tanaka', grid: 'PM95tq', country: 'Japan', dxcc: 339, band: '20m', mode: 'SSB', rst_sent: '59' });
  });

  it('takes the station from the queue when it is waiting there, and refuses the one already in QSO', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW', 'K1ABC']);
    const result = await admin.request('admin.work_heard', { callsign: 'K1ABC' });
    expect(result).toMatchObject({ from_queue: true, current_qso: { callsign: 'K1ABC', source: 'queue' }, completed_qso: null });
    expect(await queueOf(admin)).toEqual(['W1AW']);
    expect((await failure(admin.request('admin.work_heard', { callsign: 'K1ABC' }))).code).toBe('DUPLICATE_CALLSIGN');
    expect((await failure(admin.request('admin.work_heard', { callsign: 'not a call' }))).code).toBe('VALIDATION_ERROR');
    // The next heard station logs the QSO in progress first.
    const next = await admin.request('admin.work_heard', { callsign: 'VP2E/K1ABC' });
    expect(next.completed_qso?.callsign).toBe('K1ABC');
    expect(next.current_qso.country?.entity).toBe('Anguilla');
  });

  it('drops a heard station on cancel instead of putting it into the queue', async () => {
    h = await startHarness({ MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, []);
    await admin.request('admin.work_heard', { callsign: 'G4XYZ' });
    const cancelled = await admin.request('admin.cancel_qso', { requeue: true });
    expect(cancelled).toMatchObject({ cancelled: { callsign: 'G4XYZ' }, requeued: null });
    expect(await queueOf(admin)).toEqual([]);
  });
});

describe('admin.update_current_qso: what the operator types during the QSO', () => {
  it('is seen by every console and lands in the log and the ADIF', async () => {
    h = await startHarness({ MIN_QSO_SECONDS: '0', STATION_CALLSIGN: 'VP2EPB' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['DL1ABC']);
    await admin.request('admin.set_mode', { mode: 'CW' });
    const { current_qso } = await admin.request('admin.next_qso');
    const other = await h.connectAdmin();
    const seen = nextEvents<EventData<'current_qso'>>(other, 'current_qso');
    const updated = await admin.request('admin.update_current_qso', { id: current_qso!.id, rst_sent: '579', rst_rcvd: '559n', name: 'Klaus', notes: 'QRP, 5 W', exchange: '14' });
    conforms('admin.update_current_qso', updated);
    expect((await seen)[0]).toMatchObject({ callsign: 'DL1ABC', rst_sent: '579', rst_rcvd: '559N', name: 'Klaus', notes: 'QRP, 5 W', exchange: '14' });

    // Fields left out keep their value.
    await admin.request('admin.update_current_qso', { id: current_qso!.id, notes: 'QRP, 5 W, dipole' });
    await admin.request('admin.complete_qso');
    const adif = AdifParser.parseAdi((await admin.request('admin.export_log', { format: 'adif' })).content);
    expect(adif.records).toHaveLength(1);
    expect(adif.records![0]).toMatchObject({ call: 'DL1ABC', mode: 'CW', rst_sent: '579', rst_rcvd: '559N', name: 'Klaus', comment: 'QRP, 5 W, dipole', srx_string: '14', station_callsign: 'VP2EPB' });
  });

  it('accepts a digital report, refuses a malformed one, and never edits another QSO', async () => {
    h = await startHarness({ MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW']);
    await admin.request('admin.set_mode', { mode: 'FT8' });
    const { current_qso } = await admin.request('admin.next_qso');
    expect((await admin.request('admin.update_current_qso', { id: current_qso!.id, rst_sent: '-12', rst_rcvd: '+05' })).current_qso).toMatchObject({ rst_sent: '-12', rst_rcvd: '+05' });
    const bad = await failure(admin.request('admin.update_current_qso', { id: current_qso!.id, rst_sent: '5 9' }));
    expect(bad).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(bad.message).toContain('rst_sent');
    await admin.request('admin.complete_qso');
    // The QSO is over: an edit that arrives late is refused, not applied to whatever is next.
    expect((await failure(admin.request('admin.update_current_qso', { id: current_qso!.id, notes: 'late' }))).code).toBe('NOT_FOUND');
    expect((await admin.request('admin.get_log', {})).qsos[0]).toMatchObject({ rst_sent: '-12', rst_rcvd: '+05', notes: '' });
  });
});

describe('admin.check_call: the partial check', () => {
  it('finds the text in the queue and the log, and marks dupes on the band and mode in use', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['DL1ABC', 'DL2XYZ']);
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso'); // DL1ABC logged on 20m SSB
    await admin.request('queue.register', { callsign: 'DL1ABD' });
    let check = await admin.request('admin.check_call', { partial: 'dl1' });
    conforms('admin.check_call', check);
    expect(check.queue).toEqual([{ callsign: 'DL1ABD', position: 2 }]);
    expect(check.worked).toEqual([{ callsign: 'DL1ABC', qsos: 1, last_worked_at: expect.any(String), worked_on: [{ band: '20m', mode: 'SSB' }], dupe: true }]);
    // Another band: worked before, but not a dupe here.
    await admin.request('admin.set_frequency', { frequency: '7.150' });
    check = await admin.request('admin.check_call', { partial: 'ABC' });
    expect(check.worked[0]).toMatchObject({ callsign: 'DL1ABC', dupe: false });
    expect((await failure(admin.request('admin.check_call', { partial: 'DL 1' }))).code).toBe('VALIDATION_ERROR');
  });
});

describe('going off the air with a QSO in progress', () => {
  it('logs it first when asked (log_current), then clears the queue', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW', 'K1ABC']);
    await admin.request('admin.next_qso');
    const result = await admin.request('admin.set_system_status', { active: false, log_current: true });
    conforms('admin.set_system_status', result);
    expect(result).toMatchObject({ active: false, cleared_count: 1, logged_qso: { callsign: 'W1AW' } });
    expect(result.message).toContain('the QSO with W1AW was logged first');
    const snapshot = await admin.request('public.get_snapshot');
    expect([snapshot.qsos_logged, snapshot.current_qso, snapshot.queue.total]).toEqual([1, null, 0]);
  });

  it('drops it without log_current, as the seed protocol says', async () => {
    h = await startHarness({ MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW']);
    await admin.request('admin.next_qso');
    await admin.request('admin.set_system_status', { active: false });
    expect((await admin.request('public.get_snapshot')).qsos_logged).toBe(0);
  });
});

describe('rate, totals and dupes in admin.get_log', () => {
  it('gives the rate over the last QSOs, totals by band and mode, and marks dupes', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10', MIN_QSO_SECONDS: '0' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, []);
    for (const callsign of ['W1AW', 'K1ABC', 'W1AW']) {
      await admin.request('admin.work_heard', { callsign });
      await sleep(150);
    }
    await admin.request('admin.complete_qso');
    await admin.request('admin.set_frequency', { frequency: '7.030', mode: 'CW' });
    await admin.request('admin.work_heard', { callsign: 'W1AW' });
    await admin.request('admin.complete_qso');
    const page = await admin.request('admin.get_log', {});
    conforms('admin.get_log', page);
    expect(page.qsos.map((q) => [q.callsign, q.band, q.mode, q.dupe])).toEqual([
      ['W1AW', '40m', 'CW', false],
      ['W1AW', '20m', 'SSB', true],
      ['K1ABC', '20m', 'SSB', false],
      ['W1AW', '20m', 'SSB', false]
    ]);
    expect(page.stats.by_band_mode).toEqual([
      { band: '20m', mode: 'SSB', count: 3 },
      { band: '40m', mode: 'CW', count: 1 }
    ]);
    expect(page.stats.dupes).toBe(1);
    expect(page.stats.last_hour).toBe(4);
    // Four QSOs within a second or so: thousands an hour, not the count.
    expect(page.stats.rate_last_10).toBeGreaterThan(1000);
  });
});

describe('presence of queued stations', () => {
  it('shows whether the client that registered is connected, and when it was last seen', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const station = await h.connect();
    const { leave_token } = await station.request('queue.register', { callsign: 'W1AW' });
    let entry = (await admin.request('queue.list')).queue[0]!;
    expect([entry.present, entry.last_seen]).toEqual([true, null]);

    const gone = nextEvents<EventData<'queue_update'>>(admin, 'queue_update');
    await station.close();
    entry = (await gone)[0]!.queue[0]!;
    expect(entry.present).toBe(false);
    expect(Date.now() - Date.parse(entry.last_seen!)).toBeLessThan(5000);

    // The station page reconnects and says it is still here, with its token.
    const back = await h.connect();
    expect((await failure(back.request('queue.here', { callsign: 'W1AW', token: 'not-the-token' }))).code).toBe('UNAUTHORIZED');
    const here = await back.request('queue.here', { callsign: 'W1AW', token: leave_token });
    conforms('queue.here', here);
    expect(here.entry.present).toBe(true);
  });

  it('a station banned while queued learns why from queue.here; BANNED and COOLDOWN carry their facts in details', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const station = await h.connect();
    const { leave_token } = await station.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.ban_callsign', { callsign: 'W1AW', reason: 'Calling over the DX' });
    const banned = await failure(station.request('queue.here', { callsign: 'W1AW', token: leave_token }));
    expect(banned.code).toBe('BANNED');
    expect(banned.details).toMatchObject({ callsign: 'W1AW', reason: 'Calling over the DX' });
    expect((await failure(station.request('queue.register', { callsign: 'W1AW' }))).details).toMatchObject({ reason: 'Calling over the DX' });
    // Removed without a ban: still NOT_FOUND.
    const other = await station.request('queue.register', { callsign: 'K1ABC' });
    await admin.request('admin.remove_callsign', { callsign: 'K1ABC' });
    expect((await failure(station.request('queue.here', { callsign: 'K1ABC', token: other.leave_token }))).code).toBe('NOT_FOUND');

    await admin.request('admin.update_settings', { cooldown_minutes: 30 });
    await station.request('queue.register', { callsign: 'G4ABC' });
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso');
    const cooldown = await failure(station.request('queue.register', { callsign: 'G4ABC' }));
    expect(cooldown.code).toBe('COOLDOWN');
    expect(cooldown.details).toMatchObject({ callsign: 'G4ABC', minutes: 30 });
    expect(typeof (cooldown.details as Record<string, unknown>).worked_at).toBe('string');
  });

  it('drops stations gone longer than the setting (off by default), and the drop can be undone', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const away = await h.connect();
    await away.request('queue.register', { callsign: 'W1AW' });
    await (await h.connect()).request('queue.register', { callsign: 'K1ABC' });
    await away.close();
    await expect.poll(async () => (await admin.request('queue.list')).queue[0]?.present).toBe(false);

    const inTenMinutes = Date.now() + 10 * 60_000;
    expect(await h.server.pileup.dropAbsentStations(inTenMinutes)).toEqual([]); // the setting is off
    await admin.request('admin.update_settings', { drop_absent_minutes: 5 });
    expect((await h.server.pileup.dropAbsentStations(Date.now() + 60_000)).map((e) => e.callsign)).toEqual([]);
    expect((await h.server.pileup.dropAbsentStations(inTenMinutes)).map((e) => e.callsign)).toEqual(['W1AW']);
    expect(await queueOf(admin)).toEqual(['K1ABC']);
    await admin.request('admin.restore_callsign', { callsign: 'W1AW' });
    expect(await queueOf(admin)).toEqual(['W1AW', 'K1ABC']);
  });
});

describe('stations turned away by a full queue', () => {
  it('are counted for the operator', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '1' });
    const admin = await h.connectAdmin();
    await onAirWith(admin, ['W1AW']);
    expect((await admin.request('admin.get_system_status')).turned_away).toEqual({ last_minute: 0, last_at: null });
    const station = await h.connect();
    expect((await failure(station.request('queue.register', { callsign: 'K1ABC' }))).code).toBe('QUEUE_FULL');
    expect((await failure(station.request('queue.register', { callsign: 'G4ABC' }))).code).toBe('QUEUE_FULL');
    const status = await admin.request('admin.get_system_status');
    expect(status.turned_away.last_minute).toBe(2);
    expect(status.turned_away.last_at).not.toBeNull();
  });
});

describe('settings for the operating position', () => {
  it('stores the minimum QSO length and the absence limit, with their ranges', async () => {
    h = await startHarness({}, { env: { ADMIN_PASSWORD: ADMIN.password, HOST: '127.0.0.1', PORT: '0', STATUS_PORT: '0', DISCOVERY: 'off' } });
    const admin = await h.connectAdmin();
    expect((await admin.request('admin.get_settings')).values).toMatchObject({ min_qso_seconds: 2, drop_absent_minutes: 0 });
    await admin.request('admin.update_settings', { min_qso_seconds: 5, drop_absent_minutes: 10 });
    expect((await failure(admin.request('admin.update_settings', { min_qso_seconds: 601 }))).code).toBe('VALIDATION_ERROR');
    await h.restart();
    const again = await h.connectAdmin();
    expect((await again.request('admin.get_settings')).values).toMatchObject({ min_qso_seconds: 5, drop_absent_minutes: 10 });
  });
});
