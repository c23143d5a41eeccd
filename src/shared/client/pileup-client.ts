/**
 * A typed client for the pileup protocol: one WebSocket connection, no reconnecting.
 *
 * Works with the browser's WebSocket and with the `ws` package in Node (pass it as
 * `WebSocketImpl`). Requests are typed from the operation table; events are typed from the event
 * table; gaps in the event sequence are reported so a client can resync from
 * `public.get_snapshot`.
 *
 * For an application that should stay connected (reconnect with backoff, re-authenticate, keep
 * the pileup state current), use {@link PileupSession} from `./pileup-session.js`, which is built
 * on this class. See docs/sdk.md.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * const client = await PileupClient.connect('ws://127.0.0.1:8000/ws/connect', {
 *   WebSocketImpl: WebSocket as unknown as WebSocketConstructor
 * });
 * const { entry, leave_token } = await client.request('queue.register', { callsign: 'W1AW' });
 * client.on('queue_update', (queue) => console.log(queue.total, 'in the queue'));
 * ```
 *
 * @module
 */
import type { AuthData, AuthResult } from '../protocol/session-messages.js';
import type { ErrorCode } from '../protocol/errors.js';
import type { EventData, EventName } from '../protocol/events.js';
import type { EventMessage, FailureReply, ServerMessage, SuccessReply } from '../protocol/messages.js';
import type { OperationInput, OperationName, OperationResult } from '../protocol/operations.js';

/**
 * The part of the WebSocket API this client uses; both the DOM's and `ws`'s satisfy it (cast
 * `ws`'s class with `as unknown as WebSocketConstructor`: its event types are richer).
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
/** A WebSocket class: the browser's `WebSocket`, or `ws`'s default export (cast). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options for {@link PileupClient.connect}. */
export interface ClientOptions {
  /**
   * The WebSocket class to use. Defaults to `globalThis.WebSocket` (browsers, Node 22+); on
   * Node 20 pass the `ws` package's class.
   */
  WebSocketImpl?: WebSocketConstructor;
  /** How long a request may wait for its reply before it rejects with `TIMEOUT`. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** How long connect() waits for the welcome event. Default 10 000 ms. */
  connectTimeoutMs?: number;
}

/**
 * Why a request failed: a server error code from the protocol's table (`error_code` of the
 * failed reply), or one of the client's own:
 * - `TIMEOUT`: no reply within `requestTimeoutMs` (the server may still have done it);
 * - `DISCONNECTED`: the connection was closed, or was not open, before the reply arrived. When
 *   the request had already been sent, whether the server performed it is unknown.
 */
export type RequestErrorCode = ErrorCode | 'TIMEOUT' | 'DISCONNECTED';

/**
 * A failed request, with a machine-readable {@link RequestErrorCode}. `message` is the server's
 * readable text (safe to show to a user); `reply` is the failed reply itself when there was one.
 *
 * @example
 * ```ts
 * try {
 *   await client.request('queue.register', { callsign: 'W1AW' });
 * } catch (error) {
 *   if (error instanceof PileupRequestError && error.code === 'DUPLICATE_CALLSIGN') { ... }
 * }
 * ```
 */
export class PileupRequestError extends Error {
  override name = 'PileupRequestError';
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly reply?: FailureReply
  ) {
    super(message);
  }
}

/** The server's answer to a successful `auth` message. */
export type { AuthResult };

/**
 * The parameters of an operation, as a rest tuple: optional when the operation takes none (or
 * only optional ones), required otherwise.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends T` asks whether T has no required keys
export type RequestParams<O extends OperationName> = {} extends OperationInput<O> ? [OperationInput<O>?] : [OperationInput<O>];

/** An event handler for one event name, with the payload typed from the event table. */
export type EventHandler<E extends EventName> = (data: EventData<E>, message: EventMessage<EventData<E>>) => void;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> };
type AnyEventHandler = (message: EventMessage) => void;

/**
 * One connection to a pileup server. Create it with {@link PileupClient.connect}; it does not
 * reconnect (its {@link PileupClient.closed} promise resolves when the connection ends).
 */
