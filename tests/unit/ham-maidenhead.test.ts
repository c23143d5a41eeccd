import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  distanceKm,
  EARTH_RADIUS_KM,
  gridToLatLon,
  isValidGrid,
  latLonToGrid,
  normalizeGrid,
  pathFromGrid
} from '../../src/shared/ham/maidenhead.js';

describe('isValidGrid / normalizeGrid', () => {
  const VALID = ['JO', 'FN31', 'FN31pr', 'fn31PR', 'JO62qm', 'FN31pr12', 'FN31pr12ab', 'AA00aa', 'RR99xx', ' FN31pr '];
  const INVALID = ['', 'F', 'FN3', 'FN31p', 'SN31', 'FS31', 'FN3A', 'FN31py', 'FN31pr1', 'FN31prAB', 'FN31pr12ay', '12AB', 'FN31pr12ab34', 'FN 31'];

  it.each(VALID)('accepts %j', (grid) => expect(isValidGrid(grid)).toBe(true));
  it.each(INVALID)('rejects %j', (grid) => {
    expect(isValidGrid(grid)).toBe(false);
    expect(gridToLatLon(grid)).toBeNull();
    expect(normalizeGrid(grid)).toBeNull();
  });

  it('normalizes case the usual way', () => {
    expect(normalizeGrid('fn31PR')).toBe('FN31pr');
    expect(normalizeGrid('jo62qm45ab')).toBe('JO62qm45ab');
  });
});

describe('gridToLatLon', () => {
  // Centres worked out by hand from the locator definition.
  const CENTRES: Array<[string, number, number]> = [
    ['JJ', 5, 10], // field J/J: lon 0..20, lat 0..10
    ['JJ00', 0.5, 1],
    ['AA00', -89.5, -179],
    ['RR99', 89.5, 179],
    ['FN31', 41.5, -73],
    ['FN31pr', 40 + 1 + 17 / 24 + 1 / 48, -180 + 100 + 6 + 15 / 12 + 1 / 24],
    ['JO62qm', 52 + 12 / 24 + 1 / 48, 12 + 16 / 12 + 1 / 24],
    ['IO91wm', 51 + 12 / 24 + 1 / 48, -2 + 22 / 12 + 1 / 24],
    ['FN31pr00', 41 + 17 / 24 + 1 / 480, -74 + 15 / 12 + 1 / 240],
    ['FN31pr99', 41 + 18 / 24 - 1 / 480, -74 + 16 / 12 - 1 / 240]
  ];

  it.each(CENTRES)('%s is centred at %f, %f', (grid, lat, lon) => {
    const p = gridToLatLon(grid)!;
    expect(p.lat).toBeCloseTo(lat, 9);
    expect(p.lon).toBeCloseTo(lon, 9);
  });

  it('is case-insensitive', () => {
    expect(gridToLatLon('fn31PR')).toEqual(gridToLatLon('FN31pr'));
  });

  it('ten characters narrow down further, still inside the eight-character square', () => {
    const eight = gridToLatLon('FN31pr12')!;
    const ten = gridToLatLon('FN31pr12ax')!;
    expect(Math.abs(ten.lat - eight.lat)).toBeLessThan(1 / 480);
    expect(Math.abs(ten.lon - eight.lon)).toBeLessThan(1 / 240);
  });
});

describe('latLonToGrid', () => {
  it('finds known locators', () => {
    // W1AW, Newington CT
    expect(latLonToGrid({ lat: 41.714775, lon: -72.727260 })).toBe('FN31pr');
    // Brandenburg Gate, Berlin
    expect(latLonToGrid({ lat: 52.516275, lon: 13.377704 })).toBe('JO62qm');
    expect(latLonToGrid({ lat: 52.516275, lon: 13.377704 }, 4)).toBe('JO62');
    expect(latLonToGrid({ lat: 90, lon: 180 }, 4)).toBe('RR99');
    expect(latLonToGrid({ lat: -90, lon: -180 }, 4)).toBe('AA00');
  });

  it('round-trips every precision through the centre', () => {
    for (const grid of ['JO', 'FN31', 'FN31pr', 'FN31pr12', 'FN31pr12ab', 'QF56od', 'AA00aa', 'RR99xx']) {
      expect(latLonToGrid(gridToLatLon(grid)!, grid.length)).toBe(grid);
    }
  });

  it('rejects bad points and precisions', () => {
    expect(latLonToGrid({ lat: 91, lon: 0 })).toBeNull();
    expect(latLonToGrid({ lat: 0, lon: Number.NaN })).toBeNull();
    expect(latLonToGrid({ lat: 0, lon: 0 }, 5)).toBeNull();
  });
});

