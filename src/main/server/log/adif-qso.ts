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

/** ADIF FREQ is in MHz. */
function hzOf(text: string | undefined): number | null | 'bad' {
  if (text === undefined || text.trim() === '') return null;
  const mhz = Number(text.trim());
  return Number.isFinite(mhz) && mhz > 0 && mhz < 300_000 ? Math.round(mhz * 1e6) : 'bad';
}

const text = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function qsoFromAdif(record: AdifRecord, importedBy: string): RecordVerdict {
  const f = record.fields;
  const callsign = (f.get('call') ?? '').trim().toUpperCase();
  if (!callsign) return { ok: false, reason: 'no CALL' };
  if (!isValidCallsign(callsign)) return { ok: false, reason: `CALL "${callsign.slice(0, 20)}" is not a callsign` };
  const started = isoTime(f.get('qso_date'), f.get('time_on'));
  if (!started) return { ok: false, reason: `QSO_DATE "${(f.get('qso_date') ?? '').slice(0, 12)}" and TIME_ON "${(f.get('time_on') ?? '').slice(0, 8)}" are not a UTC date and time` };
  const ended = isoTime(f.get('qso_date_off') ?? f.get('qso_date'), f.get('time_off')) ?? started;
  const hz = hzOf(f.get('freq'));
  if (hz === 'bad') return { ok: false, reason: `FREQ "${f.get('freq')!.slice(0, 20)}" is not a frequency in MHz` };
  const rxHz = hzOf(f.get('freq_rx'));
  const band = (text(f.get('band'))?.toLowerCase() ?? (hz ? bandOf(hz) : null)) || null;
  const mode = text(f.get('mode'))?.toUpperCase() ?? null;
  const submode = text(f.get('submode'))?.toUpperCase() ?? null;
  const id = `adif-${createHash('sha256').update([callsign, started, band ?? '', mode ?? ''].join('|')).digest('hex').slice(0, 24)}`;
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
      split_tx_hz: rxHz !== 'bad' && rxHz !== hz ? rxHz : null,
      rst_sent: text(f.get('rst_sent')) ?? undefined,
      rst_rcvd: text(f.get('rst_rcvd')) ?? undefined,
      station_callsign: text(f.get('station_callsign'))?.toUpperCase() ?? null,
      operator: text(f.get('operator'))?.toUpperCase() ?? null,
      my_grid: text(f.get('my_gridsquare')),
      name: text(f.get('name')),
      qth: text(f.get('qth')),
      grid: text(f.get('gridsquare')),
      country: text(f.get('country')),
      dxcc: Number.isInteger(dxcc) && dxcc > 0 ? dxcc : null,
      notes: text(f.get('comment')) ?? undefined,
      exchange: text(f.get('srx_string')) ?? undefined,
      source: 'import'
    }
  };
}
