/**
 * Frequencies as operators type them, held as whole Hz.
 *
 * How `parseFrequency` reads its input (the rule is the same everywhere in the app):
 *
 * 1. Spaces are ignored (`14 205` is `14205`) and an optional unit may follow the number:
 *    `Hz`, `kHz`, `MHz`, `GHz` (any case, with or without a space). An explicit unit always wins.
 * 2. Decimal separator: a single `.` or `,` is a decimal point (`14.205`, `14,205`, `14205,5`).
 *    When both appear, the last one is the decimal point and the other groups thousands
 *    (`14,205.5` and `14.205,5` both read 14205.5). A separator repeated with no other one
 *    groups thousands (`14,205,000`, `1.296.100.000`).
 * 3. Two dots are the rig display MHz.kHz.Hz: `14.205.00` = 14 MHz + 205.00 kHz = 14 205 000 Hz,
 *    `14.205.5` = 14 205 500 Hz. The middle group must have three digits. With three-digit Hz
 *    groups this agrees with rule 2 (`14.205.000` is 14 205 000 Hz either way).
 * 4. A bare number's unit follows its size: below 1000 it is MHz (`7.074`, `144.300`, `903.1`),
 *    from 1000 to 999 999 it is kHz (`1840`, `14205`, `14205.5`, `144300`), from 1 000 000 on it
 *    is Hz (`14205000`).
 * 5. Band check: when the rule-4 reading lands outside every amateur band (ADIF band edges) but
 *    the other reading (kHz for a number below 1000, MHz for 1000–999 999) lands inside one, the
 *    other reading is used. So `10368.100` is 10 368.1 MHz (3 cm; 10.3681 MHz is no band),
 *    `1296.2` is 23 cm, `2320.1` is 13 cm, `137.5` is 137.5 kHz (2190m), `475` is 475 kHz (630m),
 *    while `10120` stays 10.120 MHz (30 m) and `144300` stays 144.3 MHz (2 m).
 * 6. A result outside every band is still accepted, flagged with `outOfBand: true` and
 *    `band: null`. Results below 1 kHz or above 7.5 THz (the top of ADIF's submm band), negative
 *    numbers, exponents and anything else are rejected with a reason an operator can act on.
 *
 * Display (`formatFrequency`): MHz with at least three decimals and more only when needed, with
 * a plain decimal point: 14.205, 14.2055, 7.074, 144.300, 10368.100, 0.1375.
 *
 * Browser-safe: no Node imports.
 */

import { bandByName, bandOf } from './bands.js';

export { bandOf } from './bands.js';

export type FrequencyUnit = 'Hz' | 'kHz' | 'MHz' | 'GHz';

export type FrequencyParseResult =
  | {
      ok: true;
      /** The frequency in whole Hz. */
      hz: number;
      /** The unit the number was read in (given, or chosen by the rules above). */
      unit: FrequencyUnit;
      /** ADIF band name, or null when outside every amateur band. */
      band: string | null;
      /** True when the frequency lies outside every amateur band (accepted, but worth a warning). */
      outOfBand: boolean;
    }
  | { ok: false; reason: string };

/** Power of ten from each unit to Hz. */
const UNIT_EXPONENT: Record<FrequencyUnit, number> = { Hz: 0, kHz: 3, MHz: 6, GHz: 9 };
const UNIT_BY_LOWER: Record<string, FrequencyUnit> = { hz: 'Hz', khz: 'kHz', mhz: 'MHz', ghz: 'GHz' };

/** Lowest accepted frequency: 1 kHz. */
export const MIN_FREQUENCY_HZ = 1_000;
/** Highest accepted frequency: the upper edge of ADIF's submm band, 7.5 THz. */
export const MAX_FREQUENCY_HZ = 7_500_000_000_000;
const MAX_INPUT_LENGTH = 40;

const EXAMPLE = 'type it like 14.205 (MHz), 14205 (kHz) or 14.205.00';

type NumberReading =
  | { ok: true; intDigits: string; fracDigits: string; dottedMHz: boolean }
  | { ok: false; reason: string };

