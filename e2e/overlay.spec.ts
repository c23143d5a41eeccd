/**
 * The stream overlay (/overlay), as an OBS browser source shows it: transparent around its panel,
 * live, and set up from its URL.
 */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1920, height: 1080 } });

test.describe('stream overlay', () => {
  test('is transparent around its panel and shows the QSO in progress, the next in the queue, the tuning and a QR code to join, live', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.update_settings', { station_callsign: 'VP8PJ' });
    await operator.request('admin.set_system_status', { active: true });
    await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
    await operator.request('admin.set_split', { split: 'up 5' });
    for (const callsign of ['W1AW', 'K1ABC', 'DL1ABC', 'JA1XYZ', 'G4ABC', 'VK3ABC']) await operator.request('queue.register', { callsign });
    await operator.request('admin.next_qso');

    await page.goto(`http://127.0.0.1:${pileup.port}/overlay?rows=3`);
    await expect(page.getByTestId('ov-dx')).toHaveText('VP8PJ');
    await expect(page.getByTestId('ov-working')).toHaveText('W1AW');
    await expect(page.getByTestId('ov-next').locator('li')).toHaveText([/K1ABC/, /DL1ABC/, /JA1XYZ/]);
    await expect(page.getByTestId('ov-tuning')).toContainText('14.195 MHz');
    await expect(page.getByTestId('ov-tuning')).toContainText('20m · SSB');
    await expect(page.getByTestId('ov-tuning')).toContainText('up 5 kHz');
    // The QR code opens the station page at an address phones can reach (LAN first, else this one).
    const info = await operator.request('system.info');
    const joinUrl = info.station_page_urls.find((url) => !/\/\/(127\.|localhost)/.test(url)) ?? info.station_page_urls[0];
    await expect(page.getByTestId('station-qr')).toHaveAttribute('data-text', joinUrl!);
    const backgrounds = await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.overlay')!).backgroundColor]);
    expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);

    // Live: the next QSO shows without a reload.
    await operator.request('admin.next_qso');
    await expect(page.getByTestId('ov-working')).toHaveText('K1ABC');
    await expect(page.getByTestId('ov-next').locator('li')).toHaveText([/DL1ABC/, /JA1XYZ/, /G4ABC/]);
  });

  test('takes its size, theme, side, rows, language and join address from the URL, and ignores what it does not understand', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC']) await operator.request('queue.register', { callsign });
    await page.goto(`http://127.0.0.1:${pileup.port}/overlay/?size=l&theme=light&side=left&rows=0&lang=de&join=https://pileup.example/`);
    await expect(page).toHaveURL(/\/overlay\?size=l/); // the trailing slash is redirected away
    const overlay = page.getByTestId('overlay');
    await expect(overlay).toHaveClass(/theme-light/);
    await expect(overlay).toHaveClass(/side-left/);
    await expect(overlay).toHaveCSS('font-size', '33px');
    await expect(page.getByTestId('ov-next')).toHaveCount(0);
    await expect(page.getByText('Jetzt im QSO')).toBeVisible();
    await expect(page.getByTestId('station-qr')).toHaveAttribute('data-text', 'https://pileup.example/');

    await page.goto(`http://127.0.0.1:${pileup.port}/overlay?size=huge&theme=neon&rows=lots&qr=0`);
    await expect(page.getByTestId('overlay')).toHaveClass(/theme-dark/);
    await expect(page.getByTestId('overlay')).toHaveCSS('font-size', '22px');
    await expect(page.getByTestId('ov-next').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('station-qr')).toHaveCount(0);
  });
});
