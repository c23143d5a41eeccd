/**
 * Where the sun is overhead (the subsolar point), for the day/night terminator on the map. The
 * Astronomical Almanac's low-precision formulas: good to about 0.01° for years around 2000, far
 * finer than a map line. UTC in, degrees out.
 */
import type { LatLon } from '../../../shared/ham/maidenhead';

const RAD = Math.PI / 180;
const DAY_MS = 86_400_000;
/** Julian date of the Unix epoch. */
const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian date of J2000.0. */
const JD_J2000 = 2_451_545;

const wrap360 = (deg: number) => ((deg % 360) + 360) % 360;
const wrap180 = (deg: number) => wrap360(deg + 180) - 180;

export function subsolarPoint(at: Date): LatLon {
  const n = at.getTime() / DAY_MS + JD_UNIX_EPOCH - JD_J2000;
  const meanLongitude = wrap360(280.46 + 0.9856474 * n);
  const meanAnomaly = wrap360(357.528 + 0.9856003 * n) * RAD;
  const eclipticLongitude = (meanLongitude + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * RAD;
  const obliquity = (23.439 - 0.0000004 * n) * RAD;
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclipticLongitude));
  const rightAscension = Math.atan2(Math.cos(obliquity) * Math.sin(eclipticLongitude), Math.cos(eclipticLongitude)) / RAD;
  // Greenwich mean sidereal time, in degrees.
  const gmst = wrap360(280.46061837 + 360.98564736629 * n);
  return { lat: declination / RAD, lon: wrap180(rightAscension - gmst) };
}

/** The point opposite the sun: the centre of the night side. */
export function antisolarPoint(at: Date): LatLon {
  const sun = subsolarPoint(at);
  return { lat: -sun.lat, lon: wrap180(sun.lon + 180) };
}
