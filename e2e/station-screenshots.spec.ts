/**
 * Pictures of the station page in each state a caller meets (in English and in German), and of
 * the stream overlay over a frame of video, for docs/screenshots (`npm run screenshots` writes
 * them there; a normal run writes them to test-results/screenshots).
 */
import type { Page } from '@playwright/test';
import type { PileupClient } from '../src/shared/client/pileup-client';
import { expect, test } from './fixtures';
import { overVideo } from './video-frame';

const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' as const };

async function setUp(operator: PileupClient, queue: string[]): Promise<void> {
  await operator.request('admin.update_settings', { station_callsign: 'VP8PJ', operator: 'K1ABC', my_grid: 'GD18bh' });
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

test.describe('stream overlay over video', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('screenshot of the overlay over a frame of video', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await setUp(operator, ['W1AW', 'JA1XYZ', 'DL2ABC', 'VK3ABC', 'PY2ABC', 'W6ABC', 'G4ABC', 'VE3XYZ']);
    await operator.request('admin.next_qso');
    await page.goto(`http://127.0.0.1:${pileup.port}/overlay?rows=5&join=http://192.168.1.20:8000/`);
    await expect(page.getByTestId('ov-working')).toHaveText('W1AW');
    await expect(page.getByTestId('station-qr')).toBeVisible();
    await overVideo(page, `${folder}/overlay-over-video.png`);
  });
});
