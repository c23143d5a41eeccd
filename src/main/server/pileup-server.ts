/**
 * The pileup server as one unit: datastore, pileup rules, WebSocket protocol and HTTP listener.
 * Plain Node, never Electron: the headless CLI and the desktop app both start it through here.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { loadAdminCredentials, type AdminCredentials } from './auth/admin-credentials.js';
import { resolveConfig, resolveDataDir, type Flags, type ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { isIPv4, type AddressInfo } from 'node:net';
import { advertise, SERVICE_TYPE_LABEL, type Advertisement } from './discovery.js';
import { QrzClient } from './integrations/qrz.js';
import { lookupDxcc } from './integrations/dxcc.js';
import { RigLink } from './rig/rig-link.js';
import { APP_VERSION } from './app-info.js';
import { UdpLogLink } from './integrations/wsjtx/udp-log-link.js';
import { LogImports } from './log/log-imports.js';
import { AbuseGuard, DEFAULT_LIMITS, type AbuseLimits } from './abuse/abuse-guard.js';
import { Authenticator } from './auth/authenticator.js';
import { EventHub, type EventFeed } from './pileup/event-hub.js';
import { PileupService } from './pileup/pileup-service.js';
import { PileupStore } from './store/pileup-store.js';
import type { OperationServices } from './operations/handlers.js';
import { SettingsService } from './settings-service.js';
import { loadStatusKey, type StatusKey } from './monitoring/status-key.js';
import { StatusStream } from './monitoring/status-stream.js';
import { buildStatusDocument } from './monitoring/status-document.js';
import { Telemetry } from './monitoring/telemetry.js';
import { CONSOLE_PATH, HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_TIMEOUT_CHECK_MS, STATION_PAGE_PATH, httpUrl } from '../../shared/protocol/endpoints.js';
import { EventStream } from './transport/event-stream.js';
import { createHttpApi } from './transport/http-api.js';
import { listLanAddresses, websocketUrls, type LanAddress } from './transport/lan-addresses.js';
import { createHttpRouter } from './transport/http-router.js';
import { createSitePolicy, parseAllowedHosts } from './transport/site-policy.js';
import { SocketGate, cutOffBadClient, openFileLimit } from './transport/socket-gate.js';
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
  /** Origins of pages the app itself serves from elsewhere (the console's development server), which may sign in. */
  trustedOrigins?: string[];
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

