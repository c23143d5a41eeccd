import { describe, expect, it } from 'vitest';
import { ADIF_BANDS, bandByName } from '../../src/shared/ham/bands.js';
import {
  bandOf,
  formatFrequency,
  formatMHzForAdif,
  MAX_FREQUENCY_HZ,
  parseFrequency
} from '../../src/shared/ham/frequency.js';

describe('parseFrequency', () => {
  // [input, Hz, unit it was read in, band]
  const ACCEPTED: Array<[string, number, string, string | null]> = [
    // MHz below 1000
    ['14.205', 14_205_000, 'MHz', '20m'],
    ['7.074', 7_074_000, 'MHz', '40m'],
    ['144.300', 144_300_000, 'MHz', '2m'],
    ['3.5', 3_500_000, 'MHz', '80m'],
    ['50.313', 50_313_000, 'MHz', '6m'],
    ['432.2', 432_200_000, 'MHz', '70cm'],
    ['903.1', 903_100_000, 'MHz', '33cm'],
    ['28', 28_000_000, 'MHz', '10m'],
    ['14.2055', 14_205_500, 'MHz', '20m'],
    ['14.205001', 14_205_001, 'MHz', '20m'],
    // kHz from 1000
    ['14205', 14_205_000, 'kHz', '20m'],
    ['1840', 1_840_000, 'kHz', '160m'],
    ['14205.5', 14_205_500, 'kHz', '20m'],
    ['7074', 7_074_000, 'kHz', '40m'],
    ['10120', 10_120_000, 'kHz', '30m'],
    ['144300', 144_300_000, 'kHz', '2m'],
    ['3500', 3_500_000, 'kHz', '80m'],
    // MHz.kHz.Hz rig display
    ['14.205.00', 14_205_000, 'MHz', '20m'],
    ['14.205.50', 14_205_500, 'MHz', '20m'],
    ['14.205.5', 14_205_500, 'MHz', '20m'],
    ['14.205.000', 14_205_000, 'MHz', '20m'],
    ['7.074.00', 7_074_000, 'MHz', '40m'],
    ['144.300.00', 144_300_000, 'MHz', '2m'],
    // microwave: the kHz reading is no band, the MHz one is
    ['10368.100', 10_368_100_000, 'MHz', '3cm'],
    ['10368.1', 10_368_100_000, 'MHz', '3cm'],
    ['1296.2', 1_296_200_000, 'MHz', '23cm'],
    ['2320.1', 2_320_100_000, 'MHz', '13cm'],
    ['3400.1', 3_400_100_000, 'MHz', '9cm'],
    ['5760.1', 5_760_100_000, 'MHz', '6cm'],
    ['24048.2', 24_048_200_000, 'MHz', '1.25cm'],
    ['47088', 47_088_000_000, 'MHz', '6mm'],
    ['76032', 76_032_000_000, 'MHz', '4mm'],
    // LF/MF: the MHz reading is no band, the kHz one is
    ['137.5', 137_500, 'kHz', '2190m'],
    ['475', 475_000, 'kHz', '630m'],
    // Hz from 1 000 000
    ['14205000', 14_205_000, 'Hz', '20m'],
    ['1296100000', 1_296_100_000, 'Hz', '23cm'],
    // spaces, commas, units
    ['  14.205  ', 14_205_000, 'MHz', '20m'],
    ['14 205', 14_205_000, 'kHz', '20m'],
    ['14,205', 14_205_000, 'MHz', '20m'],
    ['7,0745', 7_074_500, 'MHz', '40m'],
    ['14205,5', 14_205_500, 'kHz', '20m'],
    ['14,205.5', 14_205_500, 'kHz', '20m'],
    ['14.205,5', 14_205_500, 'kHz', '20m'],
    ['14,205,000', 14_205_000, 'Hz', '20m'],
    ['1.296.100.000', 1_296_100_000, 'Hz', '23cm'],
    ['14.205 MHz', 14_205_000, 'MHz', '20m'],
    ['14.205MHz', 14_205_000, 'MHz', '20m'],
    ['14.205 mhz', 14_205_000, 'MHz', '20m'],
    ['14205 kHz', 14_205_000, 'kHz', '20m'],
    ['14205KHZ', 14_205_000, 'kHz', '20m'],
    ['14205000 Hz', 14_205_000, 'Hz', '20m'],
    ['14 205 000 Hz', 14_205_000, 'Hz', '20m'],
    ['10.368 GHz', 10_368_000_000, 'GHz', '3cm'],
    ['14.205.00 MHz', 14_205_000, 'MHz', '20m'],
    ['14,205 MHz', 14_205_000, 'MHz', '20m'],
    // an explicit unit is never second-guessed
    ['1296.2 kHz', 1_296_200, 'kHz', null],
    ['7 kHz', 7_000, 'kHz', null]
  ];

  it.each(ACCEPTED)('reads %j as %d Hz (%s, %s)', (input, hz, unit, band) => {
    const result = parseFrequency(input);
    expect(result).toEqual({ ok: true, hz, unit, band, outOfBand: band === null });
  });

  // Out of every band: accepted, flagged.
  const OUT_OF_BAND: Array<[string, number]> = [
    ['14.4', 14_400_000],
    ['14400', 14_400_000],
    ['27.555', 27_555_000],
    ['11', 11_000_000],
    ['0.5', 500_000],
    ['999', 999_000_000],
    ['1000', 1_000_000],
    ['10.368.100', 10_368_100]
  ];

  it.each(OUT_OF_BAND)('accepts %j as %d Hz but flags it out of band', (input, hz) => {
    const result = parseFrequency(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hz).toBe(hz);
    expect(result.band).toBeNull();
    expect(result.outOfBand).toBe(true);
  });

  const REJECTED: Array<[string, RegExp]> = [
    ['', /Enter a frequency/],
    ['   ', /Enter a frequency/],
    ['abc', /not a frequency/],
    ['14.205abc', /not a frequency/],
    ['20m', /is a band/],
    ['70cm', /is a band/],
    ['-14.205', /negative/],
    ['0', /above zero/],
    ['0.0005', /below any radio frequency/],
    ['1e7', /not a frequency/],
    ['14..205', /Could not read/],
    ['14.20.5', /Could not read/],
    ['14.2.3.4', /Could not read/],
    ['14,2,05', /Could not read/],
    ['14.205.00 kHz', /always MHz/],
    ['MHz', /No number/],
    ['9999999999 GHz', /above every amateur band/],
    ['1'.repeat(41), /too long/],
    ['14.205; DROP TABLE', /not a frequency/]
  ];

  it.each(REJECTED)('rejects %j with a readable reason', (input, reason) => {
    const result = parseFrequency(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
  });

  it('rejects non-strings', () => {
    expect(parseFrequency(14.205 as unknown as string)).toEqual({ ok: false, reason: 'Frequency must be text' });
  });

  it('accepts the top of the submm band and nothing above', () => {
    expect(parseFrequency('7500 GHz')).toMatchObject({ ok: true, hz: MAX_FREQUENCY_HZ, band: 'submm' });
    expect(parseFrequency('7500.001 GHz').ok).toBe(false);
  });

  it('has no binary rounding surprises', () => {
    for (const [input, hz] of [
      ['0.1357', 135_700],
      ['14.0700', 14_070_000],
      ['24.915', 24_915_000],
      ['18.1', 18_100_000],
      ['1.8', 1_800_000]
    ] as const) {
      expect(parseFrequency(input)).toMatchObject({ ok: true, hz });
    }
    // Fractions of a Hz round to the nearest Hz.
    expect(parseFrequency('14.2050004')).toMatchObject({ ok: true, hz: 14_205_000 });
    expect(parseFrequency('14.2050005')).toMatchObject({ ok: true, hz: 14_205_001 });
  });
});

describe('bandOf', () => {
  // Every ADIF band's edges are inside (inclusive); one Hz outside is not that band.
  it.each(ADIF_BANDS.map((b) => [b.name, b.lowerHz, b.upperHz] as const))(
    '%s: edges %d..%d are inclusive',
    (name, lower, upper) => {
      expect(bandOf(lower)).toBe(name);
      expect(bandOf(upper)).toBe(name);
      expect(bandOf(Math.round((lower + upper) / 2))).toBe(name);
      expect(bandOf(lower - 1)).not.toBe(name);
      expect(bandOf(upper + 1)).not.toBe(name);
    }
  );

  const KNOWN: Array<[number, string | null]> = [
    [135_700, '2190m'],
    [472_000, '630m'],
    [1_800_000, '160m'],
    [2_000_000, '160m'],
    [2_000_001, null],
    [3_499_999, null],
    [3_500_000, '80m'],
    [5_357_000, '60m'],
    [7_074_000, '40m'],
    [10_136_000, '30m'],
    [14_350_000, '20m'],
    [14_350_001, null],
    [18_100_000, '17m'],
    [21_074_000, '15m'],
    [24_915_000, '12m'],
    [28_074_000, '10m'],
    [40_680_000, '8m'],
    [50_313_000, '6m'],
    [54_000_000, '6m'],
    [54_000_001, '5m'],
    [70_200_000, '4m'],
    [144_174_000, '2m'],
    [223_500_000, '1.25m'],
    [432_100_000, '70cm'],
    [903_100_000, '33cm'],
    [1_296_100_000, '23cm'],
    [2_304_100_000, '13cm'],
    [3_400_100_000, '9cm'],
    [5_760_100_000, '6cm'],
    [10_368_100_000, '3cm'],
    [24_048_100_000, '1.25cm'],
    [47_088_100_000, '6mm'],
    [76_032_000_000, '4mm'],
    [122_250_000_000, '2.5mm'],
    [134_928_000_000, '2mm'],
    [241_920_000_000, '1mm'],
    [300_000_000_000, 'submm'],
    [27_555_000, null],
    [0, null],
    [-14_205_000, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null]
  ];

  it.each(KNOWN)('bandOf(%d) is %s', (hz, band) => {
    expect(bandOf(hz)).toBe(band);
  });

  it('lists the ADIF band names in frequency order without overlaps', () => {
    const names = ADIF_BANDS.map((b) => b.name);
    for (const required of ['160m', '80m', '60m', '40m', '30m', '20m', '17m', '15m', '12m', '10m', '6m', '4m', '2m', '1.25m', '70cm', '33cm', '23cm', '13cm']) {
      expect(names).toContain(required);
    }
    for (let i = 1; i < ADIF_BANDS.length; i++) {
      expect(ADIF_BANDS[i]!.lowerHz).toBeGreaterThan(ADIF_BANDS[i - 1]!.upperHz);
    }
    expect(bandByName('20M')).toEqual({ name: '20m', lowerHz: 14_000_000, upperHz: 14_350_000 });
    expect(bandByName('11m')).toBeNull();
  });
});

describe('formatFrequency / formatMHzForAdif', () => {
  const DISPLAY: Array<[number, string, string]> = [
    [14_205_000, '14.205', '14.205000'],
    [14_205_500, '14.2055', '14.205500'],
    [14_205_550, '14.20555', '14.205550'],
    [14_205_001, '14.205001', '14.205001'],
    [7_074_000, '7.074', '7.074000'],
    [144_300_000, '144.300', '144.300000'],
    [1_840_000, '1.840', '1.840000'],
    [28_000_000, '28.000', '28.000000'],
    [10_368_100_000, '10368.100', '10368.100000'],
    [137_500, '0.1375', '0.137500'],
    [14_205_000.4, '14.205', '14.205000']
  ];

  it.each(DISPLAY)('%d Hz displays as %s and ADIF %s', (hz, display, adif) => {
    expect(formatFrequency(hz)).toBe(display);
    expect(formatMHzForAdif(hz)).toBe(adif);
  });

  it('returns an empty string for values that are no frequency', () => {
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(formatFrequency(bad)).toBe('');
      expect(formatMHzForAdif(bad)).toBe('');
    }
  });

  it('round-trips: what it displays parses back to the same Hz', () => {
    for (const hz of [1_840_000, 3_573_000, 7_074_000, 14_205_500, 21_074_000, 50_313_000, 144_300_000, 432_100_000, 1_296_100_000, 10_368_100_000]) {
      expect(parseFrequency(formatFrequency(hz))).toMatchObject({ ok: true, hz });
      expect(parseFrequency(`${formatMHzForAdif(hz)} MHz`)).toMatchObject({ ok: true, hz });
    }
  });
});
