import { useEffect, useRef, useState } from 'react';
import type { LoggedQso } from '../../../shared/protocol/entities';
import { utcTime } from '../lib/format';
import { actions, describeError, openDialog, useConsole } from '../state/store';
import { importAdifFile, type ImportProgress, type ImportReport } from '../state/log-import';

/**
 * A field's text. It follows the record when it changes (another console's correction), except
 * while the operator is typing in it here.
 */
function useFieldText(value: string | undefined) {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value ?? '');
  useEffect(() => {
    if (document.activeElement !== input.current) setText(value ?? '');
  }, [value]);
  return [text, setText, input] as const;
}

/** One log line; reports, name, exchange and notes are edited in place and saved when the field is left. */
function LogRow({ qso }: { qso: LoggedQso }) {
  const [rstSent, setRstSent, rstSentInput] = useFieldText(qso.rst_sent);
  const [rstRcvd, setRstRcvd, rstRcvdInput] = useFieldText(qso.rst_rcvd);
  const [notes, setNotes, notesInput] = useFieldText(qso.notes);
  const [name, setName, nameInput] = useFieldText(qso.name ?? '');
  const [exchange, setExchange, exchangeInput] = useFieldText(qso.exchange);
  const busy = useConsole((s) => Boolean(s.busy[`qso:${qso.id}`]));
  const save = async (field: 'rst_sent' | 'rst_rcvd' | 'notes' | 'name' | 'exchange', value: string, original: string | undefined, reset: (v: string) => void) => {
    if (value === (original ?? '')) return;
    if (!(await actions.updateQso(qso.id, { [field]: value }))) reset(original ?? '');
  };
  return (
    <tr data-testid="log-row" className={qso.dupe ? 'is-dupe' : ''}>
      <td className="mono">
        {qso.started_at.slice(0, 10)} {utcTime(qso.started_at)}
      </td>
      <td className="callsign">
        {qso.callsign}
        {qso.dupe && (
          <span className="dupe-tag" title="An earlier QSO with this station on the same band and mode is in the log" data-testid="dupe-mark">
            dupe
          </span>
        )}
        {qso.source === 'air' && <span className="source-badge source-small">heard</span>}
      </td>
      <td className="mono">{qso.band ?? ''}</td>
      <td className="mono">{qso.submode ?? qso.mode ?? ''}</td>
      <td>
        <input ref={rstSentInput} aria-label={`RST sent to ${qso.callsign}`} className="rst" value={rstSent} onChange={(e) => setRstSent(e.target.value)} onBlur={() => void save('rst_sent', rstSent, qso.rst_sent, setRstSent)} />
      </td>
      <td>
        <input ref={rstRcvdInput} aria-label={`RST received from ${qso.callsign}`} className="rst" value={rstRcvd} onChange={(e) => setRstRcvd(e.target.value)} onBlur={() => void save('rst_rcvd', rstRcvd, qso.rst_rcvd, setRstRcvd)} />
      </td>
      <td>
        <input ref={nameInput} aria-label={`Name of ${qso.callsign}`} className="name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} onBlur={() => void save('name', name, qso.name ?? '', setName)} />
      </td>
      <td>
        <input ref={exchangeInput} aria-label={`Exchange from ${qso.callsign}`} className="exch" value={exchange} maxLength={60} onChange={(e) => setExchange(e.target.value)} onBlur={() => void save('exchange', exchange, qso.exchange, setExchange)} />
      </td>
      <td>
        <input ref={notesInput} aria-label={`Notes for ${qso.callsign}`} className="notes" value={notes} maxLength={500} onChange={(e) => setNotes(e.target.value)} onBlur={() => void save('notes', notes, qso.notes, setNotes)} />
      </td>
      <td>{qso.country ?? qso.qrz?.country ?? ''}</td>
      <td>
        <button type="button" className="link-button" disabled={busy} onClick={() => void actions.deleteQso(qso.id)} aria-label={`Delete the QSO with ${qso.callsign}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}

/** "2026-12-02 08:02Z": when the last export was, in UTC. */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/**
 * Which QSOs an export takes: all of them, those logged since the last export (for an upload to
 * LoTW or Club Log from the operator's own tools), or those started on a range of UTC dates.
 */
function ExportBar({ lastExportAt }: { lastExportAt: string | null }) {
  const [which, setWhich] = useState<'all' | 'since' | 'dates'>('all');
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const range = which === 'since' ? { since_last_export: true } : which === 'dates' ? { from, to } : {};
  return (
    <div className="log-export" data-testid="log-export">
      <label>
        <span className="field-label">Export</span>{' '}
        <select value={which} onChange={(e) => setWhich(e.target.value as typeof which)} aria-label="Which QSOs to export">
          <option value="all">All QSOs</option>
          <option value="since">{lastExportAt ? `Since the last export (${utcMinute(lastExportAt)})` : 'Since the last export (none yet: all)'}</option>
          <option value="dates">UTC dates…</option>
        </select>
      </label>
      {which === 'dates' && (
        <>
          <input type="date" aria-label="From (UTC date)" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          <span aria-hidden="true">–</span>
          <input type="date" aria-label="To (UTC date)" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </>
      )}
      <button type="button" className="button" onClick={() => void actions.exportLog('adif', range)}>
        Export ADIF
      </button>
      <button type="button" className="button" onClick={() => void actions.exportLog('csv', range)}>
        Export CSV
      </button>
    </div>
  );
}

/** Skipped records as the report lists them: the first few, with their lines. */
function skippedText(report: ImportReport): string {
  if (report.skipped_count === 0) return '';
  const listed = report.skipped.slice(0, 3).map((s) => `line ${s.line}: ${s.reason}`);
  const more = report.skipped_count - listed.length;
  return ` Skipped: ${listed.join('; ')}${more > 0 ? `; and ${more.toLocaleString('en-US')} more` : ''}.`;
}

/**
 * Importing an ADIF log (yesterday's, or the club's) so dupes and worked-before know about it:
 * a file picker, progress while it is read and saved, and what was imported and skipped.
 */
function ImportBar() {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const start = async (file: File) => {
    const client = useConsole.getState().client;
    if (!client) return setProblem('Not connected to the server; nothing was imported.');
    abort.current = new AbortController();
    setReport(null);
    setProblem(null);
    setProgress({ bytes: 0, totalBytes: file.size, records: 0, skipped: 0, saving: false });
    try {
      const result = await importAdifFile(client, file, setProgress, abort.current.signal);
      if (result) setReport(result);
      else setProblem('Import cancelled; nothing was added.');
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };
  const percent = progress && progress.totalBytes > 0 ? Math.floor((progress.bytes / progress.totalBytes) * 100) : 0;
  return (
    <div className="log-import" data-testid="log-import">
      <label className={`button button-small file-button ${progress ? 'is-disabled' : ''}`}>
        Import ADIF…
        <input
          type="file"
          accept=".adi,.adif,.txt,text/plain"
          aria-label="Import an ADIF file"
          disabled={progress !== null}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void start(file);
          }}
        />
      </label>
      {progress && (
        <>
          <progress value={progress.saving ? undefined : progress.bytes} max={progress.totalBytes} aria-label="Import progress" />
          <span className="field-hint" data-testid="import-progress">
            {progress.saving ? `Adding ${progress.records.toLocaleString('en-US')} records to the log…` : `${percent}% read · ${progress.records.toLocaleString('en-US')} records`}
          </span>
          {!progress.saving && (
            <button type="button" className="link-button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
        </>
      )}
      {report && (
        <span className="field-hint" role="status" data-testid="import-report">
          {report.filename ? `${report.filename}: ` : ''}
          {report.message}
          {skippedText(report)}
        </span>
      )}
      {problem && (
        <span className="problem" role="alert" data-testid="import-problem">
          {problem}
        </span>
      )}
    </div>
  );
}

export function LogDialog() {
  const page = useConsole((s) => s.logSearch);
  const deleted = useConsole((s) => s.deletedQso);
  const [search, setSearch] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    // An undo belongs to this visit to the log.
    return () => useConsole.setState({ deletedQso: null });
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => void actions.searchLog(search), 200);
    return () => clearTimeout(timer);
  }, [search]);
  return (
    <dialog ref={dialog} className="dialog log-dialog" aria-labelledby="log-title" onCancel={() => openDialog(null)}>
      <div className="log-head">
        <h2 id="log-title">Log</h2>
        <input className="log-search" type="search" placeholder="Search callsign, name, country, notes" aria-label="Search the log" value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />
        <span className="field-hint">{page ? `${page.qsos.length} shown of ${page.total}` : ''}</span>
      </div>
      <ExportBar lastExportAt={page?.last_export_at ?? null} />
      <ImportBar />
      {deleted && (
        <p className="undo-bar" role="status">
          Deleted the QSO with <strong>{deleted.callsign}</strong>.{' '}
          <button type="button" className="link-button" onClick={() => void actions.undoDelete()}>
            Undo
          </button>
        </p>
      )}
      <div className="log-table-wrap">
        <table className="log-table">
          <thead>
            <tr>
              <th>UTC</th>
              <th>Call</th>
              <th>Band</th>
              <th>Mode</th>
              <th>Sent</th>
              <th>Rcvd</th>
              <th>Name</th>
              <th>Exch</th>
              <th>Notes</th>
              <th>Country</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {page?.qsos.map((qso) => <LogRow key={qso.id} qso={qso} />)}
          </tbody>
        </table>
        {page && page.qsos.length === 0 && <p className="empty">{search ? 'No QSO matches.' : 'No QSOs logged yet.'}</p>}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => openDialog(null)}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </dialog>
  );
}
