/**
 * Keeps the console connected through the SDK's PileupSession: it authenticates (the desktop
 * app's token, or the credentials typed into the login form), reconnects with backoff, and keeps
 * the pileup state current by sequence number, resyncing from a snapshot when events were missed.
 * The store gets each connection that comes online and every new state.
 */
import type { PileupClient } from '../../../shared/client/pileup-client';
import type { PileupSnapshot } from '../../../shared/protocol/entities';
import { PileupSession, type Credentials } from '../../../shared/client/pileup-session';
import type { ConsoleBootInfo } from '../../../shared/console-boot';
import { websocketUrlForPage } from '../../../shared/protocol/endpoints';

export type { Credentials };

export interface ConnectionCallbacks {
  onConnected(client: PileupClient): void;
  /** The pileup changed (or was resynced); `resyncing` is true while a gap is being repaired. */
  onState(state: PileupSnapshot, resyncing: boolean): void;
  onDisconnected(info: { retryInMs: number; attempt: number; reason: string }): void;
  /** The server refused the credentials: the operator must sign in again. */
  onAuthRejected(message: string): void;
}

export class ConsoleConnection {
  private session: PileupSession | null = null;

  constructor(
    private readonly url: string,
    private readonly credentials: Credentials,
    private readonly callbacks: ConnectionCallbacks
  ) {}

  static urlFor(boot: ConsoleBootInfo | null): string {
    if (boot) return boot.websocketUrl;
    const { location } = globalThis as unknown as { location: { protocol: string; host: string } };
    return websocketUrlForPage(location);
  }

  /** The connection that is online and signed in, or null. */
  get current(): PileupClient | null {
    return this.session?.client ?? null;
  }

  start(): void {
    if (this.session) return;
    const session = new PileupSession({ url: this.url, credentials: this.credentials, connectTimeoutMs: 5000, requestTimeoutMs: 10_000 });
    this.session = session;
    session.onStatus((status) => {
      if (this.session !== session) return;
      switch (status.kind) {
        case 'online':
          if (session.client) this.callbacks.onConnected(session.client);
          break;
        case 'offline':
          this.callbacks.onDisconnected({ retryInMs: status.retryInMs, attempt: status.attempt, reason: status.reason });
          break;
        case 'auth-failed':
          this.callbacks.onAuthRejected(status.message);
          break;
        default:
          break;
      }
    });
    session.onState((state) => {
      if (this.session === session) this.callbacks.onState(state, session.resyncing);
    });
    session.start();
  }

  stop(): void {
    const session = this.session;
    this.session = null;
    void session?.close();
  }

  /** Reconnect at once (the operator pressed "Retry now"). */
  retryNow(): void {
    this.session?.retryNow();
  }
}
