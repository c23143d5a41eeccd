/**
 * The operating position's safeguards, each against a hazard an operator met in a real pileup:
 * working the wrong station, losing one with a stray key, logging a QSO that did not happen,
 * dropping the QSO in progress, and having no way to log a caller heard on the air.
 */
import type { Page } from '@playwright/test';
import { AdifParser } from 'adif-parser-ts';
import type { PileupClient } from '../src/shared/client/pileup-client';
import { expect, goOnAir, signIn, test, type PileupFixture } from './fixtures';

/** The console ignores a logging key within a second of the QSO it started appearing. */
const AFTER_GUARD_MS = 1100;

async function register(pileup: PileupFixture, callsigns: string[]): Promise<Map<string, { client: PileupClient; token: string }>> {
  const joined = new Map<string, { client: PileupClient; token: string }>();
  for (const callsign of callsigns) {
    const client = await pileup.station();
    const result = await client.request('queue.register', { callsign });
    joined.set(callsign, { client, token: result.leave_token });
  }
  return joined;
}

async function adifCalls(operator: PileupClient) {
  const file = await operator.request('admin.export_log', { format: 'adif' });
  return AdifParser.parseAdi(file.content).records ?? [];
}

const current = (page: Page) => page.getByTestId('current-callsign');
const rows = (page: Page) => page.getByTestId('queue-row');
const picked = (page: Page) => page.locator('[data-testid="queue-row"][aria-current="true"]');

