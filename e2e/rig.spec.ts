import { rigctldMissing, startRigctld } from '../tests/helpers/rigctld-process';
import { expect, signIn, test } from './fixtures';

const missing = rigctldMissing();

test.describe('rig control from the settings', () => {
  // CI installs Hamlib (libhamlib-utils); elsewhere the reason is in the skip.
  test.skip(missing !== null && !process.env.CI, `needs Hamlib's rigctld: ${missing}`);

  test('the switch fills in the usual rigctld address, follows the real dummy radio, and switches off again', async ({ page, pileup }) => {
    const radio = await startRigctld();
    try {
      await signIn(page, pileup);
      await page.keyboard.press(',');
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      const follow = dialog.getByLabel('Follow the radio (Hamlib rigctld)');
      await expect(follow).not.toBeChecked();
      await expect(dialog.getByLabel('rigctld address')).toBeHidden();
      await follow.check();
      const address = dialog.getByLabel('rigctld address');
      await expect(address).toHaveValue('127.0.0.1:4532');
      await address.fill(`127.0.0.1:${radio.port}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('rig-status')).toHaveText('Following the radio');
      // The dummy radio starts on 145 MHz; the header follows it.
      await expect(page.getByLabel('Frequency')).toHaveValue(/145/);

      await page.keyboard.press(',');
      await follow.uncheck();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByTestId('rig-status')).toBeHidden();
      const admin = await pileup.station({ admin: true });
      expect((await admin.request('admin.get_settings')).values.rigctld).toBeNull();
    } finally {
      await radio.close();
    }
  });
});
