/** The station page's estimate of the wait, from the pace of recent QSOs. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/renderer/src/i18n/messages.js';
import { estimatedWaitMinutes, rememberCompletion, waitText } from '../../src/renderer/src/station/wait-estimate.js';

const i18n = i18next.createInstance();
void i18n.init({ lng: 'en', initAsync: false, resources: { en: { translation: MESSAGES.en }, ja: { translation: MESSAGES.ja } } });
const t = i18n.getFixedT('en');

describe('wait estimate', () => {
  it('multiplies the average gap between recent QSOs by the place', () => {
    const minute = 60_000;
    const times = [0, 2 * minute, 4 * minute, 6 * minute];
    expect(estimatedWaitMinutes(times, 1, 6 * minute)).toBe(2);
    expect(estimatedWaitMinutes(times, 5, 7 * minute)).toBe(10);
  });

  it('gives none before two QSOs, or from a pace older than ten minutes', () => {
    expect(estimatedWaitMinutes([], 3, 0)).toBeNull();
    expect(estimatedWaitMinutes([1000], 3, 2000)).toBeNull();
    expect(estimatedWaitMinutes([0, 60_000], 3, 60_000 + 11 * 60_000)).toBeNull();
  });

  it('keeps the last ten completions, and says the wait as people say it', () => {
    let times: number[] = [];
    for (let i = 0; i < 15; i++) times = rememberCompletion(times, i);
    expect(times).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(waitText(0, t)).toBe('less than a minute');
    expect(waitText(7, t)).toBe('about 7 min');
    expect(waitText(125, t)).toBe('about 2 h 05 min');
  });

  it('speaks the caller’s language', () => {
    expect(waitText(125, i18n.getFixedT('ja'))).toBe('約 2 時間 05 分');
  });
});
