/**
 * The records the protocol carries, as schemas. Types are inferred from them, and the same
 * schemas describe operation results in the operation table.
 */
import { z } from 'zod';
import { settingValuesSchema } from './settings-schemas.js';

const isoTime = z.string().describe('ISO 8601 UTC timestamp');

/** What a QRZ.com lookup told us about a station; every field may be unknown. */
export const qrzInfoSchema = z.object({
  callsign: z.string(),
  name: z.string().nullable(),
  qth: z.string().nullable(),
  country: z.string().nullable(),
  grid: z.string().nullable(),
  image: z.string().nullable()
});
export type QrzInfo = z.infer<typeof qrzInfoSchema>;

/** What the country files say about a callsign, offline. */
export const latLonSchema = z.object({ lat: z.number(), lon: z.number() });

export const countryInfoSchema = z.object({
  entity: z.string().describe('DXCC entity, e.g. "Hawaii"'),
  dxcc: z.number().int(),
  continent: z.string(),
  cq_zone: z.number().int(),
  itu_zone: z.number().int(),
  flag: z.string().nullable().describe('Emoji flag, when the entity has one')
});

export const queueEntrySchema = z.object({
  id: z.string().describe('Stable identifier of this registration'),
  callsign: z.string(),
  timestamp: isoTime.describe('When the station registered'),
  position: z.number().int().positive().describe('1-based place in the queue'),
  qrz: qrzInfoSchema.nullable(),
  country: countryInfoSchema.nullable().optional(),
  distance_km: z.number().nullable().optional().describe('From my grid to theirs (QRZ grid, else the entity centre)'),
  bearing_deg: z.number().nullable().optional().describe('Beam heading from my grid, short path'),
  location: latLonSchema.nullable().optional().describe('Where the station is, for a map: its QRZ grid’s centre, else its DXCC entity’s (to 0.01°)'),
  worked_before: z.boolean().optional().describe('Already in the log on the current band and mode'),
  present: z.boolean().optional().describe('Whether a client that registered this station (or said it is here with queue.here) is connected now'),
  last_seen: isoTime.nullable().optional().describe('When such a client was last connected; null when none has been since the server started')
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const queueSnapshotSchema = z.object({
  queue: z.array(queueEntrySchema),
  total: z.number().int(),
  max_size: z.number().int(),
  system_active: z.boolean()
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;

/** Where a QSO's station came from: the queue, or heard on the air and typed in by the operator. */
export const qsoSourceSchema = z.enum(['queue', 'air', 'import']);

export const currentQsoSchema = z.object({
  id: z.string(),
  callsign: z.string(),
  timestamp: isoTime.describe('When the QSO started'),
  started_by: z.string(),
  registered_at: isoTime.nullable().describe('When the station joined the queue; null for a station heard on the air'),
  qrz: qrzInfoSchema.nullable(),
  country: countryInfoSchema.nullable().optional(),
  distance_km: z.number().nullable().optional(),
  bearing_deg: z.number().nullable().optional(),
  location: latLonSchema.nullable().optional(),
  source: qsoSourceSchema.optional().describe('"queue" (registered) or "air" (heard on the air); absent means queue'),
  // What the operator types during the QSO; it goes into the logged record.
  rst_sent: z.string().nullable().optional().describe('Report sent; null or absent: the default for the mode (59, 599)'),
  rst_rcvd: z.string().nullable().optional().describe('Report received; null or absent: the default for the mode'),
  name: z.string().nullable().optional().describe('Operator name as typed; null or absent: the QRZ name'),
  notes: z.string().optional(),
  exchange: z.string().optional().describe('A free exchange received (serial, zone, state...), logged as ADIF SRX_STRING')
});
export type CurrentQso = z.infer<typeof currentQsoSchema>;

export const loggedQsoSchema = z.object({
  id: z.string(),
  callsign: z.string(),
  started_at: isoTime,
  completed_at: isoTime,
  completed_by: z.string(),
  registered_at: isoTime.nullable(),
  frequency: z.string().nullable().describe('Operating frequency as shown when the QSO was completed'),
  split: z.string().nullable(),
  qrz: qrzInfoSchema.nullable(),
  // The log proper (older records may lack these: they read as null / defaults).
  frequency_hz: z.number().nullable().optional().describe('Our transmit frequency in Hz'),
  band: z.string().nullable().optional().describe('ADIF band of frequency_hz, e.g. "20m"'),
  mode: z.string().nullable().optional().describe('ADIF mode, e.g. "SSB", "CW", "FT8"'),
  submode: z.string().nullable().optional().describe('ADIF submode, e.g. "USB"'),
  split_tx_hz: z.number().nullable().optional().describe("The caller's transmit frequency when working split (our receive frequency)"),
  rst_sent: z.string().optional(),
  rst_rcvd: z.string().optional(),
  station_callsign: z.string().nullable().optional(),
  operator: z.string().nullable().optional(),
  my_grid: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  qth: z.string().nullable().optional(),
  grid: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  dxcc: z.number().nullable().optional(),
  notes: z.string().optional(),
  exchange: z.string().optional().describe('Exchange received, as typed (ADIF SRX_STRING)'),
  location: latLonSchema.nullable().optional().describe('Where the station was, for a map (as on the queue entry)'),
  import_id: z.string().optional().describe('For an imported QSO: the import it came with'),
  source: qsoSourceSchema.optional().describe('"queue" (registered), "air" (heard on the air) or "import" (from an ADIF file)'),
  dupe: z.boolean().optional().describe('In admin.get_log answers: an earlier QSO with this callsign on the same band and mode is in the log')
});
export type LoggedQso = z.infer<typeof loggedQsoSchema>;

export const systemStatusSchema = z.object({
  active: z.boolean(),
  /** On the air but not taking new registrations; the queue is kept. */
  registration_paused: z.boolean().default(false).describe('On the air, but new registrations are refused; the queue is kept'),
  last_updated: isoTime.nullable(),
  updated_by: z.string().nullable()
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

export const frequencyStateSchema = z.object({
  frequency: z.string().nullable().describe('As operators read it, e.g. "14.205"'),
  frequency_hz: z.number().nullable().optional(),
  band: z.string().nullable().optional().describe('ADIF band, e.g. "20m"'),
  mode: z.string().nullable().optional().describe('Operating mode as the radio or operator names it, e.g. "USB", "CW", "FT8"'),
  last_updated: isoTime.nullable()
});
export type FrequencyState = z.infer<typeof frequencyStateSchema>;

export const splitValueSchema = z.union([
  z.object({ kind: z.literal('offset'), fromKHz: z.number(), toKHz: z.number().nullable() }),
  z.object({ kind: z.literal('absolute'), hz: z.number() })
]);

export const splitStateSchema = z.object({
  split: z.string().nullable().describe('As operators read it, e.g. "up 5", "up 5–10", "14.210"'),
  value: splitValueSchema.nullable().optional(),
  last_updated: isoTime.nullable()
});
export type SplitState = z.infer<typeof splitStateSchema>;

/** Whose pileup it is: the station's callsign and, when another, the operator's (from the settings). */
export const stationIdentitySchema = z.object({
  callsign: z.string().nullable().describe('The station’s callsign (the DX), or null when not set'),
  operator: z.string().nullable().describe('The operator’s own callsign when it differs from the station’s, or null'),
  grid: z.string().nullable().optional().describe('The station’s Maidenhead grid (my grid), where a map is centred; null when not set')
});
export type StationIdentity = z.infer<typeof stationIdentitySchema>;

/** Everything a client needs to draw the pileup, consistent as of event sequence number `seq`. */
export const pileupSnapshotSchema = z.object({
  seq: z.number().int().describe('Sequence number of the last event included in this snapshot'),
  instance_id: z.string().describe('Changes when the server restarts; sequence numbers restart with it'),
  system: systemStatusSchema,
  queue: queueSnapshotSchema,
  current_qso: currentQsoSchema.nullable(),
  frequency: frequencyStateSchema,
  split: splitStateSchema,
  qsos_logged: z.number().int(),
  // A default, so a snapshot from a server that does not send it still reads.
  station: stationIdentitySchema.default({ callsign: null, operator: null }).describe('Whose pileup it is')
});
export type PileupSnapshot = z.infer<typeof pileupSnapshotSchema>;

export { settingsChangesSchema, type SettingsChanges } from './settings-schemas.js';

export const settingsViewSchema = z.object({
  values: settingValuesSchema.extend({
    admin_username: z.string(),
    admin_password: z.string().describe('Shown to the authenticated operator so they can sign in from a browser'),
    qrz_password_set: z.boolean(),
    status_key: z.string().describe('Key for the monitoring status stream (Authorization: Key <key>)')
  }),
  locked: z.array(z.string()).describe('Settings fixed by a command-line flag or environment variable'),
  restart_required: z.array(z.string()).describe('Stored settings that take effect at the next start'),
  running: z.object({ port: z.number().int(), status_port: z.number().int(), host: z.string().nullable() }),
  data_dir: z.string()
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** The operator's rate and totals, from the whole log. */
export const logStatsSchema = z.object({
  rate_last_10: z.number().nullable().describe('QSOs per hour over the last 10 QSOs (first to last of them); null with fewer than 2'),
  last_hour: z.number().int().describe('QSOs completed in the last 60 minutes'),
  by_band_mode: z.array(z.object({ band: z.string().nullable(), mode: z.string().nullable(), count: z.number().int() })).describe('QSOs per band and mode, most first'),
  dupes: z.number().int().describe('QSOs that repeat an earlier one on the same band and mode')
});
export type LogStats = z.infer<typeof logStatsSchema>;

export const qsoLogPageSchema = z.object({
  qsos: z.array(loggedQsoSchema).describe('Most recent first; each marked dupe when it repeats an earlier QSO on its band and mode'),
  total: z.number().int(),
  last_hour: z.number().int().describe('QSOs completed in the last 60 minutes (the same as stats.last_hour)'),
  stats: logStatsSchema,
  last_export_at: z.string().nullable().describe('When the log was last exported up to then (where an export "since the last export" starts), or null')
});
export type QsoLogPage = z.infer<typeof qsoLogPageSchema>;

/**
 * The status message of the monitoring stream (Hydrogen's status interface, seed 003): the seed's
 * fields, plus the pileup's own figures under `pileup`.
 */
export const statusDocumentSchema = z.object({
  server_start_time: isoTime,
  active_connections: z.number().int().describe('Open connections of every kind: pileup WebSocket, SSE, status stream'),
  total_connections: z.number().int().describe('Connections opened since start, every kind'),
  total_requests: z.number().int().describe('Messages received since start, on every endpoint'),
  system: z.object({ sysname: z.string(), nodename: z.string(), release: z.string(), version: z.string(), machine: z.string() }),
  status: z.object({
    running: z.boolean(),
    shutting_down: z.boolean(),
    totalThreads: z.number().int(),
    totalVirtualMemoryBytes: z.number(),
    totalResidentMemoryBytes: z.number()
  }),
  pileup: z.object({
    on_air: z.boolean(),
    queue_length: z.number().int(),
    max_queue_size: z.number().int(),
    qsos_logged: z.number().int(),
    qsos_last_hour: z.number().int(),
    current_qso: z.string().nullable(),
    clients: z.object({ websocket: z.number().int(), sse: z.number().int(), status: z.number().int() }),
    uptime_seconds: z.number()
  })
});
export type StatusDocument = z.infer<typeof statusDocumentSchema>;

export const banSchema = z.object({
  callsign: z.string(),
  reason: z.string(),
  banned_at: isoTime,
  banned_by: z.string()
});
export type Ban = z.infer<typeof banSchema>;

/** The link to the radio (Hamlib rigctld), as the console shows it. */
export const rigStatusSchema = z.object({
  state: z.enum(['off', 'connecting', 'connected', 'lost']),
  address: z.string().nullable(),
  rig: z.string().nullable().optional(),
  following: z.boolean().describe('Whether frequency, mode and split follow the radio'),
  reason: z.string().nullable().optional(),
  retry_in_ms: z.number().nullable().optional()
});
export type RigStatus = z.infer<typeof rigStatusSchema>;
