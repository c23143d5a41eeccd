/**
 * Screenshots of the console in a realistic pileup, for the README (`npm run screenshots` writes
 * them to docs/screenshots/).
 * QRZ lookups come from a local server speaking QRZ's XML, with made-up operators.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../src/shared/client/pileup-client';
import { startFakeQrzServer, type FakeQrz, type FakeQrzStation } from '../tests/helpers/fake-qrz-server';
import { freePortRange, runCli, type CliProcess } from '../tests/helpers/cli-process';
import { ADMIN_PASSWORD, expect, test } from './fixtures';
import { websocketUrl } from '../src/shared/protocol/endpoints';

const STATIONS: FakeQrzStation[] = [
  { call: 'JA1XYZ', fname: 'Hiroshi', name: 'Tanaka', addr2: 'Tokyo', country: 'Japan', grid: 'PM95tq' },
  { call: 'DL2ABC', fname: 'Anna', name: 'Becker', addr2: 'Hamburg', country: 'Germany', grid: 'JO43xm' },
  { call: 'VK3ABC', fname: 'Bruce', name: 'Wallace', addr2: 'Melbourne', state: 'VIC', country: 'Australia', grid: 'QF22le' },
  { call: 'W6ABC', fname: 'Maria', name: 'Lopez', addr2: 'San Diego', state: 'CA', country: 'United States', grid: 'DM12jr' },
  { call: 'G4ABC', fname: 'Peter', name: 'Hughes', addr2: 'York', country: 'England', grid: 'IO93ew' },
  { call: 'VE3XYZ', fname: 'Claire', name: 'Martin', addr2: 'Ottawa', state: 'ON', country: 'Canada', grid: 'FN25dk' },
  { call: 'PY2ABC', fname: 'João', name: 'Silva', addr2: 'São Paulo', country: 'Brazil', grid: 'GG66pk' },
  { call: 'ZS6ABC', fname: 'Thabo', name: 'Nkosi', addr2: 'Pretoria', country: 'South Africa', grid: 'KG44dh' },
  { call: 'OH2ABC', fname: 'Mikko', name: 'Virtanen', addr2: 'Espoo', country: 'Finland', grid: 'KP20jf' },
  { call: 'EA8ABC', fname: 'Lucía', name: 'García', addr2: 'Las Palmas', country: 'Canary Islands', grid: 'IL28fc' },
  { call: 'K5XYZ', fname: 'Dale', name: 'Turner', addr2: 'Austin', state: 'TX', country: 'United States', grid: 'EM10dh' },
  { call: 'HB9XYZ', fname: 'Urs', name: 'Meier', addr2: 'Bern', country: 'Switzerland', grid: 'JN36ww' },
  { call: 'LU1ABC', fname: 'Diego', name: 'Fernández', addr2: 'Buenos Aires', country: 'Argentina', grid: 'GF05ro' }
];

/** The queue in the pictures: fifteen callers, the first ten with their software still connected. */
const QUEUE = ['JA1XYZ', 'DL2ABC', 'VK3ABC', 'W6ABC', 'G4ABC', 'VE3XYZ', 'PY2ABC', 'LU1ABC', 'SP5XYZ', 'I2ABC', 'F5XYZ', 'ON4ABC', 'OK1XYZ', 'UA3ABC', 'YB0ABC'];
const stations: PileupClient[] = [];
const connect = () => PileupClient.connect(websocketUrl('127.0.0.1', port), { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });

let fake: FakeQrz;
let cli: CliProcess;
let port: number;

