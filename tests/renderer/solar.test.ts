/**
 * The subsolar point against published moments: the 2026 equinox and solstices as the US Naval
 * Observatory gives them (Mar 20 14:46, Jun 21 08:24, Dec 21 20:50 UTC), when the sun stands over
 * the equator or a tropic, and over the longitude where it is apparent noon.
 */
import { describe, expect, it } from 'vitest';
import { antisolarPoint, subsolarPoint } from '../../src/renderer/src/map/solar.js';

describe('subsolar point', () => {
  it('is over the equator at the March equinox, west of Greenwich by the time past apparent noon', () => {
    const sun = subsolarPoint(new Date('2026-03-20T14:46:00Z'));
    expect(Math.abs(sun.lat)).toBeLessThan(0.05);
    // Apparent noon at Greenwich that day is about 12:07.5 UTC (equation of time about -7.5 min).
    expect(sun.lon).toBeCloseTo(-39.6, 0);
  });

  it('is over the Tropic of Cancer at the June solstice and the Tropic of Capricorn at the December one', () => {
    expect(subsolarPoint(new Date('2026-06-21T08:24:00Z')).lat).toBeCloseTo(23.44, 1);
    expect(subsolarPoint(new Date('2026-12-21T20:50:00Z')).lat).toBeCloseTo(-23.44, 1);
  });

  it('night is centred opposite the sun', () => {
    const at = new Date('2026-12-02T12:00:00Z');
    const sun = subsolarPoint(at);
    const night = antisolarPoint(at);
    expect(night.lat).toBeCloseTo(-sun.lat, 9);
    expect(Math.abs(Math.abs(night.lon - sun.lon) - 180)).toBeLessThan(1e-9);
  });
});
