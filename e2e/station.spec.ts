import { devices } from '@playwright/test';
import { expect, test } from './fixtures';

// A station calling in from a phone.
test.use({ viewport: devices['Pixel 7'].viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

test.describe('station page', () => {
  test('a station joins from a phone, follows its place live, and leaves', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await expect(page.getByTestId('on-air')).toHaveText('Off the air');
    await expect(page.getByRole('button', { name: 'Join the queue' })).toBeDisabled();

    await operator.request('admin.set_system_status', { active: true });
    await operator.request('admin.set_frequency', { frequency: '14.195' });
    await operator.request('admin.set_split', { split: 'up 5' });
    await expect(page.getByTestId('on-air')).toHaveText('On the air');
    await expect(page.getByTestId('frequency')).toHaveText('14.195');
    await expect(page.getByTestId('split')).toHaveText('up 5');

    for (const callsign of ['W1AW', 'K1ABC']) await operator.request('queue.register', { callsign });
    await page.getByLabel('Callsign').fill('g4abc');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('3');

    await operator.request('admin.next_qso');
    await expect(page.getByTestId('working-now')).toHaveText('W1AW');
    await expect(page.getByTestId('my-position')).toHaveText('2');

    // A reload keeps the registration: the page remembers it.
    await page.reload();
    await expect(page.getByTestId('my-position')).toHaveText('2');

    await page.getByRole('button', { name: 'Leave the queue' }).click();
    await expect(page.getByLabel('Callsign')).toBeVisible();
    const queue = await operator.request('queue.list');
    expect(queue.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
  });

  test('explains a bad callsign and a duplicate', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    await operator.request('queue.register', { callsign: 'W1AW' });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    const input = page.getByLabel('Callsign');
    await input.fill('hello');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByRole('alert')).toHaveText('"HELLO" is not a valid callsign');
    await input.fill('W1AW');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByRole('alert')).toHaveText('W1AW is already in the queue');
  });

  test('being worked is shown to the station', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByLabel('Callsign').fill('VP2E/K1ABC');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('1');
    await operator.request('admin.next_qso');
    await expect(page.getByRole('status').filter({ hasText: 'You are being worked now' })).toBeVisible();
  });
});
