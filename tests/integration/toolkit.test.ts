/** The operator's toolkit over the protocol: cancel, pause, bans, cooldown. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PileupClient } from '../../src/shared/client/pileup-client.js';
import { PileupRequestError } from '../../src/shared/client/pileup-client.js';
import { rawSocket, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { applyEventToSnapshot } from '../../src/shared/client/index.js';

let h: Harness;
let admin: PileupClient;
let station: PileupClient;

beforeEach(async () => {
  h = await startHarness({ MAX_QUEUE_SIZE: '10' });
  admin = await h.connectAdmin();
  station = await h.connect();
  await admin.request('admin.set_system_status', { active: true });
});
afterEach(async () => {
  await h.close();
});

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: PileupRequestError) => e.code);
const queue = async () => (await station.request('queue.list')).queue.map((e) => e.callsign);

describe('operator toolkit', () => {
  it('cancel puts the station back at the head of the queue, or drops it, and logs nothing', async () => {
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await station.request('queue.register', { callsign });
    await admin.request('admin.next_qso');
    const back = await admin.request('admin.cancel_qso', { requeue: true });
    expect(back).toMatchObject({ cancelled: { callsign: 'W1AW' }, requeued: { callsign: 'W1AW', position: 1 } });
    expect(await queue()).toEqual(['W1AW', 'K1ABC', 'G4ABC']);
    await admin.request('admin.next_qso');
    const dropped = await admin.request('admin.cancel_qso', { requeue: false });
    expect(dropped).toMatchObject({ cancelled: { callsign: 'W1AW' }, requeued: null });
    expect(await queue()).toEqual(['K1ABC', 'G4ABC']);
    expect((await admin.request('public.get_snapshot')).qsos_logged).toBe(0);
    expect(await admin.request('admin.cancel_qso')).toMatchObject({ message: 'No QSO in progress', cancelled: null });
    // The requeued order survives a restart.
    await admin.request('admin.next_qso');
    await admin.request('admin.cancel_qso');
    await h.restart();
    const after = await h.connect();
    expect((await after.request('queue.list')).queue.map((e) => e.callsign)).toEqual(['K1ABC', 'G4ABC']);
  });

  it('pausing registration keeps the queue and refuses new stations with REGISTRATION_PAUSED', async () => {
    await station.request('queue.register', { callsign: 'W1AW' });
    const events: boolean[] = [];
    station.on('system_status', (s) => events.push(s.registration_paused));
    expect(await admin.request('admin.set_registration_paused', { paused: true })).toMatchObject({ active: true, registration_paused: true });
    expect(await codeOf(station.request('queue.register', { callsign: 'K1ABC' }))).toBe('REGISTRATION_PAUSED');
    expect(await queue()).toEqual(['W1AW']);
    await admin.request('admin.next_qso'); // the operator keeps working the queue
    await admin.request('admin.set_registration_paused', { paused: false });
    expect(await codeOf(station.request('queue.register', { callsign: 'K1ABC' }))).toBe('ok');
    await station.request('system.ping');
    expect(events).toEqual([true, false]);
    expect((await station.request('public.get_snapshot')).system.registration_paused).toBe(false);
  });

  it('a banned callsign leaves the queue and gets BANNED with the reason; unban lifts it', async () => {
    await station.request('queue.register', { callsign: 'W1AW' });
    const banned = await admin.request('admin.ban_callsign', { callsign: 'w1aw', reason: 'jamming' });
    expect(banned).toMatchObject({ ban: { callsign: 'W1AW', reason: 'jamming', banned_by: 'admin' }, removed: { callsign: 'W1AW' } });
    expect(await queue()).toEqual([]);
    const error = await station.request('queue.register', { callsign: 'W1AW' }).catch((e: PileupRequestError) => e);
    expect(error).toMatchObject({ code: 'BANNED', message: 'W1AW may not register here: jamming' });
    expect((await admin.request('admin.list_bans')).bans.map((b) => b.callsign)).toEqual(['W1AW']);
    await h.restart();
    const admin2 = await h.connectAdmin();
    expect((await admin2.request('admin.list_bans')).bans).toHaveLength(1);
    await admin2.request('admin.unban_callsign', { callsign: 'W1AW' });
    expect(await codeOf(admin2.request('queue.register', { callsign: 'W1AW' }))).toBe('ok');
    expect(await codeOf(admin2.request('admin.unban_callsign', { callsign: 'W1AW' }))).toBe('NOT_FOUND');
  });

  it('the cooldown keeps a worked station from registering again too soon', async () => {
    await admin.request('admin.update_settings', { cooldown_minutes: 30 });
    await station.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.next_qso');
    // Being worked is its own refusal; after the QSO the cooldown applies.
    await admin.request('admin.complete_qso');
    const error = await station.request('queue.register', { callsign: 'W1AW' }).catch((e: PileupRequestError) => e);
    expect(error).toMatchObject({ code: 'COOLDOWN', message: expect.stringMatching(/may register again in 30 min$/) });
    expect(await codeOf(station.request('queue.register', { callsign: 'K1ABC' }))).toBe('ok');
    // It is remembered across a restart, and switching it off lets the station back in.
    await h.restart();
    const again = await h.connectAdmin();
    expect(await codeOf(again.request('queue.register', { callsign: 'W1AW' }))).toBe('COOLDOWN');
    await again.request('admin.update_settings', { cooldown_minutes: 0 });
    expect(await codeOf(again.request('queue.register', { callsign: 'W1AW' }))).toBe('ok');
  });

  it('the log can be searched, corrected (RST, notes), and a deleted QSO restored', async () => {
    await admin.request('admin.set_frequency', { frequency: '14205', mode: 'USB' });
    for (const callsign of ['W1AW', 'DL1ABC', 'G4ABC']) await station.request('queue.register', { callsign });
    for (let i = 0; i < 4; i++) await admin.request('admin.next_qso');
    const found = await admin.request('admin.get_log', { search: 'dl1' });
    expect(found.qsos.map((q) => q.callsign)).toEqual(['DL1ABC']);
    expect(found.qsos[0]).toMatchObject({ band: '20m', mode: 'SSB', submode: 'USB', rst_sent: '59', rst_rcvd: '59' });
    const id = found.qsos[0]!.id;
    const updated = await admin.request('admin.update_qso', { id, rst_rcvd: '57', notes: 'weak, QSB' });
    expect(updated.qso).toMatchObject({ rst_sent: '59', rst_rcvd: '57', notes: 'weak, QSB' });
    expect(await codeOf(admin.request('admin.update_qso', { id, rst_sent: '99x9' }))).toBe('VALIDATION_ERROR');
    expect((await admin.request('admin.get_log', { search: 'qsb' })).qsos).toHaveLength(1);

    const { deleted } = await admin.request('admin.delete_qso', { id });
    expect((await admin.request('admin.get_log', {})).total).toBe(2);
    await admin.request('admin.restore_qso', { qso: deleted });
    const back = await admin.request('admin.get_log', {});
    expect(back.total).toBe(3);
    expect(back.qsos.find((q) => q.id === id)).toMatchObject({ callsign: 'DL1ABC', rst_rcvd: '57', notes: 'weak, QSB' });
    expect(await codeOf(admin.request('admin.delete_qso', { id: 'nope' }))).toBe('NOT_FOUND');
  });

  it('corrections, deletions and undos reach every client as numbered log_update events without the QSO\'s details', async () => {
    await admin.request('admin.set_frequency', { frequency: '14205', mode: 'USB' });
    await station.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.next_qso');
    const { completed_qso: qso } = await admin.request('admin.complete_qso');
    const otherConsole = await h.connectAdmin();
    const watcher = await rawSocket(h.url);
    const welcome = await watcher.next();
    let state = welcome.data.snapshot;

    await otherConsole.request('admin.update_qso', { id: qso!.id, notes: 'private remark' });
    await otherConsole.request('admin.delete_qso', { id: qso!.id });
    await otherConsole.request('admin.restore_qso', { qso: { ...qso!, notes: 'private remark' } });
    const events = [await watcher.next(), await watcher.next(), await watcher.next()];
    expect(events.map((e) => e.seq)).toEqual([welcome.seq + 1, welcome.seq + 2, welcome.seq + 3]);
    expect(events.map((e) => [e.event, e.data.action, e.data.id, e.data.qsos_logged])).toEqual([
      ['log_update', 'updated', qso!.id, 1],
      ['log_update', 'deleted', qso!.id, 0],
      ['log_update', 'restored', qso!.id, 1]
    ]);
    // Stations see that the log changed, never what an operator wrote in it.
    expect(JSON.stringify(events)).not.toContain('private remark');
    // A client keeping state from events follows the QSO count.
    state = applyEventToSnapshot(state, events[1]);
    expect(state.qsos_logged).toBe(0);
    state = applyEventToSnapshot(state, events[2]);
    expect(state).toEqual({ ...(await station.request('public.get_snapshot')), seq: state.seq });
    watcher.socket.close();
  });

  it('marks stations already worked on this band and mode', async () => {
    await admin.request('admin.set_frequency', { frequency: '7.074', mode: 'FT8' });
    await station.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso');
    await station.request('queue.register', { callsign: 'W1AW' });
    await station.request('queue.register', { callsign: 'K1ABC' });
    let entries = (await station.request('queue.list')).queue;
    expect(entries.map((e) => [e.callsign, e.worked_before])).toEqual([['W1AW', true], ['K1ABC', false]]);
    await admin.request('admin.set_frequency', { frequency: '14.074' });
    entries = (await station.request('queue.list')).queue;
    expect(entries[0]?.worked_before).toBe(false); // a new band
  });
});
