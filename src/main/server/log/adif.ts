/**
 * ADIF 3.1 export (.adi): a header (ADIF_VER, PROGRAMID, PROGRAMVERSION, CREATED_TIMESTAMP) and
 * one record per QSO. ADI is an ASCII format (non-ASCII belongs in ADX's _INTL fields), so text
 * from lookups is folded to ASCII: "Lucía García" is written "Lucia Garcia".
 */
import type { LoggedQso } from '../../../shared/protocol/entities.js';
import { APP_VERSION } from '../app-info.js';

export const ADIF_VERSION = '3.1.4';
export const PROGRAM_ID = 'PileupBusterDesktop';

export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '')
    .trim();
}

function field(name: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = asciiFold(String(value));
  if (text === '') return '';
  return `<${name}:${text.length}>${text} `;
}

const adifDate = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const adifTime = (iso: string) => iso.slice(11, 19).replace(/:/g, '');
const mhz = (hz: number) => (hz / 1e6).toFixed(6);

export interface AdifOptions {
  now?: Date;
  /** The free text before the header; null for none. */
  title?: string | null;
  /** The ADIF band of a frequency (for BAND_RX). */
  bandOf: (hz: number) => string | null;
}

export function qsoToAdif(qso: LoggedQso, options: AdifOptions): string {
  const split = qso.split_tx_hz ?? null;
  return [
    field('CALL', qso.callsign),
    field('QSO_DATE', adifDate(qso.started_at)),
    field('TIME_ON', adifTime(qso.started_at)),
    field('QSO_DATE_OFF', adifDate(qso.completed_at)),
    field('TIME_OFF', adifTime(qso.completed_at)),
    field('BAND', qso.band),
    field('FREQ', qso.frequency_hz ? mhz(qso.frequency_hz) : null),
    split && split !== qso.frequency_hz ? field('FREQ_RX', mhz(split)) : '',
    split && split !== qso.frequency_hz ? field('BAND_RX', options.bandOf(split)) : '',
    field('MODE', qso.mode),
    field('SUBMODE', qso.submode),
    field('RST_SENT', qso.rst_sent),
    field('RST_RCVD', qso.rst_rcvd),
    field('STATION_CALLSIGN', qso.station_callsign),
    field('OPERATOR', qso.operator),
    field('MY_GRIDSQUARE', qso.my_grid),
    field('NAME', qso.name ?? qso.qrz?.name),
    field('QTH', qso.qth ?? qso.qrz?.qth),
    field('GRIDSQUARE', qso.grid ?? qso.qrz?.grid),
    field('COUNTRY', qso.country ?? qso.qrz?.country),
    field('DXCC', qso.dxcc),
    field('SRX_STRING', qso.exchange),
    field('COMMENT', qso.notes),
    '<EOR>'
  ].join('');
}

export function logToAdif(qsos: LoggedQso[], options: AdifOptions): string {
  const now = options.now ?? new Date();
  const created = `${adifDate(now.toISOString())} ${adifTime(now.toISOString())}`;
  const title = options.title === undefined ? `Pileup Buster Desktop log export, ${qsos.length} QSOs\n` : options.title === null ? '' : `${options.title}\n`;
  const header = [
    title,
    field('ADIF_VER', ADIF_VERSION),
    field('PROGRAMID', PROGRAM_ID),
    field('PROGRAMVERSION', APP_VERSION),
    field('CREATED_TIMESTAMP', created),
    '<EOH>\n'
  ].join('');
  return header + qsos.map((qso) => `${qsoToAdif(qso, options)}\n`).join('');
}
