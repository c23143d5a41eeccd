/**
 * The pileup protocol over WebSocket (`/ws/connect`): one session per connection, one reply per
 * request, events forwarded from the hub already serialised, protocol-level heartbeats and the
 * connection, frame-size limits.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, WebSocket } from 'ws';
import { ProtocolError, type ErrorCode } from '../../../shared/protocol/errors.js';
import {
  clientMessageSchema,
  failureReply,
  nowIso,
  successReply,
  type MessageId,
  type PongMessage
} from '../../../shared/protocol/messages.js';
import { LOCAL_CONNECTIONS_RESERVED, MAX_FRAME_BYTES, SEND_BUFFER_CAP_BYTES } from '../../../shared/protocol/endpoints.js';
import { CLIENT_MESSAGE_TYPES, SESSION_MESSAGES, type AuthResult, type PongData } from '../../../shared/protocol/session-messages.js';
import { isOperationName } from '../../../shared/protocol/operations.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Logger } from '../logger.js';
import { dispatchOperation } from '../operations/dispatch.js';
import type { OperationContext, OperationServices, Session } from '../operations/handlers.js';
import type { EventFeed } from '../pileup/event-hub.js';
import { asksForQueueDeltas } from '../../../shared/protocol/queue-delta.js';
import { SerialExecutor } from '../pileup/serial-executor.js';
import { isLoopback, type AbuseGuard } from '../abuse/abuse-guard.js';
import type { SitePolicy } from './site-policy.js';
import { FramePool, unpooled, type FrameBytes } from './frame-pool.js';
import { successFrame, welcomeFrame } from './wire-text.js';

/** "request", "auth" or "ping": for messages that name no type a client may send. */
const CLIENT_TYPES_TEXT = CLIENT_MESSAGE_TYPES.map((type, i, all) => `${i === 0 ? '' : i === all.length - 1 ? ' or ' : ', '}"${type}"`).join('');
/** JSON text goes out as text frames (the bytes are UTF-8 already). */
const TEXT_FRAME = { binary: false } as const;

export const CLOSE = {
  GOING_AWAY: 1001,
  POLICY: 1008,
  TOO_BIG: 1009,
  TRY_AGAIN_LATER: 1013
} as const;

export interface WebSocketTransportOptions {
  services: OperationServices;
  hub: EventFeed;
  logger: Logger;
  maxConnections: () => number;
  heartbeatIntervalMs: number;
  authenticator: Authenticator;
  guard: AbuseGuard;
  site: SitePolicy;
}

interface Connection {
  session: Session;
  socket: WebSocket;
  address: string | undefined;
  /** A browser page from another site (its Origin is not this server): no admin login for it. */
  foreignOrigin: string | null;
  alive: boolean;
  /** Asked for queue deltas (`?queue=delta`) instead of the whole queue with every change. */
  queueDeltas: boolean;
  /** Replies go out in the order requests came in. */
  inbox: SerialExecutor;
  /** What operations run with for this connection; built once, not per request. */
  context: OperationContext;
}

