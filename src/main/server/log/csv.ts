/** CSV export of the log, one QSO per row, for spreadsheets. Times are UTC, frequencies in MHz. */
import type { LoggedQso } from '../../../shared/protocol/entities.js';

const COLUMNS: Array<[header: string, value: (q: LoggedQso) => string | number | null | undefined]> = [
  ['call', (q) => q.callsign],
  ['qso_date', (q) => q.started_at.slice(0, 10)],
  ['time_on_utc', (q) => q.started_at.slice(11, 19)],
  ['time_off_utc', (q) => q.completed_at.slice(11, 19)],
  ['band', (q) => q.band],
  ['freq_mhz', (q) => (q.frequency_hz ? (q.frequency_hz / 1e6).toFixed(6) : q.frequency)],
  ['freq_rx_mhz', (q) => (q.split_tx_hz ? (q.split_tx_hz / 1e6).toFixed(6) : null)],
  ['mode', (q) => q.mode],
  ['submode', (q) => q.submode],
  ['rst_sent', (q) => q.rst_sent],
  ['rst_rcvd', (q) => q.rst_rcvd],
  ['station_callsign', (q) => q.station_callsign],
  ['operator', (q) => q.operator],
  ['name', (q) => q.name ?? q.qrz?.name],
  ['qth', (q) => q.qth ?? q.qrz?.qth],
  ['grid', (q) => q.grid ?? q.qrz?.grid],
  ['country', (q) => q.country ?? q.qrz?.country],
  ['exchange', (q) => q.exchange],
  ['notes', (q) => q.notes],
  ['heard_on_air', (q) => (q.source === 'air' ? 'yes' : 'no')]
];

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote when needed; a leading = + - @ (or a tab or carriage return before one, which some
  // spreadsheets skip) would make a spreadsheet run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function logToCsv(qsos: LoggedQso[]): string {
  const lines = [COLUMNS.map(([header]) => header).join(','), ...qsos.map((q) => COLUMNS.map(([, value]) => cell(value(q))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
