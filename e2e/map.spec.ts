/**
 * The live map: in the console (G), callers where they are, the QSO in progress with its
 * great-circle path, distance and heading, night shaded, centred on my grid (the world without
 * one); on the station page, the caller's own path to the DX; on the overlay with `map=1`.
 */
import { bearingDeg, distanceKm, gridToLatLon, type LatLon } from '../src/shared/ham/maidenhead';
import type { PileupClient } from '../src/shared/client/pileup-client';
import { expect, signIn, test } from './fixtures';
import { overVideo } from './video-frame';

const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
const CALLERS = ['JA1XYZ', 'DL2ABC', 'VK3ABC', 'W6ABC', 'G4ABC', 'VE3XYZ', 'PY2ABC', 'ZS6ABC', 'OH2ABC', 'LU1ABC', 'UA9ABC', 'VU2ABC', 'ZL2ABC', 'EA8ABC', 'KH6ABC', 'JA6XYZ'];

// Berlin in the night theme (a dark shack), the Caribbean in the light one.
for (const { grid, name, callsign, theme } of [
  { grid: 'FK88lf', name: 'caribbean', callsign: 'VP2EPB', theme: 'light' },
  { grid: 'JO62qm', name: 'berlin', callsign: 'DL0PB', theme: 'night' }
]) {
  test.describe(`map centred on ${grid}`, () => {
    test.use({ viewport: { width: 1366, height: 768 }, serverEnv: { MAX_QUEUE_SIZE: '40', MIN_QSO_SECONDS: '0' } });

    test(`G shows the pileup on a map centred on my grid (${grid}); the queue stays usable`, async ({ page, pileup }) => {
      const operator = await pileup.station({ admin: true });
      await operator.request('admin.update_settings', { station_callsign: callsign, my_grid: grid });
      await operator.request('admin.set_system_status', { active: true });
      await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
      for (const callsign of CALLERS) await operator.request('queue.register', { callsign });
      await operator.request('admin.next_qso');
      await page.addInitScript((choice) => localStorage.setItem('pileup-buster.theme', choice), theme);
      await signIn(page, pileup);
      await page.keyboard.press('g');
      const map = page.getByTestId('pileup-map');
      await expect(map).toBeVisible();
      await expect(map).toHaveAttribute('aria-label', new RegExp(`^Map of the pileup centred on ${grid}: ${CALLERS.length - 1} waiting, working JA1XYZ at [\\d,]+ km, heading \\d+°$`));
      await expect(page.getByTestId('map-caller')).toHaveCount(CALLERS.length - 1);
      await expect(page.getByTestId('map-path')).toHaveCount(1);
      await expect(page.getByTestId('map-current')).toHaveText('JA1XYZ');
      await expect(page.getByTestId('map-caption')).toContainText(/Working JA1XYZ · [\d,]+ km · beam \d+° ·\s+15 waiting, the first 12 numbered by place/);
      // The queue and the QSO in progress stay beside it, and work.
      await expect(page.getByTestId('current-callsign')).toHaveText('JA1XYZ');
      await page.keyboard.press('n');
      await expect(page.getByTestId('current-callsign')).toHaveText('DL2ABC');
      await expect(page.getByTestId('map-caption')).toContainText('Working DL2ABC');
      await page.screenshot({ path: `${folder}/console-map-${name}.png` });
      // G again: the log is back.
      await page.keyboard.press('g');
      await expect(map).toHaveCount(0);
    });
  });
}

test.describe('map with no grid set', () => {
  test.use({ viewport: { width: 1024, height: 640 } });

  test('is the whole world, callers still placed, and on a small laptop it leaves the QSO in progress its room', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of CALLERS.slice(0, 6)) await operator.request('queue.register', { callsign });
    await operator.request('admin.next_qso');
    await signIn(page, pileup);
    await page.keyboard.press('g');
    const map = page.getByTestId('pileup-map');
    await expect(map).toHaveAttribute('aria-label', /^Map of the pileup: 5 waiting, working JA1XYZ$/);
    await expect(page.getByTestId('map-caller')).toHaveCount(5);
    // No grid, so no path from here and no station mark: the world, equirectangular (twice as wide as tall).
    await expect(page.getByTestId('map-path')).toHaveCount(0);
    await expect(page.getByTestId('map-station')).toHaveCount(0);
    await expect(page.getByText('no grid set (Settings)')).toBeVisible();
    await page.screenshot({ path: `${folder}/console-map-world.png` });
    const sphere = await map.locator('.map-sphere').boundingBox();
    expect(sphere!.width / sphere!.height).toBeCloseTo(2, 1);
    // The QSO in progress and the map do not overlap, and the QSO's buttons are all on screen.
    const current = await page.locator('.current-panel').boundingBox();
    const panel = await page.locator('.map-panel').boundingBox();
    expect(current!.x + current!.width).toBeLessThanOrEqual(panel!.x + 0.5);
    const buttons = await page.locator('.current-panel .current-actions button').all();
    expect(buttons.length).toBeGreaterThan(2);
    for (const button of buttons) {
      const box = await button.boundingBox();
      expect(box, 'a button of the QSO in progress is shown').not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(panel!.x + 0.5);
      expect(box!.y + box!.height).toBeLessThanOrEqual(640);
    }
  });
});

