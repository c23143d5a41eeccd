import { useEffect, useRef } from 'react';
import type { QueueEntry } from '../../../shared/protocol/entities';
import { useNow } from '../hooks/useNow';
import { qrzUrl, since } from '../lib/format';
import { actions, useConsole } from '../state/store';
import { Icon } from './Icons';

function QueueRow({ entry, selected, now }: { entry: QueueEntry; selected: boolean; now: number }) {
  const working = useConsole((s) => Boolean(s.busy[`work:${entry.callsign}`]));
  const removing = useConsole((s) => Boolean(s.busy[`remove:${entry.callsign}`]));
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const path = entry.distance_km != null && entry.bearing_deg != null ? `${entry.distance_km.toLocaleString('en-US')} km · ${entry.bearing_deg}°` : null;
  const details = [entry.qrz?.name, entry.country?.entity ?? entry.qrz?.country, path].filter(Boolean).join(' · ');
  return (
    <li
      ref={row}
      className={`queue-row ${selected ? 'is-selected' : ''}`}
      aria-selected={selected}
      data-testid="queue-row"
      onClick={() => useConsole.setState({ selected: entry.position - 1 })}
    >
      <span className="queue-position">{entry.position}</span>
      <div className="queue-station">
        <span className="callsign callsign-queue">{entry.callsign}</span>
        <span className="queue-details">
          {entry.country?.flag && <span className="flag" aria-hidden="true">{entry.country.flag}</span>}
          {details}
          {entry.worked_before && (
            <span className="worked-badge" title="Already in the log on this band and mode" data-testid="worked-before">
              worked
            </span>
          )}
        </span>
      </div>
      <span className="queue-waiting" title={`Registered ${entry.timestamp}`}>
        {since(entry.timestamp, now)}
      </span>
      <a className="icon-button" href={qrzUrl(entry.callsign)} target="_blank" rel="noreferrer" title={`${entry.callsign} on QRZ.com`} aria-label={`${entry.callsign} on QRZ.com`}>
        <Icon name="external" />
      </a>
      <button type="button" className={`button ${selected ? 'button-primary' : ''}`} disabled={working} onClick={() => void actions.workNow(entry.callsign)} title="Work now (W)">
        <Icon name="play" size={16} /> Work
      </button>
      <button
        type="button"
        className="icon-button icon-danger"
        onClick={() => useConsole.setState({ banning: entry.callsign })}
        title="Ban this station (B)"
        aria-label={`Ban ${entry.callsign}`}
      >
        <Icon name="ban" />
      </button>
      <button
        type="button"
        className="icon-button icon-danger"
        disabled={removing}
        onClick={() => void actions.remove(entry.callsign)}
        title="Remove from the queue (Del)"
        aria-label={`Remove ${entry.callsign}`}
      >
        <Icon name="remove" />
      </button>
    </li>
  );
}

export function QueuePanel() {
  const queue = useConsole((s) => s.view?.queue);
  const active = useConsole((s) => s.view?.system.active ?? false);
  const selected = useConsole((s) => s.selected);
  const now = useNow(1000);
  if (!queue) return null;
  return (
    <section className="panel queue-panel" aria-labelledby="queue-title">
      <div className="panel-title">
        <h2 id="queue-title">Queue</h2>
        <span className="panel-count" data-testid="queue-count">
          {queue.total} / {queue.max_size}
        </span>
      </div>
      {queue.total === 0 ? (
        <p className="empty">{active ? 'Nobody waiting. Stations join from their own software or the station page.' : 'Off the air: registration is closed. Press A to go on the air.'}</p>
      ) : (
        <ol className="queue-list" aria-label="Stations waiting">
          {queue.queue.map((entry, index) => (
            <QueueRow key={entry.id} entry={entry} selected={index === selected} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}
