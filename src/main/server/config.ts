/**
 * Server configuration. Each setting is resolved as: command-line flag, then environment
 * variable, then the settings stored in the data folder, then the default. Every value is
 * validated; a bad one stops start-up with a message naming where it came from.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PORT } from '../../shared/protocol/endpoints.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';

export interface ServerConfig {
  /** Interface to bind; null binds every interface, IPv4 and IPv6. */
  host: string | null;
  port: number;
  statusPort: number;
  dataDir: string;
  adminUsername: string;
  /** null: use (or generate) the password stored in the data folder. */
  adminPassword: string | null;
  maxQueueSize: number;
  maxConnections: number;
  heartbeatIntervalSec: number;
  qrzUsername: string | null;
  qrzPassword: string | null;
  qrzBaseUrl: string;
  logLevel: LogLevel;
  /** Advertise the server on the LAN with DNS-SD/mDNS (`_pileup-buster._tcp`). */
  discovery: boolean;
  /** Seconds between pushes on the status stream. */
  statusIntervalSec: number;
  /** The status stream's key; null: use (or generate) the one stored in the data folder. */
  statusKey: string | null;
  /** Whether the status stream also listens on IPv6. */
  statusIpv6: boolean;
  /** Minutes a worked station waits before registering again; 0 is no wait. */
  cooldownMinutes: number;
  /** A QSO shorter than this is not logged without the operator confirming; 0 turns the check off. */
  minQsoSeconds: number;
  /** Minutes a queued station's client may be gone before the station is dropped; 0 never drops. */
  dropAbsentMinutes: number;
  /** Hamlib rigctld to follow (host:port), or null for no rig control. */
  rigctld: string | null;
  /** Station settings written into every logged QSO. */
  stationCallsign: string | null;
  operatorCallsign: string | null;
  myGrid: string | null;
}

/** Settings the console may store in the data folder (a later step of start-up reads them). */
export type StoredSettings = Partial<{
  host: string | null;
  port: number;
  status_port: number;
  admin_username: string;
  max_queue_size: number;
  websocket_max_connections: number;
  websocket_heartbeat_interval: number;
  qrz_username: string | null;
  qrz_password: string | null;
  log_level: LogLevel;
  discovery: boolean;
  cooldown_minutes: number;
  min_qso_seconds: number;
  drop_absent_minutes: number;
  station_callsign: string | null;
  operator: string | null;
  my_grid: string | null;
  rigctld: string | null;
}>;

