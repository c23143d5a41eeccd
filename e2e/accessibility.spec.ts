/**
 * The station page and the console under axe-core: no serious or critical violations, in the
 * states a station and an operator see most. Blind operators are an active part of the hobby.
 */
import AxeBuilder from '@axe-core/playwright';
import { devices, type Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => `${n.target.join(' ')} [${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}]`).join(', ')}`);
}

test.describe('station page on a phone', () => {
  test.use({ viewport: devices['Pixel 7'].viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

  // Dark in English, light in Japanese: the language attribute and the words change with it.
  for (const { scheme, locale, join, callsign } of [
    { scheme: 'dark', locale: 'en-US', join: 'Join the queue', callsign: 'Callsign' },
    { scheme: 'light', locale: 'ja-JP', join: 'キューに並ぶ', callsign: 'コールサイン' }
  ] as const) {
    test.describe(`${scheme}, ${locale}`, () => {
      test.use({ locale });
      test(`has no serious or critical violations (${scheme}, ${locale}): joining, queued, being worked, logged, banned`, async ({ page, pileup }) => {
        await page.emulateMedia({ colorScheme: scheme });
        const operator = await pileup.station({ admin: true });
        await operator.request('admin.update_settings', { station_callsign: 'VP8PJ' });
        await operator.request('admin.set_system_status', { active: true });
        await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
        await operator.request('admin.set_split', { split: 'up 5' });
        await operator.request('queue.register', { callsign: 'W1AW' });
        await page.goto(`http://127.0.0.1:${pileup.port}/`);
        await expect(page.getByTestId('dx-station')).toHaveText('VP8PJ');
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByLabel(callsign).fill('G4ABC');
        await page.getByRole('button', { name: join }).click();
        await expect(page.getByTestId('my-position')).toHaveText('2');
        expect(await seriousViolations(page)).toEqual([]);
        await operator.request('admin.next_qso');
        await operator.request('admin.next_qso');
        await expect(page.getByTestId('being-worked')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await operator.request('admin.complete_qso');
        await expect(page.getByTestId('outcome')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        // Joining again is offered once the station is on another band or mode.
        await operator.request('admin.set_frequency', { frequency: '7.005', mode: 'CW' });
        await page.getByTestId('outcome').getByRole('button').click();
        await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
        await page.getByRole('button', { name: join }).click();
        await expect(page.getByTestId('my-position')).toHaveText('1');
        await operator.request('admin.ban_callsign', { callsign: 'G4ABC', reason: 'Calling over the DX' });
        await expect(page.getByTestId('outcome')).toContainText('Calling over the DX');
        expect(await seriousViolations(page)).toEqual([]);
      });
    });
  }
});

test.describe('operator console', () => {
  test('has no serious or critical violations: signing in, and working the queue', async ({ page, pileup }) => {
    await page.goto(pileup.consoleUrl);
    await expect(page.getByLabel('Password')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(page, pileup);
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'DL1ABC']) await operator.request('queue.register', { callsign });
    await operator.request('admin.next_qso');
    await expect(page.getByTestId('console-root')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // The map (G) in place of the log.
    await page.keyboard.press('g');
    await expect(page.getByTestId('pileup-map')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('g');
  });
});

test.describe('stream overlay', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });
  test('has no serious or critical violations, dark and light', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'DL1ABC', 'JA1XYZ']) await operator.request('queue.register', { callsign });
    await operator.request('admin.next_qso');
    for (const theme of ['dark', 'light']) {
      await page.goto(`http://127.0.0.1:${pileup.port}/overlay?theme=${theme}`);
      await expect(page.getByTestId('ov-working')).toHaveText('W1AW');
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
