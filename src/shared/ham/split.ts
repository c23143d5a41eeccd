/**
 * Split operation: where the DX station listens relative to (or instead of) its own frequency.
 *
 * `parseSplit` accepts:
 * - offsets with a direction word before or after: `up 5`, `UP5`, `u 5`, `5 up`, `dn 2`, `down 1`,
 *   `2 down`, and ranges `up 5-10`, `up 5–10`, `up 5 to 10`, `down 2-5`; decimals `up 1.5`, `up 1,5`;
 * - signed offsets: `+5`, `-2`, `+5-10`;
 * - a bare range `5-10` (= up 5–10) and a bare whole number of one or two digits `5` (= up 5),
 *   the way a pileup says "five up";
 * - an absolute frequency in any form `parseFrequency` accepts (`14.210`, `14210`, `14.210.00`,
 *   `14210 kHz`), which must land in an amateur band;
 * - with `rxHz` given, a whole number of exactly three digits names the kHz within the RX
 *   frequency's MHz: listening on 14.195, `210` is 14.210 ("listening 210"). Without `rxHz` it is
 *   read by `parseFrequency` like any other number (and `210` is then rejected as out of band).
 * An optional leading `qsx` or `split` is ignored. Offsets are in kHz, limited to 10 MHz.
 *
 * The normalized offset keeps the near edge in `fromKHz` and the far edge in `toKHz` (null for a
 * single offset), both signed: negative is down. `up 10-5` becomes fromKHz 5, toKHz 10.
 *
 * Display (`formatSplit`): `up 5`, `up 5–10` (en dash), `down 2`, `down 2–5`, `up 1.5`, and for an
 * absolute frequency the `formatFrequency` display (`14.210`).
 *
 * Browser-safe: no Node imports.
 */

import { formatFrequency, parseFrequency } from './frequency.js';

export type SplitValue =
  | { kind: 'offset'; fromKHz: number; toKHz: number | null }
  | { kind: 'absolute'; hz: number };

export type SplitParseResult = { ok: true; value: SplitValue } | { ok: false; reason: string };

/** Largest offset accepted, in kHz (10 MHz covers every repeater-style shift). */
export const MAX_SPLIT_OFFSET_KHZ = 10_000;
const MAX_INPUT_LENGTH = 40;
const EXAMPLE = 'type it like up 5, up 5-10, down 2 or 14.210';

const NUM = '(\\d+(?:[.,]\\d+)?)';
const RANGE_SEP = '\\s*(?:-|to)\\s*';
const UP_WORDS = new Set(['up', 'u']);
const DOWN_WORDS = new Set(['down', 'dn', 'dwn', 'd']);
const DIR = '(up|u|down|dn|dwn|d)';

const DIR_FIRST = new RegExp(`^${DIR}\\s*${NUM}(?:${RANGE_SEP}${NUM})?$`);
const DIR_LAST = new RegExp(`^${NUM}(?:${RANGE_SEP}${NUM})?\\s*${DIR}$`);
const SIGNED = new RegExp(`^([+-])\\s*${NUM}(?:${RANGE_SEP}${NUM})?$`);
const BARE_RANGE = new RegExp(`^${NUM}${RANGE_SEP}${NUM}$`);
const SMALL_WHOLE = /^\d{1,2}$/;
const THREE_DIGIT_KHZ = /^\d{3}$/;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** Rounds to whole Hz expressed in kHz, so 1.5 stays 1.5 and float noise disappears. */
function roundKHz(kHz: number): number {
  return Math.round(kHz * 1000) / 1000;
}

function makeOffset(sign: 1 | -1, a: string, b: string | undefined, original: string): SplitParseResult {
  const first = toNumber(a);
  const second = b === undefined ? null : toNumber(b);
  if (first === 0 && (second === null || second === 0)) {
    return { ok: false, reason: `"${original}" is no split: an offset must not be zero` };
  }
  const near = second === null ? first : Math.min(first, second);
  const far = second === null ? null : Math.max(first, second);
  if ((far ?? near) > MAX_SPLIT_OFFSET_KHZ) {
    return { ok: false, reason: `"${original}": a split offset is at most ${MAX_SPLIT_OFFSET_KHZ} kHz` };
  }
  const fromKHz = roundKHz(sign * near);
  const toKHz = far === null || far === near ? null : roundKHz(sign * far);
  return { ok: true, value: { kind: 'offset', fromKHz: fromKHz === 0 ? 0 : fromKHz, toKHz } };
}

