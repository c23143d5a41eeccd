/**
 * The small map on the station page: for a station in the queue (or in QSO), centred on it, so the
 * line to the DX is its great-circle path and that line's angle its beam heading; before it joins,
 * centred on the DX with the stations waiting around it.
 */
import { useTranslation } from 'react-i18next';
import { bearingDeg, distanceKm, gridToLatLon, type LatLon } from '../../../shared/ham/maidenhead';
import type { QueueEntry } from '../../../shared/protocol/entities';
import { useNow } from '../hooks/useNow';
import { PileupMap } from '../map/PileupMap';
import { useBoxSize } from '../map/useBoxSize';
import type { PileupView } from '../state/pileup-view';

/** Where the caller looking at the page is, as the server placed it (its grid, else its country). */
export interface CallerPlace {
  callsign: string;
  /** Its place in the queue; null while it is being worked. */
  position: number | null;
  location: LatLon;
  country: QueueEntry['country'];
}

/** Callers numbered with their place on a phone's map; the rest are dots. */
const NUMBERED = 9;

export function StationMap({ view, caller }: { view: PileupView; caller: CallerPlace | null }) {
  const { t, i18n } = useTranslation();
  const { box, size } = useBoxSize<HTMLDivElement>({ width: 320, height: 320 });
  const now = useNow(60_000);
  const dx = view.station.callsign ?? '';
  const grid = view.station.grid ?? null;
  const dxPlace = grid ? gridToLatLon(grid) : null;
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const numbered = Math.min(NUMBERED, view.queue.total);
  const where =
    dxPlace && caller
      ? t('map.path', {
          dx,
          from: caller.country?.entity ?? caller.callsign,
          distance: number.format(Math.round(distanceKm(caller.location, dxPlace))),
          bearing: Math.round(bearingDeg(caller.location, dxPlace)) % 360
        })
      : dxPlace
        ? t('map.station', { dx, grid, numbered })
        : t('map.noGrid', { dx: dx || t('title.default'), numbered });
  // Someone else's QSO is a ring on the map: say whose.
  const working = view.current?.location && view.current.callsign !== caller?.callsign ? t('map.working', { callsign: view.current.callsign }) : null;
  const caption = working ? `${where} ${working}` : where;
  return (
    <section className="station-card station-map" aria-label={t('map.label')}>
      <span className="label">{t('map.label')}</span>
      <div ref={box} className="map-box">
        <PileupMap
          width={size.width}
          height={size.height}
          centre={caller?.location ?? dxPlace}
          station={dxPlace ? { place: dxPlace, label: view.station.callsign } : null}
          caller={caller ? { place: caller.location, label: caller.position ? `${caller.callsign} · ${caller.position}` : caller.callsign } : null}
          queue={view.queue.queue}
          current={view.current}
          recent={[]}
          path={dxPlace && caller ? { from: caller.location, to: dxPlace, mine: true } : null}
          numbered={NUMBERED}
          now={now}
          label={t('map.label')}
          description={caption}
        />
      </div>
      <p className="hint" data-testid="station-map-caption">
        {caption}
      </p>
    </section>
  );
}
