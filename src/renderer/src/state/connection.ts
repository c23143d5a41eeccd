/**
 * Keeps the console connected: connects, authenticates (the desktop app's token, or the
 * credentials typed into the login form), reconnects with backoff when the link drops, and
 * resyncs from a snapshot whenever sequence numbers show that events were missed.
 */
import { PileupClient, PileupRequestError } from '../../../shared/client/pileup-client';
import type { ConsoleBootInfo } from '../../../shared/console-boot';

export type Credentials = { token: string } | { username: string; password: string };

export interface ConnectionCallbacks {
  onConnected(client: PileupClient): void;
  onDisconnected(info: { retryInMs: number; attempt: number; reason: string }): void;
  /** The server refused the credentials: the operator must sign in again. */
  onAuthRejected(message: string): void;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

export class ConsoleConnection {
  private client: PileupClient | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private credentials: Credentials,
    private readonly callbacks: ConnectionCallbacks
  ) {}

  static urlFor(boot: ConsoleBootInfo | null): string {
    if (boot) return boot.websocketUrl;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/ws/connect`;
  }

  get current(): PileupClient | null {
    return this.client;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    void this.client?.close(1000, 'console closed');
    this.client = null;
  }

  /** Reconnect at once (the operator pressed "Retry now"). */
  retryNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let client: PileupClient;
    try {
      client = await PileupClient.connect(this.url, { connectTimeoutMs: 5000, requestTimeoutMs: 10_000 });
    } catch (error) {
      this.scheduleRetry((error as Error).message);
      return;
    }
    try {
      if ('token' in this.credentials) await client.authWithToken(this.credentials.token);
      else await client.auth(this.credentials.username, this.credentials.password);
    } catch (error) {
      await client.close();
      if (error instanceof PileupRequestError && error.code === 'INVALID_CREDENTIALS') {
        this.stopped = true;
        this.callbacks.onAuthRejected(error.message);
        return;
      }
      this.scheduleRetry((error as Error).message);
      return;
    }
    this.attempt = 0;
    this.client = client;
    void client.closed.then(({ code, reason }) => {
      if (this.client !== client) return;
      this.client = null;
      this.scheduleRetry(reason || `connection closed (${code})`);
    });
    this.callbacks.onConnected(client);
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    const retryInMs = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt++;
    this.callbacks.onDisconnected({ retryInMs, attempt: this.attempt, reason });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, retryInMs);
  }
}
