/**
 * Callsign rules shared by the server, the console and the station page.
 *
 * A callsign is upper-cased and trimmed, then must be either a base call (ITU prefix, digit
 * block, suffix ending in a letter: W1AW, 4U1UN, 3DA0RS, TM100Y) or a base call with a
 * portable prefix and/or suffix (KH6/W1AW, VP2E/K1ABC, W1AW/P, DL/W1AW/QRP).
 */

export const CALLSIGN_MAX_LENGTH = 20;

// Prefix forms seen in the ITU allocation table: W, VE, E5, 4U, 3DA, V5A ...
const PREFIX = '(?:[A-Z]{1,2}|[A-Z][0-9]|[0-9][A-Z]{1,2}|[A-Z][0-9][A-Z])';
const BASE = `${PREFIX}[0-9]{1,4}[A-Z0-9]{0,3}[A-Z]`;
const BASE_CALL = new RegExp(`^${BASE}$`);
// A portable prefix or suffix: /P, /MM, /QRP, /7, KH6/, VP2E/ ...
const PORTABLE_PART = /^[A-Z0-9]{1,4}$/;
const HAS_LETTER = /[A-Z]/;

export function normalizeCallsign(input: string): string {
  return input.trim().toUpperCase();
}

function isBaseCall(part: string): boolean {
  return BASE_CALL.test(part);
}

function isPortablePrefix(part: string): boolean {
  // A prefix names a country, so it always holds a letter (KH6, 4U, DL) - or is a full call (VP2E).
  return (PORTABLE_PART.test(part) && HAS_LETTER.test(part)) || isBaseCall(part);
}

function isPortableSuffix(part: string): boolean {
  return PORTABLE_PART.test(part);
}

/** True when `callsign` (already normalised) is a well-formed amateur callsign. */
export function isValidCallsign(callsign: string): boolean {
  if (callsign.length < 3 || callsign.length > CALLSIGN_MAX_LENGTH) return false;
  const parts = callsign.split('/');
  switch (parts.length) {
    case 1:
      return isBaseCall(parts[0]!);
    case 2: {
      const [a, b] = parts as [string, string];
      return (isBaseCall(a) && isPortableSuffix(b)) || (isPortablePrefix(a) && isBaseCall(b));
    }
    case 3: {
      const [prefix, base, suffix] = parts as [string, string, string];
      return isPortablePrefix(prefix) && isBaseCall(base) && isPortableSuffix(suffix);
    }
    default:
      return false;
  }
}

export type CallsignCheck = { ok: true; callsign: string } | { ok: false; reason: string };

/** Normalises and validates, with a reason a station operator can act on. */
export function checkCallsign(input: unknown): CallsignCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'Callsign must be a string' };
  const callsign = normalizeCallsign(input);
  if (callsign.length === 0) return { ok: false, reason: 'Callsign is required' };
  if (callsign.length > CALLSIGN_MAX_LENGTH) {
    return { ok: false, reason: `Callsign is too long (at most ${CALLSIGN_MAX_LENGTH} characters)` };
  }
  if (!isValidCallsign(callsign)) {
    return { ok: false, reason: `"${callsign}" is not a valid callsign` };
  }
  return { ok: true, callsign };
}
