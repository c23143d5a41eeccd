import { useEffect, useRef, type ReactNode } from 'react';
import { uptime, utcTime } from '../lib/format';
import { refreshLog, refreshServer, useConsole } from '../state/store';
import { QrCode } from './QrCode';

function Figures({ items }: { items: Array<{ label: string; value: ReactNode; testId?: string }> }) {
  return (
    <dl className="figures">
      {items.map(({ label, value, testId }) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AddressList({ urls }: { urls: string[] }) {
  return (
    <ul className="address-list">
      {urls.map((url) => (
        <li key={url}>
          <code>{url}</code>
        </li>
      ))}
    </ul>
  );
}

/** QSOs an hour, as operators quote a rate: "142/h"; a dash until there are two QSOs. */
function rate(value: number | null | undefined): string {
  return value == null ? '–' : String(Math.round(value));
}

export function RecentQsos() {
  const log = useConsole((s) => s.log);
  const total = useConsole((s) => s.view?.qsosLogged ?? 0);
  useEffect(() => {
    // The figures change as QSOs age out of the last hour, even with no new ones.
    const timer = setInterval(() => void refreshLog(), 60_000);
    return () => clearInterval(timer);
  }, []);
  const stats = log?.stats;
  return (
    <section className="panel recent-panel" aria-labelledby="recent-title">
      <div className="panel-title">
        <h2 id="recent-title">Log</h2>
        {stats && stats.dupes > 0 && <span className="panel-hint">{stats.dupes} dupes</span>}
      </div>
      <Figures
        items={[
          { label: 'QSOs', value: total, testId: 'qso-total' },
          { label: 'Last 10', value: <>{rate(stats?.rate_last_10)}<small>/h</small></>, testId: 'qso-rate' },
          { label: '60 min', value: log?.last_hour ?? 0, testId: 'qso-last-hour' }
        ]}
      />
      {stats && stats.by_band_mode.length > 0 && (
        <ul className="band-mode-totals" aria-label="QSOs by band and mode" data-testid="band-mode-totals">
          {stats.by_band_mode.slice(0, 6).map((row) => (
            <li key={`${row.band}-${row.mode}`}>
              <span>{[row.band ?? 'no band', row.mode].filter(Boolean).join(' ')}</span> <strong>{row.count}</strong>
            </li>
          ))}
        </ul>
      )}
      {log && log.qsos.length > 0 ? (
        <ol className="recent-list" aria-label="Recent QSOs">
          {log.qsos.map((qso) => (
            <li key={qso.id} className="recent-row">
              <span className="recent-time">{utcTime(qso.completed_at)}</span>
              <span className="callsign callsign-small">{qso.callsign}</span>
              <span className="recent-details">
                {qso.dupe && <span className="dupe-tag">dupe</span>}
                {qso.source === 'air' && (
                  <span className="source-badge source-small" title="Heard on the air">
                    air
                  </span>
                )}
                {qso.band ?? ''} {qso.rst_rcvd}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">No QSOs logged yet.</p>
      )}
    </section>
  );
}

const isLoopback = (url: string) => /\/\/(127\.|\[::1\])/.test(url);

export function ServerPanel() {
  const server = useConsole((s) => s.server);
  const panel = useRef<HTMLDetailsElement>(null);
  // Open where there is room for it; in a smaller window the log and queue come first.
  useEffect(() => {
    if (panel.current && window.innerHeight >= 950) panel.current.open = true;
  }, [server !== null]);
  // A full queue turns callers away: read how many more often while it is full.
  const full = useConsole((s) => Boolean(s.view && s.view.queue.total >= s.view.queue.max_size));
  useEffect(() => {
    const timer = setInterval(() => void refreshServer(), full ? 2000 : 5000);
    return () => clearInterval(timer);
  }, [full]);
  if (!server) return null;
  // The same document the status stream pushes to monitoring tools.
  const { monitoring } = server;
  const lan = server.console_urls.filter((url) => !isLoopback(url));
  const stationPage = server.station_page_urls.find((url) => !isLoopback(url)) ?? server.station_page_urls[0];
  const stationLan = server.websocket_urls.filter((url) => !isLoopback(url));
  // On a machine with no network only this machine can connect; say so rather than show nothing.
  const stationUrls = stationLan.length > 0 ? stationLan : server.websocket_urls;
  return (
    <details ref={panel} className="panel server-panel" data-testid="server-panel">
      <summary className="server-summary">
        <h2 id="server-title">Server</h2>
        <span className="server-line">
          <span data-testid="client-count-line">{monitoring.active_connections} clients</span> · up {uptime(server.uptime_seconds)}
          {stationPage && <> · station page &amp; QR</>}
        </span>
      </summary>
      <Figures
        items={[
          { label: 'Clients', value: monitoring.active_connections, testId: 'client-count' },
          { label: 'Uptime', value: uptime(server.uptime_seconds) },
          { label: 'Messages', value: monitoring.total_requests.toLocaleString('en-US'), testId: 'message-count' },
          { label: 'MiB used', value: <>{Math.round(monitoring.status.totalResidentMemoryBytes / 1048576)}</>, testId: 'memory' }
        ]}
      />
      <p className="client-kinds" data-testid="client-kinds">
        {monitoring.pileup.clients.websocket} WebSocket · {monitoring.pileup.clients.sse} SSE · {monitoring.pileup.clients.status} monitoring
      </p>
      {stationPage && (
        <div className="station-page-link">
          <QrCode text={stationPage} label={`QR code of the station page, ${stationPage}`} />
          <div>
            <h3>Station page</h3>
            <p className="qr-hint">Stations scan this with a phone to join the queue.</p>
            <code data-testid="station-page-url">{stationPage}</code>
          </div>
        </div>
      )}
      <h3>Software connects to</h3>
      <AddressList urls={stationUrls} />
      {lan.length > 0 && (
        <>
          <h3>Console from another computer</h3>
          <AddressList urls={lan.slice(0, 2)} />
        </>
      )}
    </details>
  );
}
