/**
 * The pileup server as one unit: datastore, pileup rules, WebSocket protocol and HTTP listener.
 * Plain Node, never Electron: the headless CLI and the desktop app both start it through here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { loadAdminCredentials, type AdminCredentials } from './auth/admin-credentials.js';
import { resolveConfig, resolveDataDir, type Flags, type ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { QrzClient } from './integrations/qrz.js';
import { EventHub } from './pileup/event-hub.js';
import { PileupService } from './pileup/pileup-service.js';
import { PileupStore } from './store/pileup-store.js';
import { listLanAddresses, websocketUrls, type LanAddress } from './transport/lan-addresses.js';
import { listenWithFallback, type BoundAddress } from './transport/listen.js';
import { PileupWebSocketServer, WEBSOCKET_PATH } from './transport/websocket-server.js';

export interface StartOptions {
  flags?: Flags;
  env?: NodeJS.ProcessEnv;
  /** Overrides --data-dir / DATA_DIR (the desktop app passes its user-data folder). */
  dataDir?: string;
  logger?: Logger;
}

export interface PileupServer {
  readonly config: ServerConfig;
  readonly bound: BoundAddress;
  readonly port: number;
  readonly credentials: AdminCredentials;
  readonly pileup: PileupService;
  readonly hub: EventHub;
  readonly store: PileupStore;
  readonly websocket: PileupWebSocketServer;
  readonly logger: Logger;
  readonly startedAt: Date;
  /** Addresses this machine has, LAN first, and the WebSocket URLs built from them. */
  lanAddresses(): LanAddress[];
  websocketUrls(): string[];
  readonly stopping: boolean;
  /** Closes clients with 1001, finishes queued writes, compacts the files and stops listening. */
  stop(): Promise<void>;
}

export async function startPileupServer(options: StartOptions = {}): Promise<PileupServer> {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const dataDir = options.dataDir ?? resolveDataDir(flags, env);
  const store = await PileupStore.open(dataDir);
  const config = resolveConfig(flags, { ...env, DATA_DIR: dataDir }, await store.getSettings());
  const logger = options.logger ?? createLogger(config.logLevel);
  const credentials = await loadAdminCredentials(dataDir, config.adminUsername, config.adminPassword);

  const qrz =
    config.qrzUsername && config.qrzPassword
      ? new QrzClient({ username: config.qrzUsername, password: config.qrzPassword, baseUrl: config.qrzBaseUrl, logger })
      : null;
  const hub = new EventHub();
  const pileup = await PileupService.open(store, hub, {
    maxQueueSize: () => config.maxQueueSize,
    lookup: qrz ? (callsign) => qrz.lookup(callsign) : null,
    logger
  });

  const startedAt = new Date();
  const websocket = new PileupWebSocketServer({
    pileup,
    hub,
    credentials,
    logger,
    maxConnections: () => config.maxConnections,
    heartbeatIntervalMs: config.heartbeatIntervalSec * 1000,
    facts: { startedAt, features: { qrz_lookup: qrz !== null, event_sequence_numbers: true, snapshot: true } }
  });

  const http = createServer((request, response) => handleHttp(request, response));
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    if (path === WEBSOCKET_PATH) {
      websocket.handleUpgrade(request, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  let bound: BoundAddress;
  try {
    bound = await listenWithFallback(http, config.port, config.host);
  } catch (error) {
    await websocket.close();
    await store.flush();
    throw error;
  }
  if (bound.fellBack) logger.warn({ requested: bound.requestedPort, port: bound.port }, 'requested port was taken; using the next free one');
  logger.info({ port: bound.port, host: config.host ?? 'all interfaces', dataDir }, 'pileup server listening');

  let stopping = false;
  let stopped: Promise<void> | null = null;

  const server: PileupServer = {
    config,
    bound,
    port: bound.port,
    credentials,
    pileup,
    hub,
    store,
    websocket,
    logger,
    startedAt,
    lanAddresses: () => listLanAddresses(config.host),
    websocketUrls: () => websocketUrls(listLanAddresses(config.host), bound.port, WEBSOCKET_PATH),
    get stopping() {
      return stopping;
    },
    stop() {
      stopping = true;
      stopped ??= (async () => {
        logger.info('stopping: closing client connections');
        const httpClosed = closeHttp(http);
        await websocket.close();
        await pileup.drain();
        await store.flush();
        http.closeAllConnections();
        await httpClosed;
        logger.info('stopped; datastore flushed');
      })();
      return stopped;
    }
  };
  return server;
}

function closeHttp(http: Server): Promise<void> {
  return new Promise((resolve) => http.close(() => resolve()));
}

function handleHttp(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method === 'GET' && path === '/') {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`Pileup Buster Desktop server.\nWebSocket protocol endpoint: ${WEBSOCKET_PATH}\n`);
    return;
  }
  if (path === WEBSOCKET_PATH) {
    response.writeHead(426, { 'Content-Type': 'application/json', Upgrade: 'websocket' });
    response.end(JSON.stringify({ error: 'This endpoint speaks WebSocket', error_code: 'INVALID_MESSAGE' }));
    return;
  }
  response.writeHead(404, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ error: `Nothing at ${path}`, error_code: 'NOT_FOUND' }));
}
