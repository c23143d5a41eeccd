/**
 * A typed client for the pileup protocol. Works with the browser's WebSocket and with the `ws`
 * package in Node (pass it as `WebSocketImpl`). Requests are typed from the operation table;
 * events are typed from the event table; gaps in the event sequence are reported so a client
 * can resync from `public.get_snapshot`.
 */
import type { ErrorCode } from '../protocol/errors.js';
import type { EventData, EventName } from '../protocol/events.js';
import type { EventMessage, FailureReply, ServerMessage, SuccessReply } from '../protocol/messages.js';
import type { OperationInput, OperationName, OperationResult } from '../protocol/operations.js';

/** The part of the WebSocket API this client uses; both the DOM's and `ws`'s satisfy it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface ClientOptions {
  WebSocketImpl?: WebSocketConstructor;
  /** How long a request may wait for its reply. */
  requestTimeoutMs?: number;
  /** How long connect() waits for the welcome event. */
  connectTimeoutMs?: number;
}

/** A failed reply, with the server's machine-readable code. */
export class PileupRequestError extends Error {
  override name = 'PileupRequestError';
  constructor(
    readonly code: ErrorCode | 'TIMEOUT' | 'DISCONNECTED',
    message: string,
    readonly reply?: FailureReply
  ) {
    super(message);
  }
}

export interface AuthResult {
  authenticated: true;
  user_type: string;
  message: string;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> };
type AnyEventHandler = (message: EventMessage) => void;

export class PileupClient {
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, Set<(data: unknown, message: EventMessage) => void>>();
  private readonly anyHandlers = new Set<AnyEventHandler>();
  private readonly gapHandlers = new Set<(expected: number, got: number) => void>();
  private nextId = 1;
  /** Sequence number of the last event seen; gaps mean events were missed. */
  lastSeq = 0;
  instanceId = '';
  welcome!: EventData<'connected'>;
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

  /** Opens a connection and resolves once the server's `connected` welcome has arrived. */
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

  private send(payload: Record<string, unknown>): Promise<unknown> {
    const id = `c${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new PileupRequestError('TIMEOUT', `No reply within ${this.options.requestTimeoutMs} ms`));
      }, this.options.requestTimeoutMs);
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

  request<O extends OperationName>(operation: O, ...params: {} extends OperationInput<O> ? [OperationInput<O>?] : [OperationInput<O>]): Promise<OperationResult<O>> {
    return this.send({ type: 'request', operation, data: params[0] ?? {} }) as Promise<OperationResult<O>>;
  }

  auth(username: string, password: string): Promise<AuthResult> {
    return this.send({ type: 'auth', data: { username, password } }) as Promise<AuthResult>;
  }

  /** Signs in with the token the desktop app hands its own console. */
  authWithToken(token: string): Promise<AuthResult> {
    return this.send({ type: 'auth', data: { token } }) as Promise<AuthResult>;
  }

  /** Application-level ping; resolves with the round-trip time in ms. */
  async ping(): Promise<number> {
    const started = Date.now();
    await this.send({ type: 'ping' });
    return Date.now() - started;
  }

  on<E extends EventName>(event: E, handler: (data: EventData<E>, message: EventMessage<EventData<E>>) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    const wrapped = handler as (data: unknown, message: EventMessage) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  onAnyEvent(handler: AnyEventHandler): () => void {
    this.anyHandlers.add(handler);
    return () => this.anyHandlers.delete(handler);
  }

  /** Called when an event's sequence number shows that earlier events were missed. */
  onGap(handler: (expected: number, got: number) => void): () => void {
    this.gapHandlers.add(handler);
    return () => this.gapHandlers.delete(handler);
  }

  /** Sends raw text, for tools and tests that need to speak outside the typed surface. */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  close(code = 1000, reason = ''): Promise<{ code: number; reason: string }> {
    this.socket.close(code, reason);
    return this.closed;
  }
}
