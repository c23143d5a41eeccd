import WebSocket from 'ws';
import { expect, goOnAir, signIn, STATUS_KEY, test } from './fixtures';


test.describe('operator console against the headless server', () => {
  test('refuses a wrong password with a readable message, then signs in', async ({ page, pileup }) => {
    await page.goto(pileup.consoleUrl);
    await page.getByLabel('Password').fill('not-it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Invalid username or password');
    await page.getByLabel('Password').fill('e2e-operator-pw');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('console-root')).toBeVisible();
    await expect(page.getByRole('status', { name: /Server connection: Connected/ })).toBeVisible();
  });

  test('goes on air; a station registers and appears live; Next and Complete log QSOs', async ({ page, pileup }) => {
    await signIn(page, pileup);
    const onAir = page.getByRole('switch', { name: 'On air' });
    await expect(onAir).toHaveAttribute('aria-checked', 'false');
    await onAir.click();
    await expect(onAir).toHaveAttribute('aria-checked', 'true');

    const station = await pileup.station();
    await station.request('queue.register', { callsign: 'W1AW' });
    await station.request('queue.register', { callsign: 'kh6/k1abc' });
    const rows = page.getByTestId('queue-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('KH6/K1ABC');
    await expect(page.getByTestId('queue-count')).toHaveText('2 / 10');

    await page.getByRole('button', { name: /Next/ }).click();
    await expect(page.getByTestId('current-callsign')).toHaveText('W1AW');
    await expect(rows).toHaveCount(1);
    const seenByStation = await station.request('public.get_snapshot');
    expect(seenByStation.current_qso?.callsign).toBe('W1AW');

    // A real QSO takes longer than the server's minimum (2 s by default).
    await page.waitForTimeout(2100);
    await page.getByRole('button', { name: /Complete/ }).click();
    await expect(page.getByText('Nobody in QSO.', { exact: false })).toBeVisible();
    await expect(page.getByTestId('qso-total')).toHaveText('1');
    await expect(page.getByRole('list', { name: 'Recent QSOs' })).toContainText('W1AW');
  });

  test('a frequency and split typed in the header reach a station client', async ({ page, pileup }) => {
    await signIn(page, pileup);
    const station = await pileup.station();
    const frequencies: Array<string | null> = [];
    const splits: Array<string | null> = [];
    station.on('frequency_update', (f) => frequencies.push(f.frequency));
    station.on('split_update', (s) => splits.push(s.split));

    const frequency = page.getByRole('textbox', { name: /Frequency/ });
    await frequency.fill('14.205');
    await frequency.press('Enter');
    const split = page.getByRole('textbox', { name: /Split/ });
    await split.fill('up 5');
    await split.press('Enter');
    await expect.poll(() => frequencies).toEqual(['14.205']);
    await expect.poll(() => splits).toEqual(['up 5']);

    // Clearing the field clears the frequency for everyone.
    await frequency.fill('');
    await frequency.press('Enter');
    await expect.poll(() => frequencies).toEqual(['14.205', null]);
  });

  test.describe('keyboard', () => {
    test.use({ serverEnv: { MIN_QSO_SECONDS: '0' } });

    test('N, C, arrows, W, Delete on a pick, A with its question; nothing fires while typing', async ({ page, pileup }) => {
      await signIn(page, pileup);
      await goOnAir(page);
      const station = await pileup.station();
      for (const callsign of ['W1AW', 'K1ABC', 'G4ABC', 'DL1ABC']) await station.request('queue.register', { callsign });
      const rows = page.getByTestId('queue-row');
      await expect(rows).toHaveCount(4);

      // Typing an N into the frequency field must not work the next station.
      const frequency = page.getByRole('textbox', { name: /Frequency/ });
      await page.keyboard.press('f');
      await expect(frequency).toBeFocused();
      await page.keyboard.type('7.0n');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('current-callsign')).toHaveCount(0);
      await expect(frequency).toHaveValue('');

      await page.keyboard.press('n');
      await expect(page.getByTestId('current-callsign')).toHaveText('W1AW');
      await page.keyboard.press('ArrowDown'); // picks K1ABC, the head
      await page.keyboard.press('ArrowDown'); // picks G4ABC
      await page.waitForTimeout(1100); // past the guard against a repeated key
      await page.keyboard.press('w');
      await expect(page.getByTestId('current-callsign')).toHaveText('G4ABC');
      await expect(rows).toHaveCount(2);
      // G4ABC left the queue, so nothing is picked: Delete does nothing without a pick.
      await expect(page.locator('[data-testid="queue-row"][aria-current="true"]')).toHaveCount(0);
      await page.keyboard.press('Delete');
      await expect(page.getByText(/Pick a station first/)).toBeVisible();
      await expect(rows).toHaveCount(2);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
      await expect(rows.nth(1)).toContainText('DL1ABC');
      await page.keyboard.press('Delete');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('K1ABC');
      await expect(page.getByTestId('undo-bar')).toContainText('DL1ABC removed');
      await page.waitForTimeout(1100);
      await page.keyboard.press('c');
      await expect(page.getByTestId('qso-total')).toHaveText('2');

      // Off the air with a station still waiting: the console asks, and says what will happen.
      await page.keyboard.press('a');
      const confirm = page.getByTestId('confirm-dialog');
      await expect(confirm).toContainText('1 station leaves the queue');
      await page.keyboard.press('Escape');
      await expect(confirm).toHaveCount(0);
      await expect(page.getByRole('switch', { name: 'On air' })).toHaveAttribute('aria-checked', 'true');
      await page.keyboard.press('a');
      await confirm.getByRole('button', { name: 'Go off the air' }).click();
      await expect(confirm).toHaveCount(0);
      await expect(page.getByRole('switch', { name: 'On air' })).toHaveAttribute('aria-checked', 'false');
      await expect(rows).toHaveCount(0);

      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  });

  test('a double click performs Next once', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const station = await pileup.station();
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await station.request('queue.register', { callsign });
    await expect(page.getByTestId('queue-row')).toHaveCount(3);
    await page.getByRole('button', { name: /Next/ }).dblclick();
    await expect(page.getByTestId('current-callsign')).toHaveText('W1AW');
    await page.waitForTimeout(300);
    const snapshot = await station.request('public.get_snapshot');
    expect(snapshot.current_qso?.callsign).toBe('W1AW');
    expect(snapshot.qsos_logged).toBe(0);
    expect(snapshot.queue.total).toBe(2);
  });

  test('server errors are shown as readable messages', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const station = await pileup.station();
    await station.request('queue.register', { callsign: 'W1AW' });
    await expect(page.getByTestId('queue-row')).toHaveCount(1);
    const frequency = page.getByRole('textbox', { name: /Frequency/ });
    await frequency.fill('x'.repeat(80));
    await frequency.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'frequency' })).toContainText('at most 64 characters');
    await expect(frequency).toHaveValue('');
  });

  test('recovers after the server restarts: banner while cut off, state back afterwards', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const station = await pileup.station({ admin: true });
    await station.request('queue.register', { callsign: 'W1AW' });
    await station.request('admin.set_frequency', { frequency: '21.295' });
    await expect(page.getByTestId('queue-row')).toHaveCount(1);

    await pileup.stop();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByRole('status', { name: /Reconnecting/ })).toBeVisible();
    // The last known state stays on screen while cut off.
    await expect(page.getByTestId('queue-row')).toHaveCount(1);

    await pileup.start();
    await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 20_000 });
    const after = await pileup.station();
    await after.request('queue.register', { callsign: 'K1ABC' });
    await expect(page.getByTestId('queue-row')).toHaveCount(2);
    await expect(page.getByRole('textbox', { name: /Frequency/ })).toHaveValue('21.295');
  });

  test('the server panel shows the station page address with a QR code for phones', async ({ page, pileup }) => {
    await signIn(page, pileup);
    const url = `http://127.0.0.1:${pileup.port}/`;
    await expect(page.getByTestId('station-page-url')).toHaveText(url);
    const qr = page.getByTestId('station-qr');
    await expect(qr).toHaveAttribute('data-text', url);
    await expect(qr.locator('svg path').first()).toBeAttached();
  });

  test('the server panel shows the same figures the status stream sends monitors', async ({ page, pileup }) => {
    await signIn(page, pileup);
    const monitor = new WebSocket(`ws://127.0.0.1:${pileup.statusPort}`, 'hydrogen-protocol', { headers: { Authorization: `Key ${STATUS_KEY}` } });
    const documents: any[] = [];
    monitor.on('message', (data) => documents.push(JSON.parse(data.toString())));
    await expect.poll(() => documents.length).toBeGreaterThan(0);
    expect(documents[0].active_connections).toBe(2); // this console and the monitor
    // The console polls every 5 s; it must come to show the same numbers.
    await expect(page.getByTestId('client-count')).toHaveText('2', { timeout: 12_000 });
    await expect(page.getByTestId('client-kinds')).toHaveText('1 WebSocket · 0 SSE · 1 monitoring');
    const rss = Number((await page.getByTestId('memory').textContent())?.replace(/\D/g, ''));
    expect(Math.abs(rss - Math.round(documents.at(-1).status.totalResidentMemoryBytes / 1048576))).toBeLessThan(50);
    monitor.close();
    await page.keyboard.press(',');
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Show' }).nth(1).click();
    await expect(page.getByTestId('status-key')).toHaveText(STATUS_KEY);
  });

  test('settings: queue size applies at once, the admin password is shown on request', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await page.keyboard.press(',');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('admin-password')).toHaveText('••••••••••••');
    await dialog.getByRole('button', { name: 'Show' }).first().click();
    // Set from ADMIN_PASSWORD, so it is locked in the form but visible to the operator.
    await expect(dialog.getByTestId('admin-password')).toHaveText('e2e-operator-pw');
    await expect(dialog.getByLabel('New password')).toBeDisabled();
    const size = dialog.getByLabel('Queue size');
    await expect(size).toBeDisabled(); // MAX_QUEUE_SIZE is set in this server's environment
    await dialog.getByLabel('Max connections').fill('50');
    const discovery = dialog.getByLabel('Announce this server on the LAN');
    await expect(discovery).toBeChecked();
    await discovery.uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
    const admin = await pileup.station({ admin: true });
    const settings = await admin.request('admin.get_settings');
    expect(settings.values.websocket_max_connections).toBe(50);
    expect(settings.values.discovery).toBe(false);
    // Discovery starts with the server, so the form says when the change takes effect.
    await page.keyboard.press(',');
    await expect(dialog.getByLabel('Announce this server on the LAN')).not.toBeChecked();
    await expect(dialog.locator('.field-toggle').getByText('Saved; applies at the next start.')).toBeVisible();
  });
});
