/**
 * Importing a 100,000-QSO ADIF log from the console: a file picker, progress while it is read
 * and saved, the report with skipped records by line, and the log and its dupes knowing of it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedLog } from '../tests/helpers/generated-adif';
import { expect, signIn, test } from './fixtures';

test('Import ADIF in the log view: progress, then what was imported and skipped; a broken file changes nothing', async ({ page, pileup }) => {
  test.setTimeout(240_000);
  const folder = await mkdtemp(join(tmpdir(), 'adif-import-'));
  const { text, lineOf } = generatedLog(100_000, new Map([[17, 'call']]));
  const file = join(folder, 'yesterday.adi');
  await writeFile(file, text);

  await signIn(page, pileup);
  await page.keyboard.press('l');
  const dialog = page.getByRole('dialog', { name: 'Log' });
  await dialog.getByLabel('Import an ADIF file').setInputFiles(file);
  await expect(dialog.getByTestId('import-progress')).toBeVisible();
  await expect(dialog.getByTestId('import-report')).toHaveText(`yesterday.adi: 99,999 QSOs imported, 1 record skipped. Skipped: line ${lineOf.get(17)}: no CALL.`, { timeout: 200_000 });
  await expect(dialog.getByTestId('import-progress')).toHaveCount(0);
  await expect(dialog.getByText('50 shown of 99,999').or(dialog.getByText(/shown of 99999/))).toBeVisible();

  // Worked before: the queue marks a caller from the imported log.
  const operator = await pileup.station({ admin: true });
  await operator.request('admin.set_system_status', { active: true });
  await operator.request('admin.set_frequency', { frequency: '14.025', mode: 'CW' });
  await operator.request('queue.register', { callsign: 'K0AAA' });
  expect((await operator.request('queue.list')).queue[0]?.worked_before).toBe(true);

  // A file that is not ADIF: said with its line, and the log is as it was.
  const broken = join(folder, 'broken.adi');
  await writeFile(broken, text.replace('<BAND:3>40m', '<BAND:x>40m'));
  await dialog.getByLabel('Import an ADIF file').setInputFiles(broken);
  await expect(dialog.getByTestId('import-problem')).toContainText(`broken.adi is not ADIF at line ${lineOf.get(1)}: <BAND:x> is not a field`);
  expect((await operator.request('admin.get_log', { limit: 1 })).total).toBe(99_999);
});
