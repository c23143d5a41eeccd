/**
 * The whole chain an operator relies on: a radio on Hamlib's rigctld (the real dummy rig),
 * a few QSOs worked, and an ADIF export that an independent parser reads with every field right.
 */
import { afterEach, describe, expect, vi } from 'vitest';
import { AdifParser } from 'adif-parser-ts';
import { RigctldClient } from '../../src/main/server/integrations/rigctld.js';
import type { RigStatus } from '../../src/shared/protocol/entities.js';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { itRequires } from '../helpers/requirements.js';
import { rigctldMissing, startRigctld, type RigctldProcess } from '../helpers/rigctld-process.js';

let h: Harness | undefined;
let radio: RigctldProcess | undefined;
afterEach(async () => {
  await h?.close();
  await radio?.close();
  h = radio = undefined;
});

function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 8000): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 100 }
  );
}

describe('rig, log and ADIF', () => {
  itRequires(
    rigctldMissing(),
    'follows the dummy radio, logs QSOs with its frequency, mode and split, and exports ADIF an independent parser reads',
    async () => {
      radio = await startRigctld();
      const knob = await RigctldClient.connect({ host: radio.host, port: radio.port });
      await knob.setFrequency(14_025_000);
      await knob.setMode('CW', 500);

      h = await startHarness({
        RIGCTLD: `${radio.host}:${radio.port}`,
        STATION_CALLSIGN: 'VP2EPB',
        OPERATOR: 'K1ABC',
        MY_GRID: 'FK88',
        MAX_QUEUE_SIZE: '10'
      });
      const admin = await h.connectAdmin();
      const rigEvents: RigStatus[] = [];
      admin.on('rig_status', (s) => rigEvents.push(s));
      await until(async () => (await admin.request('public.get_frequency')).frequency === '14.025', 'the console to follow the radio');
      expect(await admin.request('public.get_frequency')).toMatchObject({ frequency_hz: 14_025_000, band: '20m', mode: 'CW' });
      expect((await admin.request('admin.get_system_status')).rig).toMatchObject({ state: 'connected', following: true });

      // The operator listens up 2: split on the radio.
      await knob.setSplit(true, 'VFOB');
      await knob.setSplitFrequency(14_027_000);
      await until(async () => (await admin.request('public.get_split')).split === '14.027', 'the split from the radio');

      await admin.request('admin.set_system_status', { active: true });
      for (const callsign of ['W1AW', 'DL1ABC', 'KH6/W1AW']) await admin.request('queue.register', { callsign });
      const queue = await admin.request('queue.list');
      expect(queue.queue[1]?.country).toMatchObject({ entity: expect.stringContaining('Germany'), continent: 'EU' });
      expect(queue.queue[2]?.country?.entity).toBe('Hawaii');
      expect(queue.queue[0]?.bearing_deg).toBeGreaterThanOrEqual(0);
      expect(queue.queue[0]?.distance_km).toBeGreaterThan(1000);

      await admin.request('admin.next_qso');
      await admin.request('admin.next_qso');
      await admin.request('admin.complete_qso'); // DL1ABC logged; a QSO takes the radio's state when it is logged
      // Switch the radio to phone for the last QSO: RST defaults follow the mode.
      await knob.setSplit(false, 'VFOA');
      await knob.setFrequency(14_195_000);
      await knob.setMode('USB', 2400);
      await until(async () => (await admin.request('public.get_frequency')).mode === 'USB', 'USB from the radio');
      await until(async () => (await admin.request('public.get_split')).split === null, 'split off from the radio');
      await admin.request('admin.next_qso');
      await admin.request('admin.complete_qso');

      const response = await fetch(`http://127.0.0.1:${h.server.port}/api/admin/log/export?format=adif`, {
        headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` }
      });
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="pileup-log-.*\.adi"/);
      const adif = AdifParser.parseAdi(await response.text());
      expect(adif.header).toMatchObject({ adif_ver: '3.1.4', programid: 'PileupBusterDesktop', programversion: expect.any(String) });
      expect(adif.header?.created_timestamp).toMatch(/^\d{8} \d{6}$/);
      const records = adif.records!;
      expect(records.map((r) => r.call)).toEqual(['W1AW', 'DL1ABC', 'KH6/W1AW']);
      const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      for (const record of records) {
        expect(record.qso_date).toBe(today);
        expect(record.time_on).toMatch(/^\d{6}$/);
        expect(record.time_off).toMatch(/^\d{6}$/);
        expect(record).toMatchObject({ station_callsign: 'VP2EPB', operator: 'K1ABC', my_gridsquare: 'FK88', band: '20m' });
      }
      expect(records[0]).toMatchObject({ freq: '14.025000', freq_rx: '14.027000', band_rx: '20m', mode: 'CW', rst_sent: '599', rst_rcvd: '599', dxcc: '291' });
      expect(records[1]).toMatchObject({ freq: '14.025000', freq_rx: '14.027000', mode: 'CW', rst_sent: '599', dxcc: '230', country: expect.stringContaining('Germany') });
      expect(records[2]).toMatchObject({ freq: '14.195000', mode: 'SSB', submode: 'USB', rst_sent: '59', rst_rcvd: '59', dxcc: '110', country: 'Hawaii' });
      expect(records[2]).not.toHaveProperty('freq_rx');

      const csv = await (await fetch(`http://127.0.0.1:${h.server.port}/api/admin/log/export?format=csv`, {
        headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` }
      })).text();
      const rows = csv.trim().split('\r\n').map((line) => line.split(','));
      expect(rows[0]).toContain('freq_rx_mhz');
      expect(rows.slice(1).map((r) => r[0])).toEqual(['W1AW', 'DL1ABC', 'KH6/W1AW']);

      // Losing the radio shows, and following can be switched off.
      await radio.kill();
      await until(() => rigEvents.some((e) => e.state === 'lost'), 'the rig to be reported lost');
      const off = await admin.request('admin.set_rig_follow', { follow: false });
      expect(off).toMatchObject({ following: false, state: 'lost' });
      knob.close();
    },
    60_000
  );
});
