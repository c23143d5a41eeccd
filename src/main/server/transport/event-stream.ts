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
import { SSE_KEEPALIVE_MS } from '../../../shared/protocol/endpoints.js';
import { sendError } from './json-response.js';
import { welcomeText } from './wire-text.js';

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private readonly keepalive: NodeJS.Timeout;
  private nextId = 1;

  constructor(
    private readonly hub: EventFeed,
    private readonly pileup: PileupService,
    private readonly maxClients: () => number,
    private readonly telemetry: Telemetry
  ) {
    this.unsubscribe = hub.subscribe((text, message) => {
      const frame = `event: ${message.event}\nid: ${message.seq}\ndata: ${text}\n\n`;
      for (const client of this.clients) client.write(frame);
    });
    this.keepalive = setInterval(() => {
      for (const client of this.clients) client.write(': keepalive\n\n');
    }, SSE_KEEPALIVE_MS);
    this.keepalive.unref();
  }

  get count(): number {
    return this.clients.size;
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      sendError(response, 'VALIDATION_ERROR', 'The event stream is read with GET', { status: 405, headers: { Allow: 'GET' } });
      return;
    }
    if (this.clients.size >= this.maxClients()) {
      sendError(response, 'RATE_LIMITED', 'Too many event streams open; try again later', { headers: { 'Retry-After': '10' } });
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
    this.clients.add(response);
    this.telemetry.connectionOpened('sse');
    request.on('close', () => {
      this.clients.delete(response);
      this.telemetry.connectionClosed('sse');
    });
  }

  close(): void {
    clearInterval(this.keepalive);
    this.unsubscribe();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
