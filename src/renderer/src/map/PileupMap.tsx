/**
 * The live map of the pileup. Azimuthal equidistant around `centre` (the line from the centre to
 * any point is the great-circle path and its angle the beam heading), or the whole world when
 * there is no centre. Land from Natural Earth (packaged: no internet needed), night shaded,
 * callers as dots with their place in the queue, the QSO in progress with its path, and the last
 * hour's QSOs fading. Night is shaded in two steps, the sun below the horizon and then 12° below
 * it, so the grey line between them shows. Each page says what the map means in its own words (`label`, `description`).
 */
import { geoGraticule10, geoPath, type GeoProjection } from 'd3-geo';
import { memo, useMemo } from 'react';
import { feature } from 'topojson-client';
import land110m from 'world-atlas/land-110m.json';
import type { LatLon } from '../../../shared/ham/maidenhead';
import type { CurrentQso, LoggedQso, QueueEntry } from '../../../shared/protocol/entities';
import { greatCircle, mapProjection, sunBelow } from './map-geometry';
import './map.css';

type Topology = Parameters<typeof feature>[0];
const LAND = feature(land110m as unknown as Topology, (land110m as unknown as Topology).objects.land!);
const GRATICULE = geoGraticule10();
const HOUR_MS = 3_600_000;

/** A station marked on the map by name: the DX, or on the station page the caller's own. */
export interface MapMark {
  place: LatLon;
  label: string | null;
}

export interface PileupMapProps {
  width: number;
  height: number;
  centre: LatLon | null;
  /** The DX station. */
  station: MapMark | null;
  /** The station looking at the map, when it is a caller (the station page). */
  caller?: MapMark | null;
  queue: readonly QueueEntry[];
  current: CurrentQso | null;
  recent: readonly LoggedQso[];
  /** The great circle drawn: on the console the DX to the QSO in progress; for a caller, its own path to the DX (`mine`). */
  path: { from: LatLon; to: LatLon; mine?: boolean } | null;
  now: number;
  /** Callers numbered with their place; the rest are small dots, so two thousand stay readable. */
  numbered?: number;
  label: string;
  description: string;
}

export function PileupMap(props: PileupMapProps) {
  const { width, height, centre, station, caller, queue, current, recent, path: route, now, numbered = 12 } = props;
  const projection = useMemo(() => mapProjection(width, height, centre), [width, height, centre?.lat, centre?.lon]);
  const draw = useMemo(() => geoPath(projection), [projection]);
  const minute = Math.floor(now / 60_000);
  const night = useMemo(() => draw(sunBelow(new Date(minute * 60_000))) ?? '', [draw, minute]);
  const fullNight = useMemo(() => draw(sunBelow(new Date(minute * 60_000), 12)) ?? '', [draw, minute]);
  const land = useMemo(() => draw(LAND) ?? '', [draw]);
  const graticule = useMemo(() => draw(GRATICULE) ?? '', [draw]);
  const sphere = useMemo(() => draw({ type: 'Sphere' }) ?? '', [draw]);
  const at = (place: LatLon) => projection([place.lon, place.lat]);
  const worked = recent.filter((qso) => qso.location && now - Date.parse(qso.completed_at) < HOUR_MS);
  const there = current?.location ? at(current.location) : null;
  return (
    <svg className="pileup-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} data-testid="pileup-map">
      <desc>{props.description}</desc>
      <path className="map-sphere" d={sphere} />
      <path className="map-graticule" d={graticule} />
      <path className="map-land" d={land} />
      <path className="map-night" d={night} data-testid="map-night" />
      <path className="map-night" d={fullNight} />
      {worked.map((qso) => {
        const point = at(qso.location!);
        if (!point) return null;
        const age = (now - Date.parse(qso.completed_at)) / HOUR_MS;
        return <circle key={qso.id} className="map-worked" cx={point[0]} cy={point[1]} r={3} opacity={Math.max(0.15, 1 - age)} />;
      })}
      <CallerDots queue={queue} projection={projection} numbered={numbered} />
      {route && <path className={`map-path ${route.mine ? 'is-mine' : ''}`} d={draw(greatCircle(route.from, route.to)) ?? ''} data-testid="map-path" />}
      {there && current && (
        // A ring, not a dot: a caller in the queue from the same place stays visible inside it.
        <g className="map-current" data-testid="map-current">
          <circle cx={there[0]} cy={there[1]} r={8} />
          <text x={there[0] + 11} y={there[1] - 9}>
            {current.callsign}
          </text>
        </g>
      )}
      {station && <Mark mark={station} projection={projection} className="map-mark" testId="map-station" />}
      {caller && <Mark mark={caller} projection={projection} className="map-mark is-caller" testId="map-me" />}
    </svg>
  );
}

function Mark({ mark, projection, className, testId }: { mark: MapMark; projection: GeoProjection; className: string; testId: string }) {
  const point = projection([mark.place.lon, mark.place.lat]);
  if (!point) return null;
  return (
    <g className={className} data-testid={testId}>
      <circle cx={point[0]} cy={point[1]} r={5} />
      {mark.label && (
        <text x={point[0] + 8} y={point[1] + 16}>
          {mark.label}
        </text>
      )}
    </g>
  );
}

/**
 * The queue as dots: drawn again only when the queue or the projection changes (not every
 * minute with the night, nor with the QSO in progress), the numbers after all the dots so no dot
 * covers a number.
 */
const CallerDots = memo(function CallerDots({ queue, projection, numbered }: { queue: readonly QueueEntry[]; projection: GeoProjection; numbered: number }) {
  const placed: { entry: QueueEntry; x: number; y: number }[] = [];
  for (const entry of queue) {
    const point = entry.location ? projection([entry.location.lon, entry.location.lat]) : null;
    if (point) placed.push({ entry, x: point[0], y: point[1] });
  }
  return (
    <g className="map-callers">
      {placed.map(({ entry, x, y }) => (
        <circle key={entry.id} cx={x} cy={y} r={entry.position <= numbered ? 5 : 2.5} data-testid="map-caller" />
      ))}
      {placed
        .filter(({ entry }) => entry.position <= numbered)
        .map(({ entry, x, y }) => (
          <text key={entry.id} x={x + 10} y={y + 4}>
            {entry.position}
          </text>
        ))}
    </g>
  );
});
