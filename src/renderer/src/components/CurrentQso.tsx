import { useEffect, useRef, useState } from 'react';
import { defaultRst } from '../../../shared/ham/rst';
import type { CurrentQso as CurrentQsoEntity } from '../../../shared/protocol/entities';
import { useNow } from '../hooks/useNow';
import { qrzUrl, since, utcTime } from '../lib/format';
import { commands } from '../state/commands';
import { editCurrentQso, flushEdits, type QsoField } from '../state/qso-edits';
import { useConsole } from '../state/store';
import { CallEntry } from './CallEntry';
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
      <div className="panel-title current-title">
        <h2 id="current-title">Working now</h2>
        <CallEntry />
        {current && (
          <span className="elapsed" data-testid="elapsed" title={`Started ${utcTime(current.timestamp)}`}>
            {since(current.timestamp, now)}
          </span>
        )}
      </div>
      {current ? (
        <>
          <div className="current-body">
            {photo && <img className="current-photo" src={photo} alt="" referrerPolicy="no-referrer" onError={() => setFailedPhoto(photo)} />}
            <div className="current-station">
              <div className="current-line">
                <a className="callsign callsign-current" href={qrzUrl(current.callsign)} target="_blank" rel="noreferrer" data-testid="current-callsign">
                  {current.callsign}
                </a>
                {current.source === 'air' && (
                  <span className="source-badge" title="Heard on the air: this station did not register" data-testid="heard-badge">
                    heard
                  </span>
                )}
              </div>
              <div className="current-name">{current.name || qrz?.name || 'No name on file'}</div>
            </div>
            <CurrentActions />
          </div>
          <div className="current-qth">
            {current.country?.flag && <span className="flag" aria-hidden="true">{current.country.flag}</span>}
            {[qrz?.qth, current.country?.entity ?? qrz?.country, qrz?.grid].filter(Boolean).join(' · ')}
            {current.distance_km != null && current.bearing_deg != null && (
              <span className="current-meta" data-testid="beam-heading">
                {' '}· {current.distance_km.toLocaleString('en-US')} km · beam {current.bearing_deg}° · CQ {current.country?.cq_zone ?? '?'} · ITU {current.country?.itu_zone ?? '?'}
              </span>
            )}
          </div>
          <div className="current-foot">
            <QsoFields key={current.id} qso={current} />
          </div>
        </>
      ) : (
        <div className="current-foot">
          <p className="empty current-empty">
            {waiting > 0 ? `Nobody in QSO. ${waiting} waiting: press N for the next station, or / for a call heard on the air.` : 'Nobody in QSO. Press / to log a call heard on the air.'}
          </p>
          <CurrentActions />
        </div>
      )}
    </section>
  );
}

const FIELDS: Array<{ field: QsoField; label: string; className: string; maxLength: number }> = [
  { field: 'rst_sent', label: 'Sent', className: 'qso-rst', maxLength: 4 },
  { field: 'rst_rcvd', label: 'Rcvd', className: 'qso-rst', maxLength: 4 },
  { field: 'name', label: 'Name', className: 'qso-name', maxLength: 100 },
  { field: 'exchange', label: 'Exch', className: 'qso-exch', maxLength: 60 },
  { field: 'notes', label: 'Notes', className: 'qso-notes', maxLength: 500 }
];

/**
 * What the operator types during the QSO. Reports start at the mode's default; Tab moves between
 * fields, Enter logs and works the next station, Esc leaves the field. While a field is not being
 * typed in it shows the server's value, so another console's edits appear.
 */
function QsoFields({ qso }: { qso: CurrentQsoEntity }) {
  const mode = useConsole((s) => s.view?.frequency.mode ?? 'SSB');
  const report = defaultRst(mode);
  const server: Record<QsoField, string> = {
    rst_sent: qso.rst_sent ?? report,
    rst_rcvd: qso.rst_rcvd ?? report,
    name: qso.name ?? qso.qrz?.name ?? '',
    exchange: qso.exchange ?? '',
    notes: qso.notes ?? ''
  };
  return (
    <div className="qso-fields" role="group" aria-label={`QSO with ${qso.callsign}`}>
      {FIELDS.map((f) => (
        <QsoFieldInput key={f.field} id={qso.id} callsign={qso.callsign} {...f} serverValue={server[f.field]} />
      ))}
    </div>
  );
}

function QsoFieldInput(props: { id: string; callsign: string; field: QsoField; label: string; className: string; maxLength: number; serverValue: string }) {
  const { id, callsign, field, label, className, maxLength, serverValue } = props;
  const focusRequest = useConsole((s) => s.focusRequest);
  const [draft, setDraft] = useState(serverValue);
  const [editing, setEditing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!editing) setDraft(serverValue);
  }, [serverValue, editing]);
  useEffect(() => {
    // Taken once: a QSO's fields mount anew for each QSO and must not grab the keys again.
    if (focusRequest?.field !== field) return;
    input.current?.focus();
    useConsole.setState({ focusRequest: null });
  }, [focusRequest, field]);
  const isReport = field === 'rst_sent' || field === 'rst_rcvd';
  return (
    <label className={`qso-field ${className}`}>
      <span className="qso-field-label">{label}</span>
      <input
        ref={input}
        value={draft}
        maxLength={maxLength}
        spellCheck={false}
        autoComplete="off"
        aria-label={`${label === 'Exch' ? 'Exchange' : label === 'Rcvd' ? 'Report received' : label === 'Sent' ? 'Report sent' : label} for ${callsign}`}
        onFocus={(e) => {
          setEditing(true);
          e.currentTarget.select();
        }}
        onChange={(e) => {
          const value = isReport ? e.target.value.toUpperCase() : e.target.value;
          setDraft(value);
          editCurrentQso(id, field, value);
        }}
        // The field shows the typed value until the server has it, then the server's; a refused
        // value stays on screen, as it stays pending, until the operator fixes it.
        onBlur={() => void flushEdits().then((saved) => saved && setEditing(false))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            e.currentTarget.blur();
            commands.next();
          }
        }}
      />
    </label>
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
