import { expect, goOnAir, signIn, test } from './fixtures';

test.describe('operator toolkit in the console', () => {
  test('cancel (U) puts the station back at the head of the queue without logging', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const station = await pileup.station();
    for (const callsign of ['W1AW', 'K1ABC']) await station.request('queue.register', { callsign });
    await page.keyboard.press('n');
    await expect(page.getByTestId('current-callsign')).toHaveText('W1AW');
    await page.keyboard.press('u');
    await expect(page.getByTestId('current-callsign')).toHaveCount(0);
    await expect(page.getByTestId('queue-row').first()).toContainText('W1AW');
    await expect(page.getByTestId('qso-total')).toHaveText('0');
  });

  test('pause (P) refuses new stations, keeps the queue, and the station page says so', async ({ page, pileup, extraPage }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const station = await pileup.station();
    await station.request('queue.register', { callsign: 'W1AW' });
    await page.keyboard.press('p');
    await expect(page.getByRole('switch', { name: 'Registration paused' })).toHaveAttribute('aria-checked', 'true');
    const phone = await extraPage();
    await phone.goto(`http://127.0.0.1:${pileup.port}/`);
    await expect(phone.getByTestId('paused')).toBeVisible();
    await expect(phone.getByRole('button', { name: 'Join the queue' })).toBeDisabled();
    const refused = await station.request('queue.register', { callsign: 'K1ABC' }).catch((e) => e.code);
    expect(refused).toBe('REGISTRATION_PAUSED');
    await expect(page.getByTestId('queue-row')).toHaveCount(1);
    await page.keyboard.press('p');
    await expect(phone.getByTestId('paused')).toHaveCount(0);
    await expect(phone.getByRole('button', { name: 'Join the queue' })).toBeEnabled();
  });

  test('ban (B) asks for a reason, removes the station, and is lifted from Settings', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const station = await pileup.station();
    await station.request('queue.register', { callsign: 'W1AW' });
    await expect(page.getByTestId('queue-row')).toHaveCount(1);
    // B acts only on a station the operator picked, never on whoever is at the head by default.
    await page.keyboard.press('b');
    await expect(page.getByRole('dialog', { name: 'Ban W1AW' })).toHaveCount(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('b');
    const dialog = page.getByRole('dialog', { name: 'Ban W1AW' });
    await dialog.getByLabel(/Reason/).fill('calling over others');
    await dialog.getByRole('button', { name: 'Ban W1AW' }).click();
    await expect(page.getByTestId('queue-row')).toHaveCount(0);
    const refused = await station.request('queue.register', { callsign: 'W1AW' }).catch((e) => e.message);
    expect(refused).toBe('W1AW may not register here: calling over others');
    await page.keyboard.press(',');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByText('calling over others')).toBeVisible();
    await settings.getByRole('button', { name: 'Lift ban' }).click();
    await expect(settings.getByText('Nobody is banned')).toBeVisible();
    expect(await station.request('queue.register', { callsign: 'W1AW' }).then(() => 'ok')).toBe('ok');
  });
});