export class PileupClient {
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, Set<(data: unknown, message: EventMessage) => void>>();
  private readonly anyHandlers = new Set<AnyEventHandler>();
  private readonly gapHandlers = new Set<(expected: number, got: number) => void>();
  private nextId = 1;
  /** Sequence number of the last event seen; gaps mean events were missed. */
  lastSeq = 0;
  /** The server's `instance_id`: it changes, and sequence numbers restart, when the server restarts. */
  instanceId = '';
  /** The `connected` welcome's payload: who the server is and the full pileup state (`snapshot`). */
  welcome!: EventData<'connected'>;
  /** The `connected` welcome message as it arrived (with its `seq` and `timestamp`). */
  welcomeMessage!: EventMessage<EventData<'connected'>>;
  /**
   * Resolves with the close code and reason when the connection ends, for whatever reason
   * (server shutdown sends 1001). Requests still waiting for replies reject with `DISCONNECTED`.
   */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(
    private readonly socket: WebSocketLike,
    private readonly options: Required<Pick<ClientOptions, 'requestTimeoutMs'>>
  ) {
    this.closed = new Promise((resolve) => {
      socket.onclose = (event) => {
        for (const [, pending] of this.pending) {
          clearTimeout(pending.timer);
          pending.reject(new PileupRequestError('DISCONNECTED', `Connection closed (${event.code})`));
        }
        this.pending.clear();
        resolve({ code: event.code, reason: event.reason });
      };
    });
  }

