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

    // Leaving takes a second tap, so a stray tap never costs the place.
    await page.getByRole('button', { name: 'Leave the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('2');
    await page.getByRole('button', { name: 'Tap again to leave the queue' }).click();
    await expect(page.getByLabel('Callsign')).toBeVisible();
    const queue = await operator.request('queue.list');
    expect(queue.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
  });

  test('says whose pileup it is and where: the DX callsign, frequency with band and mode, split with its unit', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await expect(page.getByTestId('dx-station')).toHaveText('Pileup Buster');
    await operator.request('admin.update_settings', { station_callsign: 'VP8PJ', operator: 'K1ABC' });
    await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
    await operator.request('admin.set_split', { split: 'up 5' });
    await expect(page.getByTestId('dx-station')).toHaveText('VP8PJ op. K1ABC');
    await expect(page).toHaveTitle('VP8PJ pileup');
    await expect(page.getByTestId('band-mode')).toHaveText('20m · SSB');
    await expect(page.getByText('14.195 MHz')).toBeVisible();
    await expect(page.getByText('up 5 kHz')).toBeVisible();
    await operator.request('admin.set_split', { split: '14.2005' });
    await expect(page.getByText('14.2005 MHz')).toBeVisible();
  });

  test('a queued station sees itself as "You", is told when it is next, and when registration is paused', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    await operator.request('queue.register', { callsign: 'W1AW' });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByLabel('Callsign').fill('G4ABC');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-call')).toHaveText('G4ABC');
    await expect(page.getByTestId('my-position')).toHaveText('2');
    await expect(page.getByTestId('you-are-next')).toHaveCount(0);
    await operator.request('admin.next_qso');
    await expect(page.getByTestId('my-position')).toHaveText('1');
    await expect(page.getByTestId('you-are-next')).toHaveText('You are next: get ready to call.');
    await operator.request('admin.set_registration_paused', { paused: true });
    await expect(page.getByTestId('paused-queued')).toBeVisible();
    await expect(page.getByTestId('my-position')).toHaveText('1');
  });

  test('after its QSO the station sees it logged, in UTC with band and mode, and no join form until it asks', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByLabel('Callsign').fill('G4ABC');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('1');
    await operator.request('admin.next_qso');
    await expect(page.getByText('You are being worked now')).toBeVisible();
    const { completed_qso } = await operator.request('admin.complete_qso');
    const time = `${completed_qso!.completed_at.slice(11, 16)}Z`;
    await expect(page.getByTestId('outcome')).toContainText(`Logged ${time} on 20m SSB. 73!`);
    await expect(page.getByLabel('Callsign')).toHaveCount(0);
    // Still so once the registration is spent (10 s), so the page never invites a dupe.
    await page.waitForTimeout(10_500);
    await expect(page.getByTestId('outcome')).toContainText('Logged');
    await page.getByRole('button', { name: 'Join again (another band or mode)' }).click();
    await expect(page.getByLabel('Callsign')).toHaveValue('G4ABC');
  });

  test('a station taken out of the queue, or dropped when the station goes off the air, is told why', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByLabel('Callsign').fill('G4ABC');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('1');
    await operator.request('admin.remove_callsign', { callsign: 'G4ABC' });
    await expect(page.getByTestId('outcome')).toHaveText('The operator took you out of the queue.');

    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('1');
    await operator.request('admin.set_system_status', { active: false });
    await expect(page.getByTestId('outcome')).toHaveText('The station went off the air and the queue was cleared. Join again when it is back on the air.');
  });

  test('a full queue is shown before joining, and Join opens when a place frees up', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    // The fixture's server holds 10.
    for (let i = 0; i < 10; i++) await operator.request('queue.register', { callsign: `K${i}ABC` });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await expect(page.getByTestId('queue-full')).toHaveText('The queue is full (10 of 10). Joining opens as soon as a place frees up.');
    await expect(page.getByRole('button', { name: 'Join the queue' })).toBeDisabled();
    await operator.request('admin.next_qso');
    await expect(page.getByTestId('queue-full')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Join the queue' })).toBeEnabled();
  });

  test('a queued station gets an estimate of its wait from the pace of the QSOs it has seen', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'DL1ABC', 'JA1XYZ']) await operator.request('queue.register', { callsign });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByLabel('Callsign').fill('G4ABC');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('5');
    await expect(page.getByTestId('wait-estimate')).toHaveCount(0);
    await expect(page.getByLabel('Vibrate when I am next')).toBeChecked();
    for (let i = 0; i < 3; i++) await operator.request('admin.next_qso');
    await expect(page.getByTestId('my-position')).toHaveText('2');
    await expect(page.getByTestId('wait-estimate')).toHaveText('Wait: less than a minute, at the pace of the last QSOs.');
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
