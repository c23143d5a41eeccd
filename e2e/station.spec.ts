/**
 * The station page as callers see it: every state a calling station can be in, walked through on
 * a 360×740 phone and at desktop size, in several languages. What the page should say comes from
 * the same message files the page uses; a few sentences are also spelt out, so a page stuck in
 * English, or showing keys, fails here.
 */
import i18next, { type TFunction } from 'i18next';
import type { Page } from '@playwright/test';
import { MESSAGES } from '../src/renderer/src/i18n/messages';
import { expect, test } from './fixtures';

const i18n = i18next.createInstance();
void i18n.init({ initAsync: false, lng: 'en', interpolation: { escapeValue: false }, resources: Object.fromEntries(Object.entries(MESSAGES).map(([code, translation]) => [code, { translation }])) });

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Nothing wider than the screen, and no text cut off inside a card, in the state shown now. */
async function expectFits(page: Page, state: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('main *')].filter((el) => el.getBoundingClientRect().right > width + 0.5 && getComputedStyle(el).position !== 'absolute');
    const clipped = [...document.querySelectorAll<HTMLElement>('.station-card, .station-header, button, .language')].filter((el) => el.scrollWidth > el.clientWidth + 1);
    return [...wide, ...clipped].map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
  });
  expect(overflow, `${state}: overflows a ${await page.evaluate(() => document.documentElement.clientWidth)} px screen`).toEqual([]);
}

interface Walk {
  name: string;
  device: typeof PHONE | typeof DESKTOP;
  language: keyof typeof MESSAGES;
  /** How the page came to speak it: the browser's language, or the caller's pick in the switcher. */
  chosenBy: 'browser' | 'switcher';
  /** A sentence spelt out in that language, as a check on the message files themselves. */
  spelt: { join: string };
}

const WALKS: Walk[] = [
  { name: 'phone, English', device: PHONE, language: 'en', chosenBy: 'browser', spelt: { join: 'Join the queue' } },
  { name: 'phone, German (browser language)', device: PHONE, language: 'de', chosenBy: 'browser', spelt: { join: 'In die Warteschlange' } },
  { name: 'phone, Russian (picked in the switcher)', device: PHONE, language: 'ru', chosenBy: 'switcher', spelt: { join: 'Встать в очередь' } },
  { name: 'phone, Japanese (browser language)', device: PHONE, language: 'ja', chosenBy: 'browser', spelt: { join: 'キューに並ぶ' } },
  { name: 'phone, French (browser language)', device: PHONE, language: 'fr', chosenBy: 'browser', spelt: { join: 'Rejoindre la file' } },
  { name: 'phone, Italian (browser language)', device: PHONE, language: 'it', chosenBy: 'browser', spelt: { join: 'Entra in coda' } },
  { name: 'phone, Portuguese (browser language pt-BR)', device: PHONE, language: 'pt', chosenBy: 'browser', spelt: { join: 'Entrar na fila' } },
  { name: 'phone, Spanish (picked in the switcher)', device: PHONE, language: 'es', chosenBy: 'switcher', spelt: { join: 'Unirse a la cola' } },
  { name: 'desktop, English', device: DESKTOP, language: 'en', chosenBy: 'browser', spelt: { join: 'Join the queue' } },
  { name: 'desktop, Japanese (picked in the switcher)', device: DESKTOP, language: 'ja', chosenBy: 'switcher', spelt: { join: 'キューに並ぶ' } }
];

const BROWSER_LOCALE: Record<string, string> = { en: 'en-US', de: 'de-DE', ja: 'ja-JP', fr: 'fr-FR', it: 'it-IT', pt: 'pt-BR', ru: 'en-GB', es: 'en-GB' };

