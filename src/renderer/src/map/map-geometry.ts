/**
 * The ham's map: an azimuthal-equidistant projection centred on my grid, on which a straight line
 * from the centre is the great-circle path and its angle the beam heading; with no grid set, the
 * whole world equirectangular. Paths are drawn as great circles, and night as the half of the
 * globe around the point opposite the sun.
 */
import { geoAzimuthalEquidistant, geoCircle, geoEquirectangular, type GeoProjection } from 'd3-geo';
import type { Feature, LineString, Polygon } from 'geojson';
import type { LatLon } from '../../../shared/ham/maidenhead';
import { antisolarPoint } from './solar';

/** A projection filling `width` × `height`: centred on `centre`, or the world when there is none. */
export function mapProjection(width: number, height: number, centre: LatLon | null): GeoProjection {
  const sphere = { type: 'Sphere' } as const;
  if (!centre) return geoEquirectangular().fitSize([width, height], sphere);
  return geoAzimuthalEquidistant()
    .rotate([-centre.lon, -centre.lat])
    .clipAngle(179.9)
    .fitSize([width, height], sphere);
}

/** The great-circle path between two points (d3 draws a LineString's segments as great circles). */
export function greatCircle(from: LatLon, to: LatLon): Feature<LineString> {
  return { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[from.lon, from.lat], [to.lon, to.lat]] } };
}

/**
 * Where the sun is more than `degreesBelow` below the horizon at `at`: the cap around the point
 * opposite the sun, 90° less the depth in radius. 0 is night and twilight (the grey line is its
 * edge); 12, nautical twilight's end, is full night for a DXer.
 */
export function sunBelow(at: Date, degreesBelow = 0): Polygon {
  const night = antisolarPoint(at);
  return geoCircle().center([night.lon, night.lat]).radius(90 - degreesBelow)();
}
