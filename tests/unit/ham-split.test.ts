import { describe, expect, it } from 'vitest';
import { formatSplit, parseSplit, splitTxHz, type SplitValue } from '../../src/shared/ham/split.js';

const RX = 14_195_000;

describe('parseSplit', () => {
  // [input, normalized value, display]
  const ACCEPTED: Array<[string, SplitValue, string]> = [
    ['Up 5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['up 5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['UP5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['u 5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['5 up', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['5up', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['+5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['10', { kind: 'offset', fromKHz: 10, toKHz: null }, 'up 10'],
    ['up 5-10', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['up 5 - 10', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['up 5–10', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['up 5 to 10', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['UP 10-5', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['5-10 up', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['5-10', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['+5-10', { kind: 'offset', fromKHz: 5, toKHz: 10 }, 'up 5–10'],
    ['up 5-5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['up 1.5', { kind: 'offset', fromKHz: 1.5, toKHz: null }, 'up 1.5'],
    ['up 1,5', { kind: 'offset', fromKHz: 1.5, toKHz: null }, 'up 1.5'],
    ['up 0.5-2.5', { kind: 'offset', fromKHz: 0.5, toKHz: 2.5 }, 'up 0.5–2.5'],
    ['up 0-5', { kind: 'offset', fromKHz: 0, toKHz: 5 }, 'up 0–5'],
    ['dn 2', { kind: 'offset', fromKHz: -2, toKHz: null }, 'down 2'],
    ['DN2', { kind: 'offset', fromKHz: -2, toKHz: null }, 'down 2'],
    ['down 1', { kind: 'offset', fromKHz: -1, toKHz: null }, 'down 1'],
    ['Down 1', { kind: 'offset', fromKHz: -1, toKHz: null }, 'down 1'],
    ['d 3', { kind: 'offset', fromKHz: -3, toKHz: null }, 'down 3'],
    ['2 down', { kind: 'offset', fromKHz: -2, toKHz: null }, 'down 2'],
    ['2 dn', { kind: 'offset', fromKHz: -2, toKHz: null }, 'down 2'],
    ['-2', { kind: 'offset', fromKHz: -2, toKHz: null }, 'down 2'],
    ['−2', { kind: 'offset', fromKHz: -2, toKHz: null }, 'down 2'],
    ['down 2-5', { kind: 'offset', fromKHz: -2, toKHz: -5 }, 'down 2–5'],
    ['-2-5', { kind: 'offset', fromKHz: -2, toKHz: -5 }, 'down 2–5'],
    ['down 0-5', { kind: 'offset', fromKHz: 0, toKHz: -5 }, 'down 0–5'],
    ['QSX up 5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['split: up 5', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['  up   5  ', { kind: 'offset', fromKHz: 5, toKHz: null }, 'up 5'],
    ['up 600', { kind: 'offset', fromKHz: 600, toKHz: null }, 'up 600'],
    // absolute frequencies, any form parseFrequency accepts
    ['14.210', { kind: 'absolute', hz: 14_210_000 }, '14.210'],
    ['14210', { kind: 'absolute', hz: 14_210_000 }, '14.210'],
    ['14.210.00', { kind: 'absolute', hz: 14_210_000 }, '14.210'],
    ['14,210', { kind: 'absolute', hz: 14_210_000 }, '14.210'],
    ['14210 kHz', { kind: 'absolute', hz: 14_210_000 }, '14.210'],
    ['14.2105', { kind: 'absolute', hz: 14_210_500 }, '14.2105'],
    ['QSX 14.210', { kind: 'absolute', hz: 14_210_000 }, '14.210'],
    ['7.185', { kind: 'absolute', hz: 7_185_000 }, '7.185'],
    ['144.300', { kind: 'absolute', hz: 144_300_000 }, '144.300']
  ];

  it.each(ACCEPTED)('reads %j', (input, value, display) => {
    const result = parseSplit(input);
    expect(result).toEqual({ ok: true, value });
    expect(formatSplit(value)).toBe(display);
  });

  it.each(ACCEPTED)('gives the same answer for %j when rx is known (except three-digit numbers)', (input, value) => {
    expect(parseSplit(input, RX)).toEqual({ ok: true, value });
  });

  it('reads a three-digit number as the kHz within the RX MHz when rx is known', () => {
    expect(parseSplit('210', RX)).toEqual({ ok: true, value: { kind: 'absolute', hz: 14_210_000 } });
    expect(parseSplit('180', 7_165_000)).toEqual({ ok: true, value: { kind: 'absolute', hz: 7_180_000 } });
    expect(parseSplit('210', null)).toMatchObject({ ok: false });
    expect(parseSplit('210')).toMatchObject({ ok: false });
  });

  const REJECTED: Array<[string, RegExp]> = [
    ['', /Enter a split/],
    ['   ', /Enter a split/],
    ['qsx', /Enter a split/],
    ['up', /how far up/],
    ['down', /how far down/],
    ['up 0', /must not be zero/],
    ['+0', /must not be zero/],
    ['up 20000', /at most 10000 kHz/],
    ['sideways 5', /Could not read/],
    ['up five', /Could not read/],
    ['up -5', /Could not read/],
    ['14.4', /outside the amateur bands/],
    ['1.5', /outside the amateur bands/],
    ['x'.repeat(41), /too long/]
  ];

  it.each(REJECTED)('rejects %j with a readable reason', (input, reason) => {
    const result = parseSplit(input, RX);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
  });

  it('rejects non-strings', () => {
    expect(parseSplit(5 as unknown as string)).toEqual({ ok: false, reason: 'Split must be text' });
  });

  it('formats are parseable again into the same value', () => {
    for (const [input] of ACCEPTED) {
      const first = parseSplit(input);
      if (!first.ok) throw new Error(input);
      expect(parseSplit(formatSplit(first.value))).toEqual(first);
    }
  });
});

describe('splitTxHz', () => {
  const CASES: Array<[string, number | null, number | null]> = [
    ['up 5', RX, 14_200_000],
    ['up 5-10', RX, 14_200_000],
    ['up 1.5', RX, 14_196_500],
    ['down 2', RX, 14_193_000],
    ['down 2-5', RX, 14_193_000],
    ['14.210', RX, 14_210_000],
    ['14.210', null, 14_210_000],
    ['up 5', null, null]
  ];

  it.each(CASES)('%s with rx %s transmits on %s', (input, rx, tx) => {
    const parsed = parseSplit(input);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(splitTxHz(parsed.value, rx)).toBe(tx);
  });

  it('treats an undefined or non-finite rx as unknown', () => {
    const value: SplitValue = { kind: 'offset', fromKHz: 5, toKHz: null };
    expect(splitTxHz(value, undefined)).toBeNull();
    expect(splitTxHz(value, Number.NaN)).toBeNull();
  });
});
