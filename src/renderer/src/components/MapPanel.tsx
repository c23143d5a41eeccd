import { gridToLatLon } from '../../../shared/ham/maidenhead';
import { useNow } from '../hooks/useNow';
import { PileupMap } from '../map/PileupMap';
import { useBoxSize } from '../map/useBoxSize';
import { useConsole } from '../state/store';

/** Callers numbered with their place on the map; the rest are dots. */
const NUMBERED = 12;

/** The map in the side column, as big as the column allows (G shows it, G again the log). */
export function MapPanel() {
  const view = useConsole((s) => s.view);
  const recent = useConsole((s) => s.log?.qsos ?? []);
  const { box, size } = useBoxSize<HTMLDivElement>({ width: 400, height: 400 });
  const now = useNow(30_000);
  const grid = view?.station.grid ?? null;
  const me = grid ? gridToLatLon(grid) : null;
  const current = view?.current ?? null;
  const summary = `Map of the pileup${grid ? ` centred on ${grid}` : ''}: ${view?.queue.total ?? 0} waiting${current ? `, working ${current.callsign}${current.distance_km != null ? ` at ${current.distance_km.toLocaleString('en-US')} km, heading ${current.bearing_deg}°` : ''}` : ''}`;
  return (
    <section className="panel map-panel" aria-labelledby="map-title">
      <h2 id="map-title">
        Map <kbd>G</kbd>
        <span className="map-hint">{grid ? ` centred on ${grid}` : ' no grid set (Settings)'}</span>
      </h2>
      <div ref={box} className="map-box">
        <PileupMap
          width={size.width}
          height={size.height}
          centre={me}
          station={me ? { place: me, label: view?.station.callsign ?? null } : null}
          queue={view?.queue.queue ?? []}
          current={current}
          recent={recent}
          path={me && current?.location ? { from: me, to: current.location } : null}
          numbered={NUMBERED}
          now={now}
          label={summary}
          description={`${summary}. The queue beside the map lists every caller with its country, distance and heading.`}
        />
      </div>
      <p className="map-caption" data-testid="map-caption">
        {current ? (
          <>
            <span className="map-swatch is-current" aria-hidden="true" /> Working <strong className="callsign">{current.callsign}</strong>
            {current.distance_km != null && ` · ${current.distance_km.toLocaleString('en-US')} km · beam ${current.bearing_deg}°`}
          </>
        ) : (
          'Nobody in QSO'
        )}
        {' · '}
        <span className="map-swatch is-caller" aria-hidden="true" /> {view?.queue.total ?? 0} waiting
        {(view?.queue.total ?? 0) > NUMBERED ? `, the first ${NUMBERED} numbered by place` : ', numbered by place'}
      </p>
    </section>
  );
}
