/** Formatting for an operator who reads at a glance: UTC always, short durations, callsign links. */

export function utcClock(date: Date): string {
  return date.toISOString().slice(11, 19);
}

export function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "42s", "3m 05s", "1h 02m" */
export function shortDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

export function since(iso: string | null | undefined, now: number): string {
  if (!iso) return '';
  return shortDuration(now - Date.parse(iso));
}

/** HH:MMZ of an ISO time, as a log shows it. */
export function utcTime(iso: string): string {
  return `${iso.slice(11, 16)}Z`;
}

export function qrzUrl(callsign: string): string {
  // QRZ pages are keyed by the base call; a portable form like KH6/W1AW finds the same page.
  return `https://www.qrz.com/db/${encodeURIComponent(callsign)}`;
}

export function uptime(seconds: number): string {
  return shortDuration(seconds * 1000);
}