test.beforeAll(async () => {
  fake = await startFakeQrzServer({ stations: STATIONS });
  port = await freePortRange(1);
  cli = runCli(['--host', '127.0.0.1', '--port', String(port), '--data-dir', await mkdtemp(join(tmpdir(), 'pileup-shots-'))], {
    ADMIN_PASSWORD,
    QRZ_USERNAME: fake.username,
    QRZ_PASSWORD: fake.password,
    QRZ_BASE_URL: fake.baseUrl,
    STATION_CALLSIGN: 'VP2EPB',
    MY_GRID: 'FK88LF'
  });
  await cli.waitFor('Press Ctrl+C to stop.');

  const operator = await connect();
  await operator.auth('admin', ADMIN_PASSWORD);
  await operator.request('admin.update_settings', { max_queue_size: 20 });
  await operator.request('admin.set_system_status', { active: true });
  await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'USB' });
  await operator.request('admin.set_split', { split: 'up 5-10' });
  // An evening's log so far, at a real pileup's pace: the rate and the totals read as they would.
  const earlier = ['N2XYZ', 'JH1ABC', 'DK7XYZ', 'VK2XYZ', 'W1XYZ', 'G3XYZ', 'EA4ABC', 'SM5XYZ', 'K1ABC', 'VE7ABC', 'OE1XYZ', 'ZL2ABC', 'PA3XYZ', 'W9ABC', 'UA9XYZ', 'JA3ABC', 'DL5XYZ', 'KH6ABC'];
  const now = Date.now();
  for (const [index, call] of earlier.entries()) {
    const cw = index < 5;
    const done = now - (cw ? 95 - index * 4 : (earlier.length - index) * 28 + 40) * (cw ? 60_000 : 1000);
    await operator.request('admin.restore_qso', {
      qso: {
        id: `seed-${index}`,
        callsign: call,
        started_at: new Date(done - 20_000).toISOString(),
        completed_at: new Date(done).toISOString(),
        completed_by: 'admin',
        registered_at: null,
        frequency: cw ? '7.005' : '14.195',
        split: null,
        qrz: null,
        frequency_hz: cw ? 7_005_000 : 14_195_000,
        band: cw ? '40m' : '20m',
        mode: cw ? 'CW' : 'SSB',
        submode: cw ? null : 'USB',
        rst_sent: cw ? '599' : '59',
        rst_rcvd: cw ? '579' : '59',
        station_callsign: 'VP2EPB',
        source: index % 4 === 0 ? 'air' : 'queue'
      }
    });
  }
  for (const call of ['K5XYZ', 'OH2ABC']) {
    await operator.request('queue.register', { callsign: call });
    await operator.request('admin.next_qso');
  }
  // A caller heard on the air that never registered, with the report typed during the QSO.
  const heard = await operator.request('admin.work_heard', { callsign: 'HB9XYZ' }); // logs OH2ABC
  await operator.request('admin.update_current_qso', { id: heard.current_qso.id, rst_rcvd: '57', notes: 'QRP, 5 W' });
  await operator.request('queue.register', { callsign: 'ZS6ABC' });
  await operator.request('admin.next_qso'); // logs HB9XYZ, works ZS6ABC
  await operator.request('queue.register', { callsign: 'EA8ABC' });
  await operator.request('admin.next_qso'); // logs ZS6ABC, works EA8ABC
  const current = await operator.request('public.get_snapshot');
  await operator.request('admin.update_current_qso', { id: current.current_qso!.id, rst_rcvd: '55' });
  for (const [index, call] of QUEUE.entries()) {
    const station = index < 10 ? await connect() : operator;
    if (index < 10) stations.push(station);
    await station.request('queue.register', { callsign: call });
  }
  await operator.close();
});

test.afterAll(async () => {
  await Promise.all(stations.map((s) => s.close()));
  cli.child.kill('SIGTERM');
  await cli.exited;
  await fake.close();
});

const SIZES = [
  [1920, 1080],
  [1366, 768],
  [1024, 640]
] as const;

for (const theme of ['dark', 'light', 'night'] as const) {
  for (const [width, height] of SIZES) {
    const name = `console-${theme}-${width}x${height}`;
    test(`screenshot ${name}: nothing overflows, the queue is in view`, async ({ extraPage }) => {
      const page = await extraPage({ viewport: { width, height }, colorScheme: theme === 'light' ? 'light' : 'dark' });
      await page.addInitScript((choice) => localStorage.setItem('pileup-buster.theme', choice), theme);
      await page.goto(`http://127.0.0.1:${port}/console/`);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('queue-row')).toHaveCount(QUEUE.length);
      await expect(page.getByTestId('current-callsign')).toHaveText('EA8ABC');
      await expect(page.getByTestId('qso-total')).toHaveText('22');
      await expect(page.getByTestId('presence').first()).toHaveText('here');
      // The whole console fits the window: no sideways scrolling, the settings button on screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `the page is ${overflow} px wider than the window`).toBeLessThanOrEqual(0);
      const gear = await page.getByRole('button', { name: 'Settings' }).boundingBox();
      expect(gear && gear.x + gear.width).toBeLessThanOrEqual(width);
      const list = (await page.getByRole('list', { name: 'Stations waiting' }).boundingBox())!;
      const rows = await page.getByTestId('queue-row').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ bottom: r.bottom, middle: r.top + r.height / 2 })));
      const visible = rows.filter((row) => row.bottom <= list.y + list.height + 1).length;
      // At least ten queued stations in full view without scrolling on a laptop.
      if (width >= 1366) expect(visible, `${visible} queue rows in view`).toBeGreaterThanOrEqual(10);
      // Nobody waits out of sight: the queue says how many are below its edge.
      const below = rows.filter((row) => row.middle > list.y + list.height).length;
      if (below > 0) await expect(page.getByTestId('queue-more')).toHaveText(`+${below} below ↓`);
      else await expect(page.getByTestId('queue-more')).toHaveCount(0);
      // `npm run screenshots` refreshes the README's pictures; ordinary runs keep theirs in test-results.
      const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
      await page.screenshot({ path: `${folder}/${name}.png` });
    });
  }
}