for (const walk of WALKS) {
  test.describe(`station page, ${walk.name}`, () => {
    test.use({ ...walk.device, locale: walk.chosenBy === 'browser' ? BROWSER_LOCALE[walk.language] : 'en-GB' });

    test('every state a calling station can be in, explained in its language and fitting the screen', async ({ page, pileup }) => {
      test.setTimeout(90_000);
      const t: TFunction = i18n.getFixedT(walk.language);
      const operator = await pileup.station({ admin: true });
      await page.goto(`http://127.0.0.1:${pileup.port}/`);
      if (walk.chosenBy === 'switcher') {
        await expect(page.getByRole('button', { name: 'Join the queue' })).toBeVisible();
        await page.getByTestId('language').selectOption(walk.language);
      }
      await expect(page.locator('html')).toHaveAttribute('lang', walk.language);
      const join = page.getByRole('button', { name: t('join.submit') });
      await expect(join).toHaveText(walk.spelt.join);
      const callsignField = page.getByLabel(t('join.callsign'));

      // Off the air: nobody can join yet.
      await expect(page.getByTestId('on-air')).toHaveText(t('header.offAir'));
      await expect(page.getByTestId('not-on-air')).toHaveText(t('join.notOnAir'));
      await expect(join).toBeDisabled();
      await expectFits(page, 'off the air');

      // Whose pileup, and where.
      await operator.request('admin.update_settings', { station_callsign: 'VP8PJ', operator: 'K1ABC' });
      await operator.request('admin.set_system_status', { active: true });
      await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
      await operator.request('admin.set_split', { split: 'up 5' });
      await expect(page.getByTestId('dx-station')).toHaveText(`VP8PJ ${t('header.operator', { operator: 'K1ABC' })}`);
      await expect(page).toHaveTitle(t('title.pileup', { dx: 'VP8PJ' }));
      await expect(page.getByTestId('on-air')).toHaveText(t('header.onAir'));
      await expect(page.getByTestId('frequency')).toHaveText('14.195');
      await expect(page.getByTestId('band-mode')).toHaveText('20m · SSB');
      await expect(page.getByTestId('split')).toHaveText('up 5');
      await expect(page.getByTestId('call-on')).toHaveText(t('tuning.callOn', { frequency: '14.200' }));
      await expect(page.getByTestId('working-now')).toHaveText(t('working.nobody'));

      // A full queue is shown before joining, with Join disabled until a place opens.
      for (let i = 0; i < 10; i++) await operator.request('queue.register', { callsign: `K${i}AAA` });
      await expect(page.getByTestId('queue-full')).toHaveText(t('join.full', { total: 10, max: 10 }));
      await expect(join).toBeDisabled();
      await expectFits(page, 'queue full');
      await operator.request('admin.clear_queue');
      for (const callsign of ['W1AW', 'K1ABC', 'DL1ABC', 'JA1XYZ']) await operator.request('queue.register', { callsign });
      await expect(join).toBeEnabled();

      // Mistakes are explained: a bad callsign, one already in the queue.
      await callsignField.fill('hello');
      await join.click();
      await expect(page.getByTestId('problem')).toHaveText(t('errors.callsignInvalid', { callsign: 'HELLO' }));
      await callsignField.fill('W1AW');
      await join.click();
      await expect(page.getByTestId('problem')).toHaveText(t('errors.duplicate', { callsign: 'W1AW' }));
      await expectFits(page, 'a refused join');

      // Queued: "You", set apart from the station being worked; the place is announced.
      await callsignField.fill('G4ABC');
      await join.click();
      await expect(page.getByTestId('my-call')).toHaveText('G4ABC');
      await expect(page.getByTestId('my-position')).toHaveText('5');
      await expect(page.getByText(t('place.you'), { exact: true })).toBeVisible();
      await expect(page.getByTestId('place-announcer')).toHaveText(t('place.announce', { position: 5 }));
      await expect(page.getByLabel(t('place.buzz'))).toBeChecked();
      await expectFits(page, 'queued');

      // An estimate of the wait, once the page has seen the pace of two QSOs.
      for (let i = 0; i < 3; i++) await operator.request('admin.next_qso');
      await expect(page.getByTestId('my-position')).toHaveText('2');
      await expect(page.getByTestId('wait-estimate')).toHaveText(t('place.wait', { wait: t('wait.underMinute') }));
      await expect(page.getByTestId('place-announcer')).toHaveText(t('place.announce', { position: 2 }));

      // Paused: a queued station is told its place is kept.
      await operator.request('admin.set_registration_paused', { paused: true });
      await expect(page.getByTestId('paused-queued')).toHaveText(t('place.pausedQueued'));
      await expectFits(page, 'queued while paused');
      await operator.request('admin.set_registration_paused', { paused: false });

      // Next, then being worked: both said at once to a screen reader.
      await operator.request('admin.next_qso');
      await expect(page.getByTestId('you-are-next')).toHaveText(t('place.next'));
      await expect(page.getByTestId('turn-announcer')).toHaveText(t('place.next'));
      await expectFits(page, 'next');
      await operator.request('admin.next_qso');
      await expect(page.getByTestId('being-worked')).toHaveText(t('place.beingWorked'));
      await expect(page.getByTestId('turn-announcer')).toHaveText(t('place.beingWorked'));
      await expect(page.getByTestId('working-now')).toHaveText('G4ABC');
      await expectFits(page, 'being worked');

      // Just logged: the UTC date and time with band and mode, and no way to join again (a dupe)
      // until the station is on another band or mode.
      const { completed_qso } = await operator.request('admin.complete_qso');
      const [date, time] = [completed_qso!.completed_at.slice(0, 10), `${completed_qso!.completed_at.slice(11, 16)}Z`];
      await expect(page.getByTestId('outcome')).toContainText(t('outcome.logged', { date, time, where: '20m\u00a0SSB' }));
      await expect(page.getByTestId('same-band')).toHaveText(t('outcome.sameBand'));
      await expect(callsignField).toHaveCount(0);
      await expect(page.getByTestId('outcome').getByRole('button')).toHaveCount(0);
      await expectFits(page, 'logged');
      await operator.request('admin.set_frequency', { frequency: '7.005', mode: 'CW' });
      await page.getByRole('button', { name: t('outcome.joinAgain', { where: '40m\u00a0CW' }) }).click();
      await expect(callsignField).toHaveValue('G4ABC');

      // Removed by the operator.
      await join.click();
      await expect(page.getByTestId('my-position')).toHaveText('1');
      await operator.request('admin.remove_callsign', { callsign: 'G4ABC' });
      await expect(page.getByTestId('outcome')).toHaveText(t('outcome.removed'));
      await expectFits(page, 'removed');

      // Banned while queued, with the operator's reason; and again on the next try.
      await join.click();
      await expect(page.getByTestId('my-position')).toHaveText('1');
      await operator.request('admin.ban_callsign', { callsign: 'G4ABC', reason: 'Calling over the DX' });
      const banned = t('outcome.bannedReason', { callsign: 'G4ABC', reason: 'Calling over the DX' });
      await expect(page.getByTestId('outcome')).toContainText(banned);
      await expect(callsignField).toHaveCount(0);
      await expectFits(page, 'banned');
      await page.getByRole('button', { name: t('outcome.otherCallsign') }).click();
      await expect(callsignField).toHaveValue('');
      await callsignField.fill('G4ABC');
      await join.click();
      await expect(page.getByTestId('problem')).toHaveText(banned);
      await operator.request('admin.unban_callsign', { callsign: 'G4ABC' });

      // Off the air: the place is lost, and the page says why.
      await join.click();
      await expect(page.getByTestId('my-position')).toHaveText('1');
      await operator.request('admin.set_system_status', { active: false });
      await expect(page.getByTestId('outcome')).toHaveText(t('outcome.offAir'));
      await expectFits(page, 'off the air after being queued');

      // Paused, for a station not yet queued.
      await operator.request('admin.set_system_status', { active: true });
      await operator.request('admin.set_registration_paused', { paused: true });
      await expect(page.getByTestId('paused')).toHaveText(t('join.paused'));
      await expect(join).toBeDisabled();
      await expectFits(page, 'paused');
    });
  });
}

