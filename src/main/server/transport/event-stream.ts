/**
 * Server-Sent Events at /api/events/stream: the same event messages as the WebSocket, already
 * serialised by the hub, as `event: <name>` / `id: <seq>` / `data: <json>`. A `connected` event
 * with the full snapshot comes first, and a comment every 15 s keeps proxies and phones from
 * dropping an idle stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventFeed } from '../pileup/event-hub.js';
import type { PileupService } from '../pileup/pileup-service.js';
import type { Telemetry } from '../monitoring/telemetry.js';
import { SEND_BUFFER_CAP_BYTES, SSE_KEEPALIVE_MS } from '../../../shared/protocol/endpoints.js';
import type { AbuseGuard } from '../abuse/abuse-guard.js';
import type { Logger } from '../logger.js';
import { sendError } from './json-response.js';
import { welcomeText } from './wire-text.js';

export class EventStream {
  /** Open streams, with the reader's address (for the per-address cap and the log). */
  private readonly clients = new Map<ServerResponse, string | undefined>();
  private readonly unsubscribe: () => void;
  private readonly keepalive: NodeJS.Timeout;
  private nextId = 1;

  constructor(
    private readonly hub: EventFeed,
    private readonly pileup: PileupService,
    private readonly options: { maxClients: () => number; telemetry: Telemetry; guard: AbuseGuard; logger: Logger }
  ) {
    // With nobody reading, the event's text is never made (a whole queue can be hundreds of KB).
    this.unsubscribe = hub.subscribe((message, texts) => {
      if (this.clients.size > 0) this.send(`event: ${message.event}\nid: ${message.seq}\ndata: ${texts.full}\n\n`);
    });
    this.keepalive = setInterval(() => this.send(': keepalive\n\n'), SSE_KEEPALIVE_MS);
    this.keepalive.unref();
  }

  get count(): number {
    return this.clients.size;
  }

  private send(frame: string): void {
    for (const [client, address] of this.clients) {
      // A reader that does not keep up would hold ever more of the server's memory: drop it, as
      // the WebSocket does. Its browser reconnects and starts again from a fresh snapshot.
      if (client.writableLength > SEND_BUFFER_CAP_BYTES) {
        this.options.logger.warn({ remote: address, buffered: client.writableLength }, 'dropping an event stream reader too slow to keep up');
        client.destroy();
        continue;
      }
      client.write(frame);
    }
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      sendError(response, 'VALIDATION_ERROR', 'The event stream is read with GET', { status: 405, headers: { Allow: 'GET' } });
      return;
    }
    if (this.clients.size >= this.options.maxClients()) {
      sendError(response, 'RATE_LIMITED', 'Too many event streams open; try again later', { headers: { 'Retry-After': '10' } });
      return;
    }
    const address = request.socket.remoteAddress;
    if (!this.options.guard.connectionOpened(address)) {
      this.options.logger.warn({ remote: address }, 'event stream refused: too many connections from one address');
      sendError(response, 'RATE_LIMITED', 'Too many connections from your address; try again later', { headers: { 'Retry-After': '10' } });
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    });
    const seq = this.hub.seq;
    const welcome = welcomeText(seq, `sse-${this.nextId++}`, this.pileup.snapshot());
    // Browsers reconnect by themselves after this many ms when the stream drops.
    response.write(`retry: 2000\nevent: connected\nid: ${seq}\ndata: ${welcome}\n\n`);
    this.clients.set(response, address);
    this.options.telemetry.connectionOpened('sse');
    response.on('close', () => {
      this.clients.delete(response);
      this.options.guard.connectionClosed(address);
      this.options.telemetry.connectionClosed('sse');
    });
  }

  close(): void {
    clearInterval(this.keepalive);
    this.unsubscribe();
    for (const client of this.clients.keys()) client.end();
    this.clients.clear();
  }
}
