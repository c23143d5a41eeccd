/**
 * The live map in the console (G): callers where they are, the QSO in progress with its
 * great-circle path, distance and heading, night shaded; centred on my grid.
 */
import { expect, signIn, test } from './fixtures';

const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
const CALLERS = ['JA1XYZ', 'DL2ABC', 'VK3ABC', 'W6ABC', 'G4ABC', 'VE3XYZ', 'PY2ABC', 'ZS6ABC', 'OH2ABC', 'LU1ABC', 'UA9ABC', 'VU2ABC', 'ZL2ABC', 'EA8ABC', 'KH6ABC', 'JA6XYZ'];

for (const { grid, name } of [
  { grid: 'FK88lf', name: 'caribbean' },
  { grid: 'JO62qm', name: 'berlin' }
]) {
  test.describe(`map centred on ${grid}`, () => {
    test.use({ viewport: { width: 1366, height: 768 }, serverEnv: { MAX_QUEUE_SIZE: '40', MIN_QSO_SECONDS: '0' } });

    test(`G shows the pileup on a map centred on my grid (${grid}); the queue stays usable`, async ({ page, pileup }) => {
      const operator = await pileup.station({ admin: true });
      await operator.request('admin.update_settings', { station_callsign: 'VP2EPB', my_grid: grid });
      await operator.request('admin.set_system_status', { active: true });
      await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
      for (const callsign of CALLERS) await operator.request('queue.register', { callsign });
      await operator.request('admin.next_qso');
      await signIn(page, pileup);
      await page.keyboard.press('g');
      const map = page.getByTestId('pileup-map');
      await expect(map).toBeVisible();
      await expect(map).toHaveAttribute('aria-label', new RegExp(`^Map of the pileup centred on ${grid}: ${CALLERS.length - 1} waiting, working JA1XYZ at [\\d,]+ km, heading \\d+°$`));
      await expect(page.getByTestId('map-caller')).toHaveCount(CALLERS.length - 1);
      await expect(page.getByTestId('map-path')).toHaveCount(1);
      await expect(page.getByTestId('map-current')).toHaveCount(1);
      await expect(page.getByTestId('map-caption')).toContainText(/Working JA1XYZ · [\d,]+ km · beam \d+°/);
      // The queue and the QSO in progress stay beside it, and work.
      await expect(page.getByTestId('current-callsign')).toHaveText('JA1XYZ');
      await page.keyboard.press('n');
      await expect(page.getByTestId('current-callsign')).toHaveText('DL2ABC');
      await expect(page.getByTestId('map-caption')).toContainText('Working DL2ABC');
      await page.screenshot({ path: `${folder}/console-map-${name}.png` });
      // G again: the log is back.
      await page.keyboard.press('g');
      await expect(map).toHaveCount(0);
    });
  });
}