test.describe('with no minimum QSO length', () => {
  test.use({ serverEnv: { MIN_QSO_SECONDS: '0' } });

  test('the pick stays on the same callsign when the queue moves, and lets go when it leaves', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const joined = await register(pileup, ['W1AW', 'K1ABC', 'ZL1CCC', 'DL1DDD']);
    await expect(rows(page)).toHaveCount(4);

    // Pick ZL1CCC at row 3; a station ahead of it leaves: the pick is still ZL1CCC, and W works it.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect(picked(page)).toContainText('ZL1CCC');
    await joined.get('K1ABC')!.client.request('queue.leave', { callsign: 'K1ABC', token: joined.get('K1ABC')!.token });
    await expect(rows(page)).toHaveCount(3);
    await expect(picked(page)).toContainText('ZL1CCC');
    await page.keyboard.press('w');
    await expect(current(page)).toHaveText('ZL1CCC');
    // ZL1CCC left the queue, so nothing is picked: W and Enter mean the head of the queue.
    await expect(picked(page)).toHaveCount(0);

    // Pick DL1DDD; U puts ZL1CCC back at the head, which moves DL1DDD down: the pick follows it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(picked(page)).toContainText('DL1DDD');
    await page.keyboard.press('u');
    await expect(rows(page).first()).toContainText('ZL1CCC');
    await expect(picked(page)).toContainText('DL1DDD');
    await page.keyboard.press('Enter');
    await expect(current(page)).toHaveText('DL1DDD');

    // After N the head moves on; with no pick, Enter works whoever is first now.
    await page.waitForTimeout(AFTER_GUARD_MS);
    await page.keyboard.press('n');
    await expect(current(page)).toHaveText('ZL1CCC');
    await expect(picked(page)).toHaveCount(0);
    await page.waitForTimeout(AFTER_GUARD_MS);
    await page.keyboard.press('Enter');
    await expect(current(page)).toHaveText('W1AW');
  });

  test('Backspace never removes; Del removes with an Undo that puts the station back in its place for every console', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    await register(pileup, ['W1AW', 'K1ABC', 'G4ABC']);
    const other = await pileup.station({ admin: true });
    await expect(rows(page)).toHaveCount(3);

    // F, a frequency, Enter, then Backspace "to fix a typo": nobody leaves the queue.
    await page.keyboard.press('f');
    await page.keyboard.type('14.205');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(300);
    await expect(rows(page)).toHaveCount(3);

    // Del with nothing picked removes nobody either: it says to pick a station first.
    await page.keyboard.press('Delete');
    await expect(page.getByText('Pick a station first')).toBeVisible();
    await expect(rows(page)).toHaveCount(3);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Delete');
    await expect(rows(page)).toHaveCount(2);
    const undoBar = page.getByTestId('undo-bar');
    await expect(undoBar).toContainText('K1ABC removed');
    await expect.poll(async () => (await other.request('queue.list')).queue.map((e) => e.callsign)).toEqual(['W1AW', 'G4ABC']);
    await undoBar.getByRole('button', { name: /Undo/ }).click();
    await expect(rows(page).nth(1)).toContainText('K1ABC');
    await expect.poll(async () => (await other.request('queue.list')).queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC', 'G4ABC']);

    // The same with Ctrl+Z.
    await rows(page).nth(1).click();
    await page.keyboard.press('x');
    await expect(rows(page)).toHaveCount(2);
    await page.keyboard.press('Control+z');
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).nth(1)).toContainText('K1ABC');
    expect((await other.request('queue.list')).queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC', 'G4ABC']);
  });

  test('Ctrl+Z takes the last QSO out of the log: in QSO again, or back at the head when another QSO is on', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    await register(pileup, ['W1AW', 'K1ABC']);
    const other = await pileup.station({ admin: true });
    const undone: string[] = [];
    other.on('log_update', (update) => undone.push(`${update.action}:${update.qsos_logged}`));

    await page.keyboard.press('n');
    await expect(current(page)).toHaveText('W1AW');
    await page.waitForTimeout(AFTER_GUARD_MS);
    await page.keyboard.press('c');
    await expect(page.getByTestId('qso-total')).toHaveText('1');
    await expect(current(page)).toHaveCount(0);

    await page.keyboard.press('Control+z');
    await expect(current(page)).toHaveText('W1AW');
    await expect(page.getByTestId('qso-total')).toHaveText('0');
    await expect.poll(() => undone).toEqual(['undone:0']);
    expect(await adifCalls(other)).toEqual([]);

    // Logged again with N (K1ABC now in QSO), then undone: W1AW goes back to the head of the queue.
    await page.waitForTimeout(AFTER_GUARD_MS);
    await page.keyboard.press('n');
    await expect(current(page)).toHaveText('K1ABC');
    await expect(page.getByTestId('qso-total')).toHaveText('1');
    await page.keyboard.press('Control+z');
    await expect(rows(page).first()).toContainText('W1AW');
    await expect(current(page)).toHaveText('K1ABC');
    await expect(page.getByTestId('qso-total')).toHaveText('0');
    expect(await adifCalls(other)).toEqual([]);
  });

  test('a station heard on the air is worked from the call entry, with reports and notes typed during the QSO', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const other = await pileup.station({ admin: true });
    await other.request('admin.set_frequency', { frequency: '14.195', mode: 'USB' });
    await expect(page.getByTestId('band')).toHaveText('20m');
    await register(pileup, ['HB9ABC']);

    await page.keyboard.press('/');
    const entry = page.getByRole('textbox', { name: 'Call heard on the air' });
    await expect(entry).toBeFocused();
    await page.keyboard.type('hb9');
    // The partial check shows the queued station that matches.
    await expect(page.getByTestId('call-hints')).toContainText('HB9ABC in the queue');
    await page.keyboard.press('Escape');
    await expect(entry).toHaveValue('');
    await expect(entry).not.toBeFocused();

    await page.keyboard.press('/');
    await page.keyboard.type('ea8xyz');
    await page.keyboard.press('Enter');
    await expect(current(page)).toHaveText('EA8XYZ');
    await expect(page.getByTestId('heard-badge')).toBeVisible();
    // The cursor is in the report received, which starts at the mode's default.
    const rcvd = page.getByRole('textbox', { name: 'Report received for EA8XYZ' });
    await expect(rcvd).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Report sent for EA8XYZ' })).toHaveValue('59');
    await page.keyboard.type('57');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lucia');
    await page.keyboard.press('Tab');
    await page.keyboard.type('14');
    await page.keyboard.press('Tab');
    await page.keyboard.type('QRP 5 W');
    await page.waitForTimeout(AFTER_GUARD_MS);
    // Enter logs it and works the next in the queue.
    await page.keyboard.press('Enter');
    await expect(current(page)).toHaveText('HB9ABC');
    const [logged] = await adifCalls(other);
    expect(logged).toMatchObject({ call: 'EA8XYZ', rst_rcvd: '57', rst_sent: '59', name: 'Lucia', srx_string: '14', comment: 'QRP 5 W', band: '20m' });

    // The same call again is a dupe: one Enter warns, a second works it anyway.
    await page.waitForTimeout(AFTER_GUARD_MS);
    await page.keyboard.press('/');
    await page.keyboard.type('EA8XYZ');
    await expect(page.getByTestId('call-hints')).toContainText('DUPE');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('call-hints')).toContainText('Enter again to work it anyway');
    await expect(current(page)).toHaveText('HB9ABC');
    await page.keyboard.press('Enter');
    await expect(current(page)).toHaveText('EA8XYZ');
  });

  test("another console's edits to the QSO in progress show here; edits typed here reach the log", async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    await register(pileup, ['K1ABC']);
    const other = await pileup.station({ admin: true });
    await page.keyboard.press('n');
    await expect(current(page)).toHaveText('K1ABC');
    const snapshot = await other.request('public.get_snapshot');
    await other.request('admin.update_current_qso', { id: snapshot.current_qso!.id, notes: 'from the other console' });
    await expect(page.getByRole('textbox', { name: 'Notes for K1ABC' })).toHaveValue('from the other console');

    await page.getByRole('textbox', { name: 'Report sent for K1ABC' }).fill('55');
    await page.getByRole('textbox', { name: 'Report received for K1ABC' }).click();
    await expect.poll(async () => (await other.request('public.get_snapshot')).current_qso?.rst_sent).toBe('55');
    // A report that is not one is refused with the reason once typing stops; Enter after that
    // logs nothing (the field still shows the bad report, so logging the older one would log what
    // the operator never saw).
    const received = page.getByRole('textbox', { name: 'Report received for K1ABC' });
    await page.waitForTimeout(AFTER_GUARD_MS);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('5');
    await expect(page.getByRole('alert').filter({ hasText: 'report' }).first()).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was logged' }).first()).toBeVisible();
    await expect(current(page)).toHaveText('K1ABC');
    await expect(received).toHaveValue('5');
    expect((await other.request('admin.get_log')).total).toBe(0);

    // Fixed, Enter logs it with what is on screen.
    await received.fill('57');
    await page.keyboard.press('Enter');
    await expect(current(page)).toHaveCount(0);
    const [logged] = await adifCalls(other);
    expect(logged).toMatchObject({ call: 'K1ABC', rst_sent: '55', rst_rcvd: '57', comment: 'from the other console' });
  });

  test('a queued station shows whether it is still connected; a full queue says so and counts who was turned away', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    const joined = await register(pileup, ['W1AW', 'K1ABC']);
    await expect(rows(page).first().getByTestId('presence')).toHaveText('here');
    await joined.get('W1AW')!.client.close();
    await expect(rows(page).first().getByTestId('presence')).toContainText('away');
    await expect(rows(page).nth(1).getByTestId('presence')).toHaveText('here');

    // The e2e server's queue holds 10.
    await register(pileup, ['G4A', 'G4B', 'G4C', 'G4D', 'G4E', 'G4F', 'G4G', 'G4H']);
    await expect(page.getByTestId('queue-count-box')).toContainText('FULL');
    const late = await pileup.station();
    await expect(late.request('queue.register', { callsign: 'VK9LATE' })).rejects.toThrow();
    await expect(page.getByTestId('turned-away')).toHaveText('1 turned away', { timeout: 8000 });
  });
});

