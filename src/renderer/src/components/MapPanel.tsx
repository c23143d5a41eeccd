import { useEffect, useRef, useState } from 'react';
import { useNow } from '../hooks/useNow';
import { PileupMap } from '../map/PileupMap';
import { useConsole } from '../state/store';

/** The map in the side column, as big as the column allows (G shows it, G again the log). */
export function MapPanel() {
  const view = useConsole((s) => s.view);
  const recent = useConsole((s) => s.log?.qsos ?? []);
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 400, height: 400 });
  const now = useNow(30_000);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry!.contentRect;
      if (width > 0 && height > 0) setSize({ width: Math.round(width), height: Math.round(height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <section className="panel map-panel" aria-labelledby="map-title">
      <h2 id="map-title">
        Map <kbd>G</kbd>
        <span className="map-hint">{view?.station.grid ? ` centred on ${view.station.grid}` : ' · set my grid in Settings to centre it on this station'}</span>
      </h2>
      <div ref={box} className="map-box">
        <PileupMap
          width={size.width}
          height={size.height}
          myGrid={view?.station.grid ?? null}
          myCallsign={view?.station.callsign ?? null}
          queue={view?.queue.queue ?? []}
          current={view?.current ?? null}
          recent={recent}
          now={now}
        />
      </div>
      <p className="map-caption" data-testid="map-caption">
        {view?.current ? (
          <>
            <span className="map-swatch is-current" aria-hidden="true" /> Working <strong className="callsign">{view.current.callsign}</strong>
            {view.current.distance_km != null && ` · ${view.current.distance_km.toLocaleString('en-US')} km · beam ${view.current.bearing_deg}°`}
          </>
        ) : (
          'Nobody in QSO'
        )}
        {' · '}
        <span className="map-swatch is-caller" aria-hidden="true" /> {view?.queue.total ?? 0} waiting, numbered by place
      </p>
    </section>
  );
}
