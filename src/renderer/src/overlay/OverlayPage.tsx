/**
 * The stream overlay: what viewers of a live-streamed pileup see over the video. Whose pileup and
 * where, the QSO in progress, the next few in the queue, and a QR code to join. Transparent
 * everywhere but its panel; live like the station page, through the same link.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QrCode } from '../components/QrCode';
import { useStationLink } from '../station/useStationLink';
import { frequencyReading, splitReading } from '../station/tuning-text';
import type { OverlayOptions } from './overlay-options';
import { OverlayMap } from './OverlayMap';

const isLoopback = (url: string) => /\/\/(127\.|localhost|\[::1\])/.test(url);
/** An address only the station's own network reaches: viewers elsewhere are told so. */
const isLocalNetwork = (url: string) => /\/\/(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|\[f[cd]|\[fe80|[^/:]+\.local[:/])/i.test(url);

/** Text size at `size=m`: readable on a 1080p stream watched at 720p. */
const BASE_FONT_PX = 22;

export function OverlayPage({ options }: { options: OverlayOptions }) {
  const { t } = useTranslation();
  const { view, client } = useStationLink();
  const [joinUrl, setJoinUrl] = useState<string | null>(options.join);

  // OBS usually runs on the server's own machine, where this page is at localhost: the QR code
  // must show the address phones on the LAN use, which the server knows.
  useEffect(() => {
    if (options.join || !client) return;
    client
      .request('system.info')
      .then((info) => setJoinUrl(info.station_page_urls.find((url) => !isLoopback(url)) ?? info.station_page_urls[0] ?? `${location.origin}/`))
      .catch(() => setJoinUrl(`${location.origin}/`));
  }, [client, options.join]);

  const dx = view?.station.callsign ?? null;
  const tuning = view ? frequencyReading(view.frequency) : null;
  const split = view ? splitReading(view.split) : null;
  const next = view ? view.queue.queue.slice(0, options.rows) : [];
  return (
    <main className={`overlay theme-${options.theme} side-${options.side}`} style={{ fontSize: `${BASE_FONT_PX * options.scale}px` }} data-testid="overlay">
      <section className="panel">
        <header className="ov-header">
          <span className="ov-dx" data-testid="ov-dx">
            {dx ?? t('title.default')}
            {view?.station.operator && <span className="ov-op"> {t('header.operator', { operator: view.station.operator })}</span>}
          </span>
          {view && <span className={`ov-air ${view.system.active ? 'is-on' : ''}`}>{view.system.active ? t('header.onAir') : t('header.offAir')}</span>}
        </header>
        <div className="ov-tuning" data-testid="ov-tuning">
          {tuning?.value && (
            <span>
              <strong>{tuning.value}</strong> {tuning.unit}
            </span>
          )}
          {tuning?.detail && <span className="ov-mode">{tuning.detail}</span>}
          {split?.value && (
            <span>
              {t('tuning.split')} <strong>{split.value}</strong> {split.unit}
            </span>
          )}
        </div>
        <div className="ov-working">
          <span className="ov-label">{t('working.label')}</span>
          <span className="ov-call" data-testid="ov-working">
            {view?.current?.callsign ?? '—'}
          </span>
          {/* Countries by name, not flag: OBS on Windows draws flag emoji as two letters. */}
          {view?.current?.country && <span className="ov-country">{view.current.country.entity}</span>}
        </div>
        {options.map && view && <OverlayMap view={view} />}
        {options.rows > 0 && (
          <div className="ov-next">
            <span className="ov-label">
              {t('overlay.next')} · {t('overlay.queued', { total: view?.queue.total ?? 0 })}
            </span>
            {next.length > 0 ? (
              <ol data-testid="ov-next">
                {next.map((entry) => (
                  <li key={entry.id}>
                    <span className="ov-pos">{entry.position}</span>
                    <span className="ov-next-call">{entry.callsign}</span>
                    {entry.country && <span className="ov-entity">{entry.country.entity}</span>}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="ov-empty">{t('overlay.nobody')}</p>
            )}
          </div>
        )}
        {options.qr && joinUrl && (
          <div className="ov-join" data-testid="ov-join">
            <QrCode text={joinUrl} label={`${t('overlay.scan')}: ${joinUrl}`} />
            <div>
              <strong>{isLocalNetwork(joinUrl) ? t('overlay.scanLan') : t('overlay.scan')}</strong>
              <span className="ov-url">{joinUrl.replace(/^https?:\/\//, '').replace(/\/$/, '')}</span>
            </div>
          </div>
        )}
      </section>
    </main>
  );
}
