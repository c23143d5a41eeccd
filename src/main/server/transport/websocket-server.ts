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
import type { EventData } from '../../../shared/protocol/events.js';
import {
  MESSAGE_TYPES,
  clientMessageSchema,
  eventMessage,
  failureReply,
  nowIso,
  successReply,
  type MessageId,
  type PongMessage
} from '../../../shared/protocol/messages.js';
import { PROTOCOL_VERSION, SERVER_NAME, isOperationName } from '../../../shared/protocol/operations.js';
import { APP_VERSION } from '../app-info.js';
import { credentialsMatch, safeEqual, type AdminCredentials } from '../auth/admin-credentials.js';
import type { Logger } from '../logger.js';
import { dispatchOperation } from '../operations/dispatch.js';
import type { OperationServices, Session } from '../operations/handlers.js';
import type { EventHub } from '../pileup/event-hub.js';
import { SerialExecutor } from '../pileup/serial-executor.js';

export const WEBSOCKET_PATH = '/ws/connect';
export const MAX_FRAME_BYTES = 64 * 1024;

export const CLOSE = {
  GOING_AWAY: 1001,
  TOO_BIG: 1009,
  TRY_AGAIN_LATER: 1013
} as const;

export interface WebSocketTransportOptions {
  services: OperationServices;
  hub: EventHub;
  credentials: AdminCredentials;
  logger: Logger;
  maxConnections: () => number;
  heartbeatIntervalMs: number;
  /** The desktop console's secret; null when no local console is attached. */
  localOperatorToken: string | null;
}

interface Connection {
  session: Session;
  socket: WebSocket;
  alive: boolean;
  /** Replies go out in the order requests came in. */
  inbox: SerialExecutor;
}

function pickId(value: unknown): MessageId {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

export class PileupWebSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, clientTracking: false });
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private totalConnections = 0;

  constructor(private readonly options: WebSocketTransportOptions) {
    this.unsubscribe = options.hub.subscribe((text) => {
      for (const socket of this.connections.keys()) {
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
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
      if (this.connections.size >= this.options.maxConnections()) {
        ws.close(CLOSE.TRY_AGAIN_LATER, 'Server is at its connection limit; try again later');
        this.options.logger.warn({ remote: request.socket.remoteAddress }, 'connection refused: connection limit reached');
        return;
      }
      this.accept(ws, request);
    });
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const connection: Connection = {
      session: { id: randomUUID(), authenticated: false, username: null },
      socket,
      alive: true,
      inbox: new SerialExecutor()
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
      this.options.services.telemetry.connectionClosed('websocket');
      log.info({ code }, 'client disconnected');
    });

    const welcome: EventData<'connected'> = {
      message: 'Connected to Pileup Buster',
      connection_id: connection.session.id,
      server: SERVER_NAME,
      version: APP_VERSION,
      protocol_version: PROTOCOL_VERSION,
      authenticated: false,
      snapshot: this.options.services.pileup.snapshot()
    };
    this.send(socket, eventMessage('connected', this.options.hub.seq, welcome));
  }

  private async handleFrame(connection: Connection, data: RawData, isBinary: boolean, log: Logger): Promise<void> {
    const { socket } = connection;
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
            ? 'Message has no "type"; expected "request", "auth" or "ping"'
            : typeof type === 'string' && !(MESSAGE_TYPES as readonly string[]).includes(type)
              ? `Unknown message type "${type.slice(0, 50)}"; expected "request", "auth" or "ping"`
              : `Invalid ${String(type).slice(0, 50)} message: ${parsed.error.issues.map((i) => i.message).join('; ')}`;
      this.send(socket, failureReply(id, null, 'INVALID_MESSAGE', problem, { asErrorType: true }));
      return;
    }
    const message = parsed.data;
    // Only known operations become labels: names sent by clients must not grow the metrics without bound.
    const operationLabel = message.type !== 'request' ? '' : isOperationName(message.operation) ? message.operation : 'unknown';
    this.options.services.telemetry.message(message.type, operationLabel);
    switch (message.type) {
      case 'ping': {
        const pong: PongMessage = { type: 'pong', id, data: { server_time: nowIso() }, timestamp: nowIso() };
        this.send(socket, pong);
        return;
      }
      case 'auth':
        this.authenticate(connection, id, message.data, log);
        return;
      case 'request':
        await this.runRequest(connection, id, message.operation, message.data, log);
        return;
    }
  }

  private authenticate(connection: Connection, id: MessageId, data: unknown, log: Logger): void {
    const { username, password, token } = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    const { credentials, localOperatorToken } = this.options;
    let accepted: boolean;
    if (typeof token === 'string') {
      accepted = localOperatorToken !== null && safeEqual(localOperatorToken, token);
    } else if (typeof username === 'string' && typeof password === 'string') {
      accepted = credentialsMatch(credentials, username, password);
    } else {
      this.send(connection.socket, failureReply(id, 'auth', 'VALIDATION_ERROR', 'auth needs data.username and data.password'));
      return;
    }
    if (!accepted) {
      log.warn({ username: typeof username === 'string' ? username.slice(0, 64) : undefined, byToken: typeof token === 'string' }, 'authentication failed');
      this.send(connection.socket, failureReply(id, 'auth', 'INVALID_CREDENTIALS', 'Invalid username or password'));
      return;
    }
    connection.session.authenticated = true;
    connection.session.username = typeof token === 'string' ? credentials.username : (username as string);
    log.info({ username: connection.session.username, local: typeof token === 'string' }, 'authenticated');
    this.send(connection.socket, successReply(id, 'auth', { authenticated: true, user_type: 'admin', message: 'Authentication successful' }));
  }

  private async runRequest(connection: Connection, id: MessageId, operation: string, data: unknown, log: Logger): Promise<void> {
    const context = { ...this.options.services, session: connection.session };
    try {
      const result = await dispatchOperation(operation, data, context);
      this.send(connection.socket, successReply(id, operation, result));
    } catch (error) {
      if (error instanceof ProtocolError) {
        // The seed shows refusals of admin operations as `type: "error"` messages.
        const asErrorType = error.code === 'UNAUTHORIZED';
        this.send(connection.socket, failureReply(id, operation.slice(0, 100), error.code, error.message, { asErrorType }));
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
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
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