test.describe('map, the last hour', () => {
  test.use({ viewport: { width: 1366, height: 768 }, serverEnv: { MAX_QUEUE_SIZE: '60', MIN_QSO_SECONDS: '0' } });

  test('every QSO of the last hour is on the map, not only the ones the log column lists', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.update_settings', { my_grid: 'FK88lf' });
    await operator.request('admin.set_system_status', { active: true });
    const worked = Array.from({ length: 40 }, (_, i) => `${['DL', 'JA', 'W', 'VK'][i % 4]}${(i % 9) + 1}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}X`);
    for (const callsign of worked) await operator.request('queue.register', { callsign });
    for (let i = 0; i < worked.length; i++) {
      await operator.request('admin.next_qso');
      await operator.request('admin.complete_qso');
    }
    await signIn(page, pileup);
    await page.keyboard.press('g');
    await expect(page.getByTestId('pileup-map').locator('.map-worked')).toHaveCount(worked.length);
  });
});

/** Where the server placed a queued caller (its country's centre with no QRZ grid). */
async function locationOf(operator: PileupClient, callsign: string): Promise<LatLon> {
  const list = await operator.request('queue.list');
  const entry = list.queue.find((candidate) => candidate.callsign === callsign);
  expect(entry?.location, `${callsign} has a place`).toBeTruthy();
  return entry!.location!;
}

/** Numbers as a caption prints them ("12,345" in English), back to numbers. */
const figures = (text: string) => [...text.matchAll(/\d[\d,.\u00a0\u202f]*/g)].map((m) => Number(m[0].replace(/[^\d]/g, '')));

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' as const };
const VP8_GRID = 'GD18bh';
const WORLD = ['W1AW', 'JA1XYZ', 'DL2ABC', 'VK3ABC', 'PY2ABC', 'W6ABC', 'VE3XYZ', 'ZS6ABC', 'OH2ABC', 'LU1ABC', 'UA9ABC', 'VU2ABC', 'ZL2ABC', 'EA8ABC', 'KH6ABC', 'CE3ABC'];

/** VP8PJ on the air from the Falklands on 20m SSB, the world in its queue, W1AW being worked. */
async function vp8Pileup(operator: PileupClient): Promise<PileupClient> {
  await operator.request('admin.update_settings', { station_callsign: 'VP8PJ', my_grid: VP8_GRID });
  await operator.request('admin.set_system_status', { active: true });
  await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
  for (const callsign of WORLD) await operator.request('queue.register', { callsign });
  await operator.request('admin.next_qso');
  return operator;
}

