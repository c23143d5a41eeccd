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
  { call: 'K5XYZ', fname: 'Dale', name: 'Turner', addr2: 'Austin', state: 'TX', country: 'United States', grid: 'EM10dh' }
];

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

  const operator = await PileupClient.connect(`ws://127.0.0.1:${port}/ws/connect`, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
  await operator.auth('admin', ADMIN_PASSWORD);
  await operator.request('admin.update_settings', { max_queue_size: 10 });
  await operator.request('admin.set_system_status', { active: true });
  await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'USB' });
  await operator.request('admin.set_split', { split: 'up 5-10' });
  for (const call of ['K5XYZ', 'OH2ABC', 'ZS6ABC']) {
    await operator.request('queue.register', { callsign: call });
    await operator.request('admin.next_qso');
  }
  await operator.request('queue.register', { callsign: 'EA8ABC' });
  await operator.request('admin.next_qso'); // logs ZS6ABC, works EA8ABC
  for (const call of ['JA1XYZ', 'DL2ABC', 'VK3ABC', 'W6ABC', 'G4ABC', 'VE3XYZ', 'PY2ABC']) {
    await operator.request('queue.register', { callsign: call });
  }
  await operator.close();
});

test.afterAll(async () => {
  cli.child.kill('SIGTERM');
  await cli.exited;
  await fake.close();
});

test('screenshot station-phone', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 412, height: 860 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByLabel('Callsign').fill('K5ABC');
  await page.getByRole('button', { name: 'Join the queue' }).click();
  await expect(page.getByTestId('my-position')).toHaveText(/\d+/);
  const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
  await page.screenshot({ path: `${folder}/station-phone.png` });
  // Leave again, so the console screenshots show the same queue whichever runs first.
  await page.getByRole('button', { name: 'Leave the queue' }).click();
  await expect(page.getByLabel('Callsign')).toBeVisible();
});

for (const [name, colorScheme, width, height] of [
  ['console-dark', 'dark', 1280, 800],
  ['console-light', 'light', 1280, 800],
  ['console-dark-1024x640', 'dark', 1024, 640]
] as const) {
  test(`screenshot ${name}`, async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme });
    await page.goto(`http://127.0.0.1:${port}/console/`);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('queue-row')).toHaveCount(7);
    await expect(page.getByTestId('current-callsign')).toHaveText('EA8ABC');
    await expect(page.getByTestId('qso-total')).toHaveText('3');
    // `npm run screenshots` refreshes the README's pictures; ordinary runs keep theirs in test-results.
    const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
    await page.screenshot({ path: `${folder}/${name}.png` });
  });
}
