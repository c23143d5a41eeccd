import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { AdifParser } from 'adif-parser-ts';
import { expect, goOnAir, signIn, test } from './fixtures';

async function workThree(page: Page, pileup: Parameters<Parameters<typeof test>[2]>[0]['pileup']): Promise<void> {
  await goOnAir(page);
  const operator = await pileup.station({ admin: true });
  await operator.request('admin.set_frequency', { frequency: '14.025', mode: 'CW' });
  for (const callsign of ['W1AW', 'DL1ABC', 'G4ABC']) await operator.request('queue.register', { callsign });
  for (let i = 0; i < 4; i++) await operator.request('admin.next_qso');
  await expect(page.getByTestId('qso-total')).toHaveText('3');
}

test.describe('log view', () => {
  test('L opens the log: search, correct RST and notes, delete with undo', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await workThree(page, pileup);
    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: 'Log' });
    await expect(dialog.getByTestId('log-row')).toHaveCount(3);
    await dialog.getByLabel('Search the log').fill('dl1');
    await expect(dialog.getByTestId('log-row')).toHaveCount(1);
    await dialog.getByLabel('RST received from DL1ABC').fill('579');
    await dialog.getByLabel('Notes for DL1ABC').click();
    await dialog.getByLabel('Notes for DL1ABC').fill('QSB');
    await dialog.getByLabel('Search the log').click();
    const operator = await pileup.station({ admin: true });
    await expect.poll(async () => (await operator.request('admin.get_log', { search: 'DL1ABC' })).qsos[0]?.rst_rcvd).toBe('579');
    await expect.poll(async () => (await operator.request('admin.get_log', { search: 'DL1ABC' })).qsos[0]?.notes).toBe('QSB');

    await dialog.getByRole('button', { name: 'Delete the QSO with DL1ABC' }).click();
    await expect(dialog.getByTestId('log-row')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(dialog.getByTestId('log-row')).toHaveCount(1);
    expect((await operator.request('admin.get_log', {})).total).toBe(3);
    await expect(dialog.getByLabel('RST received from DL1ABC')).toHaveValue('579');
  });

  test('another console\'s corrections and deletions show at once, here and in the totals', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await workThree(page, pileup);
    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: 'Log' });
    await expect(dialog.getByTestId('log-row')).toHaveCount(3);
    const other = await pileup.station({ admin: true });
    const { qsos } = await other.request('admin.get_log', {});
    const byCall = (call: string) => qsos.find((q) => q.callsign === call)!.id;
    await other.request('admin.update_qso', { id: byCall('W1AW'), rst_rcvd: '449', notes: 'from the other console' });
    await expect(dialog.getByLabel('Notes for W1AW')).toHaveValue('from the other console');
    await expect(dialog.getByLabel('RST received from W1AW')).toHaveValue('449');
    await other.request('admin.delete_qso', { id: byCall('G4ABC') });
    await expect(dialog.getByTestId('log-row')).toHaveCount(2);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('qso-total')).toHaveText('2');
  });

  test('Export ADIF downloads a file an independent parser reads', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await workThree(page, pileup);
    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: 'Log' });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export ADIF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pileup-log-.*\.adi$/);
    const adif = AdifParser.parseAdi(await readFile((await download.path())!, 'utf8'));
    expect(adif.records?.map((r) => [r.call, r.band, r.freq, r.mode, r.rst_sent])).toEqual([
      ['W1AW', '20m', '14.025000', 'CW', '599'],
      ['DL1ABC', '20m', '14.025000', 'CW', '599'],
      ['G4ABC', '20m', '14.025000', 'CW', '599']
    ]);
  });

  test('Export since the last export takes only what was logged after it; a date range looks back', async ({ page, pileup }) => {
    await signIn(page, pileup);
    await workThree(page, pileup);
    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: 'Log' });
    const which = dialog.getByLabel('Which QSOs to export');
    await expect(which.locator('option[value="since"]')).toHaveText('Since the last export (none yet: all)');
    const exportAdif = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export ADIF' }).click()]);
      return { name: download.suggestedFilename(), calls: AdifParser.parseAdi(await readFile((await download.path())!, 'utf8')).records?.map((r) => r.call) };
    };
    await which.selectOption('since');
    expect((await exportAdif()).calls).toEqual(['W1AW', 'DL1ABC', 'G4ABC']);
    await expect(which.locator('option[value="since"]')).toHaveText(/^Since the last export \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\)$/);
    // Nothing new: said, and no empty file.
    await dialog.getByRole('button', { name: 'Export ADIF' }).click();
    await expect(page.getByText('Nothing new since the last export.')).toBeVisible();
    // Today's UTC date, as a range: everything again, and the file is named for it.
    await which.selectOption('dates');
    const today = new Date().toISOString().slice(0, 10);
    await expect(dialog.getByLabel('From (UTC date)')).toHaveValue(today);
    const dated = await exportAdif();
    expect(dated.name).toBe(`pileup-log-${today}-to-${today}.adi`);
    expect(dated.calls).toEqual(['W1AW', 'DL1ABC', 'G4ABC']);
  });
});