/** Splits the digits of `num` (only digits, '.' and ',') into integer and fraction parts. */
function readNumber(num: string, original: string): NumberReading {
  if (/^\d+$/.test(num)) return { ok: true, intDigits: num, fracDigits: '', dottedMHz: false };
  const single = /^(\d+)[.,](\d+)$/.exec(num);
  if (single) return { ok: true, intDigits: single[1]!, fracDigits: single[2]!, dottedMHz: false };
  const dotted = /^(\d+)\.(\d{3})\.(\d{1,3})$/.exec(num);
  if (dotted) {
    return { ok: true, intDigits: dotted[1]!, fracDigits: dotted[2]! + dotted[3]!, dottedMHz: true };
  }
  const bad: NumberReading = {
    ok: false,
    reason: `Could not read "${original}" as a frequency: ${EXAMPLE}`
  };
  const lastSepIndex = Math.max(num.lastIndexOf('.'), num.lastIndexOf(','));
  if (lastSepIndex < 0) return bad;
  const sep = num[lastSepIndex]!;
  const other = sep === '.' ? ',' : '.';
  const sepCount = num.split(sep).length - 1;
  if (sepCount > 1) {
    // The same separator repeated: thousands grouping of a whole number (14,205,000).
    if (num.includes(other)) return bad;
    const grouped = new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`);
    if (!grouped.test(num)) return bad;
    return { ok: true, intDigits: num.split(sep).join(''), fracDigits: '', dottedMHz: false };
  }
  // One decimal separator, the other separator groups thousands in the integer part.
  const intPart = num.slice(0, lastSepIndex);
  const fracPart = num.slice(lastSepIndex + 1);
  const groupedInt = new RegExp(`^\\d{1,3}(?:\\${other}\\d{3})+$`);
  if (!groupedInt.test(intPart) || !/^\d+$/.test(fracPart)) return bad;
  return { ok: true, intDigits: intPart.split(other).join(''), fracDigits: fracPart, dottedMHz: false };
}

/** value (as decimal digits) × 10^exp, rounded to whole Hz, without binary rounding surprises. */
function toHz(intDigits: string, fracDigits: string, unit: FrequencyUnit): number {
  const exp = UNIT_EXPONENT[unit];
  const frac = fracDigits.padEnd(exp, '0');
  const whole = intDigits + frac.slice(0, exp);
  const rest = frac.slice(exp);
  let hz = Number(whole);
  if (rest.length > 0 && Number(rest[0]) >= 5) hz += 1;
  return hz;
}

function success(hz: number, unit: FrequencyUnit): FrequencyParseResult {
  const band = bandOf(hz);
  return { ok: true, hz, unit, band, outOfBand: band === null };
}

/** Reads a frequency typed by an operator. See the module comment for the exact rules. */
export function parseFrequency(input: string): FrequencyParseResult {
  if (typeof input !== 'string') return { ok: false, reason: 'Frequency must be text' };
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: `Enter a frequency: ${EXAMPLE}` };
  if (trimmed.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'Frequency is too long' };

  const unitMatch = /^(.*?)\s*(ghz|mhz|khz|hz)$/i.exec(trimmed);
  const givenUnit = unitMatch ? UNIT_BY_LOWER[unitMatch[2]!.toLowerCase()]! : null;
  const num = (unitMatch ? unitMatch[1]! : trimmed).replace(/\s+/g, '');

  if (num === '') return { ok: false, reason: `No number before "${givenUnit}": ${EXAMPLE}` };
  if (/^[-\u2212]/.test(num)) return { ok: false, reason: 'A frequency cannot be negative' };
  if (!/^[\d.,]+$/.test(num)) {
    if (bandByName(trimmed)) {
      return { ok: false, reason: `"${trimmed}" is a band, not a frequency: ${EXAMPLE}` };
    }
    return { ok: false, reason: `"${trimmed}" is not a frequency: ${EXAMPLE}` };
  }

  const reading = readNumber(num, trimmed);
  if (!reading.ok) return reading;
  const { intDigits, fracDigits, dottedMHz } = reading;
  if (dottedMHz && givenUnit !== null && givenUnit !== 'MHz') {
    return { ok: false, reason: `"${trimmed}": the dotted form 14.205.00 is always MHz.kHz.Hz` };
  }

  let unit: FrequencyUnit;
  let hz: number;
  if (givenUnit !== null || dottedMHz) {
    unit = givenUnit ?? 'MHz';
    hz = toHz(intDigits, fracDigits, unit);
  } else {
    const value = Number(`${intDigits}.${fracDigits || '0'}`);
    const primary: FrequencyUnit = value < 1000 ? 'MHz' : value < 1_000_000 ? 'kHz' : 'Hz';
    const alternate: FrequencyUnit | null = primary === 'MHz' ? 'kHz' : primary === 'kHz' ? 'MHz' : null;
    unit = primary;
    hz = toHz(intDigits, fracDigits, primary);
    if (bandOf(hz) === null && alternate !== null) {
      const altHz = toHz(intDigits, fracDigits, alternate);
      if (bandOf(altHz) !== null) {
        unit = alternate;
        hz = altHz;
      }
    }
  }

  if (!Number.isSafeInteger(hz) || hz > MAX_FREQUENCY_HZ) {
    return { ok: false, reason: `"${trimmed}" is above every amateur band` };
  }
  if (hz < MIN_FREQUENCY_HZ) {
    return hz === 0
      ? { ok: false, reason: 'A frequency must be above zero' }
      : { ok: false, reason: `"${trimmed}" is below any radio frequency: ${EXAMPLE}` };
  }
  return success(hz, unit);
}

function splitMHz(hz: number): { mhz: string; micro: string } | null {
  if (!Number.isFinite(hz) || hz < 0) return null;
  const whole = Math.round(hz);
  return { mhz: String(Math.floor(whole / 1e6)), micro: String(whole % 1e6).padStart(6, '0') };
}

/**
 * The one display of a frequency: MHz with three decimals, more only when needed
 * (14.205, 14.2055, 14.205001, 7.074, 144.300). Returns '' for a non-finite or negative value.
 */
export function formatFrequency(hz: number): string {
  const parts = splitMHz(hz);
  if (!parts) return '';
  let decimals = parts.micro;
  while (decimals.length > 3 && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  return `${parts.mhz}.${decimals}`;
}

/** ADIF FREQ field value: MHz with six decimals (Hz resolution), e.g. '14.205000'. '' if invalid. */
export function formatMHzForAdif(hz: number): string {
  const parts = splitMHz(hz);
  return parts ? `${parts.mhz}.${parts.micro}` : '';
}
