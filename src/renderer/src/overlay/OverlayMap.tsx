import { useTranslation } from 'react-i18next';
import { gridToLatLon } from '../../../shared/ham/maidenhead';
import { useNow } from '../hooks/useNow';
import { PileupMap } from '../map/PileupMap';
import { useBoxSize } from '../map/useBoxSize';
import type { PileupView } from '../state/pileup-view';

/** Callers numbered with their place; the rest are dots. */
const NUMBERED = 9;

/** The overlay's map (`map=1`): the pileup around the station, the QSO in progress with its path. */
export function OverlayMap({ view }: { view: PileupView }) {
  const { t, i18n } = useTranslation();
  const { box, size } = useBoxSize<HTMLDivElement>({ width: 300, height: 300 });
  const now = useNow(60_000);
  const grid = view.station.grid ?? null;
  const home = grid ? gridToLatLon(grid) : null;
  const dx = view.station.callsign ?? t('title.default');
  const current = view.current;
  const distance = current?.distance_km != null ? t('overlay.distance', { distance: new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en').format(current.distance_km), dx }) : null;
  const numbered = Math.min(NUMBERED, view.queue.total);
  const text = home ? t('map.station', { dx, grid, numbered }) : t('map.noGrid', { dx, numbered });
  return (
    <div className="ov-map" data-testid="ov-map">
      <div ref={box} className="ov-map-box">
        <PileupMap
          width={size.width}
          height={size.height}
          centre={home}
          station={home ? { place: home, label: view.station.callsign } : null}
          queue={view.queue.queue}
          current={current}
          recent={[]}
          path={home && current?.location ? { from: home, to: current.location } : null}
          numbered={NUMBERED}
          now={now}
          label={t('map.label')}
          description={distance && current ? `${current.callsign}: ${distance}. ${text}` : text}
        />
      </div>
      {current && distance && (
        <span className="ov-map-caption" data-testid="ov-map-caption">
          <strong>{current.callsign}</strong> · {distance}
        </span>
      )}
    </div>
  );
}
