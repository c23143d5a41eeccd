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
import { isIPv4 } from 'node:net';
import { advertise, SERVICE_TYPE_LABEL, type Advertisement } from './discovery.js';
import { QrzClient } from './integrations/qrz.js';
import { lookupDxcc } from './integrations/dxcc.js';
import { RigLink } from './rig/rig-link.js';
import { AbuseGuard, DEFAULT_LIMITS, type AbuseLimits } from './abuse/abuse-guard.js';
import { Authenticator } from './auth/authenticator.js';
import { EventHub, type EventFeed } from './pileup/event-hub.js';
import { PileupService } from './pileup/pileup-service.js';
import { PileupStore } from './store/pileup-store.js';
import type { OperationServices } from './operations/handlers.js';
import { SettingsService } from './settings-service.js';
import { serveHealth, serveMetrics } from './monitoring/health.js';
import { loadStatusKey, type StatusKey } from './monitoring/status-key.js';
import { StatusStream } from './monitoring/status-stream.js';
import { buildStatusDocument } from './monitoring/status-document.js';
import { Telemetry } from './monitoring/telemetry.js';
import { API_PREFIX, CONSOLE_PATH, EVENT_STREAM_PATH, STATION_PAGE_PATH, WEBSOCKET_PATH, httpUrl } from '../../shared/protocol/endpoints.js';
import { serveWebApp, webAppFile } from './transport/console-files.js';
import { EventStream } from './transport/event-stream.js';
import { createHttpApi } from './transport/http-api.js';
import { listLanAddresses, websocketUrls, type LanAddress } from './transport/lan-addresses.js';
import { sendError } from './transport/json-response.js';
import { listenWithFallback, type BoundAddress } from './transport/listen.js';
import { PileupWebSocketServer } from './transport/websocket-server.js';

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
  /** Tighter or looser abuse limits (tests use small ones so they run fast). */
  abuseLimits?: Partial<AbuseLimits>;
}

/** Whether the server is advertised on the LAN with DNS-SD/mDNS, and if not, why. */
export type DiscoveryStatus =
  | { state: 'advertised'; name: string; type: typeof SERVICE_TYPE_LABEL }
  | { state: 'off'; /** Empty when turned off by configuration. */ reason: string }
  | { state: 'failed'; reason: string };

/** A server bound to loopback only cannot be reached from the LAN, so it is not advertised there. */
function loopbackOnly(host: string | null): boolean {
  return host !== null && (host === 'localhost' || host === '::1' || /^127\./.test(host));
}