test.describe('station page on a phone', () => {
  test.use(PHONE);

  test('follows its place live, keeps it across a reload, and leaves only on a second tap', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC']) await operator.request('queue.register', { callsign });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByLabel('Callsign').fill('g4abc');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('3');
    await operator.request('admin.next_qso');
    await expect(page.getByTestId('working-now')).toHaveText('W1AW');
    await expect(page.getByTestId('my-position')).toHaveText('2');
    await page.reload();
    await expect(page.getByTestId('my-position')).toHaveText('2');
    await page.getByRole('button', { name: 'Leave the queue' }).click();
    await expect(page.getByTestId('my-position')).toHaveText('2');
    await page.getByRole('button', { name: 'Tap again to leave the queue' }).click();
    await expect(page.getByLabel('Callsign')).toBeVisible();
    expect((await operator.request('queue.list')).queue.map((e) => e.callsign)).toEqual(['K1ABC']);
  });

  test('a split given as a transmit frequency is shown in MHz', async ({ page, pileup }) => {
    const operator = await pileup.station({ admin: true });
    await operator.request('admin.set_frequency', { frequency: '14.195', mode: 'SSB' });
    await operator.request('admin.set_split', { split: '14.2005' });
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await expect(page.getByText('14.2005 MHz')).toBeVisible();
  });

  test('the language picked in the switcher is kept for the next visit', async ({ page, pileup }) => {
    await page.goto(`http://127.0.0.1:${pileup.port}/`);
    await page.getByTestId('language').selectOption('de');
    await expect(page.getByRole('button', { name: 'In die Warteschlange' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'In die Warteschlange' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });
});
