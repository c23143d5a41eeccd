/**
 * The Hydrogen-compatible status stream (seed 003) on its own port: WebSocket with the
 * `hydrogen-protocol` subprotocol, a key in `Authorization: Key <key>` (or `?key=` for browsers,
 * which cannot set headers), a status message on connect, every interval and on request
 * (`{"type":"status"}`). Errors are `{"error":{"code","message","details"}}` and never close it.
 */
import type { AbuseGuard } from '../abuse/abuse-guard.js';
import { HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_TIMEOUT_CHECK_MS, SEND_BUFFER_CAP_BYTES } from '../../../shared/protocol/endpoints.js';
import type { SitePolicy } from '../transport/site-policy.js';
import { answerAndClose, cutOffBadClient, type SocketGate } from '../transport/socket-gate.js';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { safeEqual } from '../auth/admin-credentials.js';
import type { Logger } from '../logger.js';
import { listenWithFallback, type BoundAddress } from '../transport/listen.js';
import { buildStatusDocument, type StatusSources } from './status-document.js';

export const STATUS_SUBPROTOCOL = 'hydrogen-protocol';
const MAX_MESSAGE_BYTES = 16 * 1024;

export type StatusErrorCode = 'auth_failed' | 'invalid_message' | 'server_error';

export function statusError(code: StatusErrorCode, message: string, details: Record<string, unknown> = {}): string {
  return JSON.stringify({ error: { code, message, details } });
}

export interface StatusStreamOptions extends StatusSources {
  key: string;
  port: number;
  /** Bind one address; null binds every interface. */
  host: string | null;
  ipv6: boolean;
  intervalSec: number;
  maxConnections: () => number;
  logger: Logger;
  /** Shared with the pileup port: sockets count against one budget of descriptors. */
  sockets: SocketGate;
  /** Wrong keys are counted per address (apart from admin logins): slowed, then locked out. */
  guard: AbuseGuard;
  /** Which Host names may be used to connect (DNS rebinding). */
  site: SitePolicy;
}

function presentedKey(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Key ')) return header.slice(4).trim();
  const fromQuery = new URL(request.url ?? '/', 'http://localhost').searchParams.get('key');
  return fromQuery || null;
}