  /**
   * Opens a connection and resolves once the server's `connected` welcome has arrived (so
   * `welcome`, `lastSeq` and `instanceId` are set). Rejects when the connection fails or closes
   * first, or when no welcome arrives within `connectTimeoutMs`.
   */
  static connect(url: string, options: ClientOptions = {}): Promise<PileupClient> {
    const Impl = options.WebSocketImpl ?? (globalThis as unknown as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Impl) throw new Error('No WebSocket implementation: pass options.WebSocketImpl');
    const socket = new Impl(url);
    const client = new PileupClient(socket, { requestTimeoutMs: options.requestTimeoutMs ?? 10_000 });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error(`No welcome from ${url} within ${options.connectTimeoutMs ?? 10_000} ms`));
      }, options.connectTimeoutMs ?? 10_000);
      socket.onerror = () => undefined;
      void client.closed.then(({ code, reason }) => {
        clearTimeout(timer);
        reject(new Error(`Connection to ${url} closed before the welcome (${code}${reason ? `: ${reason}` : ''})`));
      });
      socket.onmessage = (event) => {
        const message = client.parse(event.data);
        if (message?.type === 'event' && message.event === 'connected') {
          clearTimeout(timer);
          client.welcomeMessage = message as EventMessage<EventData<'connected'>>;
          client.welcome = message.data as EventData<'connected'>;
          client.lastSeq = message.seq;
          client.instanceId = client.welcome.snapshot.instance_id;
          socket.onmessage = (next) => client.receive(next.data);
          resolve(client);
        }
      };
    });
  }

  private parse(data: unknown): ServerMessage | null {
    try {
      return JSON.parse(typeof data === 'string' ? data : String(data)) as ServerMessage;
    } catch {
      return null;
    }
  }

  private receive(data: unknown): void {
    const message = this.parse(data);
    if (!message) return;
    if (message.type === 'event') {
      this.receiveEvent(message);
      return;
    }
    const id = message.id === null || message.id === undefined ? null : String(message.id);
    const pending = id === null ? undefined : this.pending.get(id);
    if (!pending || id === null) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (message.type === 'pong') pending.resolve(message.data);
    else if (message.success) pending.resolve((message as SuccessReply).data);
    else pending.reject(new PileupRequestError(message.error_code, message.error, message));
  }

  private receiveEvent(message: EventMessage): void {
    if (message.seq !== this.lastSeq + 1) {
      for (const handler of this.gapHandlers) handler(this.lastSeq + 1, message.seq);
    }
    this.lastSeq = message.seq;
    for (const handler of this.anyHandlers) handler(message);
    for (const handler of this.handlers.get(message.event) ?? []) handler(message.data, message);
  }

  private send(payload: Record<string, unknown>, timeoutMs = this.options.requestTimeoutMs): Promise<unknown> {
    const id = `c${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new PileupRequestError('TIMEOUT', `No reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.socket.send(JSON.stringify({ ...payload, id, timestamp: new Date().toISOString() }));
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new PileupRequestError('DISCONNECTED', (error as Error).message));
      }
    });
  }

  /**
   * Performs an operation and resolves with its typed result. Rejects with a
   * {@link PileupRequestError} carrying the server's `error_code` (e.g. `UNAUTHORIZED` for an
   * admin operation before {@link auth}), or `TIMEOUT` / `DISCONNECTED`.
   *
   * @example
   * ```ts
   * const { queue, total } = await client.request('queue.list');
   * await client.request('admin.set_frequency', { frequency: '14.205' });
   * ```
   */
  request<O extends OperationName>(operation: O, ...params: RequestParams<O>): Promise<OperationResult<O>> {
    return this.send({ type: 'request', operation, data: params[0] ?? {} }) as Promise<OperationResult<O>>;
  }

  /**
   * As {@link request}, for an operation that may take longer than the usual wait (finishing a
   * big import on a slow machine): the reply is awaited for up to `timeoutMs`.
   */
  requestWaiting<O extends OperationName>(timeoutMs: number, operation: O, ...params: RequestParams<O>): Promise<OperationResult<O>> {
    return this.send({ type: 'request', operation, data: params[0] ?? {} }, timeoutMs) as Promise<OperationResult<O>>;
  }

  /**
   * Signs this connection in as the operator, which unlocks the `admin.*` operations on it.
   * Rejects with `INVALID_CREDENTIALS` when the login is wrong. Authentication belongs to the
   * connection: a new connection must sign in again.
   */
  auth(username: string, password: string): Promise<AuthResult> {
    return this.send({ type: 'auth', data: { username, password } satisfies AuthData }) as Promise<AuthResult>;
  }

  /** Signs in with the token the desktop app hands its own console (instead of a password). */
  authWithToken(token: string): Promise<AuthResult> {
    return this.send({ type: 'auth', data: { token } satisfies AuthData }) as Promise<AuthResult>;
  }

  /** Application-level ping (`{"type":"ping"}`); resolves with the round-trip time in ms. */
  async ping(): Promise<number> {
    const started = Date.now();
    await this.send({ type: 'ping' });
    return Date.now() - started;
  }

  /**
   * Calls `handler` for every `event` broadcast on this connection, with its typed payload and
   * the whole message (for `seq` and `timestamp`). Returns a function that unsubscribes.
   * The `connected` welcome is consumed by {@link connect}; read it from {@link welcome}.
   */
  on<E extends EventName>(event: E, handler: EventHandler<E>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    const wrapped = handler as (data: unknown, message: EventMessage) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Calls `handler` for every event, whatever its name. Returns a function that unsubscribes. */
  onAnyEvent(handler: AnyEventHandler): () => void {
    this.anyHandlers.add(handler);
    return () => this.anyHandlers.delete(handler);
  }

  /**
   * Called when an event's sequence number shows that earlier events were missed (`got` is
   * greater than `expected`). The event is still delivered to the handlers. To catch up, fetch
   * `public.get_snapshot` and apply the events newer than its `seq`; {@link PileupSession} does
   * this for you.
   */
  onGap(handler: (expected: number, got: number) => void): () => void {
    this.gapHandlers.add(handler);
    return () => this.gapHandlers.delete(handler);
  }

  /** Sends raw text, for tools and tests that need to speak outside the typed surface. */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** Closes the connection; resolves like {@link closed}. */
  close(code = 1000, reason = ''): Promise<{ code: number; reason: string }> {
    this.socket.close(code, reason);
    return this.closed;
  }
}
