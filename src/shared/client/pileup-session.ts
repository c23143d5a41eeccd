/**
 * A pileup client that stays connected: it connects, signs in (when given credentials) on every
 * (re)connect, keeps a local copy of the pileup state current by sequence number, and reconnects
 * with exponential backoff and jitter whenever the connection drops.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * const session = new PileupSession({
 *   url: 'ws://127.0.0.1:8000/ws/connect',
 *   WebSocketImpl: WebSocket as unknown as WebSocketConstructor
 * });
 * session.onStatus((status) => console.log(status.kind));
 * session.onState((state) => console.log(state.queue.total, 'in the queue'));
 * session.start();
 * await session.ready();
 * await session.request('queue.register', { callsign: 'W1AW' });
 * ```
 *
 * @module
 */
import type { PileupSnapshot } from '../protocol/entities.js';
import type { EventName } from '../protocol/events.js';
import type { EventMessage } from '../protocol/messages.js';
import type { OperationName, OperationResult } from '../protocol/operations.js';
import { PileupClient, PileupRequestError, type EventHandler, type RequestParams, type WebSocketConstructor } from './pileup-client.js';
import { PileupStateTracker, type ReceiveOutcome } from './pileup-state.js';
import { withQueueDeltas } from '../protocol/queue-delta.js';

/** How to sign in on every connection: the operator login, or the desktop app's console token. */
export type Credentials = { username: string; password: string } | { token: string };

/**
 * Reconnect delays. The n-th consecutive failure waits `initialMs * factor^(n-1)`, capped at
 * `maxMs`, then spread by ±`jitter` (a fraction) so many clients do not retry in lockstep after a
 * server restart. With the defaults: about 0.5 s, 1 s, 2 s, 4 s, 8 s, then 15 s.
 */
export interface BackoffOptions {
  /** First delay. Default 500 ms. */
  initialMs?: number;
  /** Longest delay. Default 15 000 ms. */
  maxMs?: number;
  /** Growth per failed attempt. Default 2. */
  factor?: number;
  /** Random spread as a fraction of the delay, 0 to 1. Default 0.2 (±20 %). 0 turns it off. */
  jitter?: number;
}

/** Options for {@link PileupSession}. */
export interface SessionOptions {
  /** The server's WebSocket endpoint, e.g. `ws://192.168.1.20:8000/ws/connect`. */
  url: string;
  /** The WebSocket class; defaults to `globalThis.WebSocket`. On Node 20, pass `ws`'s (cast). */
  WebSocketImpl?: WebSocketConstructor;
  /** Sign in on every connection. Without it the session uses the public operations only. */
  credentials?: Credentials;
  backoff?: BackoffOptions;
  /** How long a request may wait for its reply. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** How long a connection attempt may wait for the server's welcome. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /**
   * Take the queue's changes as deltas (`queue_delta`) rather than the whole queue with every
   * change: far less to receive with a long queue. The session rebuilds the queue, so handlers
   * still get `queue_update` (and `qso_complete`) with the whole queue. Default true.
   */
  queueDeltas?: boolean;
}

/**
 * Where the session is. Reported through {@link PileupSession.onStatus}:
 * - `idle`: created, {@link PileupSession.start} not called yet (never reported);
 * - `connecting`: a connection attempt (and sign-in) is under way; `attempt` counts from 1;
 * - `online`: connected (and signed in when credentials were given); requests are sent;
 * - `offline`: the connection failed or dropped; the next attempt starts in `retryInMs`;
 *   `attempt` counts the consecutive failures, `reason` says what happened;
 * - `auth-failed`: the server refused the credentials; the session has stopped (final);
 * - `closed`: {@link PileupSession.close} was called (final).
 */
export type SessionStatus =
  | { kind: 'idle' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'online' }
  | { kind: 'offline'; retryInMs: number; attempt: number; reason: string }
  | { kind: 'auth-failed'; message: string }
  | { kind: 'closed' };

