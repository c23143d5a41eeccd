/**
 * The settings table: the one definition of every server setting. Configuration at start-up
 * (flag, then environment, then stored, then default), `--help`, the README's configuration
 * table, the settings operations (what may be changed, its schema, what is fixed, what waits for
 * a restart) and the console's settings form are all derived from it.
 *
 * Plain zod and no Node: the console reads it too.
 */
import { z } from 'zod';
import { isValidCallsign } from './callsign.js';
import { isValidGrid } from './ham/maidenhead.js';
import { DEFAULT_PORT, LOCAL_CONNECTIONS_RESERVED } from './protocol/endpoints.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where Hamlib's rigctld listens unless told otherwise: what switching rig control on fills in. */
export const USUAL_RIGCTLD_ADDRESS = '127.0.0.1:4532';

/** Where a logger on this machine listens for WSJT-X (port 2237): what switching the UDP log feed on fills in. */
export const USUAL_UDP_LOG_TARGET = '127.0.0.1:2237';

/** The shortest status key accepted; a generated one is this long. */
export const STATUS_KEY_MIN_LENGTH = 32;

/**
 * A status key as people may set it: long, without spaces (a presented key is trimmed, so a key
 * with them could never be presented), and not one character over and over.
 */
export const statusKeySchema = z
  .string()
  .min(STATUS_KEY_MIN_LENGTH, `must be at least ${STATUS_KEY_MIN_LENGTH} characters (a shorter key could be guessed)`)
  .regex(/^\S+$/, 'must not contain spaces')
  .refine((key) => new Set(key).size >= 8, 'must mix at least 8 different characters (a key of one repeated character could be guessed)');

/** How a value written as text (a flag or a variable) is read. */
export type TextForm = 'integer' | 'text' | 'on-off' | 'word';

export interface SettingSpec<S extends z.ZodType = z.ZodType> {
  /** The command-line flag, without `--` (`no-discovery` switches a setting off). */
  flag?: string;
  /** The flag may be given more than once; its values are joined with commas. */
  repeatable?: true;
  /** Environment variables, the first preferred. */
  env: readonly string[];
  /** The key it is stored under in the data folder and named by in the protocol; none when it cannot be stored. */
  stored?: string;
  /** Kept somewhere of its own (the admin password's credentials file), never with the stored settings. */
  keptApart?: true;
  /** Whether the console may change it (it is then stored). */
  console: boolean;
  /** The value, however it was given. */
  schema: S;
  /** A stricter rule for a value set from the console, where it differs (a new admin password). */
  changeSchema?: z.ZodType;
  textForm: TextForm;
  default: z.infer<S>;
  /** The default as the help shows it, when the value alone does not say it. */
  defaultText?: string;
  /** Applied while running, or only at the next start. */
  applies: 'now' | 'next start';
  /** A secret is never shown back: the view says only whether it is set. */
  secret?: boolean;
  /** Its label in the console's settings form; a setting without one is not in the form. */
  label?: string;
  /** One line for the console's form. */
  hint?: string;
  /** For `--help` and the README. */
  help: string;
}

/** Keeps each entry's literal shape (which keys it has, console or not) while checking its default against its schema. */
function setting<const T extends SettingSpec>(spec: T & SettingSpec<T['schema']>): T {
  return spec;
}

const port = z.number().int().min(0).max(65535);
const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
/** An optional text setting: null, or "" from a client, clears it. */
function clearable<S extends z.ZodType<string | null, string | null>>(schema: S) {
  return z.union([z.literal(''), schema]).transform((value) => (value === '' ? null : (value as z.output<S>)));
}
const optionalText = (max: number) => clearable(z.string().trim().min(1).max(max).nullable());
const callsign = clearable(
  z
    .string()
    .trim()
    .toUpperCase()
    .min(1)
    .max(20)
    .refine(isValidCallsign, { error: (issue) => `"${String(issue.input)}" is not a valid callsign` })
    .nullable()
);