test.describe('map on the station page, on a phone', () => {
  test.use({ ...PHONE, locale: 'en-GB', serverEnv: { MAX_QUEUE_SIZE: '40' } });

  test('shows the caller its own path to the DX, with distance and beam heading from where it is', async ({ page, pileup }) => {
    const operator = await vp8Pileup(await pileup.station({ admin: true }));

    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    const caption = page.getByTestId('station-map-caption');
    // Before joining: the pileup around the DX.
    await expect(caption).toHaveText(`VP8PJ is at ${VP8_GRID}. The dots are the stations waiting; the first 9 show their place in the queue. Red ring: W1AW, being worked now.`);
    await expect(page.getByTestId('map-caller')).toHaveCount(WORLD.length - 1);
    await expect(page.getByTestId('map-path')).toHaveCount(0);

    await page.getByLabel('Callsign').fill('G4ABC');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-call')).toHaveText('G4ABC');
    // Joined: centred on the caller, its great circle to the DX drawn, the figures from where the server placed it.
    await expect(caption).toContainText(/^Path to VP8PJ from England: [\d,]+ km, beam heading \d+°\. Red ring: W1AW, being worked now\.$/);
    const from = await locationOf(operator, 'G4ABC');
    const dx = gridToLatLon(VP8_GRID)!;
    const [km, heading] = figures((await caption.textContent())!.replace(/^Path to VP8PJ from England: /, '').replace(/ Red ring.*/, ''));
    expect(km).toBe(Math.round(distanceKm(from, dx)));
    expect(heading).toBe(Math.round(bearingDeg(from, dx)) % 360);
    expect(heading).toBeGreaterThan(180); // from England to the Falklands: south-west
    expect(heading).toBeLessThan(240);
    await expect(page.getByTestId('map-path')).toHaveCount(1);
    await expect(page.getByTestId('map-me')).toHaveText(`G4ABC · ${WORLD.length}`);
    await expect(page.getByTestId('map-station')).toContainText('VP8PJ');
    // Centred on the caller: its mark is in the middle of the map.
    const map = await page.getByTestId('pileup-map').boundingBox();
    const me = await page.getByTestId('map-me').locator('circle').boundingBox();
    expect(Math.abs(me!.x + me!.width / 2 - (map!.x + map!.width / 2))).toBeLessThan(2);
    expect(Math.abs(me!.y + me!.height / 2 - (map!.y + map!.height / 2))).toBeLessThan(2);
    await expect(page.getByTestId('pileup-map')).toHaveAttribute('aria-label', 'Map');
    await expect(page.getByTestId('pileup-map').locator('desc')).toHaveText((await caption.textContent())!);
    await page.getByTestId('station-map-caption').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 40));
    await page.screenshot({ path: `${folder}/station-map-phone.png` });

    // In another language the figures are that language's.
    await page.getByRole('combobox').selectOption('de');
    await expect(caption).toContainText(/^Weg zu VP8PJ von England: [\d.]+ km, Antennenrichtung \d+°\. Roter Ring: W1AW, jetzt im QSO\.$/);
  });

  test('says so when the DX has not given its grid, and draws no path', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.update_settings', { station_callsign: 'VP8PJ' });
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of WORLD.slice(0, 4)) await operator.request('queue.register', { callsign });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByLabel('Callsign').fill('G4ABC');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('station-map-caption')).toHaveText('The dots are the stations waiting; the first 5 show their place in the queue. VP8PJ has not given its location.');
    await expect(page.getByTestId('map-caller')).toHaveCount(5);
    await expect(page.getByTestId('map-path')).toHaveCount(0);
    await expect(page.getByTestId('map-me')).toHaveText('G4ABC · 5');
  });
});

test.describe('map on the stream overlay', () => {
  test.use({ viewport: { width: 1920, height: 1080 }, serverEnv: { MAX_QUEUE_SIZE: '40' } });

  test('map=1 adds the pileup around the station with the QSO in progress, live; without it there is none', async ({ page, pileup }) => {
    const operator = await vp8Pileup(await pileup.station({ admin: true }));
    await page.goto(`http://127.0.0.1:${pileup.port}/overlay`);
    await expect(page.getByTestId('ov-working')).toHaveText('W1AW');
    await expect(page.getByTestId('ov-map')).toHaveCount(0);

    await page.goto(`http://127.0.0.1:${pileup.port}/overlay?map=1&rows=3&join=http://192.168.1.20:8000/`);
    await expect(page.getByTestId('ov-map-caption')).toHaveText(/^W1AW · [\d,]+ km from VP8PJ$/);
    await expect(page.getByTestId('map-path')).toHaveCount(1);
    await expect(page.getByTestId('map-caller')).toHaveCount(WORLD.length - 1);
    await operator.request('admin.next_qso');
    await expect(page.getByTestId('ov-map-caption')).toHaveText(/^JA1XYZ · [\d,]+ km from VP8PJ$/);
    await expect(page.getByTestId('map-caller')).toHaveCount(WORLD.length - 2);
    // The whole panel, map included, is on the 1080p frame.
    const panel = await page.locator('.panel').boundingBox();
    expect(panel!.y + panel!.height).toBeLessThanOrEqual(1080);
    await overVideo(page, `${folder}/overlay-map-over-video.png`);
  });
});
