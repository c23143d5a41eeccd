/**
 * The one binding between a page and the pileup server, for the console and the station page
 * alike: the SDK's PileupSession (reconnects with backoff, keeps the state current by sequence
 * number, resyncs from a snapshot when events were missed), its timeouts, the page's server
 * address, and the session's reports turned into a few callbacks. The console signs in (the
 * desktop app's token or typed credentials); the station page does not.
 */
import type { PileupClient } from '../../../shared/client/pileup-client';
import { PileupSession, type Credentials } from '../../../shared/client/pileup-session';
import type { LoggedQso, PileupSnapshot } from '../../../shared/protocol/entities';
import { websocketUrlForPage } from '../../../shared/protocol/endpoints';

export type { Credentials };

const CONNECT_TIMEOUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface SessionCallbacks {
  /** A connection attempt began (the first, or a retry). */
  onConnecting?(): void;
  /** Connected, and signed in when credentials were given: requests can go out on `client`. */
  onOnline(client: PileupClient): void;
  /** The pileup changed (or was resynced); `resyncing` is true while a gap is being repaired. */
  onState(state: PileupSnapshot, resyncing: boolean): void;
  onOffline(info: { retryInMs: number; attempt: number; reason: string }): void;
  /** The server refused the credentials: the operator must sign in again. */
  onAuthRejected?(message: string): void;
  /** A QSO was logged (as it happens; none are replayed after a reconnect). */
  onQsoLogged?(qso: LoggedQso): void;
}

export interface SessionBinding {
  /** The connection that is online (and signed in), or null. */
  readonly client: PileupClient | null;
  /** Reconnect at once (the operator pressed "Retry now"). */
  retryNow(): void;
  /** Closes the session; no callback runs after this. */
  stop(): void;
}

/** The pileup server that served this page. */
export function pageWebsocketUrl(): string {
  return websocketUrlForPage(globalThis.location);
}

export function bindSession(options: { url?: string; credentials?: Credentials }, callbacks: SessionCallbacks): SessionBinding {
  const session = new PileupSession({
    url: options.url ?? pageWebsocketUrl(),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS
  });
  let stopped = false;
  session.onStatus((status) => {
    if (stopped) return;
    if (status.kind === 'connecting') callbacks.onConnecting?.();
    else if (status.kind === 'online' && session.client) callbacks.onOnline(session.client);
    else if (status.kind === 'offline') callbacks.onOffline({ retryInMs: status.retryInMs, attempt: status.attempt, reason: status.reason });
    else if (status.kind === 'auth-failed') callbacks.onAuthRejected?.(status.message);
  });
  session.on('qso_complete', ({ qso }) => {
    if (!stopped) callbacks.onQsoLogged?.(qso);
  });
  session.onState((state) => {
    if (!stopped) callbacks.onState(state, session.resyncing);
  });
  session.start();
  return {
    get client() {
      return stopped ? null : session.client;
    },
    retryNow: () => session.retryNow(),
    stop() {
      stopped = true;
      void session.close();
    }
  };
}
