/**
 * Importing an existing ADIF log so dupes and worked-before know about it: a generated
 * 100,000-QSO file streamed over HTTP, the same file again, a malformed file, the protocol's
 * pieces with their progress, and the UDP log feed staying quiet about imported QSOs.
 */
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { generatedLog } from '../helpers/generated-adif.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
async function upload(port: number, body: string, filename = 'log.adi'): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/admin/log/import?filename=${filename}`, { method: 'POST', headers: { Authorization: basic, 'Content-Type': 'text/plain' }, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('ADIF import', () => {
  it('a 100,000-QSO file over HTTP: imported, skipped records named by line, worked-before and dupes know of it; the same file again adds nothing', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '20' });
    const admin = await h.connectAdmin();
    const { text, lineOf } = generatedLog(100_000, new Map([[17, 'call'], [54_321, 'date']]));
    expect(text.length).toBeGreaterThan(10_000_000);
    const started = performance.now();
    const first = await upload(h.server.port, text);
    const seconds = (performance.now() - started) / 1000;
    console.log(`imported ${text.length.toLocaleString('en-US')} characters, 100,000 records, in ${seconds.toFixed(1)} s`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ records: 100_000, imported: 99_998, already_in_log: 0, skipped_count: 2, filename: 'log.adi' });
    expect(first.json.skipped).toEqual([
      { line: lineOf.get(17), reason: 'no CALL' },
      { line: lineOf.get(54_321), reason: 'QSO_DATE "2026-11-01" and TIME_ON "134700" are not a UTC date and time' }
    ]);
    expect((await admin.request('admin.get_log', { limit: 1 })).total).toBe(99_998);

    // Worked before: record 0 is K0AAA on 20m CW; working 20m CW now, it is a dupe.
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('admin.set_frequency', { frequency: '14.025', mode: 'CW' });
    await admin.request('queue.register', { callsign: 'K0AAA' });
    expect((await admin.request('queue.list')).queue[0]).toMatchObject({ callsign: 'K0AAA', worked_before: true });
    const check = await admin.request('admin.check_call', { partial: 'K0AAA' });
    expect(check.worked[0]).toMatchObject({ callsign: 'K0AAA', dupe: true });

    const again = await upload(h.server.port, text);
    expect(again.json).toMatchObject({ imported: 0, already_in_log: 99_998, skipped_count: 2 });
    expect((await admin.request('admin.get_log', { limit: 1 })).total).toBe(99_998);
  }, 300_000);

  it('undo takes back the last QSO worked here, never one imported from a file; a form upload is refused', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso');
    // A club member's QSO logged a minute ago, imported after the operator's own.
    const now = new Date(Date.now() - 60_000).toISOString();
    const adif = `<EOH><CALL:5>K1CLB <QSO_DATE:8>${now.slice(0, 10).replace(/-/g, '')} <TIME_ON:6>${now.slice(11, 19).replace(/:/g, '')} <TIME_OFF:6>${now.slice(11, 19).replace(/:/g, '')} <BAND:3>20m <MODE:2>CW <EOR>`;
    expect((await admin.request('admin.import_log', { content: adif })).imported).toBe(1);
    const undone = await admin.request('admin.undo_last_qso');
    expect(undone.undone.callsign).toBe('W1AW');
    const form = new FormData();
    form.append('file', new Blob([adif]), 'log.adi');
    const response = await fetch(`http://127.0.0.1:${h.server.port}/api/admin/log/import`, { method: 'POST', headers: { Authorization: basic }, body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/not as a form/);
  });

  it('a file that is not ADIF is refused with its line, and the log is unchanged', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await upload(h.server.port, generatedLog(10).text);
    const { text, lineOf } = generatedLog(5_000);
    const broken = text.split('\r\n');
    const line = lineOf.get(4_000)!;
    broken[line - 1] = broken[line - 1]!.replace('<BAND:3>', '<BAND:three>');
    const refused = await upload(h.server.port, broken.join('\r\n'), 'broken.adi');
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error_code: 'VALIDATION_ERROR', details: { line } });
    expect(refused.json.error).toBe(`broken.adi is not ADIF at line ${line}: <BAND:three> is not a field (expected <NAME:LENGTH>); nothing was imported`);
    expect((await admin.request('admin.get_log', { limit: 1 })).total).toBe(10);
  });

  it('over the protocol: a small file in one message, a big one in pieces with progress; imported QSOs are not sent to the UDP log feed', async () => {
    const logger = createSocket('udp4');
    const types: number[] = [];
    logger.on('message', (datagram) => types.push(datagram.readUInt32BE(8)));
    await new Promise<void>((resolve) => logger.bind(0, '127.0.0.1', resolve));
    try {
      h = await startHarness({ UDP_LOG: `127.0.0.1:${logger.address().port}` });
      const admin = await h.connectAdmin();
      const small = await admin.request('admin.import_log', { content: generatedLog(3).text, filename: 'small.adi' });
      expect(small).toMatchObject({ imported: 3, message: '3 QSOs imported.' });

      const { text } = generatedLog(2_000);
      const { import_id, max_piece_chars } = await admin.request('admin.import_log_begin', { filename: 'big.adi' });
      let last = { received_chars: 0, records: 0 };
      for (let at = 0; at < text.length; at += max_piece_chars) {
        const progress = await admin.request('admin.import_log_chunk', { import_id, data: text.slice(at, at + max_piece_chars) });
        expect(progress.received_chars).toBeGreaterThan(last.received_chars);
        expect(progress.records).toBeGreaterThanOrEqual(last.records);
        last = progress;
      }
      expect(last.received_chars).toBe(text.length);
      // A client that waits the usual 10 s would give up on a big commit on a slow machine: it can wait longer.
      const report = await admin.requestWaiting(600_000, 'admin.import_log_commit', { import_id });
      expect(report).toMatchObject({ records: 2_000, imported: 1_997, already_in_log: 3, message: '1,997 QSOs imported, 3 already in the log.' });
      await expect(admin.request('admin.import_log_commit', { import_id })).rejects.toThrow(/No such import/);
      await expect(admin.request('admin.import_log_chunk', { import_id: 'x', data: 'y'.repeat(60_001) })).rejects.toThrow(/at most 60000 characters/);

      // Imported: nothing sent. A QSO logged now: sent.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(types.filter((t) => t === 5)).toEqual([]);
      await admin.request('admin.set_system_status', { active: true });
      await admin.request('queue.register', { callsign: 'VP8PJ' });
      await admin.request('admin.next_qso');
      await admin.request('admin.complete_qso');
      await expect.poll(() => types.filter((t) => t === 5).length).toBe(1);
    } finally {
      logger.close();
    }
  });
});
