/**
 * How long a queued station may wait, from the pace of the QSOs this page has seen logged: the
 * average gap between the last few completions, times the station's place. No estimate until
 * two QSOs have been seen, and none from a pace older than ten minutes (the operator paused).
 */
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

export function waitText(minutes: number): string {
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}