export const SETTINGS = {
  host: setting({
    flag: 'host',
    env: ['HOST'],
    stored: 'host',
    console: true,
    schema: optionalText(255),
    textForm: 'text',
    default: null,
    defaultText: 'all interfaces',
    applies: 'next start',
    help: 'Address to listen on. When unset, it listens on every interface, IPv4 and IPv6.'
  }),
  port: setting({
    flag: 'port',
    env: ['PORT'],
    stored: 'port',
    console: true,
    schema: port,
    textForm: 'integer',
    default: DEFAULT_PORT,
    applies: 'next start',
    label: 'Pileup port',
    help: 'Pileup WebSocket port. If it is taken, the next 9 are tried, and the one used is printed.'
  }),
  statusPort: setting({
    flag: 'status-port',
    env: ['STATUS_PORT'],
    stored: 'status_port',
    console: true,
    schema: port,
    textForm: 'integer',
    default: 5001,
    applies: 'next start',
    label: 'Status stream port',
    help: 'Port for the monitoring status stream. If it is taken, the next 9 are tried, and the one used is printed.'
  }),
  statusKey: setting({
    env: ['STATUS_KEY', 'WEBSOCKET_KEY'],
    console: false,
    // As long as a generated one: a short key could be guessed.
    schema: statusKeySchema.nullable(),
    textForm: 'text',
    default: null,
    defaultText: 'generated',
    applies: 'next start',
    secret: true,
    help: `Key for the status stream (WEBSOCKET_KEY is what a Hydrogen server reads), at least ${STATUS_KEY_MIN_LENGTH} characters, no spaces. When unset, a ${STATUS_KEY_MIN_LENGTH}-character key is generated on first run, stored in \`status-key.json\` (readable only by you) and shown in the console’s settings.`
  }),
  statusIntervalSec: setting({
    env: ['STATUS_INTERVAL'],
    console: false,
    schema: wholeNumber(1, 3600),
    textForm: 'integer',
    default: 5,
    applies: 'next start',
    help: 'Seconds between status pushes.'
  }),
  statusIpv6: setting({
    env: ['STATUS_IPV6'],
    console: false,
    schema: z.boolean(),
    textForm: 'on-off',
    default: true,
    applies: 'next start',
    help: 'Whether the status stream also listens on IPv6.'
  }),
  dataDir: setting({
    flag: 'data-dir',
    env: ['DATA_DIR'],
    console: false,
    schema: z.string().min(1).nullable(),
    textForm: 'text',
    default: null,
    defaultText: 'the app’s data folder¹',
    applies: 'next start',
    help: 'Holds the datastore, settings and admin credentials.'
  }),
  adminUsername: setting({
    env: ['ADMIN_USERNAME'],
    stored: 'admin_username',
    console: false,
    schema: z.string().trim().min(1).max(64),
    textForm: 'text',
    default: 'admin',
    applies: 'now',
    help: 'Operator login name.'
  }),
  adminPassword: setting({
    env: ['ADMIN_PASSWORD'],
    stored: 'admin_password',
    keptApart: true,
    console: true,
    schema: z.string().min(1).max(200).nullable(),
    changeSchema: z.string().min(8, 'admin_password must be at least 8 characters').max(200),
    textForm: 'text',
    default: null,
    defaultText: 'generated',
    applies: 'now',
    secret: true,
    label: 'New password',
    hint: 'At least 8 characters; leave blank to keep.',
    help: 'Operator password. When unset, one is generated on first run and kept in the data folder.'
  }),
  maxQueueSize: setting({
    env: ['MAX_QUEUE_SIZE'],
    stored: 'max_queue_size',
    console: true,
    schema: wholeNumber(1, 10_000),
    textForm: 'integer',
    default: 4,
    applies: 'now',
    label: 'Queue size',
    hint: 'Stations waiting at once. Applies now.',
    help: 'Stations allowed in the queue at once.'
  }),
  maxConnections: setting({
    env: ['WEBSOCKET_MAX_CONNECTIONS'],
    stored: 'websocket_max_connections',
    console: true,
    schema: wholeNumber(1, 100_000),
    textForm: 'integer',
    default: 100,
    applies: 'now',
    label: 'Max connections',
    hint: 'Clients connected at once. Applies now.',
    help: `Connections allowed at once. Any more are closed with code 1013, except ${LOCAL_CONNECTIONS_RESERVED} kept for this machine, so the operator's console always gets in.`
  }),
  heartbeatIntervalSec: setting({
    env: ['WEBSOCKET_HEARTBEAT_INTERVAL'],
    stored: 'websocket_heartbeat_interval',
    console: true,
    schema: wholeNumber(1, 3600),
    textForm: 'integer',
    default: 30,
    applies: 'next start',
    help: 'Seconds between pings. A peer that misses one is dropped at the next.'
  }),
  qrzUsername: setting({
    env: ['QRZ_USERNAME'],
    stored: 'qrz_username',
    console: true,
    schema: optionalText(100),
    textForm: 'text',
    default: null,
    defaultText: 'unset',
    applies: 'now',
    label: 'QRZ username',
    hint: 'Leave blank for no lookups.',
    help: 'QRZ.com XML login, for looking up each station’s name, QTH, country, grid and photo.'
  }),
  qrzPassword: setting({
    env: ['QRZ_PASSWORD'],
    stored: 'qrz_password',
    console: true,
    schema: clearable(z.string().min(1).max(200).nullable()),
    textForm: 'text',
    default: null,
    defaultText: 'unset',
    applies: 'now',
    secret: true,
    label: 'QRZ password',
    help: 'The QRZ.com password for that login.'
  }),
  qrzBaseUrl: setting({
    env: ['QRZ_BASE_URL'],
    console: false,
    schema: z.string().min(1),
    textForm: 'text',
    default: 'https://xmldata.qrz.com/xml/current/',
    defaultText: 'QRZ’s XML endpoint',
    applies: 'next start',
    help: 'Where those lookups go.'
  }),
  rigctld: setting({
    flag: 'rigctld',
    env: ['RIGCTLD'],
    stored: 'rigctld',
    console: true,
    schema: optionalText(100),
    textForm: 'text',
    default: null,
    defaultText: 'off',
    applies: 'now',
    label: 'Follow the radio (Hamlib rigctld)',
    hint: `Frequency, mode and split follow the radio. host:port of rigctld; ${USUAL_RIGCTLD_ADDRESS} is the usual.`,
    help: `Follow the radio through Hamlib’s \`rigctld\` at \`HOST:PORT\` (for example \`${USUAL_RIGCTLD_ADDRESS}\`). Unset: no rig control.`
  }),
  udpLog: setting({
    flag: 'udp-log',
    repeatable: true,
    env: ['UDP_LOG'],
    stored: 'udp_log',
    console: true,
    schema: optionalText(500),
    textForm: 'text',
    default: null,
    defaultText: 'off',
    applies: 'now',
    label: 'Send QSOs to my logger (WSJT-X UDP)',
    hint: `Each logged QSO goes to these HOST:PORT, as WSJT-X sends it (N1MM+, Log4OM, JTAlert, GridTracker, CQRLOG, KLog). ${USUAL_UDP_LOG_TARGET} is a logger on this machine; several are separated by commas.`,
    help: `Send every logged QSO to the operator’s logger over the WSJT-X UDP protocol (QSO Logged and Logged ADIF, a Heartbeat every 15 s): \`HOST:PORT\`, unicast or multicast, several separated by commas or by repeating the flag (for example \`${USUAL_UDP_LOG_TARGET}\`). Unset: off.`
  }),
  stationCallsign: setting({
    env: ['STATION_CALLSIGN'],
    stored: 'station_callsign',
    console: true,
    schema: callsign,
    textForm: 'text',
    default: null,
    defaultText: 'unset',
    applies: 'now',
    label: 'My callsign',
    hint: 'STATION_CALLSIGN in the log.',
    help: 'My callsign, written into every logged QSO.'
  }),
  operatorCallsign: setting({
    env: ['OPERATOR'],
    stored: 'operator',
    console: true,
    schema: callsign,
    textForm: 'text',
    default: null,
    defaultText: 'unset',
    applies: 'now',
    label: 'Operator',
    hint: 'Leave blank when it is my callsign.',
    help: 'The operator’s callsign, written into every logged QSO.'
  }),
  myGrid: setting({
    env: ['MY_GRID'],
    stored: 'my_grid',
    console: true,
    schema: clearable(
      z
        .string()
        .trim()
        .min(1)
        .max(8)
        .refine(isValidGrid, { error: (issue) => `"${String(issue.input)}" is not a Maidenhead locator` })
        .nullable()
    ),
    textForm: 'text',
    default: null,
    defaultText: 'unset',
    applies: 'now',
    label: 'My grid',
    hint: 'For distances and beam headings, e.g. FN31.',
    help: 'My Maidenhead locator, used for the distance and beam heading to each caller.'
  }),
  minQsoSeconds: setting({
    env: ['MIN_QSO_SECONDS'],
    stored: 'min_qso_seconds',
    console: true,
    schema: wholeNumber(0, 600),
    textForm: 'integer',
    default: 2,
    applies: 'now',
    label: 'Shortest QSO (seconds)',
    hint: 'A shorter QSO is logged only after you confirm; 0 for no check.',
    help: 'The console asks before logging a QSO shorter than this. `0` never asks.'
  }),
  dropAbsentMinutes: setting({
    env: ['DROP_ABSENT_MINUTES'],
    stored: 'drop_absent_minutes',
    console: true,
    schema: wholeNumber(0, 1440),
    textForm: 'integer',
    default: 0,
    applies: 'now',
    label: 'Drop absent stations (minutes)',
    hint: 'Remove a queued station whose client has been gone this long (undoable); 0 never.',
    help: 'Drop a queued station whose client has been gone this long. `0` never drops.'
  }),
  cooldownMinutes: setting({
    env: ['COOLDOWN_MINUTES'],
    stored: 'cooldown_minutes',
    console: true,
    schema: wholeNumber(0, 1440),
    textForm: 'integer',
    default: 0,
    applies: 'now',
    label: 'Cooldown (minutes)',
    hint: 'Before a worked station may register again; 0 for none.',
    help: 'How long a worked station must wait before it can register again. `0` means no wait.'
  }),
  allowedHosts: setting({
    flag: 'allowed-hosts',
    env: ['ALLOWED_HOSTS'],
    console: false,
    schema: optionalText(1000),
    textForm: 'text',
    default: null,
    defaultText: 'none',
    applies: 'next start',
    help: 'Other names this server is reached by, comma-separated (a DNS name on the LAN, a reverse proxy). A request naming any other host is refused, so a web page cannot reach the server through DNS rebinding; IP addresses, `localhost`, this machine’s name, its `.local` name and the `--host` name are always accepted.'
  }),
  discovery: setting({
    flag: 'no-discovery',
    env: ['DISCOVERY'],
    stored: 'discovery',
    console: true,
    schema: z.boolean(),
    textForm: 'on-off',
    default: true,
    applies: 'next start',
    label: 'Announce this server on the LAN',
    hint: 'Station software finds it by itself (DNS-SD). Applies at the next start.',
    help: 'Advertises the server on the LAN over DNS-SD/mDNS as `_pileup-buster._tcp`. Switch it off with `--no-discovery` or `DISCOVERY=off`. A server that only listens on this machine is never advertised.'
  }),
  logLevel: setting({
    env: ['LOG_LEVEL'],
    stored: 'log_level',
    console: false,
    schema: z.enum(LOG_LEVELS),
    textForm: 'word',
    default: 'info' as LogLevel,
    applies: 'next start',
    help: `${LOG_LEVELS.map((level) => `\`${level}\``).join(', ')}. Logs are JSON lines on stderr and never include passwords.`
  })
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
export type SettingValue<K extends SettingName> = z.infer<(typeof SETTINGS)[K]['schema']>;

/** The settings the console may change, by their stored (protocol) key. */
export type ConsoleSetting = { [K in SettingName]: (typeof SETTINGS)[K] extends { console: true; stored: string } ? K : never }[SettingName];
export type StoredKeyOf<K extends SettingName> = (typeof SETTINGS)[K] extends { stored: infer S extends string } ? S : never;

export const CONSOLE_SETTINGS = SETTING_NAMES.filter((name) => SETTINGS[name].console) as ConsoleSetting[];

/** The stored (protocol) key of a setting. */
export function storedKey<K extends SettingName>(name: K): StoredKeyOf<K> {
  return (SETTINGS[name] as SettingSpec).stored as StoredKeyOf<K>;
}

/** Settings as stored in the data folder, by stored key. */
export type StoredSettings = Partial<{ [K in SettingName as StoredKeyOf<K>]: SettingValue<K> }>;