function directionSign(word: string): 1 | -1 {
  return DOWN_WORDS.has(word) ? -1 : 1;
}

/** Reads a split as typed by an operator. `rxHz` (the DX station's own frequency) is optional. */
export function parseSplit(input: string, rxHz?: number | null): SplitParseResult {
  if (typeof input !== 'string') return { ok: false, reason: 'Split must be text' };
  const original = input.trim();
  if (original === '') return { ok: false, reason: `Enter a split: ${EXAMPLE}` };
  if (original.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'Split is too long' };

  const text = original
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^(?:qsx|split)\s*:?\s*/, '')
    .trim();
  if (text === '') return { ok: false, reason: `Enter a split: ${EXAMPLE}` };

  let m = DIR_FIRST.exec(text);
  if (m) return makeOffset(directionSign(m[1]!), m[2]!, m[3], original);
  m = DIR_LAST.exec(text);
  if (m) return makeOffset(directionSign(m[3]!), m[1]!, m[2], original);
  m = SIGNED.exec(text);
  if (m) return makeOffset(m[1] === '-' ? -1 : 1, m[2]!, m[3], original);
  m = BARE_RANGE.exec(text);
  if (m) return makeOffset(1, m[1]!, m[2], original);
  if (SMALL_WHOLE.test(text)) return makeOffset(1, text, undefined, original);
  if (UP_WORDS.has(text) || DOWN_WORDS.has(text)) {
    return { ok: false, reason: `Say how far ${UP_WORDS.has(text) ? 'up' : 'down'}, e.g. "${text} 5"` };
  }

  const validRx = typeof rxHz === 'number' && Number.isFinite(rxHz) && rxHz > 0;
  if (validRx && THREE_DIGIT_KHZ.test(text)) {
    const mhzBase = Math.floor(Math.round(rxHz) / 1_000_000) * 1_000_000;
    return { ok: true, value: { kind: 'absolute', hz: mhzBase + Number(text) * 1000 } };
  }

  const freq = parseFrequency(text);
  if (!freq.ok) return { ok: false, reason: `Could not read "${original}" as a split: ${EXAMPLE}` };
  if (freq.outOfBand) {
    return {
      ok: false,
      reason: `"${original}" (${formatFrequency(freq.hz)} MHz) is outside the amateur bands: ${EXAMPLE}`
    };
  }
  return { ok: true, value: { kind: 'absolute', hz: freq.hz } };
}

function formatKHz(kHz: number): string {
  // Up to three decimals (Hz resolution), no trailing zeros: 5, 1.5, 0.25.
  return String(roundKHz(Math.abs(kHz)));
}

/** The one display of a split: 'up 5', 'up 5–10', 'down 2', 'down 2–5', '14.210'. */
export function formatSplit(value: SplitValue): string {
  if (value.kind === 'absolute') return formatFrequency(value.hz);
  const direction = value.fromKHz < 0 || (value.fromKHz === 0 && (value.toKHz ?? 0) < 0) ? 'down' : 'up';
  const from = formatKHz(value.fromKHz);
  return value.toKHz === null ? `${direction} ${from}` : `${direction} ${from}\u2013${formatKHz(value.toKHz)}`;
}

/**
 * The frequency the calling stations transmit on (where the DX listens): for an offset the RX
 * frequency plus the near edge of the offset (the low end of `up 5-10` is +5 kHz), for an absolute
 * split its frequency. Null for an offset when `rxHz` is unknown.
 */
export function splitTxHz(value: SplitValue, rxHz: number | null | undefined): number | null {
  if (value.kind === 'absolute') return value.hz;
  if (typeof rxHz !== 'number' || !Number.isFinite(rxHz)) return null;
  return Math.round(rxHz + value.fromKHz * 1000);
}