/** out/renderer of this checkout, when it has been built: next to out/server when bundled, or from src/main/server. */
export function defaultConsoleDir(): string | null {
  const candidates = [join(import.meta.dirname, '..', 'renderer'), join(import.meta.dirname, '..', '..', '..', 'out', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

export interface PileupServer {
  readonly config: ServerConfig;
  readonly bound: BoundAddress;
  readonly port: number;
  readonly credentials: AdminCredentials;
  readonly pileup: PileupService;
  readonly hub: EventFeed;
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
  /** Where stations open the station page to join the queue. */
  stationPageUrls(): string[];
  readonly telemetry: Telemetry;
  /** The status stream: where it listens and its key, or why it did not start. */
  readonly status: { port: number | null; fellBack: boolean; error: string | null; key: StatusKey };
  /** The built console being served, or null when it has not been built. */
  readonly consoleDir: string | null;
  /** LAN discovery (DNS-SD `_pileup-buster._tcp`): advertised, off, or failed (never fatal). */
  readonly discovery: DiscoveryStatus;
  readonly stopping: boolean;
  /** Closes clients with 1001, finishes queued writes, compacts the files and stops listening. */
  stop(): Promise<void>;
}

export async function startPileupServer(options: StartOptions = {}): Promise<PileupServer> {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const dataDir = options.dataDir ?? resolveDataDir(flags, env);
  // The store may warn (a torn last line set aside) before the logger exists: hold those until it does.
  const earlyWarnings: string[] = [];
  let warnSink: (message: string) => void = (message) => {
    earlyWarnings.push(message);
  };
  const store = await PileupStore.open(dataDir, { warn: (message) => warnSink(message) });
  const effectiveEnv = { ...env, DATA_DIR: dataDir };
  const initialConfig = resolveConfig(flags, effectiveEnv, await store.getSettings());
  let config = initialConfig;
  const logger = options.logger ?? createLogger(config.logLevel);
  warnSink = (message) => logger.warn(message);
  for (const message of earlyWarnings) logger.warn(message);
  const credentials = await loadAdminCredentials(dataDir, config.adminUsername, config.adminPassword);
  const statusKey = await loadStatusKey(dataDir, config.statusKey);

  const qrzFor = (c: ServerConfig) =>
    c.qrzUsername && c.qrzPassword ? new QrzClient({ username: c.qrzUsername, password: c.qrzPassword, baseUrl: c.qrzBaseUrl, logger }) : null;
  let qrz = qrzFor(config);
  // Telemetry reads the pileup lazily, only when a status or a scrape asks.
  const telemetry: Telemetry = new Telemetry({ queueLength: () => pileup.queueLength, qsosLogged: () => pileup.qsosLogged });
  const hub = new EventHub((seconds) => telemetry.eventFanout(seconds));
  const pileup = await PileupService.open(store, hub, {
    maxQueueSize: () => config.maxQueueSize,
    cooldownMinutes: () => config.cooldownMinutes,
    minQsoSeconds: () => config.minQsoSeconds,
    dropAbsentMinutes: () => config.dropAbsentMinutes,
    station: () => ({ stationCallsign: config.stationCallsign, operatorCallsign: config.operatorCallsign, myGrid: config.myGrid }),
    country: lookupDxcc,
    lookup: (callsign) => (qrz ? qrz.lookup(callsign) : Promise.resolve(null)),
    logger
  });
  const consoleDir = options.consoleDir === undefined ? defaultConsoleDir() : options.consoleDir;
  let bound: BoundAddress | undefined;
  // Addresses follow what was bound at start; a changed host applies at the next start.
  const lanAddresses = () => listLanAddresses(initialConfig.host);
  const boundPort = () => bound?.port ?? 0;
  const stationWebsocketUrls = () => websocketUrls(lanAddresses(), boundPort());
  const consoleUrls = () => lanAddresses().map((a) => httpUrl(a.address, boundPort(), CONSOLE_PATH));
  const stationPageUrls = () => lanAddresses().map((a) => httpUrl(a.address, boundPort(), STATION_PAGE_PATH));

  const settings = new SettingsService(config, {
    statusKey: () => statusKey.key,
    flags,
    env: effectiveEnv,
    store,
    credentials,
    startedWith: initialConfig,
    running: () => ({ port: boundPort(), statusPort: statusStream?.bound?.port ?? initialConfig.statusPort }),
    apply: async (next, previous) => {
      config = next;
      if (next.qrzUsername !== previous.qrzUsername || next.qrzPassword !== previous.qrzPassword) qrz = qrzFor(next);
      if (next.maxQueueSize !== previous.maxQueueSize) await pileup.announceQueueLimit();
      if (next.rigctld !== previous.rigctld) await rig.configure(next.rigctld).catch((error: unknown) => logger.warn({ err: error }, 'rig control not changed'));
      logger.info({ maxQueueSize: next.maxQueueSize, maxConnections: next.maxConnections, qrz: qrz !== null }, 'settings changed');
    }
  });

  const startedAt = new Date();
  const guard = new AbuseGuard({ ...DEFAULT_LIMITS, ...options.abuseLimits });
  const authenticator = new Authenticator(credentials, options.localOperatorToken ?? null, guard, logger);
  const rig = new RigLink(pileup, logger);
  const services: OperationServices = {
    rig,
    pileup,
    settings,
    telemetry,
    monitoring: () => buildStatusDocument({ telemetry, pileup, shuttingDown: () => stopping }),
    server: {
      startedAt,
      connections: () => {
        const ws = websocket.counts();
        return { total: ws.total + events.count, authenticated: ws.authenticated };
      },
      websocketUrls: stationWebsocketUrls,
      consoleUrls,
      stationPageUrls,
      get features() {
        return { qrz_lookup: qrz !== null, event_sequence_numbers: true, snapshot: true, console: consoleDir !== null };
      }
    }
  };
  const websocket = new PileupWebSocketServer({
    services,
    hub,
    logger,
    maxConnections: () => config.maxConnections,
    heartbeatIntervalMs: config.heartbeatIntervalSec * 1000,
    authenticator,
    guard
  });

  const events = new EventStream(hub, pileup, () => config.maxConnections, telemetry);
  let stopping = false;
  let statusStream: StatusStream | null = null;
  const health = {
    dataDir,
    listeners: () => ({ pileup: http.listening, status: statusStream?.bound !== null && statusStream !== null }),
    shuttingDown: () => stopping
  };
  const api = createHttpApi({ services, authenticator, logger, guard });
  const handleHttp = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const webFile = webAppFile(path);
    if (path === '/console') {
      response.writeHead(308, { Location: CONSOLE_PATH }).end();
    } else if (webFile) {
      await serveWebApp(consoleDir, request, response, webFile.file, webFile.page);
    } else if (path === EVENT_STREAM_PATH) {
      events.handle(request, response);
    } else if (path === '/healthz') {
      await serveHealth(health, response);
    } else if (path === '/metrics') {
      await serveMetrics(telemetry, response);
    } else if (path.startsWith(API_PREFIX)) {
      await api(request, response, url);
    } else if (path === WEBSOCKET_PATH) {
      sendError(response, 'INVALID_MESSAGE', 'This endpoint speaks WebSocket', { status: 426, headers: { Upgrade: 'websocket' } });
    } else {
      sendError(response, 'NOT_FOUND', `Nothing at ${path.slice(0, 200)}`);
    }
  };

  const http = createServer((request, response) => {
    void handleHttp(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'HTTP request failed');
      if (!response.headersSent) sendError(response, 'INTERNAL_ERROR', 'The server failed to answer; see its log');
      else response.destroy();
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

  let advertisement: Advertisement | null = null;
  let discovery: DiscoveryStatus;
  if (!config.discovery) {
    discovery = { state: 'off', reason: '' };
  } else if (loopbackOnly(config.host)) {
    discovery = { state: 'off', reason: 'listening on this machine only' };
  } else {
    try {
      // A server bound to one IPv4 address is advertised on that interface only.
      const interfaceAddress = config.host && isIPv4(config.host) && config.host !== '0.0.0.0' ? config.host : undefined;
      advertisement = await advertise({ port: bound.port, logger, ...(interfaceAddress ? { interfaceAddress } : {}) });
      discovery = { state: 'advertised', name: advertisement.name, type: SERVICE_TYPE_LABEL };
    } catch (error) {
      logger.warn({ err: error }, 'could not advertise the server on the LAN; stations can still connect by address');
      discovery = { state: 'failed', reason: (error as Error).message };
    }
  }

  let stopped: Promise<void> | null = null;

  try {
    await rig.configure(config.rigctld);
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'rig control not started');
  }

  // The status stream is for monitoring: if it cannot start, the pileup still runs, and says so.
  let statusError: string | null = null;
  const candidate = new StatusStream({
    key: statusKey.key,
    port: config.statusPort,
    host: config.host,
    ipv6: config.statusIpv6,
    intervalSec: config.statusIntervalSec,
    maxConnections: () => config.maxConnections,
    logger,
    telemetry,
    pileup,
    shuttingDown: () => stopping
  });
  try {
    const statusBound = await candidate.listen();
    statusStream = candidate;
    if (statusBound.fellBack) logger.warn({ requested: statusBound.requestedPort, port: statusBound.port }, 'status port was taken; using the next free one');
    logger.info({ port: statusBound.port }, 'status stream listening');
  } catch (error) {
    statusError = (error as Error).message;
    logger.error({ err: statusError }, 'status stream not started');
  }

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
    stationPageUrls,
    telemetry,
    status: { port: statusStream?.bound?.port ?? null, fellBack: statusStream?.bound?.fellBack ?? false, error: statusError, key: statusKey },
    consoleDir,
    discovery,
    get stopping() {
      return stopping;
    },
    stop() {
      stopping = true;
      stopped ??= (async () => {
        logger.info('stopping: closing client connections');
        // Monitors hear shutting_down: true before their stream closes.
        await statusStream?.close();
        await rig.stop();
        await advertisement?.stop().catch((error: unknown) => logger.warn({ err: error }, 'could not withdraw the LAN advertisement'));
        const httpClosed = closeHttp(http);
        events.close();
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
