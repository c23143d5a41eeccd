/**
 * The station page's live link to the server: connects without credentials, keeps the pileup
 * view current from events (resyncing on a sequence gap), and reconnects on its own with backoff,
 * so a station never needs to reload the page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PileupClient } from '../../../shared/client/pileup-client';
import { applyEvent, applySnapshot, startResync, type PileupView } from '../state/pileup-view';

export type LinkStatus = { kind: 'connecting' } | { kind: 'online' } | { kind: 'offline'; retryInSec: number };

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

export function useStationLink(): { view: PileupView | null; status: LinkStatus; client: PileupClient | null } {
  const [view, setView] = useState<PileupView | null>(null);
  const [status, setStatus] = useState<LinkStatus>({ kind: 'connecting' });
  const [client, setClient] = useState<PileupClient | null>(null);
  const viewRef = useRef<PileupView | null>(null);

  const update = useCallback((next: PileupView) => {
    viewRef.current = next;
    setView(next);
  }, []);

  useEffect(() => {
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: PileupClient | null = null;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/connect`;

    const retry = () => {
      if (stopped) return;
      const delay = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!;
      setStatus({ kind: 'offline', retryInSec: Math.ceil(delay / 1000) });
      timer = setTimeout(connect, delay);
    };

    const connect = async () => {
      if (stopped) return;
      let next: PileupClient;
      try {
        next = await PileupClient.connect(url, { connectTimeoutMs: 5000 });
      } catch {
        retry();
        return;
      }
      if (stopped) {
        void next.close();
        return;
      }
      attempt = 0;
      current = next;
      update(applySnapshot(null, next.welcome.snapshot));
      next.onAnyEvent((message) => {
        if (!viewRef.current) return;
        const outcome = applyEvent(viewRef.current, message);
        update(outcome.view);
        if (outcome.needsResync) {
          update(startResync(outcome.view));
          void next
            .request('public.get_snapshot')
            .then((snapshot) => update(applySnapshot(viewRef.current, snapshot)))
            .catch(() => undefined);
        }
      });
      void next.closed.then(() => {
        if (current !== next) return;
        current = null;
        setClient(null);
        retry();
      });
      setClient(next);
      setStatus({ kind: 'online' });
    };

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      void current?.close();
    };
  }, [update]);

  return { view, status, client };
}
