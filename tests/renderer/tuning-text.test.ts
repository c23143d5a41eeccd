/** How the station page writes the tuning: units, band and mode. */
import { describe, expect, it } from 'vitest';
import { callOnText, frequencyReading, splitReading } from '../../src/renderer/src/station/tuning-text.js';

describe('tuning as a calling station reads it', () => {
  it('gives the frequency its unit, with band and mode beside it', () => {
    expect(frequencyReading({ frequency: '14.195', frequency_hz: 14_195_000, band: '20m', mode: 'SSB', last_updated: null })).toEqual({ value: '14.195', unit: 'MHz', detail: '20m · SSB' });
    expect(frequencyReading({ frequency: '5.000', band: null, mode: null, last_updated: null })).toEqual({ value: '5.000', unit: 'MHz', detail: null });
    expect(frequencyReading({ frequency: null, mode: 'CW', last_updated: null })).toEqual({ value: null, unit: null, detail: 'CW' });
  });

  it('gives an offset split kHz and a transmit frequency MHz', () => {
    expect(splitReading({ split: 'up 5', value: { kind: 'offset', fromKHz: 5, toKHz: null }, last_updated: null })).toEqual({ value: 'up 5', unit: 'kHz' });
    expect(splitReading({ split: '14.2005', value: { kind: 'absolute', hz: 14_200_500 }, last_updated: null })).toEqual({ value: '14.2005', unit: 'MHz' });
    expect(splitReading({ split: null, last_updated: null })).toEqual({ value: null, unit: null });
  });

  it('works out where to call for an offset split, and leaves a transmit frequency alone', () => {
    const rx = { frequency: '14.195', frequency_hz: 14_195_000, band: '20m', mode: 'SSB', last_updated: null };
    expect(callOnText(rx, { split: 'up 5', value: { kind: 'offset', fromKHz: 5, toKHz: null }, last_updated: null })).toBe('14.200');
    expect(callOnText(rx, { split: 'up 5–10', value: { kind: 'offset', fromKHz: 5, toKHz: 10 }, last_updated: null })).toBe('14.200–14.205');
    expect(callOnText({ ...rx, frequency: '7.005', frequency_hz: 7_005_000 }, { split: 'up 1.5', value: { kind: 'offset', fromKHz: 1.5, toKHz: null }, last_updated: null })).toBe('7.0065');
    expect(callOnText(rx, { split: '14.2005', value: { kind: 'absolute', hz: 14_200_500 }, last_updated: null })).toBeNull();
    expect(callOnText({ ...rx, frequency_hz: null }, { split: 'up 5', value: { kind: 'offset', fromKHz: 5, toKHz: null }, last_updated: null })).toBeNull();
  });
});
