import { useEffect, useRef, useState, type RefObject } from 'react';
import type { QueueEntry } from '../../../shared/protocol/entities';
import { useNow } from '../hooks/useNow';
import { qrzUrl, shortDuration, since } from '../lib/format';
import { remove, workNow } from '../state/operating';
import { useConsole } from '../state/store';
import { Icon } from './Icons';

/** A new caller's row lights up this long. */
const NEW_FOR_MS = 4000;

/** Whether the station's own software or page is still connected, as the operator needs to know. */
function Presence({ entry, now }: { entry: QueueEntry; now: number }) {
  if (entry.present === undefined) return null;
  if (entry.present) {
    return (
      <span className="presence is-here" title="Its software or page is connected" data-testid="presence">
        <span className="presence-dot" aria-hidden="true" />
        here
      </span>
    );
  }
  const away = entry.last_seen ? `away ${shortDuration(now - Date.parse(entry.last_seen))}` : 'not connected';
  return (
    <span className="presence is-away" title={entry.last_seen ? `Last connected ${entry.last_seen}` : 'No connection from this station since the server started'} data-testid="presence">
      <span className="presence-dot" aria-hidden="true" />
      {away}
    </span>
  );
}

function QueueRow({ entry, picked, isDefault, isNew, now }: { entry: QueueEntry; picked: boolean; isDefault: boolean; isNew: boolean; now: number }) {
  const working = useConsole((s) => Boolean(s.busy[`work:${entry.callsign}`]));
  const removing = useConsole((s) => Boolean(s.busy[`remove:${entry.callsign}`]));
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (picked) row.current?.scrollIntoView({ block: 'nearest' });
  }, [picked]);
  const path = entry.distance_km != null && entry.bearing_deg != null ? `${entry.distance_km.toLocaleString('en-US')} km · ${entry.bearing_deg}°` : null;
  // The country and the beam heading come first: on a narrow screen the name is what gets cut.
  const details = [entry.country?.entity ?? entry.qrz?.country, path, entry.qrz?.name].filter(Boolean).join(' · ');
  const away = entry.present === false;
  return (
    <li
      ref={row}
      className={`queue-row ${picked ? 'is-selected' : ''} ${isDefault ? 'is-default' : ''} ${isNew ? 'is-new' : ''} ${away ? 'is-away' : ''}`}
      aria-current={picked ? true : undefined}
      aria-label={`${entry.position}. ${entry.callsign}${entry.worked_before ? ', worked before' : ''}`}
      data-testid="queue-row"
      onClick={() => useConsole.setState({ selected: entry.callsign })}
    >
      <span className="queue-position">{entry.position}</span>
      <span className="callsign callsign-queue">{entry.callsign}</span>
      <span className="queue-details">
        {entry.worked_before && (
          <span className="worked-badge" title="Already in the log on this band and mode" data-testid="worked-before">
            worked
          </span>
        )}
        {entry.country?.flag && <span className="flag" aria-hidden="true">{entry.country.flag}</span>}
        {details}
      </span>
      <Presence entry={entry} now={now} />
      <span className="queue-waiting" title={`Waiting since ${entry.timestamp}`} aria-label={`waiting ${since(entry.timestamp, now)}`}>
        {since(entry.timestamp, now)}
      </span>
      <a className="icon-button icon-small" href={qrzUrl(entry.callsign)} target="_blank" rel="noreferrer" title={`${entry.callsign} on QRZ.com`} aria-label={`${entry.callsign} on QRZ.com`}>
        <Icon name="external" size={16} />
      </a>
      <button type="button" className={`button button-row ${picked || isDefault ? 'button-primary' : ''}`} disabled={working} onClick={() => workNow(entry.callsign)} title="Work now (W)">
        <Icon name="play" size={14} /> Work
      </button>
      <button
        type="button"
        className="icon-button icon-small icon-danger"
        onClick={() => useConsole.setState({ banning: entry.callsign })}
        title="Ban this station (B)"
        aria-label={`Ban ${entry.callsign}`}
      >
        <Icon name="ban" size={16} />
      </button>
      <button
        type="button"
        className="icon-button icon-small icon-danger"
        disabled={removing}
        onClick={() => void remove(entry.callsign)}
        title="Remove from the queue (Del); Undo puts it back"
        aria-label={`Remove ${entry.callsign}`}
      >
        <Icon name="remove" size={16} />
      </button>
    </li>
  );
}

/** How many rows are out of sight below the list's edge, so nobody waits unseen. */
function useRowsBelow(list: RefObject<HTMLOListElement | null>, count: number): number {
  const [below, setBelow] = useState(0);
  useEffect(() => {
    const element = list.current;
    if (!element) return setBelow(0);
    const measure = () => {
      const edge = element.getBoundingClientRect().bottom;
      setBelow([...element.children].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top + box.height / 2 > edge;
      }).length);
    };
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      resize.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [list, count]);
  return below;
}

/** "8 / 10", or FULL with how many were turned away in the last minute. */
function QueueCount() {
  const total = useConsole((s) => s.view?.queue.total ?? 0);
  const max = useConsole((s) => s.view?.queue.max_size ?? 0);
  const turnedAway = useConsole((s) => s.server?.turned_away.last_minute ?? 0);
  const full = max > 0 && total >= max;
  return (
    <span className={`panel-count ${full ? 'is-full' : ''}`} data-testid="queue-count-box">
      <span data-testid="queue-count" title="Stations waiting / the queue's size">
        {total} / {max}
      </span>
      {full && <strong className="full-tag">FULL</strong>}
      {turnedAway > 0 && (
        <span className="turned-away" data-testid="turned-away" title="Stations refused because the queue was full, in the last minute">
          {turnedAway} turned away
        </span>
      )}
    </span>
  );
}

export function QueuePanel() {
  const queue = useConsole((s) => s.view?.queue);
  const active = useConsole((s) => s.view?.system.active ?? false);
  const picked = useConsole((s) => s.selected);
  const arrivals = useConsole((s) => s.arrivals);
  const now = useNow(1000);
  const list = useRef<HTMLOListElement>(null);
  const below = useRowsBelow(list, queue?.total ?? 0);
  if (!queue) return null;
  return (
    <section className="panel queue-panel" aria-labelledby="queue-title">
      <div className="panel-title">
        <h2 id="queue-title">Queue</h2>
        <span className="panel-hint">{picked ? `W works ${picked} · Esc lets go` : 'W works #1 · ↑ ↓ pick'}</span>
        {below > 0 && (
          <button type="button" className="queue-more" data-testid="queue-more" title="Scroll the queue down" onClick={() => list.current?.scrollBy({ top: list.current.clientHeight * 0.8, behavior: 'smooth' })}>
            +{below} below ↓
          </button>
        )}
        <QueueCount />
      </div>
      {queue.total === 0 ? (
        <p className="empty">{active ? 'Nobody waiting. Stations join from their own software or the station page.' : 'Off the air: registration is closed. Press A to go on the air.'}</p>
      ) : (
        <ol className="queue-list" aria-label="Stations waiting" ref={list}>
          {queue.queue.map((entry, index) => (
            <QueueRow
              key={entry.id}
              entry={entry}
              picked={entry.callsign === picked}
              isDefault={picked === null && index === 0}
              isNew={now - (arrivals[entry.id] ?? 0) < NEW_FOR_MS}
              now={now}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
