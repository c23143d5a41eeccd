/**
 * The pileup server as one unit: datastore, pileup rules, WebSocket protocol and HTTP listener.
 * Plain Node, never Electron: the headless CLI and the desktop app both start it through here.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { loadAdminCredentials, type AdminCredentials } from './auth/admin-credentials.js';
import { resolveConfig, resolveDataDir, type Flags, type ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { QrzClient } from './integrations/qrz.js';
import { EventHub } from './pileup/event-hub.js';
import { PileupService } from './pileup/pileup-service.js';
import { PileupStore } from './store/pileup-store.js';
import { SettingsService } from './settings-service.js';
import { CONSOLE_PATH, serveConsole } from './transport/console-files.js';
import { listLanAddresses, urlHost, websocketUrls, type LanAddress } from './transport/lan-addresses.js';
import { listenWithFallback, type BoundAddress } from './transport/listen.js';
import { PileupWebSocketServer, WEBSOCKET_PATH } from './transport/websocket-server.js';

export interface StartOptions {
  flags?: Flags;
  env?: NodeJS.ProcessEnv;
  /** Overrides --data-dir / DATA_DIR (the desktop app passes its user-data folder). */
  dataDir?: string;
  logger?: Logger;
  /**
   * A secret the desktop app hands its own console, so the local operator never types a
   * password. Any connection that presents it in an `auth` message is the operator.
   */
  localOperatorToken?: string;
  /** The built console to serve at /console/; by default the project's out/renderer when built. */
  consoleDir?: string | null;
}

/** out/renderer of this checkout, when it has been built (the CLI runs from source). */
export function defaultConsoleDir(): string | null {
  const dir = join(import.meta.dirname, '..', '..', '..', 'out', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : null;
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
  readonly settings: SettingsService;
  readonly logger: Logger;
  readonly startedAt: Date;
  /** Addresses this machine has, LAN first, and the WebSocket URLs built from them. */
  lanAddresses(): LanAddress[];
  websocketUrls(): string[];
  /** Where a browser on the LAN opens the console. */
  consoleUrls(): string[];
  /** The built console being served, or null when it has not been built. */
  readonly consoleDir: string | null;
  readonly stopping: boolean;
  /** Closes clients with 1001, finishes queued writes, compacts the files and stops listening. */
  stop(): Promise<void>;
}

export async function startPileupServer(options: StartOptions = {}): Promise<PileupServer> {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const dataDir = options.dataDir ?? resolveDataDir(flags, env);
  const store = await PileupStore.open(dataDir);
  const effectiveEnv = { ...env, DATA_DIR: dataDir };
  const initialConfig = resolveConfig(flags, effectiveEnv, await store.getSettings());
  let config = initialConfig;
  const logger = options.logger ?? createLogger(config.logLevel);
  const credentials = await loadAdminCredentials(dataDir, config.adminUsername, config.adminPassword);

  const qrzFor = (c: ServerConfig) =>
    c.qrzUsername && c.qrzPassword ? new QrzClient({ username: c.qrzUsername, password: c.qrzPassword, baseUrl: c.qrzBaseUrl, logger }) : null;
  let qrz = qrzFor(config);
  const hub = new EventHub();
  const pileup = await PileupService.open(store, hub, {
    maxQueueSize: () => config.maxQueueSize,
    lookup: (callsign) => (qrz ? qrz.lookup(callsign) : Promise.resolve(null)),
    logger
  });
  const consoleDir = options.consoleDir === undefined ? defaultConsoleDir() : options.consoleDir;
  let bound: BoundAddress | undefined;
  // Addresses follow what was bound at start; a changed host applies at the next start.
  const lanAddresses = () => listLanAddresses(initialConfig.host);
  const boundPort = () => bound?.port ?? 0;
  const stationWebsocketUrls = () => websocketUrls(lanAddresses(), boundPort(), WEBSOCKET_PATH);
  const consoleUrls = () => lanAddresses().map((a) => `http://${urlHost(a.address)}:${boundPort()}${CONSOLE_PATH}`);

  const settings = new SettingsService(config, {
    flags,
    env: effectiveEnv,
    store,
    credentials,
    running: () => ({
      port: boundPort(),
      requestedPort: initialConfig.port,
      statusPort: initialConfig.statusPort,
      host: initialConfig.host,
      heartbeatIntervalSec: initialConfig.heartbeatIntervalSec
    }),
    apply: (next, previous) => {
      config = next;
      if (next.qrzUsername !== previous.qrzUsername || next.qrzPassword !== previous.qrzPassword) qrz = qrzFor(next);
      // max_size is part of every queue snapshot, so stations see the new limit at once.
      if (next.maxQueueSize !== previous.maxQueueSize) hub.publish('queue_update', pileup.getQueue());
      logger.info({ maxQueueSize: next.maxQueueSize, maxConnections: next.maxConnections, qrz: qrz !== null }, 'settings changed');
    }
  });

  const startedAt = new Date();
  const websocket = new PileupWebSocketServer({
    pileup,
    hub,
    credentials,
    logger,
    maxConnections: () => config.maxConnections,
    heartbeatIntervalMs: config.heartbeatIntervalSec * 1000,
    localOperatorToken: options.localOperatorToken ?? null,
    settings,
    facts: {
      startedAt,
      websocketUrls: stationWebsocketUrls,
      consoleUrls,
      get features() {
        return { qrz_lookup: qrz !== null, event_sequence_numbers: true, snapshot: true, console: consoleDir !== null };
      }
    }
  });

  const http = createServer((request, response) => {
    void handleHttp(request, response, consoleDir).catch((error: unknown) => {
      logger.error({ err: error }, 'HTTP request failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    if (path === WEBSOCKET_PATH) {
      websocket.handleUpgrade(request, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  try {
    bound = await listenWithFallback(http, config.port, config.host);
  } catch (error) {
    await websocket.close();
    await store.flush();
    throw error;
  }
  if (bound.fellBack) logger.warn({ requested: bound.requestedPort, port: bound.port }, 'requested port was taken; using the next free one');
  logger.info({ port: bound.port, host: config.host ?? 'all interfaces', dataDir, console: consoleDir !== null }, 'pileup server listening');

  let stopping = false;
  let stopped: Promise<void> | null = null;

  const listening = bound;
  const server: PileupServer = {
    get config() {
      return config;
    },
    bound: listening,
    port: listening.port,
    credentials,
    pileup,
    hub,
    store,
    websocket,
    settings,
    logger,
    startedAt,
    lanAddresses,
    websocketUrls: stationWebsocketUrls,
    consoleUrls,
    consoleDir,
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

async function handleHttp(request: IncomingMessage, response: ServerResponse, consoleDir: string | null): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/console') {
    response.writeHead(308, { Location: CONSOLE_PATH }).end();
    return;
  }
  if (path.startsWith(CONSOLE_PATH)) {
    await serveConsole(consoleDir, request, response, path);
    return;
  }
  if (request.method === 'GET' && path === '/') {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`Pileup Buster Desktop server.\nWebSocket protocol endpoint: ${WEBSOCKET_PATH}\nOperator console: ${CONSOLE_PATH}\n`);
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