/**
 * The composition root. Each part is made after everything it uses, so reading top to bottom
 * is the order things exist in; the two places where a part is completed later (telemetry's
 * pileup figures, the HTTP server's routes) say so where they happen.
 */
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
  /** The settings in force: replaced as a whole when the operator changes them. */
  let config = initialConfig;
  const logger = options.logger ?? createLogger(config.logLevel);
  warnSink = (message) => logger.warn(message);
  for (const message of earlyWarnings) logger.warn(message);
  const credentials = await loadAdminCredentials(dataDir, config.adminUsername, config.adminPassword);
  const statusKey = await loadStatusKey(dataDir, config.statusKey);
  const startedAt = new Date();
  let stopping = false;

  const qrzFor = (c: ServerConfig) =>
    c.qrzUsername && c.qrzPassword ? new QrzClient({ username: c.qrzUsername, password: c.qrzPassword, baseUrl: c.qrzBaseUrl, logger }) : null;
  let qrz = qrzFor(config);

  // The domain: the event hub, the pileup (the only publisher), and the rig that follows it.
  const telemetry = new Telemetry();
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
  telemetry.countPileup(pileup);
  const rig = new RigLink(pileup, logger);
  const udpLog = new UdpLogLink({ events: hub, version: APP_VERSION, logger });

  // The listeners, made but not yet listening: what they will bind is known once they do.
  const http = createServer({ headersTimeout: HTTP_HEADERS_TIMEOUT_MS, requestTimeout: HTTP_REQUEST_TIMEOUT_MS, connectionsCheckingInterval: HTTP_TIMEOUT_CHECK_MS });
  http.on('clientError', cutOffBadClient);
  const guard = new AbuseGuard({ ...DEFAULT_LIMITS, ...options.abuseLimits });
  const fileLimit = openFileLimit();
  const sockets = new SocketGate({ limit: fileLimit, perAddress: guard.limits.socketsPerAddress, logger });
  sockets.watch(http);
  logger.info({ openFileLimit: fileLimit, socketBudget: sockets.budget }, 'open files allowed (Node raises the soft limit to the hard one at start), and sockets allowed open at once');
  // A name given as the address to listen on is one the server answers to as well.
  const allowedHosts = [...parseAllowedHosts(config.allowedHosts), ...(config.host ? [config.host] : [])];
  const site = createSitePolicy({ allowedHosts, trustedOrigins: options.trustedOrigins ?? [] });
  const statusStream = new StatusStream({
    key: statusKey.key,
    port: config.statusPort,
    host: config.host,
    ipv6: config.statusIpv6,
    intervalSec: config.statusIntervalSec,
    maxConnections: () => config.maxConnections,
    logger,
    telemetry,
    pileup,
    shuttingDown: () => stopping,
    sockets,
    guard,
    site
  });
  const boundPort = () => (http.address() as AddressInfo | null)?.port ?? 0;
  // Addresses follow the host bound at start; a changed host applies at the next start.
  const lanAddresses = () => listLanAddresses(initialConfig.host);
  const stationWebsocketUrls = () => websocketUrls(lanAddresses(), boundPort());
  const consoleUrls = () => lanAddresses().map((a) => httpUrl(a.address, boundPort(), CONSOLE_PATH));
  const stationPageUrls = () => lanAddresses().map((a) => httpUrl(a.address, boundPort(), STATION_PAGE_PATH));
  const consoleDir = options.consoleDir === undefined ? defaultConsoleDir() : options.consoleDir;

  const settings = new SettingsService(config, {
    statusKey: () => statusKey.key,
    flags,
    env: effectiveEnv,
    store,
    credentials,
    startedWith: initialConfig,
    running: () => ({ port: boundPort(), statusPort: statusStream.bound?.port ?? initialConfig.statusPort }),
    apply: async (next, previous) => {
      config = next;
      if (next.qrzUsername !== previous.qrzUsername || next.qrzPassword !== previous.qrzPassword) qrz = qrzFor(next);
      if (next.maxQueueSize !== previous.maxQueueSize) await pileup.announceQueueLimit();
      if (next.stationCallsign !== previous.stationCallsign || next.operatorCallsign !== previous.operatorCallsign || next.myGrid !== previous.myGrid) await pileup.announceStation();
      if (next.rigctld !== previous.rigctld) await rig.configure(next.rigctld).catch((error: unknown) => logger.warn({ err: error }, 'rig control not changed'));
      if (next.udpLog !== previous.udpLog) await udpLog.configure(next.udpLog).catch((error: unknown) => logger.warn({ err: error }, 'UDP log feed not changed'));
      logger.info({ maxQueueSize: next.maxQueueSize, maxConnections: next.maxConnections, qrz: qrz !== null }, 'settings changed');
    }
  });

  // What operations run with, whichever transport carried them.
  const services: OperationServices = {
    rig,
    imports: new LogImports((qsos, importId) => pileup.importQsos(qsos, importId)),
    pileup,
    settings,
    telemetry,
    monitoring: () => buildStatusDocument({ telemetry, pileup, shuttingDown: () => stopping }),
    server: {
      startedAt,
      connections: () => telemetry.clientConnections(),
      websocketUrls: stationWebsocketUrls,
      consoleUrls,
      stationPageUrls,
      get features() {
        return { qrz_lookup: qrz !== null, event_sequence_numbers: true, snapshot: true, console: consoleDir !== null };
      }
    }
  };

  // The transports: they translate frames and requests into operations, and events into frames.
  const authenticator = new Authenticator(credentials, options.localOperatorToken ?? null, guard, logger);
  const websocket = new PileupWebSocketServer({
    services,
    hub,
    logger,
    maxConnections: () => config.maxConnections,
    heartbeatIntervalMs: config.heartbeatIntervalSec * 1000,
    authenticator,
    guard,
    site
  });
  const events = new EventStream(hub, pileup, { maxClients: () => config.maxConnections, telemetry, guard, logger });
  const router = createHttpRouter({
    consoleDir,
    api: createHttpApi({ services, authenticator, logger, guard, site }),
    events,
    websocket,
    health: {
      dataDir,
      listeners: () => ({ pileup: http.listening, status: statusStream.bound !== null }),
      shuttingDown: () => stopping
    },
    telemetry,
    logger,
    site
  });
  // The HTTP server was made before its routes, which need the addresses it will have.
  http.on('request', router.request);
  http.on('upgrade', router.upgrade);

  let bound: BoundAddress;
  try {
    bound = await listenWithFallback(http, config.port, config.host);
  } catch (error) {
    await websocket.close();
    await store.flush();
    throw error;
  }
  if (bound.fellBack) logger.warn({ requested: bound.requestedPort, port: bound.port }, 'requested port was taken; using the next free one');
  logger.info({ port: bound.port, host: config.host ?? 'all interfaces', dataDir, console: consoleDir !== null }, 'pileup server listening');

  const { advertisement, discovery } = await advertiseOnLan(config, bound.port, logger);

  try {
    await rig.configure(config.rigctld);
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'rig control not started');
  }
  try {
    await udpLog.configure(config.udpLog);
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'UDP log feed not started');
  }

  // The status stream is for monitoring: if it cannot start, the pileup still runs, and says so.
  let statusError: string | null = null;
  try {
    const statusBound = await statusStream.listen();
    if (statusBound.fellBack) logger.warn({ requested: statusBound.requestedPort, port: statusBound.port }, 'status port was taken; using the next free one');
    logger.info({ port: statusBound.port }, 'status stream listening');
  } catch (error) {
    statusError = (error as Error).message;
    logger.error({ err: statusError }, 'status stream not started');
  }

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
    stationPageUrls,
    telemetry,
    status: { port: statusStream.bound?.port ?? null, fellBack: statusStream.bound?.fellBack ?? false, error: statusError, key: statusKey },
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
        if (statusStream.bound) await statusStream.close();
        await rig.stop();
        await udpLog.stop();
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

/** Advertises the server with DNS-SD/mDNS when configured and reachable from the LAN; never fatal. */
async function advertiseOnLan(config: ServerConfig, port: number, logger: Logger): Promise<{ advertisement: Advertisement | null; discovery: DiscoveryStatus }> {
  if (!config.discovery) return { advertisement: null, discovery: { state: 'off', reason: '' } };
  if (loopbackOnly(config.host)) return { advertisement: null, discovery: { state: 'off', reason: 'listening on this machine only' } };
  try {
    // A server bound to one IPv4 address is advertised on that interface only.
    const interfaceAddress = config.host && isIPv4(config.host) && config.host !== '0.0.0.0' ? config.host : undefined;
    const advertisement = await advertise({ port, logger, ...(interfaceAddress ? { interfaceAddress } : {}) });
    return { advertisement, discovery: { state: 'advertised', name: advertisement.name, type: SERVICE_TYPE_LABEL } };
  } catch (error) {
    logger.warn({ err: error }, 'could not advertise the server on the LAN; stations can still connect by address');
    return { advertisement: null, discovery: { state: 'failed', reason: (error as Error).message } };
  }
}

function closeHttp(http: Server): Promise<void> {
  return new Promise((resolve) => http.close(() => resolve()));
}
