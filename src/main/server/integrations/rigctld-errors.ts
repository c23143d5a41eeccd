/**
 * How talking to rigctld fails, in words an operator can act on: the kinds of failure, Hamlib's
 * error numbers, and what a failed connection means.
 */

/**
 * `connect`: no connection could be made; `closed`: the connection ended (or was closed by us);
 * `timeout`: no reply in time (the connection is closed as well); `rig`: rigctld answered
 * `RPRT -n` (the connection stays usable); `protocol`: a reply we cannot read; `argument`: a bad
 * value was passed in (nothing was sent).
 */
export type RigctldErrorKind = 'connect' | 'closed' | 'timeout' | 'rig' | 'protocol' | 'argument';

export class RigctldError extends Error {
  override readonly name = 'RigctldError';
  constructor(
    readonly kind: RigctldErrorKind,
    message: string,
    /** For kind 'rig': Hamlib's error number (positive, e.g. 4 = not implemented). */
    readonly rigCode?: number
  ) {
    super(message);
  }
}

/** Hamlib's `rig_errcode_e` (rig.h), as rigctld reports them negated in `RPRT -n`. */
export const HAMLIB_ERRORS: Record<number, string> = {
  1: 'invalid parameter',
  2: 'invalid configuration',
  3: 'out of memory',
  4: 'not implemented',
  5: 'communication with the radio timed out',
  6: 'I/O error talking to the radio',
  7: 'internal Hamlib error',
  8: 'protocol error talking to the radio',
  9: 'command rejected by the radio',
  10: 'argument truncated',
  11: 'not available on this radio',
  12: 'VFO not targetable',
  13: 'bus error',
  14: 'bus collision',
  15: 'invalid argument',
  16: 'invalid VFO',
  17: 'argument out of range',
  18: 'deprecated function',
  19: 'security error',
  20: 'radio is not powered on',
  21: 'limit exceeded',
  22: 'access denied'
};

/** Hamlib error numbers meaning "this radio/backend cannot do that" rather than "it failed". */
export const RIG_UNSUPPORTED_CODES: readonly number[] = [4, 11];

/** A failed connection to rigctld, said so that the operator knows what to check. */
export function describeConnectError(error: NodeJS.ErrnoException, where: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where} (is rigctld running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host of ${where}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable`;
    case 'ETIMEDOUT':
      return `no answer from rigctld at ${where}`;
    default:
      return `cannot connect to rigctld at ${where}: ${error.message}`;
  }
}
