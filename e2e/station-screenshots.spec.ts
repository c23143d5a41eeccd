/**
 * Pictures of the station page in each state a caller meets (in English and in German), and of
 * the stream overlay over a frame of video, for docs/screenshots (`npm run screenshots` writes
 * them there; a normal run writes them to test-results/screenshots). The video frame is drawn
 * here, a stand-in for a camera: a transceiver's display and a waterfall, as pileup streams show.
 */
import type { Page } from '@playwright/test';
import type { PileupClient } from '../src/shared/client/pileup-client';
import { expect, test } from './fixtures';

const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' as const };

async function setUp(operator: PileupClient, queue: string[]): Promise<void> {
  await operator.request('admin.update_settings', { station_callsign: 'VP8PJ', operator: 'K1ABC' });
  await operator.request('admin.set_system_status', { active: true });
  await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
  await operator.request('admin.set_split', { split: 'up 5' });
  for (const callsign of queue) await operator.request('queue.register', { callsign });
}

async function join(page: Page, label: string, button: string): Promise<void> {
  await page.getByLabel(label).fill('G4ABC');
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByTestId('my-call')).toHaveText('G4ABC');
}

for (const { language, locale, label, button } of [
  { language: 'en', locale: 'en-GB', label: 'Callsign', button: 'Join the queue' },
  { language: 'de', locale: 'de-DE', label: 'Rufzeichen', button: 'In die Warteschlange' }
]) {
  test.describe(`station page states (${language})`, () => {
    test.use({ ...PHONE, locale });

    test(`screenshots of every state (${language})`, async ({ page, pileup }) => {
      const operator = await pileup.station({ admin: true });
      await setUp(operator, ['W1AW', 'DL1ABC', 'JA1XYZ', 'VK3ABC']);
      const shot = (state: string) => page.screenshot({ path: `${folder}/station-${state}-${language}.png` });
      await page.goto(`http://127.0.0.1:${pileup.port}/`);
      await join(page, label, button);
      for (let i = 0; i < 3; i++) await operator.request('admin.next_qso');
      await expect(page.getByTestId('wait-estimate')).toBeVisible();
      await shot('queued');
      await operator.request('admin.next_qso');
      await expect(page.getByTestId('you-are-next')).toBeVisible();
      await shot('next');
      await operator.request('admin.next_qso');
      await expect(page.getByTestId('being-worked')).toBeVisible();
      await shot('being-worked');
      await operator.request('admin.complete_qso');
      await expect(page.getByTestId('outcome')).toBeVisible();
      await shot('logged');
      // Joining again is offered once the station is on another band or mode.
        await operator.request('admin.set_frequency', { frequency: '7.005', mode: 'CW' });
        await page.getByTestId('outcome').getByRole('button').click();
        await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
      await page.getByRole('button', { name: button }).click();
      await expect(page.getByTestId('my-call')).toHaveText('G4ABC');
      await operator.request('admin.ban_callsign', { callsign: 'G4ABC', reason: 'Calling over the DX' });
      await expect(page.getByTestId('outcome')).toContainText('Calling over the DX');
      await shot('banned');
      for (let i = 0; i < 10; i++) await operator.request('queue.register', { callsign: `K${i}XYZ` });
      await page.getByTestId('outcome').getByRole('button').click();
      await expect(page.getByTestId('queue-full')).toBeVisible();
      await shot('queue-full');
    });
  });
}

/** A frame of a pileup stream: the radio's display and the waterfall above it. */
const VIDEO_FRAME = `<!doctype html><html><body style="margin:0"><canvas id="c" width="1920" height="1080"></canvas><script>
const c = document.getElementById('c').getContext('2d');
let seed = 7; const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const room = c.createLinearGradient(0, 0, 0, 1080); room.addColorStop(0, '#1d2430'); room.addColorStop(1, '#0c0f14');
c.fillStyle = room; c.fillRect(0, 0, 1920, 1080);
// The waterfall: noise, with the pileup's signals up 5-10 kHz and the DX's own on the left.
const wx = 140, wy = 90, ww = 1100, wh = 520;
for (let y = 0; y < wh; y += 4) for (let x = 0; x < ww; x += 4) {
  let v = rnd() * 0.35;
  if (Math.abs(x - 180) < 14) v += 0.6;
  for (const s of [520, 560, 610, 640, 700, 735, 790]) if (Math.abs(x - s) < 9 && ((y + s) % 90) < 60) v += 0.5 + rnd() * 0.3;
  const r = Math.min(255, v * 80), g = Math.min(255, v * 180), b = Math.min(255, 90 + v * 200);
  c.fillStyle = 'rgb(' + r + ',' + g + ',' + b + ')'; c.fillRect(wx + x, wy + y, 4, 4);
}
c.strokeStyle = '#3a4656'; c.lineWidth = 6; c.strokeRect(wx, wy, ww, wh);
// The transceiver.
c.fillStyle = '#22262d'; c.beginPath(); c.roundRect(120, 680, 1340, 330, 28); c.fill();
c.fillStyle = '#0d2a2e'; c.fillRect(400, 730, 700, 170);
c.fillStyle = '#7ff5e3'; c.font = 'bold 96px monospace'; c.fillText('14.195.00', 430, 850);
c.font = 'bold 36px monospace'; c.fillText('USB', 985, 790); c.fillText('SPLIT', 985, 880);
for (const [x, r] of [[250, 80], [1220, 95], [1370, 40]]) { c.fillStyle = '#14171c'; c.beginPath(); c.arc(x, 840, r, 0, 7); c.fill(); c.strokeStyle = '#4a5260'; c.lineWidth = 4; c.stroke(); }
for (let i = 0; i < 8; i++) { c.fillStyle = '#3b424d'; c.fillRect(440 + i * 76, 930, 58, 34); }
</script></body></html>`;

test.describe('stream overlay over video', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('screenshot of the overlay over a frame of video', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await setUp(operator, ['W1AW', 'JA1XYZ', 'DL2ABC', 'VK3ABC', 'PY2ABC', 'W6ABC', 'G4ABC', 'VE3XYZ']);
    await operator.request('admin.next_qso');
    await page.goto(`http://127.0.0.1:${pileup.port}/overlay?rows=5&join=http://192.168.1.20:8000/`);
    await expect(page.getByTestId('ov-working')).toHaveText('W1AW');
    await expect(page.getByTestId('station-qr')).toBeVisible();
    const overlay = await page.screenshot({ omitBackground: true });
    // A blank page first: the server's pages allow no inline script, which draws the frame.
    await page.goto('about:blank');
    await page.setContent(VIDEO_FRAME);
    await page.evaluate((png) => {
      const img = document.createElement('img');
      img.src = `data:image/png;base64,${png}`;
      img.style.cssText = 'position:absolute;left:0;top:0;width:1920px;height:1080px';
      document.body.append(img);
      return img.decode();
    }, overlay.toString('base64'));
    await page.screenshot({ path: `${folder}/overlay-over-video.png` });
  });
});
