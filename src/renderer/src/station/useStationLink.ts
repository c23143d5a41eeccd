/**
 * The station page's live link to the server, through the same session binding as the console:
 * no credentials, state kept current by sequence number (resync on a gap), reconnects with
 * backoff on its own, so a station never needs to reload the page.
 */
import { useEffect, useState } from 'react';
import type { PileupClient } from '../../../shared/client/pileup-client';
import type { LoggedQso } from '../../../shared/protocol/entities';
import { toView, type PileupView } from '../state/pileup-view';
import { bindSession } from '../state/session-binding';
import { rememberCompletion } from './wait-estimate';

export type LinkStatus = { kind: 'connecting' } | { kind: 'online' } | { kind: 'offline'; retryInSec: number };

/** A QSO as the station page needs it: who, when, where. */
export type LoggedContact = Pick<LoggedQso, 'callsign' | 'completed_at' | 'band' | 'mode'>;

export function useStationLink(): {
  view: PileupView | null;
  status: LinkStatus;
  client: PileupClient | null;
  logged: LoggedContact | null;
  /** When the QSOs seen by this page were logged (ms), newest last: the pileup's pace. */
  completions: number[];
} {
  const [completions, setCompletions] = useState<number[]>([]);
  const [view, setView] = useState<PileupView | null>(null);
  const [logged, setLogged] = useState<LoggedContact | null>(null);
  const [status, setStatus] = useState<LinkStatus>({ kind: 'connecting' });
  const [client, setClient] = useState<PileupClient | null>(null);

  useEffect(() => {
    const binding = bindSession(
      {},
      {
        onConnecting() {
          setClient(null);
          // While a retry is counting down, keep showing when it comes rather than flicker.
          setStatus((current) => (current.kind === 'offline' ? current : { kind: 'connecting' }));
        },
        onOnline(online) {
          setClient(online);
          setStatus({ kind: 'online' });
        },
        onOffline({ retryInMs }) {
          setClient(null);
          setStatus({ kind: 'offline', retryInSec: Math.ceil(retryInMs / 1000) });
        },
        onState: (state, resyncing) => setView(toView(state, resyncing)),
        onQsoLogged: ({ callsign, completed_at, band, mode }) => {
          setLogged({ callsign, completed_at, band, mode });
          setCompletions((times) => rememberCompletion(times, Date.now()));
        }
      }
    );
    return () => binding.stop();
  }, []);

  return { view, status, client, logged, completions };
}
