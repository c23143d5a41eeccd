/**
 * The station page's live link to the server, through the SDK's PileupSession: no credentials,
 * state kept current by sequence number (resync on a gap), reconnects with backoff on its own,
 * so a station never needs to reload the page.
 */
import { useEffect, useState } from 'react';
import type { PileupClient } from '../../../shared/client/pileup-client';
import { PileupSession } from '../../../shared/client/pileup-session';
import { toView, type PileupView } from '../state/pileup-view';
import { websocketUrlForPage } from '../../../shared/protocol/endpoints';

export type LinkStatus = { kind: 'connecting' } | { kind: 'online' } | { kind: 'offline'; retryInSec: number };

export function useStationLink(): { view: PileupView | null; status: LinkStatus; client: PileupClient | null } {
  const [view, setView] = useState<PileupView | null>(null);
  const [status, setStatus] = useState<LinkStatus>({ kind: 'connecting' });
  const [client, setClient] = useState<PileupClient | null>(null);

  useEffect(() => {
    const session = new PileupSession({ url: websocketUrlForPage(location), connectTimeoutMs: 5000 });
    session.onState((state) => setView(toView(state, session.resyncing)));
    session.onStatus((next) => {
      setClient(session.client);
      if (next.kind === 'online') setStatus({ kind: 'online' });
      else if (next.kind === 'offline') setStatus({ kind: 'offline', retryInSec: Math.ceil(next.retryInMs / 1000) });
      else if (next.kind === 'connecting') setStatus((current) => (current.kind === 'offline' ? current : { kind: 'connecting' }));
    });
    session.start();
    return () => void session.close();
  }, []);

  return { view, status, client };
}