export class StatusStream {
  private readonly http: Server;
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    clientTracking: true,
    handleProtocols: (protocols) => (protocols.has(STATUS_SUBPROTOCOL) ? STATUS_SUBPROTOCOL : false)
  });
  private timer: NodeJS.Timeout | null = null;
  bound: BoundAddress | null = null;

  constructor(private readonly options: StatusStreamOptions) {
    this.http = createServer({ headersTimeout: HTTP_HEADERS_TIMEOUT_MS, requestTimeout: HTTP_REQUEST_TIMEOUT_MS, connectionsCheckingInterval: HTTP_TIMEOUT_CHECK_MS }, (_request, response) => {
      response.writeHead(426, { 'Content-Type': 'application/json', Upgrade: 'websocket' });
      response.end(statusError('invalid_message', 'This port speaks the status WebSocket protocol', { subprotocol: STATUS_SUBPROTOCOL }));
    });
    this.http.on('upgrade', (request, socket, head) => {
      this.upgrade(request, socket, head).catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'status stream upgrade failed');
        socket.destroy();
      });
    });
    this.http.on('clientError', cutOffBadClient);
    options.sockets.watch(this.http);
  }

  async listen(): Promise<BoundAddress> {
    const host = this.options.host ?? (this.options.ipv6 ? null : '0.0.0.0');
    this.bound = await listenWithFallback(this.http, this.options.port, host);
    this.timer = setInterval(() => void this.pushToAll(), this.options.intervalSec * 1000);
    this.timer.unref();
    return this.bound;
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const key = presentedKey(request);
    const address = request.socket.remoteAddress;
    // A page reaching this machine by a name it does not answer to (DNS rebinding) is refused
    // before its key is looked at or counted. Dashboards on other sites may connect with the key
    // (`?key=`); their wrong keys count only toward the status key's own lockout.
    if (!this.options.site.hostAllowed(request)) {
      this.options.logger.warn({ remote: address, host: request.headers.host?.slice(0, 200) }, 'status stream connection refused: it names a host this server does not answer to');
      answerAndClose(socket, 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // A key is a login: counted before it is checked, slowed after a few failures, then locked out.
    const gate = key === null ? ({ ok: true, delayMs: 0 } as const) : await this.options.guard.loginAttempt(address, 'status-key');
    if (!gate.ok) {
      this.options.logger.warn({ remote: address }, 'status stream connection refused: address locked out after wrong keys');
      const body = statusError('auth_failed', `Too many wrong keys from your address; try again in ${Math.ceil(gate.retryAfterMs / 60_000)} min`);
      answerAndClose(
        socket,
        `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${Math.ceil(gate.retryAfterMs / 1000)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
      );
      return;
    }
    if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
    if (key === null || !safeEqual(key, this.options.key)) {
      this.options.logger.warn(
        { remote: request.socket.remoteAddress, reason: key === null ? 'no key' : 'wrong key' },
        'status stream connection refused'
      );
      const body = statusError('auth_failed', key === null ? 'A key is required: Authorization: Key <key>' : 'The key is not valid');
      answerAndClose(
        socket,
        `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Key\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
      );
      return;
    }
    await this.options.guard.loginSucceeded(address, 'status-key');
    if (this.wss.clients.size >= this.options.maxConnections()) {
      answerAndClose(socket, 'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 10\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const { telemetry, logger } = this.options;
    telemetry.connectionOpened('status');
    ws.on('close', () => telemetry.connectionClosed('status'));
    ws.on('error', (error) => logger.warn({ err: error.message }, 'status stream connection error'));
    ws.on('message', (data, isBinary) => this.receive(ws, data, isBinary));
    void this.push(ws);
  }

  private receive(ws: WebSocket, data: RawData, isBinary: boolean): void {
    this.options.telemetry.message('status');
    if (isBinary) {
      ws.send(statusError('invalid_message', 'Binary messages are not supported; send JSON text'));
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      ws.send(statusError('invalid_message', 'Message is not valid JSON'));
      return;
    }
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'status') {
      void this.push(ws);
      return;
    }
    ws.send(statusError('invalid_message', 'Unknown message; send {"type":"status"} for a status update', { type: typeof type === 'string' ? type.slice(0, 50) : null }));
  }

  private async document(): Promise<string> {
    return JSON.stringify(await buildStatusDocument(this.options));
  }

  /** Sends, unless the monitor has left more than the cap unread: then it is dropped, as on the pileup port. */
  private sendTo(ws: WebSocket, text: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > SEND_BUFFER_CAP_BYTES) {
      this.options.logger.warn({ buffered: ws.bufferedAmount }, 'dropping a status stream client that does not read');
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  private async push(ws: WebSocket): Promise<void> {
    try {
      const text = await this.document();
      this.sendTo(ws, text);
    } catch (error) {
      this.options.logger.error({ err: error }, 'status document failed');
      if (ws.readyState === WebSocket.OPEN) ws.send(statusError('server_error', 'The status could not be produced; it has been logged'));
    }
  }

  private async pushToAll(): Promise<void> {
    if (this.wss.clients.size === 0) return;
    let text: string;
    try {
      text = await this.document();
    } catch (error) {
      this.options.logger.error({ err: error }, 'status document failed');
      text = statusError('server_error', 'The status could not be produced; it has been logged');
    }
    for (const ws of this.wss.clients) this.sendTo(ws, text);
  }

  /** Tells every client the server is going down (shutting_down: true), then closes with 1001. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pushToAll();
    await Promise.all(
      [...this.wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000);
            ws.once('close', () => {
              clearTimeout(force);
              resolve();
            });
            ws.close(1001, 'Server shutting down');
          })
      )
    );
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