describe('distance and bearing', () => {
  // Independent reference: the same locator centres computed in Python with the spherical law of
  // cosines (distance) and the projection of the chord onto the local tangent plane (bearing).
  const PATHS: Array<[string, string, number, number]> = [
    ['FN31pr', 'JO62qm', 6226.637, 47.076],
    ['JO62qm', 'FN31pr', 6226.637, 296.087],
    ['FN31pr', 'PM95vq', 10792.721, 333.913],
    ['IO91wm', 'QF56od', 16991.743, 60.675]
  ];

  it.each(PATHS)('%s → %s: %f km at %f°', (from, to, km, deg) => {
    const a = gridToLatLon(from)!;
    const b = gridToLatLon(to)!;
    expect(distanceKm(a, b)).toBeCloseTo(km, 1);
    expect(bearingDeg(a, b)).toBeCloseTo(deg, 2);
    const path = pathFromGrid(from, b)!;
    expect(path.distanceKm).toBeCloseTo(km, 1);
    expect(path.bearingDeg).toBeCloseTo(deg, 2);
    expect(path.longPathKm).toBeCloseTo(2 * Math.PI * EARTH_RADIUS_KM - km, 1);
    expect(path.longPathBearingDeg).toBeCloseTo((deg + 180) % 360, 2);
    expect(pathFromGrid(from, to)).toEqual(path);
  });

  it('agrees with simple geometry', () => {
    const origin = { lat: 0, lon: 0 };
    expect(bearingDeg(origin, { lat: 10, lon: 0 })).toBeCloseTo(0, 9);
    expect(bearingDeg(origin, { lat: 0, lon: 10 })).toBeCloseTo(90, 9);
    expect(bearingDeg(origin, { lat: -10, lon: 0 })).toBeCloseTo(180, 9);
    expect(bearingDeg(origin, { lat: 0, lon: -10 })).toBeCloseTo(270, 9);
    // A quarter of the equator, and pole to pole.
    expect(distanceKm(origin, { lat: 0, lon: 90 })).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_KM, 6);
    expect(distanceKm({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    expect(distanceKm(origin, origin)).toBe(0);
    // One degree of latitude is about 111.19 km on this sphere.
    expect(distanceKm(origin, { lat: 1, lon: 0 })).toBeCloseTo(111.195, 2);
  });

  it('keeps bearings within 0 ≤ b < 360, across the date line too', () => {
    for (const [a, b] of [
      [{ lat: 10, lon: 179 }, { lat: 10, lon: -179 }],
      [{ lat: 10, lon: -179 }, { lat: 10, lon: 179 }],
      [{ lat: 0, lon: 0 }, { lat: -0.0000001, lon: 0 }],
      [{ lat: 45, lon: 45 }, { lat: 45, lon: 45 }]
    ] as const) {
      const deg = bearingDeg(a, b);
      expect(deg).toBeGreaterThanOrEqual(0);
      expect(deg).toBeLessThan(360);
    }
    expect(bearingDeg({ lat: 10, lon: 179 }, { lat: 10, lon: -179 })).toBeCloseTo(90, 0);
    expect(distanceKm({ lat: 10, lon: 179 }, { lat: 10, lon: -179 })).toBeCloseTo(219, 0);
  });

  it('pathFromGrid returns null for an invalid locator or point', () => {
    expect(pathFromGrid('XX99', { lat: 0, lon: 0 })).toBeNull();
    expect(pathFromGrid('FN31pr', 'nope')).toBeNull();
    expect(pathFromGrid('FN31pr', { lat: Number.NaN, lon: 0 })).toBeNull();
  });
});