function pickId(value: unknown): MessageId {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

export class PileupWebSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, clientTracking: false });
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly framePool = new FramePool();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private totalConnections = 0;

  constructor(private readonly options: WebSocketTransportOptions) {
    this.unsubscribe = options.hub.subscribe((_message, texts) => {
      // ws turns a string into a Buffer on every send; converting once serves every client. Each
      // form is made only if a client takes it.
      let full: Buffer | undefined;
      let delta: Buffer | undefined;
      for (const connection of this.connections.values()) {
        const socket = connection.socket;
        if (socket.readyState !== WebSocket.OPEN) continue;
        // Buffering without end for a client that does not read would stall memory for everyone.
        if (socket.bufferedAmount > SEND_BUFFER_CAP_BYTES) {
          options.logger.warn({ connection: connection.session.id, remote: connection.address, buffered: socket.bufferedAmount }, 'dropping a client too slow to keep up');
          socket.terminate();
          continue;
        }
        const frame = connection.queueDeltas ? (delta ??= Buffer.from(texts.delta)) : (full ??= Buffer.from(texts.full));
        socket.send(frame, TEXT_FRAME);
      }
    });
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get connectionsSinceStart(): number {
    return this.totalConnections;
  }

  counts(): { total: number; authenticated: number } {
    let authenticated = 0;
    for (const { session } of this.connections.values()) if (session.authenticated) authenticated++;
    return { total: this.connections.size, authenticated };
  }

  /** Called from the HTTP server's 'upgrade' event for requests to WEBSOCKET_PATH. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const address = request.socket.remoteAddress;
      // A few places beyond the cap are kept for this machine, so the operator's own console
      // gets in however many LAN clients are connected.
      const cap = this.options.maxConnections() + (isLoopback(address) ? LOCAL_CONNECTIONS_RESERVED : 0);
      if (this.connections.size >= cap) {
        ws.close(CLOSE.TRY_AGAIN_LATER, 'Server is at its connection limit; try again later');
        this.options.logger.warn({ remote: address }, 'connection refused: connection limit reached');
        return;
      }
      if (!this.options.guard.connectionOpened(address)) {
        ws.close(CLOSE.TRY_AGAIN_LATER, 'Too many connections from your address; try again later');
        this.options.logger.warn({ remote: address }, 'connection refused: too many from one address');
        return;
      }
      ws.once('close', () => this.options.guard.connectionClosed(address));
      this.accept(ws, request);
    });
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const session: Session = { id: randomUUID(), lasting: true, authenticated: false, username: null };
    const connection: Connection = {
      session,
      socket,
      address: request.socket.remoteAddress,
      foreignOrigin: this.options.site.foreignOrigin(request),
      alive: true,
      queueDeltas: asksForQueueDeltas(request.url),
      inbox: new SerialExecutor(),
      context: { ...this.options.services, session }
    };
    this.connections.set(socket, connection);
    this.totalConnections++;
    this.options.services.telemetry.connectionOpened('websocket');
    const log = this.options.logger.child({ connection: connection.session.id });
    log.info({ remote: request.socket.remoteAddress }, 'client connected');

    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('message', (data, isBinary) => {
      connection.alive = true;
      connection.inbox
        .run(() => this.handleFrame(connection, data, isBinary, log))
        // handleFrame answers every failure it expects; anything else must not take the server down.
        .catch((error: unknown) => {
          log.error({ err: error }, 'unexpected failure handling a message');
          this.send(socket, failureReply(null, null, 'INTERNAL_ERROR', 'The server could not process the message; it has been logged', { asErrorType: true }));
        });
    });
    // ws reports oversized frames and invalid UTF-8 here and then closes (1009 / 1007) by itself.
    socket.on('error', (error) => log.warn({ err: error.message }, 'connection error'));
    socket.on('close', (code) => {
      this.connections.delete(socket);
      // The stations this client registered may now be gone; the pileup decides what that means.
      this.options.services.pileup.connectionClosed(session.id);
      this.options.services.imports.dropOwnedBy(session.id);
      this.options.services.telemetry.connectionClosed('websocket');
      if (session.authenticated) this.options.services.telemetry.operatorSignedOut();
      log.info({ code }, 'client disconnected');
    });

    this.sendFrame(socket, welcomeFrame(this.options.hub.seq, connection.session.id, this.options.services.pileup.snapshot(), this.framePool));
  }

  private async handleFrame(connection: Connection, data: RawData, isBinary: boolean, log: Logger): Promise<void> {
    const { socket } = connection;
    // The signed-in operator is trusted; the limits are for everyone else on the LAN.
    const verdict = connection.session.authenticated ? ({ ok: true } as const) : await this.options.guard.admitMessage(connection.session.id, connection.address);
    if (!verdict.ok) {
      // Still one reply per request: the id is echoed when the message has one.
      let id: MessageId = null;
      let operation: string | null = null;
      try {
        const raw = JSON.parse(data.toString()) as { id?: unknown; operation?: unknown };
        id = pickId(raw);
        operation = typeof raw.operation === 'string' ? raw.operation.slice(0, 100) : null;
      } catch {
        // Not JSON: the limit is the answer anyway.
      }
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      this.send(socket, failureReply(id, operation, 'RATE_LIMITED', `Too many messages; slow down and retry in ${seconds} s`, { details: { retry_after_ms: verdict.retryAfterMs } }));
      return;
    }
    if (isBinary) {
      this.options.services.telemetry.message('invalid');
      this.send(socket, failureReply(null, null, 'INVALID_MESSAGE', 'Binary frames are not supported; send JSON text', { asErrorType: true }));
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      this.options.services.telemetry.message('invalid');
      this.send(socket, failureReply(null, null, 'INVALID_MESSAGE', 'Message is not valid JSON', { asErrorType: true }));
      return;
    }
    const id = pickId(raw);
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.services.telemetry.message('invalid');
      const type = (raw as { type?: unknown } | null)?.type;
      const problem =
        typeof raw !== 'object' || raw === null || Array.isArray(raw)
          ? 'Message must be a JSON object'
          : type === undefined
            ? `Message has no "type"; expected ${CLIENT_TYPES_TEXT}`
            : typeof type !== 'string'
              ? `"type" must be a string: ${CLIENT_TYPES_TEXT}`
              : !(CLIENT_MESSAGE_TYPES as readonly string[]).includes(type)
                ? `Unknown message type "${type.slice(0, 50)}"; expected ${CLIENT_TYPES_TEXT}`
                : `Invalid ${type} message: ${parsed.error.issues.map((i) => i.message).join('; ')}`;
      this.send(socket, failureReply(id, null, 'INVALID_MESSAGE', problem, { asErrorType: true }));
      return;
    }
    const message = parsed.data;
    // Only known operations become labels: names sent by clients must not grow the metrics without bound.
    const operationLabel = message.type !== 'request' ? '' : isOperationName(message.operation) ? message.operation : 'unknown';
    this.options.services.telemetry.message(message.type, operationLabel);
    switch (message.type) {
      case 'ping': {
        const pong: PongMessage = { type: 'pong', id, data: { server_time: nowIso() } satisfies PongData, timestamp: nowIso() };
        this.send(socket, pong);
        return;
      }
      case 'auth':
        await this.authenticate(connection, id, message.data, log);
        return;
      case 'request':
        await this.runRequest(connection, id, message.operation, message.data, log);
        return;
    }
  }

  private async authenticate(connection: Connection, id: MessageId, data: unknown, log: Logger): Promise<void> {
    const parsed = SESSION_MESSAGES.auth.data.safeParse(data ?? {});
    if (!parsed.success) {
      this.send(connection.socket, failureReply(id, 'auth', 'VALIDATION_ERROR', parsed.error.issues.map((issue) => issue.message).join('; ')));
      return;
    }
    const login = parsed.data;
    // A page on another site may not sign in by any means, and its attempts are not counted
    // toward the lockout: otherwise any page the operator opens could lock them out.
    if (connection.foreignOrigin) {
      log.warn({ origin: connection.foreignOrigin.slice(0, 200), remote: connection.address }, 'admin login refused from a page on another site');
      this.send(connection.socket, failureReply(id, 'auth', 'UNAUTHORIZED', 'Admin login is not accepted from a web page on another site', { asErrorType: true }));
      return;
    }
    const verdict = await this.options.authenticator.login(login, connection.address, 'websocket');
    if (!verdict.ok) {
      this.send(
        connection.socket,
        verdict.reason === 'locked-out'
          ? failureReply(id, 'auth', 'RATE_LIMITED', verdict.message, { details: { retry_after_ms: verdict.retryAfterMs } })
          : failureReply(id, 'auth', 'INVALID_CREDENTIALS', verdict.message)
      );
      return;
    }
    if (!connection.session.authenticated) this.options.services.telemetry.operatorSignedIn();
    connection.session.authenticated = true;
    connection.session.username = verdict.username;
    log.info({ username: verdict.username, local: verdict.byToken }, 'authenticated');
    const result: AuthResult = { authenticated: true, user_type: 'admin', message: 'Authentication successful' };
    this.send(connection.socket, successReply(id, 'auth', result));
  }

  private async runRequest(connection: Connection, id: MessageId, operation: string, data: unknown, log: Logger): Promise<void> {
    try {
      const result = await dispatchOperation(operation, data, connection.context);
      this.sendFrame(connection.socket, successFrame(id, operation, result, this.framePool));
    } catch (error) {
      if (error instanceof ProtocolError) {
        // The seed shows refusals of admin operations as `type: "error"` messages.
        const asErrorType = error.code === 'UNAUTHORIZED';
        this.send(connection.socket, failureReply(id, operation.slice(0, 100), error.code, error.message, { asErrorType, details: error.details }));
        return;
      }
      log.error({ err: error, operation }, 'operation failed');
      const code: ErrorCode = 'INTERNAL_ERROR';
      this.send(connection.socket, failureReply(id, operation.slice(0, 100), code, 'The server could not complete the operation; it has been logged'));
    }
  }

  private send(socket: WebSocket, message: object): void {
    const failure = message as { success?: boolean; error_code?: string };
    if (failure.success === false && failure.error_code) this.options.services.telemetry.error(failure.error_code);
    this.sendFrame(socket, unpooled(Buffer.from(JSON.stringify(message))));
  }

  /** A text frame (UTF-8 JSON); its bytes are released once ws has handed them to the kernel. */
  private sendFrame(socket: WebSocket, frame: FrameBytes): void {
    if (socket.readyState !== WebSocket.OPEN) return frame.release();
    // Replies count toward the same cap as broadcasts: a client that asks without reading would
    // otherwise make the server hold every answer for it.
    if (socket.bufferedAmount > SEND_BUFFER_CAP_BYTES) {
      this.options.logger.warn({ remote: this.connections.get(socket)?.address, buffered: socket.bufferedAmount }, 'dropping a client that does not read its replies');
      socket.terminate();
      return frame.release();
    }
    // A callback makes the socket track the write until it completes: only pooled bytes need one.
    socket.send(frame.bytes, TEXT_FRAME, frame.pooled ? frame.release : undefined);
  }

  /** A peer that answered no ping since the last round is dead: it goes within two intervals. */
  private checkHeartbeats(): void {
    for (const connection of this.connections.values()) {
      if (!connection.alive) {
        this.options.logger.info({ connection: connection.session.id }, 'dropping unresponsive client');
        connection.socket.terminate();
        this.connections.delete(connection.socket);
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }

  /** Closes every connection with 1001 and waits (briefly) for them to go. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    const sockets = [...this.connections.keys()];
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            const force = setTimeout(() => {
              socket.terminate();
              resolve();
            }, 2000);
            socket.once('close', () => {
              clearTimeout(force);
              resolve();
            });
            socket.close(CLOSE.GOING_AWAY, 'Server shutting down');
          })
      )
    );
    this.wss.close();
  }
}
