import { memo, useEffect, useRef } from 'react';
import type { QueueEntry } from '../../../shared/protocol/entities';
import { useListWindow } from '../hooks/useListWindow';
import { useNow, useSecondClock } from '../hooks/useNow';
import { qrzUrl, shortDuration, since } from '../lib/format';
import { remove, workNow } from '../state/operating';
import { useConsole } from '../state/store';
import { Icon } from './Icons';

/** A row's height and the gap under it, until the page has measured one. */
const ROW_PITCH_PX = 41;
/** A new caller's row lights up this long. */
const NEW_FOR_MS = 4000;

/** One formatter for every row: making one per row costs more than the rest of the row. */
const KM = new Intl.NumberFormat('en-US');

/** Whether the station's own software or page is still connected, as the operator needs to know. */
function Presence({ entry }: { entry: QueueEntry }) {
  if (entry.present === undefined) return null;
  if (entry.present) {
    return (
      <span className="presence is-here" title="Its software or page is connected" data-testid="presence">
        <span className="presence-dot" aria-hidden="true" />
        here
      </span>
    );
  }
 return <Away entry={entry} />;
}

function Away({ entry }: { entry: QueueEntry }) {
  const now = useSecondClock();
  const away = entry.last_seen ? `away ${shortDuration(now - Date.parse(entry.last_seen))}` : 'not connected';
  return (
    <span className="presence is-away" title={entry.last_seen ? `Last connected ${entry.last_seen}` : 'No connection from this station since the server started'} data-testid="presence">
      <span className="presence-dot" aria-hidden="true" />
      {away}
    </span>
  );
}

/** How long the station has waited, ticking on its own so the row around it is not drawn again each second. */
function Waiting({ timestamp }: { timestamp: string }) {
  const now = useSecondClock();
  const waited = since(timestamp, now);
  return (
    <span className="queue-waiting" title={`Waiting since ${timestamp}`} aria-label={`waiting ${waited}`}>
      {waited}
    </span>
  );
}

interface QueueRowProps {
  entry: QueueEntry;
  /** The queue's length: a screen reader says "12 of 2000" though only the rows in sight are drawn. */
  total: number;
  picked: boolean;
  isDefault: boolean;
  isNew: boolean;
  working: boolean;
  removing: boolean;
}

/** One caller: drawn again only when something it shows changes (a queue of thousands stays quick). */
const QueueRow = memo(function QueueRow({ entry, total, picked, isDefault, isNew, working, removing }: QueueRowProps) {
  // The heading first: it is what the rotator is set to, and it must survive a narrow column.
  const path = entry.distance_km != null && entry.bearing_deg != null ? `${entry.bearing_deg}° · ${KM.format(entry.distance_km)} km` : null;
  // The country and the beam heading come first: on a narrow screen the name is what gets cut.
  const details = [entry.country?.entity ?? entry.qrz?.country, path, entry.qrz?.name].filter(Boolean).join(' · ');
  const away = entry.present === false;
  return (
    <li
      data-row
      className={`queue-row ${picked ? 'is-selected' : ''} ${isDefault ? 'is-default' : ''} ${isNew ? 'is-new' : ''} ${away ? 'is-away' : ''}`}
      aria-current={picked ? true : undefined}
      aria-label={`${entry.position}. ${entry.callsign}${entry.worked_before ? ', worked before' : ''}`}
      aria-posinset={entry.position}
      aria-setsize={total}
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
      <Presence entry={entry} />
      <Waiting timestamp={entry.timestamp} />
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
});

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
  const busy = useConsole((s) => s.busy);
  const now = useNow(1000);
  const list = useRef<HTMLOListElement>(null);
  const rows = queue?.queue ?? [];
  const { start, end, spaceAbove, spaceBelow, below, reveal } = useListWindow(list, rows.length, ROW_PITCH_PX);
  const pickedIndex = picked === null ? -1 : rows.findIndex((entry) => entry.callsign === picked);
  // The picked row is always in sight (↑ ↓ walk the whole queue, drawn or not).
  useEffect(() => reveal(pickedIndex), [reveal, pickedIndex]);
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
          {spaceAbove > 0 && <li className="queue-spacer" aria-hidden="true" style={{ height: spaceAbove }} />}
          {rows.slice(start, end).map((entry, offset) => (
            <QueueRow
              key={entry.id}
              entry={entry}
              total={rows.length}
              picked={entry.callsign === picked}
              isDefault={picked === null && start + offset === 0}
              isNew={now - (arrivals[entry.id] ?? 0) < NEW_FOR_MS}
              working={Boolean(busy[`work:${entry.callsign}`])}
              removing={Boolean(busy[`remove:${entry.callsign}`])}
            />
          ))}
          {spaceBelow > 0 && <li className="queue-spacer" aria-hidden="true" style={{ height: spaceBelow }} />}
        </ol>
      )}
    </section>
  );
}
