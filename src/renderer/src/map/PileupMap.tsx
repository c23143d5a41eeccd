/**
 * The live map of the pileup: centred on my grid (azimuthal equidistant, so the line from the
 * centre to a caller is the great-circle path and its angle the beam heading), or the world when
 * no grid is set. Land from Natural Earth (packaged: no internet needed), night shaded, callers as
 * dots with their place in the queue, the QSO in progress with its path, distance and heading,
 * and the last hour's QSOs fading.
 */
import { geoGraticule10, geoPath } from 'd3-geo';
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import land110m from 'world-atlas/land-110m.json';
import { gridToLatLon, type LatLon } from '../../../shared/ham/maidenhead';
import type { CurrentQso, LoggedQso, QueueEntry } from '../../../shared/protocol/entities';
import { greatCircle, mapProjection, nightSide } from './map-geometry';

type Topology = Parameters<typeof feature>[0];
const LAND = feature(land110m as unknown as Topology, (land110m as unknown as Topology).objects.land!);
const GRATICULE = geoGraticule10();
/** Callers labelled with their place; the rest are dots, so two thousand stay readable. */
const LABELLED = 12;
const HOUR_MS = 3_600_000;

export interface PileupMapProps {
  width: number;
  height: number;
  myGrid: string | null;
  myCallsign: string | null;
  queue: readonly QueueEntry[];
  current: CurrentQso | null;
  recent: readonly LoggedQso[];
  now: number;
}

export function PileupMap({ width, height, myGrid, myCallsign, queue, current, recent, now }: PileupMapProps) {
  const me = myGrid ? gridToLatLon(myGrid) : null;
  const projection = useMemo(() => mapProjection(width, height, me), [width, height, me?.lat, me?.lon]);
  const path = useMemo(() => geoPath(projection), [projection]);
  const minute = Math.floor(now / 60_000);
  const night = useMemo(() => path(nightSide(new Date(minute * 60_000))) ?? '', [path, minute]);
  const land = useMemo(() => path(LAND) ?? '', [path]);
  const graticule = useMemo(() => path(GRATICULE) ?? '', [path]);
  const sphere = useMemo(() => path({ type: 'Sphere' }) ?? '', [path]);
  const at = (place: LatLon) => projection([place.lon, place.lat]);
  const callers = queue.filter((entry) => entry.location);
  const worked = recent.filter((qso) => qso.location && now - Date.parse(qso.completed_at) < HOUR_MS);
  const here = me ? at(me) : null;
  const there = current?.location ? at(current.location) : null;
  const summary = `Map of the pileup${myGrid ? ` centred on ${myGrid}` : ''}: ${queue.length} waiting${current ? `, working ${current.callsign}${current.distance_km != null ? ` at ${current.distance_km.toLocaleString('en-US')} km, heading ${current.bearing_deg}°` : ''}` : ''}`;
  return (
    <svg className="pileup-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} data-testid="pileup-map">
      <desc>{summary}. The queue beside the map lists every caller with its country, distance and heading.</desc>
      <path className="map-sphere" d={sphere} />
      <path className="map-graticule" d={graticule} />
      <path className="map-land" d={land} />
      <path className="map-night" d={night} data-testid="map-night" />
      {worked.map((qso) => {
        const point = at(qso.location!);
        if (!point) return null;
        const age = (now - Date.parse(qso.completed_at)) / HOUR_MS;
        return <circle key={qso.id} className="map-worked" cx={point[0]} cy={point[1]} r={3} opacity={Math.max(0.15, 1 - age)} />;
      })}
      {callers.map((entry) => {
        const point = at(entry.location!);
        if (!point) return null;
        return (
          <g key={entry.id} className="map-caller" data-testid="map-caller">
            <circle cx={point[0]} cy={point[1]} r={entry.position <= LABELLED ? 5 : 2.5} />
            {entry.position <= LABELLED && (
              <text x={point[0] + 7} y={point[1] + 4}>
                {entry.position}
              </text>
            )}
          </g>
        );
      })}
      {current?.location && me && (
        <path className="map-path" d={path(greatCircle(me, current.location)) ?? ''} data-testid="map-path" />
      )}
      {there && (
        // Its callsign, distance and heading are in the caption under the map: near the centre a label would cover others.
        <g className="map-current" data-testid="map-current">
          <circle cx={there[0]} cy={there[1]} r={7} />
        </g>
      )}
      {here && (
        <g className="map-me">
          <circle cx={here[0]} cy={here[1]} r={5} />
          {myCallsign && (
            <text x={here[0] + 8} y={here[1] + 16}>
              {myCallsign}
            </text>
          )}
        </g>
      )}
    </svg>
  );
}
