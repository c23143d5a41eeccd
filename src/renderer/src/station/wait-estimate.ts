/**
 * How long a queued station may wait, from the pace of the QSOs this page has seen logged: the
 * average gap between the last few completions, times the station's place. No estimate until
 * two QSOs have been seen, and none from a pace older than ten minutes (the operator paused).
 */
import type { TFunction } from 'i18next';

const RECENT = 10;
const STALE_MS = 10 * 60_000;

/** Keeps the last few completion times (ms), newest last. */
export function rememberCompletion(times: readonly number[], at: number): number[] {
  return [...times, at].slice(-RECENT);
}

/** Minutes to wait at place `position` (1 = next), or null when the pace is not known. */
export function estimatedWaitMinutes(times: readonly number[], position: number, now: number): number | null {
  if (times.length < 2 || now - times[times.length - 1]! > STALE_MS) return null;
  const gap = (times[times.length - 1]! - times[0]!) / (times.length - 1);
  return Math.round((gap * position) / 60_000);
}

/** The estimate as the caller reads it, in their language ("about 12 min"). */
export function waitText(minutes: number, t: TFunction): string {
  if (minutes < 1) return t('wait.underMinute');
  if (minutes < 60) return t('wait.minutes', { minutes });
  return t('wait.hours', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}