/** The delay before reconnect attempt number `attempt` (1-based), following {@link BackoffOptions}. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { initialMs = 500, maxMs = 15_000, factor = 2, jitter = 0.2 } = options;
  const base = Math.min(maxMs, initialMs * factor ** Math.max(0, attempt - 1));
  const spread = Math.min(1, Math.max(0, jitter));
  return Math.max(0, Math.round(Math.min(maxMs, base * (1 - spread + 2 * spread * random()))));
}

/**
 * Error codes of a failed sign-in that retrying cannot fix: wrong credentials, a lockout after
 * failed logins (RATE_LIMITED), a page the server does not let sign in (UNAUTHORIZED). The
 * session stops and says why, rather than retrying as if the server were gone.
 */
const FINAL_AUTH_ERRORS = new Set(['INVALID_CREDENTIALS', 'VALIDATION_ERROR', 'RATE_LIMITED', 'UNAUTHORIZED']);

/** Rethrows outside the session's own code, so a faulty handler cannot break reconnecting. */
function report(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}

/**
 * A reconnecting, state-keeping pileup client. Handlers registered with {@link on},
 * {@link onAnyEvent}, {@link onState} and {@link onStatus} stay registered across reconnects.
 */
export class PileupSession {
  private readonly tracker = new PileupStateTracker();
  private readonly eventHandlers = new Map<string, Set<(data: unknown, message: EventMessage) => void>>();
  private readonly anyHandlers = new Set<(message: EventMessage) => void>();
  private readonly stateHandlers = new Set<(state: PileupSnapshot) => void>();
  private readonly statusHandlers = new Set<(status: SessionStatus) => void>();
  /** The connection that is online (signed in); requests go here. */
  private live: PileupClient | null = null;
  /** A connection that has its welcome but is still signing in. */
  private joining: PileupClient | null = null;
  private currentStatus: SessionStatus = { kind: 'idle' };
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private stopped = false;
  /** Bumped by every connection attempt; a late result of an older one is discarded. */
  private generation = 0;
  private authErrorCode: PileupRequestError['code'] = 'INVALID_CREDENTIALS';

  constructor(private readonly options: SessionOptions) {}

  /** Where the session is now. */
  get status(): SessionStatus {
    return this.currentStatus;
  }

  /**
   * The pileup as of the last event applied: queue, current QSO, frequency, split, on-air status
   * and QSO count, with the `seq` and `instance_id` it is consistent with. Null until the first
   * connection's welcome. Kept (stale) while offline. Each change produces a new object; do not
   * modify it.
   */
  get state(): PileupSnapshot | null {
    return this.tracker.state;
  }

  /** True while a snapshot is being fetched to repair a gap in the event sequence. */
  get resyncing(): boolean {
    return this.tracker.resyncing;
  }

  /**
   * The underlying single connection while online, else null. For what the session does not
   * wrap (`ping`, `sendRaw`); do not close it (the session would reconnect).
   */
  get client(): PileupClient | null {
    return this.live;
  }

  /** Starts connecting (once; later calls do nothing). Returns the session, for chaining. */
  start(): this {
    if (this.started || this.stopped) return this;
    this.started = true;
    void this.connect();
    return this;
  }

