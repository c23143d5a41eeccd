/**
 * Which part of the server answers an HTTP request or a WebSocket upgrade, by path. Every path
 * comes from shared/protocol/endpoints.ts; the parts themselves do the answering.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { API_PREFIX, CONSOLE_PATH, EVENT_STREAM_PATH, HEALTH_PATH, METRICS_PATH, OVERLAY_PATH, WEBSOCKET_PATH } from '../../../shared/protocol/endpoints.js';
import type { Logger } from '../logger.js';
import { serveHealth, serveMetrics, type HealthSources } from '../monitoring/health.js';
import type { Telemetry } from '../monitoring/telemetry.js';
import { serveWebApp, webAppFile } from './console-files.js';
import type { EventStream } from './event-stream.js';
import type { HttpApi } from './http-api.js';
import { sendError } from './json-response.js';
import type { SitePolicy } from './site-policy.js';
import { answerAndClose } from './socket-gate.js';
import { SummedWarning } from '../summed-warning.js';
import type { PileupWebSocketServer } from './websocket-server.js';

export interface HttpRoutes {
  /** The built console and station page, or null when they have not been built. */
  consoleDir: string | null;
  api: HttpApi;
  events: EventStream;
  websocket: PileupWebSocketServer;
  health: HealthSources;
  telemetry: Telemetry;
  logger: Logger;
  site: SitePolicy;
}

/** Said to a browser that reached the server by a name it does not answer to. */
function unknownHostMessage(host: string): string {
  return `This server does not answer to the name ${host.slice(0, 200)}; open it by its address, or add the name to ALLOWED_HOSTS`;
}

export function createHttpRouter(routes: HttpRoutes): {
  request(request: IncomingMessage, response: ServerResponse): void;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
} {
  // A rebinding page can send these as fast as it likes: summed up, not one line each.
  const refusedRequests = new SummedWarning(routes.logger, 'request refused: it names a host this server does not answer to');
  const refusedSockets = new SummedWarning(routes.logger, 'WebSocket refused: it names a host this server does not answer to');
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const webFile = webAppFile(path);
    if (!routes.site.hostAllowed(request)) {
      refusedRequests.note({ host: request.headers.host?.slice(0, 200), remote: request.socket.remoteAddress, path: path.slice(0, 200) });
      sendError(response, 'UNAUTHORIZED', unknownHostMessage(request.headers.host ?? ''), { status: 403 });
    } else if (path === CONSOLE_PATH.replace(/\/$/, '')) {
      response.writeHead(308, { Location: CONSOLE_PATH }).end();
    } else if (path === `${OVERLAY_PATH}/`) {
      // The page's assets are relative to /overlay, so a trailing slash would lose them.
      response.writeHead(308, { Location: `${OVERLAY_PATH}${url.search}` }).end();
    } else if (webFile) {
      await serveWebApp(routes.consoleDir, request, response, webFile.file, webFile.page);
    } else if (path === EVENT_STREAM_PATH) {
      routes.events.handle(request, response);
    } else if (path === HEALTH_PATH) {
      await serveHealth(routes.health, response);
    } else if (path === METRICS_PATH) {
      await serveMetrics(routes.telemetry, response);
    } else if (path.startsWith(API_PREFIX)) {
      await routes.api(request, response, url);
    } else if (path === WEBSOCKET_PATH) {
      sendError(response, 'INVALID_MESSAGE', 'This endpoint speaks WebSocket', { status: 426, headers: { Upgrade: 'websocket' } });
    } else {
      sendError(response, 'NOT_FOUND', `Nothing at ${path.slice(0, 200)}`);
    }
  };
  return {
    request(request, response) {
      void answer(request, response).catch((error: unknown) => {
        routes.logger.error({ err: error }, 'HTTP request failed');
        if (!response.headersSent) sendError(response, 'INTERNAL_ERROR', 'The server failed to answer; see its log');
        else response.destroy();
      });
    },
    upgrade(request, socket, head) {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
      if (!routes.site.hostAllowed(request)) {
        refusedSockets.note({ host: request.headers.host?.slice(0, 200), remote: request.socket.remoteAddress });
        answerAndClose(socket, 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      if (path === WEBSOCKET_PATH) {
        routes.websocket.handleUpgrade(request, socket, head);
        return;
      }
      answerAndClose(socket, 'HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
}
