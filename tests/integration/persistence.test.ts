/** Everything survives a restart, read back from the NeDB files on disk. */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PileupStore, SCHEMA_VERSION } from '../../src/main/server/store/pileup-store.js';
import { startPileupServer } from '../../src/main/server/pileup-server.js';
import { silentLogger } from '../../src/main/server/logger.js';
import { makeDataDir, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('restart persistence', () => {
  it('restores queue, positions, current QSO, frequency, split, status and the log', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10' });
    let admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('admin.set_frequency', { frequency: '14.205' });
    await admin.request('admin.set_split', { split: 'up 5' });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC', 'DL1ABC']) await admin.request('queue.register', { callsign });
    await admin.request('admin.next_qso'); // W1AW worked
    await admin.request('admin.next_qso'); // W1AW logged, K1ABC worked
    await admin.request('admin.remove_callsign', { callsign: 'G4ABC' });
    const before = await admin.request('public.get_snapshot');

    await h.restart();
    expect(await readdir(h.dataDir)).toEqual(expect.arrayContaining(['queue.db', 'state.db', 'qso_log.db', 'settings.db']));
    admin = await h.connectAdmin();
    const after = await admin.request('public.get_snapshot');
    const { seq: _s1, instance_id: id1, ...restBefore } = before;
    const { seq: _s2, instance_id: id2, ...restAfter } = after;
    expect(id2).not.toBe(id1); // a new instance: clients know sequence numbers restarted
    // Presence is about live connections, which a restart ends: nobody has been seen since.
    expect(before.queue.queue.map((e) => e.present)).toEqual([true]);
    expect(after.queue.queue.map((e) => [e.present, e.last_seen])).toEqual([[false, null]]);
    const withoutPresence = (snapshot: typeof restBefore) => ({
      ...snapshot,
      queue: { ...snapshot.queue, queue: snapshot.queue.queue.map(({ present: _p, last_seen: _l, ...entry }) => entry) }
    });
    expect(withoutPresence(restAfter)).toEqual(withoutPresence(restBefore));
    expect(after.queue.queue.map((e) => [e.callsign, e.position])).toEqual([['DL1ABC', 1]]);
    expect(after.current_qso?.callsign).toBe('K1ABC');
    expect(after.qsos_logged).toBe(1);

    // The pileup carries on from where it was.
    await admin.request('queue.register', { callsign: 'N0AX' });
    const next = await admin.request('admin.next_qso');
    expect(next.completed_qso?.callsign).toBe('K1ABC');
    expect(next.current_qso?.callsign).toBe('DL1ABC');
    expect((await admin.request('queue.list')).queue.map((e) => [e.callsign, e.position])).toEqual([['N0AX', 1]]);
  });

  it('files are readable only by the user and compacted at shutdown', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await admin.request('admin.set_frequency', { frequency: '7.074' });
    await admin.request('admin.set_frequency', { frequency: '7.075' });
    await h.restart();
    const state = await readFile(join(h.dataDir, 'state.db'), 'utf8');
    // Compacted: one line per live document, no superseded versions of "frequency".
    expect(state.match(/"_id":"frequency"/g)).toHaveLength(1);
    const { stat } = await import('node:fs/promises');
    expect((await stat(join(h.dataDir, 'state.db'))).mode & 0o777).toBe(0o600);
  });
});

describe('the data folder', () => {
  it.skipIf(process.platform === 'win32')('an existing folder open to others is made private (0700), with a warning', async () => {
    const dir = await makeDataDir();
    const { chmod, stat } = await import('node:fs/promises');
    await chmod(dir, 0o755);
    const warnings: string[] = [];
    const store = await PileupStore.open(dir, { warn: (message) => warnings.push(message) });
    await store.flush();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(warnings.join('\n')).toMatch(/mode 0755.*now private \(0700\)/);
  });
});