export type Flags = Partial<Record<'host' | 'port' | 'status-port' | 'data-dir' | 'rigctld', string>> & {
  /** `--no-discovery`: do not advertise the server on the LAN. */
  'no-discovery'?: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULTS = {
  port: DEFAULT_PORT,
  statusPort: 5001,
  adminUsername: 'admin',
  maxQueueSize: 4,
  maxConnections: 100,
  heartbeatIntervalSec: 30,
  qrzBaseUrl: 'https://xmldata.qrz.com/xml/current/',
  logLevel: 'info' as LogLevel,
  discovery: true,
  statusIntervalSec: 5,
  statusIpv6: true,
  cooldownMinutes: 0,
  minQsoSeconds: 2,
  dropAbsentMinutes: 0
};

/** Where the desktop app keeps its data, so the headless server and the app share one datastore. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const appFolder = 'Pileup Buster Desktop';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appFolder);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appFolder);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appFolder);
}

type Source = { value: unknown; from: string };

function pick(...candidates: Array<[unknown, string]>): Source | undefined {
  for (const [value, from] of candidates) {
    if (value !== undefined && value !== null && value !== '') return { value, from };
  }
  return undefined;
}

function integer(source: Source | undefined, fallback: number, min: number, max: number): number {
  if (!source) return fallback;
  const text = String(source.value).trim();
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(`${source.from} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

function text(source: Source | undefined): string | null {
  return source ? String(source.value) : null;
}

const ON = ['on', 'true', '1', 'yes'];
const OFF = ['off', 'false', '0', 'no'];

function onOff(source: Source | undefined, fallback: boolean): boolean {
  if (!source) return fallback;
  if (typeof source.value === 'boolean') return source.value;
  const word = String(source.value).trim().toLowerCase();
  if (ON.includes(word)) return true;
  if (OFF.includes(word)) return false;
  throw new ConfigError(`${source.from} must be on or off (${[...ON, ...OFF].join(', ')}), got "${String(source.value)}"`);
}

/** The data folder decides where stored settings live, so it is resolved first, on its own. */
export function resolveDataDir(flags: Flags, env: NodeJS.ProcessEnv): string {
  return text(pick([flags['data-dir'], '--data-dir'], [env.DATA_DIR, 'DATA_DIR'])) ?? defaultDataDir(env);
}

export function resolveConfig(flags: Flags, env: NodeJS.ProcessEnv, stored: StoredSettings = {}): ServerConfig {
  const port = (flag: string | undefined, flagName: string, envName: string, storedValue: unknown, fallback: number) =>
    integer(pick([flag, flagName], [env[envName], envName], [storedValue, `stored setting for ${flagName}`]), fallback, 0, 65535);

  const logLevelSource = pick([env.LOG_LEVEL, 'LOG_LEVEL'], [stored.log_level, 'stored log level']);
  const logLevel = (logLevelSource ? String(logLevelSource.value).toLowerCase() : DEFAULTS.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`${logLevelSource?.from} must be one of ${LOG_LEVELS.join(', ')}, got "${String(logLevelSource?.value)}"`);
  }

  const qrzUsername = text(pick([env.QRZ_USERNAME, 'QRZ_USERNAME'], [stored.qrz_username, 'stored QRZ username']));
  const qrzPassword = text(pick([env.QRZ_PASSWORD, 'QRZ_PASSWORD'], [stored.qrz_password, 'stored QRZ password']));

  return {
    host: text(pick([flags.host, '--host'], [env.HOST, 'HOST'], [stored.host, 'stored host'])),
    port: port(flags.port, '--port', 'PORT', stored.port, DEFAULTS.port),
    statusPort: port(flags['status-port'], '--status-port', 'STATUS_PORT', stored.status_port, DEFAULTS.statusPort),
    dataDir: resolveDataDir(flags, env),
    adminUsername:
      text(pick([env.ADMIN_USERNAME, 'ADMIN_USERNAME'], [stored.admin_username, 'stored admin username'])) ??
      DEFAULTS.adminUsername,
    adminPassword: text(pick([env.ADMIN_PASSWORD, 'ADMIN_PASSWORD'])),
    maxQueueSize: integer(
      pick([env.MAX_QUEUE_SIZE, 'MAX_QUEUE_SIZE'], [stored.max_queue_size, 'stored max queue size']),
      DEFAULTS.maxQueueSize,
      1,
      10_000
    ),
    maxConnections: integer(
      pick([env.WEBSOCKET_MAX_CONNECTIONS, 'WEBSOCKET_MAX_CONNECTIONS'], [stored.websocket_max_connections, 'stored max connections']),
      DEFAULTS.maxConnections,
      1,
      100_000
    ),
    heartbeatIntervalSec: integer(
      pick(
        [env.WEBSOCKET_HEARTBEAT_INTERVAL, 'WEBSOCKET_HEARTBEAT_INTERVAL'],
        [stored.websocket_heartbeat_interval, 'stored heartbeat interval']
      ),
      DEFAULTS.heartbeatIntervalSec,
      1,
      3600
    ),
    qrzUsername,
    qrzPassword,
    qrzBaseUrl: text(pick([env.QRZ_BASE_URL, 'QRZ_BASE_URL'])) ?? DEFAULTS.qrzBaseUrl,
    logLevel,
    discovery: onOff(
      pick([flags['no-discovery'] ? false : undefined, '--no-discovery'], [env.DISCOVERY, 'DISCOVERY'], [stored.discovery, 'stored discovery setting']),
      DEFAULTS.discovery
    ),
    statusIntervalSec: integer(pick([env.STATUS_INTERVAL, 'STATUS_INTERVAL']), DEFAULTS.statusIntervalSec, 1, 3600),
    // WEBSOCKET_KEY is what a Hydrogen server reads; accepting it lets an existing setup carry over.
    statusKey: text(pick([env.STATUS_KEY, 'STATUS_KEY'], [env.WEBSOCKET_KEY, 'WEBSOCKET_KEY'])),
    statusIpv6: onOff(pick([env.STATUS_IPV6, 'STATUS_IPV6']), DEFAULTS.statusIpv6),
    cooldownMinutes: integer(pick([env.COOLDOWN_MINUTES, 'COOLDOWN_MINUTES'], [stored.cooldown_minutes, 'stored cooldown']), DEFAULTS.cooldownMinutes, 0, 24 * 60),
    minQsoSeconds: integer(pick([env.MIN_QSO_SECONDS, 'MIN_QSO_SECONDS'], [stored.min_qso_seconds, 'stored minimum QSO length']), DEFAULTS.minQsoSeconds, 0, 600),
    dropAbsentMinutes: integer(pick([env.DROP_ABSENT_MINUTES, 'DROP_ABSENT_MINUTES'], [stored.drop_absent_minutes, 'stored absence limit']), DEFAULTS.dropAbsentMinutes, 0, 24 * 60),
    rigctld: text(pick([flags.rigctld, '--rigctld'], [env.RIGCTLD, 'RIGCTLD'], [stored.rigctld, 'stored rigctld address'])),
    stationCallsign: text(pick([env.STATION_CALLSIGN, 'STATION_CALLSIGN'], [stored.station_callsign, 'stored station callsign']))?.toUpperCase() ?? null,
    operatorCallsign: text(pick([env.OPERATOR, 'OPERATOR'], [stored.operator, 'stored operator']))?.toUpperCase() ?? null,
    myGrid: text(pick([env.MY_GRID, 'MY_GRID'], [stored.my_grid, 'stored grid']))
  };
}

