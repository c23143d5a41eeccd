import { describe, expect, it } from 'vitest';
import { checkCallsign, isValidCallsign, normalizeCallsign } from '../../src/shared/callsign.js';

const VALID = [
  // plain calls from many prefix shapes
  'W1AW', 'K1ABC', 'N0AX', 'AA1A', 'G4ABC', 'M0XYZ', '2E0ABC', 'DL1ABC', 'VE3XYZ', 'JA1XYZ', 'VK2ABC',
  'ZL1ABC', 'EA8AB', 'E51WL', '4U1UN', '3DA0RS', '9A1A', '1A0KM', 'VP2E', 'TM100Y', 'GB13COL', 'V51AS',
  'A61AB', 'HB9ABC', 'OH0XX', 'S50A', 'T32AZ', 'YB0ABC', '5B4AHJ', '4X4AA',
  // portable and prefixed forms
  'W1AW/P', 'W1AW/M', 'W1AW/MM', 'W1AW/AM', 'W1AW/QRP', 'W1AW/7', 'KH6/W1AW', 'VP2E/K1ABC', 'DL/W1AW',
  'EA8/DL1ABC/P', 'F/G4ABC', '3D2/K1ABC', 'VE3XYZ/W4'
];

const INVALID = [
  '', 'W', 'W1', 'W1A1', '1234', 'ABCD', '111A', 'W1AW/', '/W1AW', 'W1AW//P', 'W1-AW', 'W1 AW', 'W1AW/P/P/P',
  'W1AW/TOOLONG', 'K1ABC/P/QRPX', 'ÄB1C', 'W1ÅW', 'W1\nAW', 'DROP TABLE', '<script>', 'W1AW;', 'K1ABCDEFG',
  'W1AW/P/', 'P/W1AW/', 'X'.repeat(30)
];

describe('callsign validation', () => {
  it.each(VALID)('accepts %s', (callsign) => {
    expect(isValidCallsign(callsign)).toBe(true);
  });

  it.each(INVALID)('rejects %j', (callsign) => {
    expect(isValidCallsign(normalizeCallsign(callsign))).toBe(false);
  });

  it('upper-cases and trims before validating', () => {
    expect(checkCallsign('  kh6/w1aw ')).toEqual({ ok: true, callsign: 'KH6/W1AW' });
  });

  it('explains what is wrong', () => {
    expect(checkCallsign('')).toEqual({ ok: false, reason: 'Callsign is required' });
    expect(checkCallsign(42)).toEqual({ ok: false, reason: 'Callsign must be a string' });
    expect(checkCallsign('hello')).toEqual({ ok: false, reason: '"HELLO" is not a valid callsign' });
    expect(checkCallsign('W1AW'.repeat(10))).toMatchObject({ ok: false, reason: expect.stringContaining('too long') });
  });
});