  /**
   * Resolves when the session is online (at once if it already is). Rejects when it reaches
   * `auth-failed` or `closed`, or after `timeoutMs` (when given) without getting online.
   * Reconnect attempts in between do not reject it.
   */
  ready(timeoutMs?: number): Promise<void> {
    if (this.currentStatus.kind === 'online') return Promise.resolve();
    const final = this.finalError();
    if (final) return Promise.reject(final);
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === undefined ? null : setTimeout(() => done(new Error(`Not online within ${timeoutMs} ms (${this.describeStatus()})`)), timeoutMs);
      const off = this.onStatus((status) => {
        if (status.kind === 'online') done();
        else if (this.finalError()) done(this.finalError()!);
      });
      function done(error?: Error): void {
        if (timer) clearTimeout(timer);
        off();
        if (error) reject(error);
        else resolve();
      }
    });
  }

  /** Skips the wait before the next reconnect attempt (e.g. a "Retry now" button). Only acts while `offline`. */
  retryNow(): void {
    if (this.stopped || this.currentStatus.kind !== 'offline') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.connect();
  }

  /**
   * Performs an operation on the live connection and resolves with its typed result. When the
   * session is not online it rejects at once with a {@link PileupRequestError} coded
   * `DISCONNECTED`: nothing is queued or sent later. A request in flight when the connection
   * drops also rejects with `DISCONNECTED` (the server may or may not have performed it).
   */
  request<O extends OperationName>(operation: O, ...params: RequestParams<O>): Promise<OperationResult<O>> {
    const client = this.live;
    if (!client) return Promise.reject(new PileupRequestError('DISCONNECTED', `Not connected to the server (${this.describeStatus()}); the request was not sent`));
    return client.request(operation, ...params);
  }

  /**
   * Calls `handler` for every `event` as it arrives, on whichever connection is current, after
   * the state has taken it in. Events that happen while offline are not replayed; the state
   * catches up from the next welcome snapshot instead (use {@link onState} for anything that
   * must not miss a change). `connected` fires once per connection, when the session goes online.
   * Returns a function that unsubscribes.
   */
  on<E extends EventName>(event: E, handler: EventHandler<E>): () => void {
    let set = this.eventHandlers.get(event);
    if (!set) this.eventHandlers.set(event, (set = new Set()));
    const wrapped = handler as (data: unknown, message: EventMessage) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Like {@link on}, for every event whatever its name. */
  onAnyEvent(handler: (message: EventMessage) => void): () => void {
    this.anyHandlers.add(handler);
    return () => this.anyHandlers.delete(handler);
  }

  /**
   * Calls `handler` with the new state after every change: each event applied, each welcome
   * (every (re)connect) and each resync. Returns a function that unsubscribes.
   */
  onState(handler: (state: PileupSnapshot) => void): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  /** Calls `handler` with every status change. Returns a function that unsubscribes. */
  onStatus(handler: (status: SessionStatus) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  /** Stops for good: closes the connection (code 1000) and stops reconnecting. */
  async close(): Promise<void> {
    if (this.stopped && this.currentStatus.kind === 'closed') return;
    this.stopped = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const clients = [this.live, this.joining].filter((c): c is PileupClient => c !== null);
    this.live = null;
    this.joining = null;
    this.setStatus({ kind: 'closed' });
    await Promise.all(clients.map((client) => client.close(1000, 'client closed')));
  }

  // --- connecting -------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    this.setStatus({ kind: 'connecting', attempt: this.attempt + 1 });
    let client: PileupClient;
    try {
      client = await PileupClient.connect(this.options.queueDeltas === false ? this.options.url : withQueueDeltas(this.options.url), {
        WebSocketImpl: this.options.WebSocketImpl,
        requestTimeoutMs: this.options.requestTimeoutMs ?? 10_000,
        connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000
      });
    } catch (error) {
      if (generation === this.generation) this.scheduleRetry((error as Error).message);
      return;
    }
    if (this.stopped || generation !== this.generation) {
      void client.close(1000, 'client closed');
      return;
    }
    this.joining = client;
    void client.closed.then(({ code, reason }) => this.lost(client, reason || `connection closed (${code})`));
    client.onAnyEvent((message) => this.receive(client, message));
    // A new connection's welcome is a full snapshot: it supersedes what we held, and after a
    // server restart (new instance_id) it is the only valid starting point for the new seq.
    this.tracker.reset(client.welcome.snapshot);
    this.emitState();

    const credentials = this.options.credentials;
    if (credentials) {
      try {
        if ('token' in credentials) await client.authWithToken(credentials.token);
        else await client.auth(credentials.username, credentials.password);
      } catch (error) {
        if (this.joining !== client) return; // closed meanwhile: lost() or close() handled it
        this.joining = null;
        if (error instanceof PileupRequestError && FINAL_AUTH_ERRORS.has(error.code)) {
          this.stopped = true;
          this.authErrorCode = error.code;
          void client.close(1000, 'authentication failed');
          this.setStatus({ kind: 'auth-failed', message: error.message });
          return;
        }
        void client.close(1000, 'authentication did not complete');
        this.scheduleRetry(`sign-in failed: ${(error as Error).message}`);
        return;
      }
      if (this.joining !== client) return;
    }
    this.joining = null;
    this.live = client;
    this.attempt = 0;
    this.setStatus({ kind: 'online' });
    this.dispatch(client.welcomeMessage);
  }

  /** The connection `client` ended; reconnect unless it was already replaced or we stopped. */
  private lost(client: PileupClient, reason: string): void {
    if (this.live !== client && this.joining !== client) return;
    this.live = null;
    this.joining = null;
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    this.attempt++;
    const retryInMs = backoffDelay(this.attempt, this.options.backoff);
    this.setStatus({ kind: 'offline', retryInMs, attempt: this.attempt, reason });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, retryInMs);
  }

  // --- events and state ---------------------------------------------------------------------------

  private receive(client: PileupClient, message: EventMessage): void {
    if (client !== this.live && client !== this.joining) return;
    const before = this.tracker.state;
    const outcome = this.tracker.receive(message);
    if (this.tracker.state !== before) this.emitState();
    if (outcome === 'gap') void this.resync(client);
    const whole = this.withWholeQueue(message, outcome);
    if (whole) this.dispatch(whole);
  }

  /**
   * A delta as the handlers get it: the event the server sends clients without deltas, with the
   * queue the state now holds. None when the delta could not be applied (the state catches up
   * from a snapshot; onState reports it).
   */
  private withWholeQueue(message: EventMessage, outcome: ReceiveOutcome): EventMessage | null {
    const delta = message.event === 'queue_delta' || (message.event === 'qso_complete' && (message.data as { queue_delta?: unknown }).queue_delta !== undefined);
    if (!delta) return message;
    const queue = this.tracker.state?.queue;
    if (outcome !== 'applied' || !queue) return null;
    if (message.event === 'queue_delta') return { ...message, event: 'queue_update', event_type: 'queue_update', data: queue };
    const { qso } = message.data as { qso: unknown };
    return { ...message, data: { qso, queue } };
  }

  /** Events were missed: fetch a snapshot on the same connection and replay what arrived meanwhile. */
  private async resync(client: PileupClient): Promise<void> {
    let snapshot: PileupSnapshot;
    try {
      snapshot = await client.request('public.get_snapshot');
    } catch (error) {
      // Still connected but no snapshot: start over on a new connection, whose welcome repairs the state.
      if (client === this.live || client === this.joining) void client.close(4000, `resync failed: ${(error as Error).message}`.slice(0, 120));
      return;
    }
    if (client !== this.live && client !== this.joining) return; // a newer welcome replaced the state
    const before = this.tracker.state;
    const again = this.tracker.applySnapshot(snapshot);
    if (this.tracker.state !== before) this.emitState();
    if (again) void this.resync(client);
  }

  private dispatch(message: EventMessage): void {
    for (const handler of [...this.anyHandlers]) this.call(() => handler(message));
    for (const handler of [...(this.eventHandlers.get(message.event) ?? [])]) this.call(() => handler(message.data, message));
  }

  private emitState(): void {
    const state = this.tracker.state;
    if (!state) return;
    for (const handler of [...this.stateHandlers]) this.call(() => handler(state));
  }

  private setStatus(status: SessionStatus): void {
    this.currentStatus = status;
    for (const handler of [...this.statusHandlers]) this.call(() => handler(status));
  }

  private call(run: () => void): void {
    try {
      run();
    } catch (error) {
      report(error);
    }
  }

  private finalError(): Error | null {
    const status = this.currentStatus;
    if (status.kind === 'auth-failed') return new PileupRequestError(this.authErrorCode, status.message);
    if (status.kind === 'closed') return new PileupRequestError('DISCONNECTED', 'The session was closed');
    return null;
  }

  private describeStatus(): string {
    const status = this.currentStatus;
    return status.kind === 'offline' ? `offline: ${status.reason}` : status.kind;
  }
}