test.describe('with the default minimum QSO length', () => {
  test.use({ serverEnv: { MIN_QSO_SECONDS: '30' } });

  test('a quick second N is ignored, and a QSO shorter than the minimum is never logged without asking', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    await register(pileup, ['W1AW', 'K1ABC', 'G4ABC']);
    const other = await pileup.station({ admin: true });
    await expect(rows(page)).toHaveCount(3);

    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await expect(current(page)).toHaveText('W1AW');
    await page.waitForTimeout(300);
    expect((await other.request('public.get_snapshot')).qsos_logged).toBe(0);
    await expect(current(page)).toHaveText('W1AW');

    // Past the repeat guard, but far shorter than 30 s: the console asks, and Esc keeps working.
    await page.waitForTimeout(AFTER_GUARD_MS);
    await page.keyboard.press('n');
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText('Log W1AW after only');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(current(page)).toHaveText('W1AW');
    expect((await other.request('public.get_snapshot')).qsos_logged).toBe(0);

    // Asked again; Enter logs it after all, with its real start and end.
    await page.keyboard.press('n');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(current(page)).toHaveText('K1ABC');
    const log = await other.request('admin.get_log');
    expect(log.qsos.map((q) => q.callsign)).toEqual(['W1AW']);
    expect(Date.parse(log.qsos[0]!.completed_at)).toBeGreaterThan(Date.parse(log.qsos[0]!.started_at));
  });

  test('going off the air with a QSO in progress asks first, says what happens, and the question goes away', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await goOnAir(page);
    await register(pileup, ['W1AW', 'K1ABC']);
    const other = await pileup.station({ admin: true });
    const onAir = page.getByRole('switch', { name: 'On air' });
    await expect(rows(page)).toHaveCount(2);
    await page.keyboard.press('n');
    await expect(current(page)).toHaveText('W1AW');

    await page.keyboard.press('a');
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText('The QSO with W1AW is in progress');
    await expect(dialog).toContainText('1 station leaves the queue');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(onAir).toHaveAttribute('aria-checked', 'true');
    await expect(current(page)).toHaveText('W1AW');

    await page.keyboard.press('a');
    await dialog.getByRole('button', { name: 'Log W1AW, then go off the air' }).click();
    await expect(onAir).toHaveAttribute('aria-checked', 'false');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('qso-total')).toHaveText('1');
    expect((await adifCalls(other)).map((r) => r.call)).toEqual(['W1AW']);

    // Without logging: the QSO is dropped, as the button says.
    await goOnAir(page);
    await register(pileup, ['G4ABC']);
    await expect(rows(page)).toHaveCount(1);
    await page.keyboard.press('n');
    await expect(current(page)).toHaveText('G4ABC');
    await page.keyboard.press('a');
    await dialog.getByRole('button', { name: 'Go off without logging G4ABC' }).click();
    await expect(onAir).toHaveAttribute('aria-checked', 'false');
    await expect(dialog).toHaveCount(0);
    expect((await adifCalls(other)).map((r) => r.call)).toEqual(['W1AW']);

    // With nothing to lose there is nothing to ask.
    await goOnAir(page);
    await page.keyboard.press('a');
    await expect(onAir).toHaveAttribute('aria-checked', 'false');
    await expect(dialog).toHaveCount(0);
  });
});
