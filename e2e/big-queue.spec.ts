/**
 * A queue of hundreds in the console: only the rows in sight are drawn, yet the whole queue is
 * there to the keyboard, to scrolling and to a screen reader, and the count below the edge is right.
 */
import { expect, signIn, test } from './fixtures';

const QUEUED = 400;
const PREFIXES = ['K', 'W', 'DL', 'JA', 'G', 'VK', 'PY', 'F'];
const call = (i: number) => `${PREFIXES[i % PREFIXES.length]}${(i % 9) + 1}${String.fromCharCode(65 + (Math.floor(i / 9) % 26))}${String.fromCharCode(65 + (Math.floor(i / 234) % 26))}Q`;

test.use({ viewport: { width: 1366, height: 768 }, serverEnv: { MAX_QUEUE_SIZE: '500', MIN_QSO_SECONDS: '0' } });

test('a queue of 400: the rows in sight are drawn, arrows walk the whole queue, W works a station far down, the end is reachable', async ({ page, pileup }) => {
  const operator = await pileup.station({ admin: true });
  await operator.request('admin.set_system_status', { active: true });
  const callsigns = Array.from({ length: QUEUED }, (_, i) => call(i));
  expect(new Set(callsigns).size).toBe(QUEUED);
  for (let i = 0; i < QUEUED; i += 40) await Promise.all(callsigns.slice(i, i + 40).map((callsign) => operator.request('queue.register', { callsign })));
  await signIn(page, pileup);
  const rows = page.getByTestId('queue-row');
  await expect(page.getByTestId('queue-count')).toHaveText(`${QUEUED} / 500`);
  await expect(rows.first()).toContainText(callsigns[0]!);
  const drawn = await rows.count();
  expect(drawn, 'only the rows in sight and a few either side are drawn').toBeLessThan(80);
  // A screen reader hears each row's place in the whole queue.
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(QUEUED));
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');

  // "+N below": every row whose middle is under the list's edge, drawn or not.
  const list = (await page.locator('.queue-list').boundingBox())!;
  const inSight = await rows.evaluateAll((all, bottom) => all.filter((row) => { const box = row.getBoundingClientRect(); return box.top + box.height / 2 <= bottom; }).length, list.y + list.height);
  await expect(page.getByTestId('queue-more')).toHaveText(`+${QUEUED - inSight} below ↓`);

  // Down the queue by keyboard, past what was drawn: the picked row is drawn and in sight.
  for (let i = 0; i < 120; i++) await page.keyboard.press('ArrowDown');
  const picked = page.locator('[data-testid="queue-row"][aria-current="true"]');
  await expect(picked).toContainText(callsigns[119]!);
  await expect(picked).toBeInViewport({ ratio: 1 });
  await page.waitForTimeout(1100); // past the guard against a repeated key
  await page.keyboard.press('w');
  await expect(page.getByTestId('current-callsign')).toHaveText(callsigns[119]!);
  await expect(page.getByTestId('queue-count')).toHaveText(`${QUEUED - 1} / 500`);

  // Scrolled to the end, the last station is there with its place.
  await page.locator('.queue-list').evaluate((element) => (element.scrollTop = element.scrollHeight));
  const last = rows.last();
  await expect(last).toContainText(callsigns[QUEUED - 1]!);
  await expect(last).toHaveAttribute('aria-posinset', String(QUEUED - 1));
  await expect(last).toBeInViewport();
  await expect(page.getByTestId('queue-more')).toHaveCount(0);
});