describe('an import cut short', () => {
  it('by a power cut in the middle of its write: at the next start its QSOs are taken out, the rest of the log stays, and the operator is told', async () => {
    const dir = await makeDataDir();
    const { writeFile } = await import('node:fs/promises');
    const qso = (id: string, callsign: string, importId?: string) =>
      JSON.stringify({ _id: id, id, callsign, started_at: '2026-12-01T08:00:00.000Z', completed_at: '2026-12-01T08:01:00.000Z', completed_by: 'admin', registered_at: null, frequency: null, split: null, qrz: null, ...(importId ? { import_id: importId, source: 'import' } : {}) });
    // What the disk holds when the power goes while an import's lines are being written.
    await writeFile(join(dir, 'state.db'), `${JSON.stringify({ _id: 'schema', version: SCHEMA_VERSION })}\n${JSON.stringify({ _id: 'pending_import', id: 'imp-1' })}\n`);
    await writeFile(join(dir, 'qso_log.db'), [qso('live-1', 'W1AW'), qso('adif-1', 'K1ABC', 'imp-1'), qso('adif-2', 'G4ABC', 'imp-1'), qso('adif-0', 'JA1XYZ', 'imp-0')].join('\n') + '\n');
    const warnings: string[] = [];
    const store = await PileupStore.open(dir, { warn: (message) => warnings.push(message) });
    expect((await store.allLog()).map((q) => q.callsign).sort()).toEqual(['JA1XYZ', 'W1AW']);
    expect(await store.getState('pending_import')).toBeNull();
    expect(warnings.join('\n')).toMatch(/an import was cut short .* its 2 QSOs that reached the file were taken out again/);
    await store.flush();
  });
});

describe('schema version', () => {
  it('is recorded in a new data folder', async () => {
    const dir = await makeDataDir();
    const store = await PileupStore.open(dir);
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    await store.flush();
    expect(await readFile(join(dir, 'state.db'), 'utf8')).toContain(`"_id":"schema"`);
  });

  it('refuses data written by a newer version, with a message saying so', async () => {
    const dir = await makeDataDir();
    await writeFile(join(dir, 'state.db'), `${JSON.stringify({ _id: 'schema', version: SCHEMA_VERSION + 1 })}\n`);
    await expect(PileupStore.open(dir)).rejects.toThrow(/newer version/);
  });

  it('a corrupt data file stops start-up with the file named, and the file is left as it was', async () => {
    const dir = await makeDataDir();
    const garbage = 'this is not json\n'.repeat(20);
    await writeFile(join(dir, 'queue.db'), garbage);
    await expect(startPileupServer({ dataDir: dir, env: { PORT: '0', HOST: '127.0.0.1', ADMIN_PASSWORD: 'x' }, logger: silentLogger() })).rejects.toThrow(
      /queue\.db/
    );
    expect(await readFile(join(dir, 'queue.db'), 'utf8')).toBe(garbage);
  });
});

describe('interrupted QSO moves', () => {
  it('a current QSO already in the log is cleared, and a worked station is not left waiting', async () => {
    const dir = await makeDataDir();
    const store = await PileupStore.open(dir);
    const qrz = null;
    await store.setState('system', { active: true, last_updated: null, updated_by: null } as never /* written before registration could be paused */);
    await store.addQueueEntry({ id: 'a', callsign: 'W1AW', timestamp: '2026-01-01T00:00:00.000Z', qrz, order: 1 });
    await store.addQueueEntry({ id: 'b', callsign: 'K1ABC', timestamp: '2026-01-01T00:00:01.000Z', qrz, order: 2 });
    // Crash after the current QSO was written but before its station left the queue:
    await store.setState('current_qso', { id: 'a', callsign: 'W1AW', timestamp: '2026-01-01T00:01:00.000Z', started_by: 'admin', registered_at: null, qrz });
    await store.flush();

    h = await startHarness({}, { dataDir: dir });
    const client = await h.connect();
    expect(client.welcome.snapshot.current_qso?.callsign).toBe('W1AW');
    expect(client.welcome.snapshot.queue.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
    await h.server.stop();

    // Crash after the QSO was logged but before the current QSO was cleared:
    const again = await PileupStore.open(dir);
    await again.logQso({
      id: 'b', callsign: 'K1ABC', started_at: 'x', completed_at: 'y', completed_by: 'admin', registered_at: null, frequency: null, split: null, qrz
    });
    await again.setState('current_qso', { id: 'b', callsign: 'K1ABC', timestamp: 'x', started_by: 'admin', registered_at: null, qrz });
    await again.flush();
    h = await startHarness({}, { dataDir: dir });
    const next = await h.connect();
    expect(next.welcome.snapshot.current_qso).toBeNull();
    expect(next.welcome.snapshot.qsos_logged).toBe(1);
    // Logging the same QSO twice is impossible.
    expect(await h.server.store.logQso({ id: 'b' } as never)).toBe(false);
    expect(await h.server.store.countLog()).toBe(1);
  });
});
