/**
 * Maidenhead locators ("grid squares") and great-circle paths.
 *
 * A locator has 2, 4, 6, 8 or 10 characters: field (A–R, 20°×10°), square (0–9, 2°×1°),
 * subsquare (A–X, 5′×2.5′), extended square (0–9) and extended subsquare (A–X). Letters are
 * case-insensitive. `gridToLatLon` returns the centre of the smallest square given.
 *
 * Distances use a spherical Earth of radius 6371 km (the mean radius; within about 0.5 % of the
 * ellipsoid, well inside what a grid square resolves). Bearings are initial great-circle bearings
 * in degrees clockwise from true north, 0 ≤ b < 360.
 *
 * Browser-safe: no Node imports.
 */

export interface LatLon {
  /** Degrees north (negative south), −90…90. */
  lat: number;
  /** Degrees east (negative west), −180…180. */
  lon: number;
}

export interface PathInfo {
  /** Short-path great-circle distance in km. */
  distanceKm: number;
  /** Short-path initial bearing, degrees 0–360. */
  bearingDeg: number;
  /** Long-path distance in km (the rest of the great circle). */
  longPathKm: number;
  /** Long-path initial bearing, degrees 0–360 (the short-path bearing reversed). */
  longPathBearingDeg: number;
}

export const EARTH_RADIUS_KM = 6371;

const GRID = /^[A-R]{2}(?:[0-9]{2}(?:[A-X]{2}(?:[0-9]{2}(?:[A-X]{2})?)?)?)?$/;

/** True for a well-formed 2, 4, 6, 8 or 10 character locator (any case). */
export function isValidGrid(grid: string): boolean {
  return typeof grid === 'string' && GRID.test(grid.trim().toUpperCase());
}

/** Upper-cases the field, lower-cases the subsquares: 'fn31PR' → 'FN31pr'. Null if invalid. */
export function normalizeGrid(grid: string): string | null {
  if (!isValidGrid(grid)) return null;
  const g = grid.trim().toUpperCase();
  return g.slice(0, 4) + g.slice(4, 6).toLowerCase() + g.slice(6, 8) + g.slice(8, 10).toLowerCase();
}

/** Centre of the locator's smallest square, or null for an invalid locator. */
export function gridToLatLon(grid: string): LatLon | null {
  if (!isValidGrid(grid)) return null;
  const g = grid.trim().toUpperCase();
  // Size of each successive pair in degrees of longitude; latitude is half of it.
  const lonSizes = [20, 2, 2 / 24, 2 / 240, 2 / 5760];
  const A = 'A'.charCodeAt(0);
  const ZERO = '0'.charCodeAt(0);
  let lon = -180;
  let lat = -90;
  let pairs = 0;
  for (let i = 0; i < g.length; i += 2) {
    const pair = i / 2;
    const isLetters = pair % 2 === 0;
    const base = isLetters ? A : ZERO;
    const size = lonSizes[pair]!;
    lon += (g.charCodeAt(i) - base) * size;
    lat += (g.charCodeAt(i + 1) - base) * (size / 2);
    pairs = pair + 1;
  }
  const last = lonSizes[pairs - 1]!;
  return { lon: lon + last / 2, lat: lat + last / 4 };
}

/** The locator (2–10 characters, even) containing a point. Null for an invalid point or precision. */
export function latLonToGrid(point: LatLon, precision = 6): string | null {
  if (![2, 4, 6, 8, 10].includes(precision)) return null;
  const { lat, lon } = point;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    return null;
  }
  // Keep the edges inside the grid: 180°E and 90°N belong to the last square.
  let x = Math.min(lon + 180, 360 - 1e-9);
  let y = Math.min(lat + 90, 180 - 1e-9);
  const lonSizes = [20, 2, 2 / 24, 2 / 240, 2 / 5760];
  const divisions = [18, 10, 24, 10, 24];
  let out = '';
  for (let pair = 0; pair < precision / 2; pair++) {
    const size = lonSizes[pair]!;
    const max = divisions[pair]! - 1;
    const xi = Math.min(Math.floor(x / size + 1e-9), max);
    const yi = Math.min(Math.floor(y / (size / 2) + 1e-9), max);
    x -= xi * size;
    y -= yi * (size / 2);
    const letters = pair % 2 === 0;
    const ch = (n: number) => (letters ? String.fromCharCode(65 + n) : String(n));
    out += ch(xi) + ch(yi);
  }
  return normalizeGrid(out);
}

const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;

/** Great-circle distance in km (haversine on a 6371 km sphere). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const phi1 = toRad(a.lat);
  const phi2 = toRad(b.lat);
  const dPhi = phi2 - phi1;
  const dLambda = toRad(b.lon - a.lon);
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial great-circle bearing from `from` to `to`, degrees clockwise from true north, 0 ≤ b < 360. */
export function bearingDeg(from: LatLon, to: LatLon): number {
  const phi1 = toRad(from.lat);
  const phi2 = toRad(to.lat);
  const dLambda = toRad(to.lon - from.lon);
  const y = Math.sin(dLambda) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
  const deg = (toDeg(Math.atan2(y, x)) + 360) % 360;
  return deg >= 360 ? 0 : deg;
}

/**
 * Short and long path from my locator to another station (a point or a locator).
 * Null when either locator is invalid.
 */
export function pathFromGrid(myGrid: string, their: LatLon | string): PathInfo | null {
  const me = gridToLatLon(myGrid);
  const them = typeof their === 'string' ? gridToLatLon(their) : their;
  if (!me || !them || !Number.isFinite(them.lat) || !Number.isFinite(them.lon)) return null;
  const d = distanceKm(me, them);
  const b = bearingDeg(me, them);
  return {
    distanceKm: d,
    bearingDeg: b,
    longPathKm: 2 * Math.PI * EARTH_RADIUS_KM - d,
    longPathBearingDeg: (b + 180) % 360
  };
}
