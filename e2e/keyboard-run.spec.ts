/**
 * A run of 20 QSOs from the keyboard alone, as an operator works a pileup: stations from the
 * queue and callers heard on the air, reports and notes typed during the QSO, a removal taken
 * back and a QSO taken back. The exported ADIF, read by an independent parser, must hold every
 * QSO as worked and nothing else.
 */
import { AdifParser } from 'adif-parser-ts';
import { expect, signIn, test } from './fixtures';

/** The console ignores a logging key within a second of the QSO it started appearing. */
const AFTER_GUARD_MS = 1100;

const REGISTERED = ['W1AW', 'K1ABC', 'G4ABC', 'DL1ABC', 'JA1XYZ', 'VK2ABC', 'ZS6ABC', 'PY2ABC', 'EA3ABC', 'I2ABC', 'F5ABC', 'OH2ABC', 'SM5ABC', 'LU1ABC', 'VE3ABC', 'ON4ABC', 'OK1ABC'];

interface Expected {
  call: string;
  rst_rcvd?: string;
  name?: string;
  comment?: string;
}

test.use({ serverEnv: { MIN_QSO_SECONDS: '0', MAX_QUEUE_SIZE: '30' } });

test('20 QSOs from the keyboard: heard callers, typed reports and notes, an undone removal and an undone QSO', async ({ page, pileup }) => {
  test.setTimeout(120_000);
  await signIn(page, pileup);
  const current = page.getByTestId('current-callsign');
  const rows = page.getByTestId('queue-row');
  const logged: Expected[] = [];
  const key = (name: string) => page.keyboard.press(name);
  /** A key that logs or starts a QSO, pressed as an operator would: not twice within a second. */
  const loggingKey = async (name: string) => {
    await page.waitForTimeout(AFTER_GUARD_MS);
    await key(name);
  };
  const typeInto = async (text: string) => page.keyboard.type(text);
  const nextFromQueue = async (expectCurrent: string, completed: Expected) => {
    await loggingKey('n');
    await expect(current).toHaveText(expectCurrent);
    logged.push(completed);
  };

  // Tune and go on the air, all from the keyboard.
  await key('a');
  await expect(page.getByRole('switch', { name: 'On air' })).toHaveAttribute('aria-checked', 'true');
  await key('f');
  await typeInto('14.195');
  await key('Enter');
  await key('m');
  await typeInto('SSB');
  await key('Enter');
  await key('s');
  await typeInto('up 5');
  await key('Enter');
  await expect(page.getByTestId('band')).toHaveText('20m');

  const operator = await pileup.station({ admin: true });
  for (const callsign of REGISTERED) await (await pileup.station()).request('queue.register', { callsign });
  await expect(rows).toHaveCount(REGISTERED.length);

  // 1: W1AW, with the report, name and a note typed while the QSO runs; Enter logs it and works K1ABC.
  await key('n');
  await expect(current).toHaveText('W1AW');
  await key('r');
  await expect(page.getByRole('textbox', { name: 'Report received for W1AW' })).toBeFocused();
  await page.keyboard.press('Control+a');
  await typeInto('57');
  await key('Tab');
  await typeInto('Hiram');
  await key('Tab');
  await key('Tab');
  await typeInto('first of the day');
  await page.waitForTimeout(AFTER_GUARD_MS);
  await key('Enter');
  await expect(current).toHaveText('K1ABC');
  logged.push({ call: 'W1AW', rst_rcvd: '57', name: 'Hiram', comment: 'first of the day' });

  // 2: K1ABC; G4ABC comes up.
  await nextFromQueue('G4ABC', { call: 'K1ABC' });

  // 3-4: G4ABC, then EA8XYZ heard on the air (never registered), with a report typed at once.
  await page.waitForTimeout(AFTER_GUARD_MS);
  await key('/');
  await typeInto('ea8xyz');
  await key('Enter');
  await expect(current).toHaveText('EA8XYZ');
  await expect(page.getByTestId('heard-badge')).toBeVisible();
  logged.push({ call: 'G4ABC' });
  await expect(page.getByRole('textbox', { name: 'Report received for EA8XYZ' })).toBeFocused();
  await page.keyboard.press('Control+a');
  await typeInto('55');
  await key('Tab');
  await typeInto('Lucia');
  await page.waitForTimeout(AFTER_GUARD_MS);
  await key('Enter');
  await expect(current).toHaveText('DL1ABC');
  logged.push({ call: 'EA8XYZ', rst_rcvd: '55', name: 'Lucia' });

  // 5-6.
  await nextFromQueue('JA1XYZ', { call: 'DL1ABC' });
  await nextFromQueue('VK2ABC', { call: 'JA1XYZ' });

  // A station removed by mistake, put back in its place with Ctrl+Z.
  await key('ArrowDown');
  await key('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(rows.nth(1)).toContainText('PY2ABC');
  await key('Delete');
  await expect(page.getByTestId('undo-bar')).toContainText('PY2ABC removed');
  await expect(rows.nth(1)).toContainText('EA3ABC');
  await key('Control+z');
  await expect(rows.nth(1)).toContainText('PY2ABC');
  await key('Escape');

  // 7: VK2ABC completed too soon, taken back with Ctrl+Z (in QSO again), then logged with its report.
  await loggingKey('c');
  await expect(current).toHaveCount(0);
  await expect(page.getByTestId('qso-total')).toHaveText('7');
  await key('Control+z');
  await expect(current).toHaveText('VK2ABC');
  await expect(page.getByTestId('qso-total')).toHaveText('6');
  await key('r');
  await page.keyboard.press('Control+a');
  await typeInto('44');
  await page.waitForTimeout(AFTER_GUARD_MS);
  await key('Enter');
  await expect(current).toHaveText('ZS6ABC');
  logged.push({ call: 'VK2ABC', rst_rcvd: '44' });

  // 8-12.
  await nextFromQueue('PY2ABC', { call: 'ZS6ABC' });
  await nextFromQueue('EA3ABC', { call: 'PY2ABC' });
  await nextFromQueue('I2ABC', { call: 'EA3ABC' });
  await nextFromQueue('F5ABC', { call: 'I2ABC' });
  await nextFromQueue('OH2ABC', { call: 'F5ABC' });

  // 13-14: OH2ABC, then HB9HRD heard (Insert opens the call entry too), with a note.
  await page.waitForTimeout(AFTER_GUARD_MS);
  await key('Insert');
  await typeInto('HB9HRD');
  await key('Enter');
  await expect(current).toHaveText('HB9HRD');
  logged.push({ call: 'OH2ABC' });
  // The callsign shows with the event; the cursor moves to the report with the reply, a flush later.
  await expect(page.getByRole('textbox', { name: 'Report received for HB9HRD' })).toBeFocused();
  await key('Tab');
  await key('Tab');
  await key('Tab');
  await typeInto('weak, QSB');
  await page.waitForTimeout(AFTER_GUARD_MS);
  await key('Enter');
  await expect(current).toHaveText('SM5ABC');
  logged.push({ call: 'HB9HRD', comment: 'weak, QSB' });

  // 15-16: SM5ABC, then UA3HRD heard.
  await page.waitForTimeout(AFTER_GUARD_MS);
  await key('/');
  await typeInto('UA3HRD');
  await key('Enter');
  await expect(current).toHaveText('UA3HRD');
  logged.push({ call: 'SM5ABC' });
  await expect(page.getByRole('textbox', { name: 'Report received for UA3HRD' })).toBeFocused();
  await key('Escape'); // out of the report field, back to the shortcuts
  await nextFromQueue('LU1ABC', { call: 'UA3HRD' });

  // 17-20: the rest of the queue, the last one completed with C.
  await nextFromQueue('VE3ABC', { call: 'LU1ABC' });
  await nextFromQueue('ON4ABC', { call: 'VE3ABC' });
  await nextFromQueue('OK1ABC', { call: 'ON4ABC' });
  await expect(rows).toHaveCount(0);
  await loggingKey('c');
  await expect(current).toHaveCount(0);
  logged.push({ call: 'OK1ABC' });
  await expect(page.getByTestId('qso-total')).toHaveText('20');

  // The export, read by an independent ADIF parser: every QSO as worked, and nothing else.
  const file = await operator.request('admin.export_log', { format: 'adif' });
  const records = AdifParser.parseAdi(file.content).records ?? [];
  expect(logged).toHaveLength(20);
  expect(records.map((r) => r.call)).toEqual(logged.map((q) => q.call));
  for (const [i, record] of records.entries()) {
    const want = logged[i]!;
    expect(record, want.call).toMatchObject({
      band: '20m',
      mode: 'SSB',
      rst_sent: '59',
      rst_rcvd: want.rst_rcvd ?? '59',
      ...(want.name ? { name: want.name } : {}),
      ...(want.comment ? { comment: want.comment } : {})
    });
    expect(Number(record.freq), want.call).toBe(14.195);
    if (!want.name) expect(record.name, want.call).toBeUndefined();
    if (!want.comment) expect(record.comment, want.call).toBeUndefined();
    // A real QSO: it ended no earlier than it began.
    expect(`${record.qso_date_off}${record.time_off}` >= `${record.qso_date}${record.time_on}`, want.call).toBe(true);
  }
});
