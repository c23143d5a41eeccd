/**
 * The map's geometry. Distances and headings between grid pairs are checked against GeographicLib
 * (Karney's published geodesic algorithms on the WGS84 ellipsoid) to within 1%; on the azimuthal
 * map centred on my grid, the screen angle of a straight line from the centre is that heading.
 */
import { Geodesic } from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { bearingDeg, distanceKm, gridToLatLon } from '../../src/shared/ham/maidenhead.js';
import { geoPath } from 'd3-geo';
import { greatCircle, mapProjection, sunBelow } from '../../src/renderer/src/map/map-geometry.js';
import { antisolarPoint } from '../../src/renderer/src/map/solar.js';

const PAIRS = [
  ['FN31pr', 'JO62qm'], // W1AW to Berlin
  ['FN31pr', 'PM95vq'], // to Tokyo
  ['IO91wm', 'QF56od'], // London to Sydney
  ['GD18ar', 'JN45fl'], // the Falklands to Milan
  ['BL11bh', 'KG44dh'], // Hawaii to Pretoria
  ['FK88lf', 'OJ11aa'] // the Caribbean to Singapore
] as const;

const angleDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

describe('distances and headings against GeographicLib', () => {
  it.each(PAIRS)('%s → %s', (from, to) => {
    const a = gridToLatLon(from)!;
    const b = gridToLatLon(to)!;
    const reference = Geodesic.WGS84.Inverse(a.lat, a.lon, b.lat, b.lon);
    const km = reference.s12! / 1000;
    expect(Math.abs(distanceKm(a, b) - km) / km).toBeLessThan(0.01);
    // 1% of a full circle: on long paths the sphere's heading and the ellipsoid's part by up to 2°.
    expect(angleDiff(bearingDeg(a, b), (reference.azi1! + 360) % 360)).toBeLessThan(3.6);
  });
});

describe('the azimuthal map centred on my grid', () => {
  it('draws the path to any station as a straight line at its beam heading, its length in proportion to the distance', () => {
    const me = gridToLatLon('FN31pr')!;
    const projection = mapProjection(1000, 1000, me);
    const [cx, cy] = projection([me.lon, me.lat])!;
    expect(cx).toBeCloseTo(500, 6);
    expect(cy).toBeCloseTo(500, 6);
    const scale: number[] = [];
    for (const [, to] of PAIRS) {
      const there = gridToLatLon(to)!;
      const [x, y] = projection([there.lon, there.lat])!;
      const screenHeading = ((Math.atan2(x - cx, cy - y) * 180) / Math.PI + 360) % 360;
      expect(angleDiff(screenHeading, bearingDeg(me, there))).toBeLessThan(0.1);
      scale.push(Math.hypot(x - cx, y - cy) / distanceKm(me, there));
    }
    for (const s of scale) expect(s).toBeCloseTo(scale[0]!, 6);
  });

  it('with no grid set, shows the whole world equirectangular', () => {
    const projection = mapProjection(1000, 500, null);
    const [x0, y0] = projection([0, 0])!;
    const [x1, y1] = projection([-180, 90])!;
    expect([x0, y0, x1, y1].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([500, 250, 0, 0]);
  });

  it('night is the half of the globe around the point opposite the sun; full night (sun 12° down) a cap 78° around it', () => {
    const at = new Date('2026-12-02T12:00:00Z');
    const night = antisolarPoint(at);
    for (const [lon, lat] of sunBelow(at).coordinates[0]!) expect(distanceKm(night, { lat: lat!, lon: lon! })).toBeCloseTo(Math.PI * 6371 / 2, -1);
    for (const [lon, lat] of sunBelow(at, 12).coordinates[0]!) expect(distanceKm(night, { lat: lat!, lon: lon! })).toBeCloseTo((78 / 180) * Math.PI * 6371, -1);
  });

  it('draws a QSO’s path as the great circle: straight out from the centre on the azimuthal map, over the north Atlantic from W1AW to Berlin', () => {
    const me = gridToLatLon('FN31pr')!;
    const berlin = gridToLatLon('JO62qm')!;
    const projection = mapProjection(1000, 1000, me);
    const d = geoPath(projection)(greatCircle(me, berlin))!;
    const points = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(points.length).toBeGreaterThan(2);
    const angles = points.slice(1).map(([x, y]) => Math.atan2(x - 500, 500 - y));
    for (const angle of angles) expect(angle).toBeCloseTo(angles[0]!, 3);
    // On a world map the same path bows north of both ends.
    const world = mapProjection(1000, 500, null);
    const worldPoints = [...geoPath(world)(greatCircle(me, berlin))!.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => world.invert!([Number(m[1]), Number(m[2])])!);
    expect(Math.max(...worldPoints.map(([, lat]) => lat))).toBeGreaterThan(Math.max(me.lat, berlin.lat) + 3);
  });
});