/** The configuration table shown by `--help` and kept in step with the README. */
export const CONFIG_HELP: ReadonlyArray<[flag: string, env: string, fallback: string, meaning: string]> = [
  ['--host', 'HOST', 'all interfaces', 'Address to listen on (IPv4 and IPv6 when unset)'],
  ['--port', 'PORT', String(DEFAULT_PORT), 'Pileup WebSocket port; the next 9 are tried if it is taken'],
  ['--status-port', 'STATUS_PORT', '5001', 'Status stream port (monitoring)'],
  ['--data-dir', 'DATA_DIR', defaultDataDir(), 'Folder holding the datastore, settings and credentials'],
  ['', 'ADMIN_USERNAME', 'admin', 'Operator login name'],
  ['', 'ADMIN_PASSWORD', 'generated', 'Operator password; generated on first run and stored in the data folder when unset'],
  ['', 'MAX_QUEUE_SIZE', '4', 'Stations allowed in the queue at once'],
  ['', 'WEBSOCKET_MAX_CONNECTIONS', '100', 'Connections accepted at once; more are closed with code 1013'],
  ['', 'WEBSOCKET_HEARTBEAT_INTERVAL', '30', 'Seconds between pings; silent peers are dropped after two'],
  ['', 'QRZ_USERNAME / QRZ_PASSWORD', 'unset', 'QRZ.com XML credentials for name/QTH/grid lookups'],
  ['', 'QRZ_BASE_URL', DEFAULTS.qrzBaseUrl, 'QRZ XML endpoint'],
  ['', 'LOG_LEVEL', 'info', `One of ${LOG_LEVELS.join(', ')}`],
  ['', 'STATUS_KEY (or WEBSOCKET_KEY)', 'generated', 'Key for the status stream (Authorization: Key <key>); generated on first run when unset'],
  ['--rigctld', 'RIGCTLD', 'off', 'Follow the radio through Hamlib rigctld at HOST:PORT (127.0.0.1:4532 when switched on in settings)'],
  ['', 'STATION_CALLSIGN / OPERATOR', 'unset', 'My callsign and the operator, written into every logged QSO'],
  ['', 'MY_GRID', 'unset', 'My Maidenhead locator, for distances and beam headings'],
  ['', 'COOLDOWN_MINUTES', '0', 'Minutes a worked station must wait before registering again (0: no wait)'],
  ['', 'MIN_QSO_SECONDS', '2', 'The console asks before logging a QSO shorter than this (0: never asks)'],
  ['', 'DROP_ABSENT_MINUTES', '0', 'Drop a queued station whose client has been gone this long (0: never)'],
  ['', 'STATUS_INTERVAL', '5', 'Seconds between status stream pushes'],
  ['', 'STATUS_IPV6', 'on', 'Status stream on IPv6 too; STATUS_IPV6=off for IPv4 only'],
  ['--no-discovery', 'DISCOVERY', 'on', 'Advertise the server on the LAN (DNS-SD/mDNS, _pileup-buster._tcp); off with --no-discovery, DISCOVERY=off or the console\'s settings']
];
