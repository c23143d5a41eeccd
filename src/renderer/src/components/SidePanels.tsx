import { useEffect, type ReactNode } from 'react';
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

export function RecentQsos() {
  const log = useConsole((s) => s.log);
  const total = useConsole((s) => s.view?.qsosLogged ?? 0);
  useEffect(() => {
    // The hourly rate changes as QSOs age out of the last hour, even with no new ones.
    const timer = setInterval(() => void refreshLog(), 60_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="panel recent-panel" aria-labelledby="recent-title">
      <div className="panel-title">
        <h2 id="recent-title">Log</h2>
      </div>
      <Figures
        items={[
          { label: 'QSOs', value: total, testId: 'qso-total' },
          { label: 'Last hour', value: <>{log?.last_hour ?? 0}<small>/h</small></>, testId: 'qso-rate' }
        ]}
      />
      {log && log.qsos.length > 0 ? (
        <ol className="recent-list" aria-label="Recent QSOs">
          {log.qsos.map((qso) => (
            <li key={qso.id} className="recent-row">
              <span className="recent-time">{utcTime(qso.completed_at)}</span>
              <span className="callsign callsign-small">{qso.callsign}</span>
              <span className="recent-details">{qso.qrz?.country ?? qso.frequency ?? ''}</span>
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
  useEffect(() => {
    const timer = setInterval(() => void refreshServer(), 5000);
    return () => clearInterval(timer);
  }, []);
  if (!server) return null;
  // The same document the status stream pushes to monitoring tools.
  const { monitoring } = server;
  const lan = server.console_urls.filter((url) => !isLoopback(url));
  const stationPage = server.station_page_urls.find((url) => !isLoopback(url)) ?? server.station_page_urls[0];
  const stationLan = server.websocket_urls.filter((url) => !isLoopback(url));
  // On a machine with no network only this machine can connect; say so rather than show nothing.
  const stationUrls = stationLan.length > 0 ? stationLan : server.websocket_urls;
  return (
    <section className="panel server-panel" aria-labelledby="server-title">
      <div className="panel-title">
        <h2 id="server-title">Server</h2>
      </div>
      <Figures
        items={[
          { label: 'Clients', value: monitoring.active_connections, testId: 'client-count' },
          { label: 'Uptime', value: uptime(server.uptime_seconds) },
          { label: 'Messages', value: monitoring.total_requests.toLocaleString('en-US'), testId: 'message-count' },
          { label: 'Memory', value: <>{Math.round(monitoring.status.totalResidentMemoryBytes / 1048576)}<small> MiB</small></>, testId: 'memory' }
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
    </section>
  );
}
