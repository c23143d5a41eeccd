/**
 * Exports for uploads: by a range of UTC dates, and "since the last export", so the operator can
 * feed LoTW or Club Log from their usual tools a piece at a time without gaps or repeats.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AdifParser } from 'adif-parser-ts';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';
import type { PileupClient } from '../../src/shared/client/pileup-client.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A QSO in the log on a given day (restored, as an import or an undo would put it back). */
async function logOn(admin: PileupClient, callsign: string, startedAt: string): Promise<void> {
  const completed = new Date(Date.parse(startedAt) + 60_000).toISOString();
  await admin.request('admin.restore_qso', {
    qso: { id: `${callsign}-${startedAt}`, callsign, started_at: startedAt, completed_at: completed, completed_by: 'admin', registered_at: null, frequency: '14.195', split: null, qrz: null, frequency_hz: 14_195_000, band: '20m', mode: 'SSB' }
  });
}

const calls = (content: string) => AdifParser.parseAdi(content).records!.map((r) => r.call);

describe('log export for uploads', () => {
  it('exports a range of UTC dates (by QSO start, both days included)', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await logOn(admin, 'W1AW', '2026-11-30T23:59:00.000Z');
    await logOn(admin, 'K1ABC', '2026-12-01T00:00:00.000Z');
    await logOn(admin, 'G4ABC', '2026-12-01T23:59:59.000Z');
    await logOn(admin, 'JA1XYZ', '2026-12-02T00:00:01.000Z');
    const day = await admin.request('admin.export_log', { format: 'adif', from: '2026-12-01', to: '2026-12-01' });
    expect(day.count).toBe(2);
    expect(calls(day.content)).toEqual(['K1ABC', 'G4ABC']);
    expect(day.filename).toMatch(/2026-12-01/);
    // Over HTTP, as a download: the same QSOs.
    const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
    const response = await fetch(`http://127.0.0.1:${h.server.port}/api/admin/log/export?format=adif&from=2026-12-01&to=2026-12-01`, { headers: { Authorization: basic } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('pileup-log-2026-12-01-to-2026-12-01.adi');
    expect(calls(await response.text())).toEqual(['K1ABC', 'G4ABC']);
    const csv = await admin.request('admin.export_log', { format: 'csv', from: '2026-12-01' });
    expect(csv.count).toBe(3);
    await expect(admin.request('admin.export_log', { format: 'adif', from: '2026-12-02', to: '2026-12-01' })).rejects.toThrow(/from .* is after to/);
    await expect(admin.request('admin.export_log', { format: 'adif', from: '1.12.2026' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('since the last export: only what was logged after it, and the mark survives a restart', async () => {
    h = await startHarness();
    let admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const work = async (callsign: string) => {
      await admin.request('queue.register', { callsign });
      await admin.request('admin.next_qso');
      await admin.request('admin.complete_qso');
    };
    const first = await admin.request('admin.export_log', { format: 'adif', since_last_export: true });
    expect(first.count).toBe(0);
    expect(first.since).toBeNull();
    await work('W1AW');
    await work('K1ABC');
    const second = await admin.request('admin.export_log', { format: 'adif', since_last_export: true });
    expect(calls(second.content)).toEqual(['W1AW', 'K1ABC']);
    expect(second.since).toBe(first.exported_at);
    await work('G4ABC');
    await h.restart();
    admin = await h.connectAdmin();
    const third = await admin.request('admin.export_log', { format: 'adif', since_last_export: true });
    expect(calls(third.content)).toEqual(['G4ABC']);
    // A date range looks back without moving the mark; a whole-log export moves it.
    await admin.request('admin.export_log', { format: 'adif', from: '2000-01-01', to: '2000-01-02' });
    const fourth = await admin.request('admin.export_log', { format: 'adif', since_last_export: true });
    expect(fourth.count).toBe(0);
    expect(fourth.since).toBe(third.exported_at);
    // The console shows when the last export was.
    expect((await admin.request('admin.get_log')).last_export_at).toBe(fourth.exported_at);
  });
});
