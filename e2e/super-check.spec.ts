/**
 * Super check partial: a MASTER.SCP file loaded in Settings, and the call entry suggesting the
 * active callsigns that contain what the operator types, so a busted call is caught before it is
 * logged. The file here is in MASTER.SCP's own format (comment lines, one callsign per line).
 */
import { expect, goOnAir, signIn, test } from './fixtures';

const MASTER_SCP = ['# MASTER.SCP sample, in the format supercheckpartial.com publishes', 'DL1ABC', 'DL1ABD', 'JA1ABC', 'K1ABC', 'VP2E/K1ABC', 'W1AW', 'w1aw', 'not a call', ''].join('\r\n');

test('a MASTER.SCP file loaded in Settings makes the call entry suggest the callsigns containing what is typed; Forget clears it', async ({ page, pileup }) => {
  await signIn(page, pileup);
  await goOnAir(page);
  await page.keyboard.press(',');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByTestId('scp-count')).toContainText('None loaded');
  await dialog.getByLabel('Load a MASTER.SCP file').setInputFiles({ name: 'MASTER.SCP', mimeType: 'text/plain', buffer: Buffer.from(MASTER_SCP) });
  // Comments, blank lines, the same call twice and a line that is no callsign are left out.
  await expect(dialog.getByTestId('scp-count')).toHaveText('6 callsigns; the call entry suggests them.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('/');
  const entry = page.getByRole('textbox', { name: 'Call heard on the air' });
  await entry.pressSequentially('1AB');
  const hints = page.getByTestId('call-hints');
  // Those starting with the partial first, then those containing it.
  await expect(hints.locator('.hint-scp')).toHaveText(['DL1ABC', 'DL1ABD', 'JA1ABC', 'K1ABC', 'VP2E/K1ABC']);
  await entry.press('C');
  await expect(hints.locator('.hint-scp')).toHaveText(['DL1ABC', 'JA1ABC', 'K1ABC', 'VP2E/K1ABC']);
  await entry.press('Escape');

  // Kept in this browser across a reload, until forgotten.
  await page.reload();
  await signIn(page, pileup);
  await page.keyboard.press(',');
  await expect(dialog.getByTestId('scp-count')).toContainText('6 callsigns');
  await dialog.getByRole('button', { name: 'Forget' }).click();
  await expect(dialog.getByTestId('scp-count')).toContainText('None loaded');
});
