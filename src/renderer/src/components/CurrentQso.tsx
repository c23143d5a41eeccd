import { useState } from 'react';
import { useNow } from '../hooks/useNow';
import { qrzUrl, since, utcTime } from '../lib/format';
import { commands } from '../state/commands';
import { useConsole } from '../state/store';
import { Icon } from './Icons';

export function CurrentQso() {
  const current = useConsole((s) => s.view?.current ?? null);
  const waiting = useConsole((s) => s.view?.queue.total ?? 0);
  const now = useNow(1000);
  const qrz = current?.qrz;
  // Photos come from the internet, which a field LAN may not have: no broken-image boxes.
  const [failedPhoto, setFailedPhoto] = useState<string | null>(null);
  const photo = qrz?.image && qrz.image !== failedPhoto ? qrz.image : null;
  return (
    <section className={`panel current-panel ${current ? 'is-working' : ''}`} aria-labelledby="current-title">
      <div className="panel-title">
        <h2 id="current-title">Working now</h2>
        {current && <span className="elapsed" data-testid="elapsed">{since(current.timestamp, now)}</span>}
      </div>
      {current ? (
        <div className="current-body">
          {photo && (
            <img className="current-photo" src={photo} alt="" referrerPolicy="no-referrer" onError={() => setFailedPhoto(photo)} />
          )}
          <div className="current-station">
            <a className="callsign callsign-current" href={qrzUrl(current.callsign)} target="_blank" rel="noreferrer" data-testid="current-callsign">
              {current.callsign}
            </a>
            <div className="current-name">{qrz?.name ?? 'No name on file'}</div>
            <div className="current-qth">
              {current.country?.flag && <span className="flag" aria-hidden="true">{current.country.flag}</span>}
              {[qrz?.qth, current.country?.entity ?? qrz?.country, qrz?.grid].filter(Boolean).join(' · ')}
            </div>
            {current.distance_km != null && current.bearing_deg != null && (
              <div className="current-meta" data-testid="beam-heading">
                {current.distance_km.toLocaleString('en-US')} km · beam heading {current.bearing_deg}° · CQ {current.country?.cq_zone ?? '?'} · ITU {current.country?.itu_zone ?? '?'}
              </div>
            )}
            <div className="current-meta">Started {utcTime(current.timestamp)}</div>
          </div>
          <CurrentActions />
        </div>
      ) : (
        <div className="current-body">
          <p className="empty current-empty">{waiting > 0 ? `Nobody in QSO. ${waiting} waiting: press N for the next station.` : 'Nobody in QSO.'}</p>
          <CurrentActions />
        </div>
      )}
    </section>
  );
}

function CurrentActions() {
  const current = useConsole((s) => s.view?.current ?? null);
  const waiting = useConsole((s) => s.view?.queue.total ?? 0);
  const busyNext = useConsole((s) => Boolean(s.busy.next));
  const busyComplete = useConsole((s) => Boolean(s.busy.complete));
  const busyCancel = useConsole((s) => Boolean(s.busy.cancel));
  return (
      <div className="current-actions">
        {current && (
          <button type="button" className="button" disabled={busyCancel} onClick={commands.cancel} title="Cancel without logging; back to the head of the queue (U)">
            Cancel <kbd>U</kbd>
          </button>
        )}
        <button type="button" className="button button-big" disabled={!current || busyComplete} onClick={commands.complete} title="Complete and log (C)">
          <Icon name="check" /> Complete <kbd>C</kbd>
        </button>
        <button type="button" className="button button-big button-primary" disabled={busyNext || (!current && waiting === 0)} onClick={commands.next} title="Log and work the next station (N)">
          <Icon name="next" /> Next <kbd>N</kbd>
        </button>
      </div>
  );
}
