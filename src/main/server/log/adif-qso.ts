/**
 * An ADIF record as a QSO of this log, for an import (yesterday's log, or the club's): what
 * dupes, worked-before and the cooldown need, and whatever else the record carries that the log
 * keeps. A record that cannot be a QSO (no callsign, no date or time) is skipped with the reason.
 *
 * Its id comes from the record itself (call, start, band, mode), so importing the same file twice
 * adds nothing the second time.
 */
import { createHash } from 'node:crypto';
import { isValidCallsign } from '../../../shared/callsign.js';
import { bandOf, formatFrequency } from '../../../shared/ham/frequency.js';
import { bandByName } from '../../../shared/ham/bands.js';
import { QSO_TEXT_MAX } from '../../../shared/protocol/operation-table/spec.js';
import { loggedMode } from '../pileup/qso-record.js';
import type { LoggedQso } from '../../../shared/protocol/entities.js';
import type { AdifRecord } from './adif-reader.js';

export type RecordVerdict = { ok: true; qso: LoggedQso } | { ok: false; reason: string };

/** "20261201" and "0802" or "080355" as an ISO time, or null when they are not a time. */
function isoTime(date: string | undefined, time: string | undefined): string | null {
  if (!date || !/^\d{8}$/.test(date.trim())) return null;
  const t = (time ?? '').trim();
  if (!/^\d{4}(\d{2})?$/.test(t)) return null;
  const d = date.trim();
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.length === 6 ? t.slice(4, 6) : '00'}.000Z`;
  const parsed = Date.parse(iso);
  // Date.parse accepts 2026-02-30 as March 2nd: a real date reads back the same.
  return Number.isNaN(parsed) || new Date(parsed).toISOString() !== iso ? null : iso;
}

/** Amateur radio logs start here (ADIF's own earliest date); a later year is a typo or a clock. */
const EARLIEST = '1930-01-01';
/** A QSO may start a little ahead of this machine's clock, not more. */
const AHEAD_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** The longest text kept in fields with no limit of their own. */
const OTHER_TEXT_MAX = 100;

/** ADIF FREQ is in MHz. */
function hzOf(text: string | undefined): number | null | 'bad' {
  if (text === undefined || text.trim() === '') return null;
  const mhz = Number(text.trim());
  return Number.isFinite(mhz) && mhz > 0 && mhz < 300_000 ? Math.round(mhz * 1e6) : 'bad';
}

const text = (value: string | undefined, max = OTHER_TEXT_MAX): string | null => {
  const trimmed = value?.trim().slice(0, max);
  return trimmed ? trimmed : null;
};

export function qsoFromAdif(record: AdifRecord, importedBy: string, now = Date.now()): RecordVerdict {
  const f = record.fields;
  const callsign = (f.get('call') ?? '').trim().toUpperCase();
  if (!callsign) return { ok: false, reason: 'no CALL' };
  if (!isValidCallsign(callsign)) return { ok: false, reason: `CALL "${callsign.slice(0, 20)}" is not a callsign` };
  const started = isoTime(f.get('qso_date'), f.get('time_on'));
  if (!started) return { ok: false, reason: `QSO_DATE "${(f.get('qso_date') ?? '').slice(0, 12)}" and TIME_ON "${(f.get('time_on') ?? '').slice(0, 8)}" are not a UTC date and time` };
  if (started < EARLIEST) return { ok: false, reason: `QSO_DATE ${started.slice(0, 10)} is before 1930` };
  if (Date.parse(started) > now + AHEAD_MS) return { ok: false, reason: `QSO_DATE and TIME_ON ${started.slice(0, 16)}Z are in the future (a log in local time, or a typo?)` };
  let ended = isoTime(f.get('qso_date_off') ?? f.get('qso_date'), f.get('time_off')) ?? started;
  // Past midnight with no QSO_DATE_OFF: the QSO ended the next day.
  if (ended < started && !f.get('qso_date_off')) ended = new Date(Date.parse(ended) + DAY_MS).toISOString();
  const freq = hzOf(f.get('freq'));
  const namedBand = text(f.get('band')) ? bandByName(f.get('band')!)?.name ?? null : null;
  // A frequency that cannot be read is left out when the band says where the QSO was.
  if (freq === 'bad' && !namedBand) return { ok: false, reason: `FREQ "${f.get('freq')!.slice(0, 20)}" is not a frequency in MHz, and there is no BAND` };
  const hz = freq === 'bad' ? null : freq;
  const rxHz = hzOf(f.get('freq_rx'));
  const band = namedBand ?? (hz ? bandOf(hz) : null);
  // Modes as this log writes them: USB is SSB with submode USB, FT4 is MFSK/FT4.
  const given = loggedMode(text(f.get('mode'), 20)?.toUpperCase() ?? null);
  const mode = given.mode;
  const submode = text(f.get('submode'), 20)?.toUpperCase() ?? given.submode;
  const id = `adif-${createHash('sha256').update([callsign, started.slice(0, 16), band ?? '', mode ?? '', text(f.get('station_callsign'))?.toUpperCase() ?? ''].join('|')).digest('hex').slice(0, 24)}`;
  const dxcc = Number(f.get('dxcc'));
  return {
    ok: true,
    qso: {
      id,
      callsign,
      started_at: started,
      completed_at: ended < started ? started : ended,
      completed_by: importedBy,
      registered_at: null,
      frequency: hz ? formatFrequency(hz) : null,
      split: null,
      qrz: null,
      frequency_hz: hz,
      band,
      mode,
      submode,
      split_tx_hz: rxHz !== 'bad' && rxHz !== null && rxHz !== hz ? rxHz : null,
      rst_sent: text(f.get('rst_sent'), 10) ?? undefined,
      rst_rcvd: text(f.get('rst_rcvd'), 10) ?? undefined,
      station_callsign: text(f.get('station_callsign'), 20)?.toUpperCase() ?? null,
      operator: text(f.get('operator'), 20)?.toUpperCase() ?? null,
      my_grid: text(f.get('my_gridsquare'), 10),
      name: text(f.get('name'), QSO_TEXT_MAX.name),
      qth: text(f.get('qth')),
      grid: text(f.get('gridsquare'), 10),
      country: text(f.get('country')),
      dxcc: Number.isInteger(dxcc) && dxcc > 0 ? dxcc : null,
      notes: text(f.get('comment'), QSO_TEXT_MAX.notes) ?? undefined,
      exchange: text(f.get('srx_string'), QSO_TEXT_MAX.exchange) ?? undefined,
      source: 'import'
    }
  };
}
