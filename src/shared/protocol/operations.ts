/**
 * The operation table: the single definition of the pileup protocol.
 *
 * WebSocket dispatch, access checks, parameter validation, `system.info`, the typed client and
 * the protocol docs all read this table. The server supplies one handler per entry (a missing
 * handler is a type error).
 */
import { PRODUCT_NAME } from '../product.js';
import { z } from 'zod';
import { checkCallsign } from '../callsign.js';
import { REPORT_PATTERN, REPORT_HINT } from '../ham/rst.js';
import type { ErrorCode } from './errors.js';
import type { BroadcastEventName } from './events.js';
import {
  currentQsoSchema,
  frequencyStateSchema,
  loggedQsoSchema,
  pileupSnapshotSchema,
  qsoLogPageSchema,
  queueEntrySchema,
  banSchema,
  rigStatusSchema,
  settingsChangesSchema,
  settingsViewSchema,
  queueSnapshotSchema,
  splitStateSchema,
  statusDocumentSchema,
  systemStatusSchema
} from './entities.js';

export type Access = 'public' | 'admin';

/** The HTTP route of an operation: `{name}` in the path is taken from the URL, the rest from the body or query. */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** The result is a file (`{filename, content_type, content}`): HTTP answers with the file itself. */
  download?: boolean;
}

export interface OperationSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  access: Access;
  summary: string;
  params: P;
  result: R;
  /** Events broadcast when the operation succeeds (and changes something). */
  events: readonly BroadcastEventName[];
  /** Error codes this operation can answer with, besides the generic ones. */
  errors: readonly ErrorCode[];
  http: HttpRoute;
}

function op<P extends z.ZodType, R extends z.ZodType>(spec: OperationSpec<P, R>): OperationSpec<P, R> {
  return spec;
}

const noParams = z.object({});

const callsign = z
  .string({ error: 'callsign is required and must be a string' })
  .max(64, 'callsign is too long')
  .transform((value, ctx) => {
    const check = checkCallsign(value);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: check.reason });
      return z.NEVER;
    }
    return check.callsign;
  });

const frequencyText = z
  .union([z.string(), z.number()], { error: 'must be a string such as "14.205"' })
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'));

const message = z.string();

/** A signal report as operators log it: 59, 599, 57N, or a digital mode's dB report such as -12. */
const report = z.string().trim().toUpperCase().regex(REPORT_PATTERN, REPORT_HINT);

const checkDuration = z
  .boolean({ error: 'check_duration must be true or false' })
  .default(false)
  .describe('Refuse with QSO_TOO_SHORT (changing nothing) when the QSO in progress is shorter than the min_qso_seconds setting; the console asks the operator then');

/** What the operator may type into a QSO, in progress or logged. */
const qsoEdits = {
  rst_sent: report.optional(),
  rst_rcvd: report.optional(),
  name: z.string().trim().max(100, 'name is too long').optional(),
  notes: z.string().max(500, 'notes are too long').optional(),
  exchange: z.string().trim().max(60, 'exchange is too long').optional()
};

export const OPERATIONS = {
  'public.get_status': op({
    access: 'public',
    summary: 'Get whether the station is on the air (registration open)',
    params: noParams,
    result: z.object({ active: z.boolean() }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/public/status' }
  }),
  'public.get_frequency': op({
    access: 'public',
    summary: 'Get the current operating frequency',
    params: noParams,
    result: frequencyStateSchema,
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/public/frequency' }
  }),
  'public.get_split': op({
    access: 'public',
    summary: 'Get the current split',
    params: noParams,
    result: splitStateSchema,
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/public/split' }
  }),
  'public.get_snapshot': op({
    access: 'public',
    summary: 'Get the whole pileup state at once, with the sequence number it is consistent with (for resync)',
    params: noParams,
    result: pileupSnapshotSchema,
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/public/snapshot' }
  }),
  'queue.register': op({
    access: 'public',
    summary: 'Register a callsign in the queue (looks it up on QRZ.com when configured)',
    params: z.object({ callsign }),
    result: z.object({
      message,
      entry: queueEntrySchema,
      leave_token: z.string().describe('Secret that lets this client leave the queue again (queue.leave); keep it')
    }),
    events: ['queue_update'],
    errors: ['VALIDATION_ERROR', 'SYSTEM_INACTIVE', 'REGISTRATION_PAUSED', 'BANNED', 'COOLDOWN', 'DUPLICATE_CALLSIGN', 'QUEUE_FULL'],
    http: { method: 'POST', path: '/api/queue/register' }
  }),
  'queue.leave': op({
    access: 'public',
    summary: 'Leave the queue; only the client that registered may, with the leave_token its registration returned',
    params: z.object({ callsign, token: z.string({ error: 'token is required' }).min(1, 'token is required').max(200) }),
    result: z.object({ message, removed: queueEntrySchema }),
    events: ['queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND', 'UNAUTHORIZED'],
    http: { method: 'POST', path: '/api/queue/leave' }
  }),
  'queue.here': op({
    access: 'public',
    summary:
      "Say the station is still here, with the leave_token its registration returned (after a reconnect, say): the operator sees it as connected while this connection lasts, or as seen now over HTTP",
    params: z.object({ callsign, token: z.string({ error: 'token is required' }).min(1, 'token is required').max(200) }),
    result: z.object({ message, entry: queueEntrySchema }),
    events: ['queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND', 'UNAUTHORIZED'],
    http: { method: 'POST', path: '/api/queue/here' }
  }),
  'queue.list': op({
    access: 'public',
    summary: 'Get the queue',
    params: noParams,
    result: queueSnapshotSchema,
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/queue/list' }
  }),
  'queue.get_status': op({
    access: 'public',
    summary: "Get one callsign's queue entry and position",
    params: z.object({ callsign }),
    result: queueEntrySchema,
    events: [],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'GET', path: '/api/queue/status/{callsign}' }
  }),
  'admin.get_queue': op({
    access: 'admin',
    summary: 'Get the queue with admin details',
    params: noParams,
    result: queueSnapshotSchema.extend({ admin: z.literal(true) }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/admin/queue' }
  }),
  'admin.clear_queue': op({
    access: 'admin',
    summary: 'Remove every station from the queue',
    params: noParams,
    result: z.object({ message, cleared_count: z.number().int() }),
    events: ['queue_update'],
    errors: [],
    http: { method: 'DELETE', path: '/api/admin/queue' }
  }),
  'admin.remove_callsign': op({
    access: 'admin',
    summary: 'Remove one callsign from the queue; admin.restore_callsign undoes it for 15 minutes',
    params: z.object({ callsign }),
    result: z.object({ message, removed: queueEntrySchema }),
    events: ['queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'DELETE', path: '/api/admin/queue/{callsign}' }
  }),
  'admin.restore_callsign': op({
    access: 'admin',
    summary:
      'Undo a removal (admin.remove_callsign, or a station dropped for being absent): the station goes back to its old place among those still waiting, with its registration, even over the queue limit',
    params: z.object({ callsign }),
    result: z.object({ message, restored: queueEntrySchema }),
    events: ['queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND', 'DUPLICATE_CALLSIGN'],
    http: { method: 'POST', path: '/api/admin/queue/restore/{callsign}' }
  }),
  'admin.next_qso': op({
    access: 'admin',
    summary: 'Complete and log the current QSO (if any), then work the first station in the queue',
    params: z.object({ check_duration: checkDuration }),
    result: z.object({
      message,
      current_qso: currentQsoSchema.nullable(),
      completed_qso: loggedQsoSchema.nullable()
    }),
    events: ['qso_complete', 'current_qso', 'queue_update'],
    errors: ['QSO_TOO_SHORT'],
    http: { method: 'POST', path: '/api/admin/queue/next' }
  }),
  'admin.work_callsign': op({
    access: 'admin',
    summary: 'Complete and log the current QSO (if any), then work this station now, out of queue order',
    params: z.object({ callsign, check_duration: checkDuration }),
    result: z.object({
      message,
      current_qso: currentQsoSchema,
      completed_qso: loggedQsoSchema.nullable()
    }),
    events: ['qso_complete', 'current_qso', 'queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND', 'QSO_TOO_SHORT'],
    http: { method: 'POST', path: '/api/admin/queue/work/{callsign}' }
  }),
  'admin.work_heard': op({
    access: 'admin',
    summary:
      'Work a station heard on the air: from the queue when it is waiting there, otherwise as a caller that did not register (country and path at once, QRZ details when the lookup answers). The QSO in progress is logged first',
    params: z.object({ callsign, check_duration: checkDuration }),
    result: z.object({
      message,
      current_qso: currentQsoSchema,
      completed_qso: loggedQsoSchema.nullable(),
      from_queue: z.boolean().describe('Whether the station was waiting in the queue')
    }),
    events: ['qso_complete', 'current_qso', 'queue_update'],
    errors: ['VALIDATION_ERROR', 'DUPLICATE_CALLSIGN', 'QSO_TOO_SHORT'],
    http: { method: 'POST', path: '/api/admin/qso/heard' }
  }),
  'admin.update_current_qso': op({
    access: 'admin',
    summary: 'Record what the operator types during the QSO in progress (reports, name, notes, exchange); it goes into the logged record. Names the QSO by id, so an edit never lands on another',
    params: z.object({ id: z.string({ error: 'id is required' }).min(1).max(100), ...qsoEdits }),
    result: z.object({ message, current_qso: currentQsoSchema }),
    events: ['current_qso'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'POST', path: '/api/admin/qso/current' }
  }),
  'admin.check_call': op({
    access: 'admin',
    summary: "The call entry field's partial check: stations in the queue and callsigns in the log containing the text, with dupes on the band and mode in use",
    params: z.object({
      partial: z
        .string({ error: 'partial is required' })
        .trim()
        .toUpperCase()
        .pipe(z.string().min(1, 'partial is required').max(20, 'partial is too long').regex(/^[A-Z0-9/]+$/, 'partial may hold letters, digits and /'))
    }),
    result: z.object({
      partial: z.string(),
      queue: z.array(z.object({ callsign: z.string(), position: z.number().int() })),
      worked: z.array(
        z.object({
          callsign: z.string(),
          qsos: z.number().int(),
          last_worked_at: z.string(),
          worked_on: z.array(z.object({ band: z.string().nullable(), mode: z.string().nullable() })).describe('Bands and modes, most recent first'),
          dupe: z.boolean().describe('Already in the log on the band and mode in use now')
        })
      ),
      current: z.string().nullable().describe('The callsign in QSO now')
    }),
    events: [],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'GET', path: '/api/admin/check/{partial}' }
  }),
  'admin.cancel_qso': op({
    access: 'admin',
    summary:
      'End the current QSO without logging it: the station goes back to the head of the queue (requeue, the default) or is dropped; a station heard on the air is always dropped',
    params: z.object({ requeue: z.boolean({ error: 'requeue must be true or false' }).default(true) }),
    result: z.object({ message, cancelled: currentQsoSchema.nullable(), requeued: queueEntrySchema.nullable() }),
    events: ['current_qso', 'queue_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/qso/cancel' }
  }),
  'admin.set_registration_paused': op({
    access: 'admin',
    summary: 'Pause or resume registrations while staying on the air; the queue is kept',
    params: z.object({ paused: z.boolean({ error: 'paused must be true or false' }) }),
    result: systemStatusSchema.extend({ message }),
    events: ['system_status'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/registration' }
  }),
  'admin.ban_callsign': op({
    access: 'admin',
    summary: 'Ban a callsign from registering (it leaves the queue if waiting); registering then fails with BANNED',
    params: z.object({ callsign, reason: z.string().trim().max(200, 'reason is too long').default('') }),
    result: z.object({ message, ban: banSchema, removed: queueEntrySchema.nullable() }),
    events: ['queue_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/bans' }
  }),
  'admin.unban_callsign': op({
    access: 'admin',
    summary: 'Lift a ban',
    params: z.object({ callsign }),
    result: z.object({ message, ban: banSchema }),
    events: [],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'DELETE', path: '/api/admin/bans/{callsign}' }
  }),
  'admin.list_bans': op({
    access: 'admin',
    summary: 'List banned callsigns with their reasons',
    params: noParams,
    result: z.object({ bans: z.array(banSchema) }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/admin/bans' }
  }),
  'admin.complete_qso': op({
    access: 'admin',
    summary: 'Complete and log the current QSO',
    params: z.object({ check_duration: checkDuration }),
    result: z.object({ message, completed_qso: loggedQsoSchema.nullable() }),
    events: ['qso_complete', 'current_qso'],
    errors: ['QSO_TOO_SHORT'],
    http: { method: 'POST', path: '/api/admin/qso/complete' }
  }),
  'admin.undo_last_qso': op({
    access: 'admin',
    summary:
      'Take the most recent QSO out of the log: its station is in QSO again (same start, reports and notes as typed), or back at the head of the queue when another QSO is in progress. With id, only that QSO and only while it is the most recent',
    params: z.object({ id: z.string().min(1).max(100).optional().describe('The QSO the operator means to undo') }),
    result: z.object({
      message,
      undone: loggedQsoSchema,
      current_qso: currentQsoSchema.nullable().describe('The undone QSO, in progress again; null when another QSO was in progress'),
      requeued: queueEntrySchema.nullable().describe('Where the station went instead: the head of the queue')
    }),
    events: ['log_update', 'current_qso', 'queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'POST', path: '/api/admin/log/undo' }
  }),
  'admin.set_frequency': op({
    access: 'admin',
    summary: 'Set the operating frequency in any form operators type (14.205, 14205, 14.205.00, 14205.5, "14.205 MHz"); the band follows. A queue_update follows when a new band or mode changes waiting stations’ worked-before markers',
    params: z.object({
      frequency: frequencyText,
      mode: z.string().trim().toUpperCase().pipe(z.string().min(1).max(20)).optional().describe('Also set the mode, e.g. "USB", "CW", "FT8"')
    }),
    result: frequencyStateSchema.extend({ message, frequency: z.string(), last_updated: z.string() }),
    events: ['frequency_update', 'queue_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/frequency' }
  }),
  'admin.set_mode': op({
    access: 'admin',
    summary: 'Set the operating mode as the radio names it (USB, LSB, CW, FM, RTTY, FT8, ...); the log and RST defaults follow it. A queue_update follows when waiting stations’ worked-before markers change',
    params: z.object({ mode: z.string({ error: 'mode is required' }).trim().toUpperCase().pipe(z.string().min(1, 'mode is required').max(20)) }),
    result: frequencyStateSchema.extend({ message }),
    events: ['frequency_update', 'queue_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/mode' }
  }),
  'admin.set_rig_follow': op({
    access: 'admin',
    summary: 'Switch following the radio on or off (frequency, mode and split from Hamlib rigctld). Switching on catches up with the radio before answering: frequency_update and split_update as the radio shows, and a queue_update when the band or mode changes waiting stations’ worked-before markers',
    params: z.object({ follow: z.boolean({ error: 'follow must be true or false' }) }),
    result: rigStatusSchema.extend({ message }),
    events: ['rig_status', 'frequency_update', 'split_update', 'queue_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/rig/follow' }
  }),
  'admin.delete_frequency': op({
    access: 'admin',
    summary: 'Clear the operating frequency. A queue_update follows when waiting stations’ worked-before markers change',
    params: noParams,
    result: z.object({ message }),
    events: ['frequency_update', 'queue_update'],
    errors: [],
    http: { method: 'DELETE', path: '/api/admin/frequency' }
  }),
  'admin.set_split': op({
    access: 'admin',
    summary: 'Set the split: "up 5", "up 5-10", "down 2", or a frequency such as "14.210"; shown consistently',
    params: z.object({ split: frequencyText }),
    result: z.object({ message, split: z.string(), last_updated: z.string() }),
    events: ['split_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/split' }
  }),
  'admin.delete_split': op({
    access: 'admin',
    summary: 'Clear the split',
    params: noParams,
    result: z.object({ message }),
    events: ['split_update'],
    errors: [],
    http: { method: 'DELETE', path: '/api/admin/split' }
  }),
  'admin.set_system_status': op({
    access: 'admin',
    summary: 'Go on or off the air; going off clears the queue and the current QSO (the log is kept; with log_current the QSO in progress is logged first)',
    params: z.object({
      active: z.boolean({ error: 'active must be true or false' }),
      log_current: z.boolean({ error: 'log_current must be true or false' }).default(false).describe('Going off the air: log the QSO in progress instead of dropping it')
    }),
    result: systemStatusSchema.extend({
      message,
      queue_cleared: z.boolean().optional(),
      cleared_count: z.number().int().optional(),
      logged_qso: loggedQsoSchema.nullable().optional().describe('With log_current: the QSO logged on the way off the air')
    }),
    events: ['system_status', 'queue_update', 'current_qso', 'qso_complete'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/status' }
  }),
  'admin.get_system_status': op({
    access: 'admin',
    summary: 'Get the full system status: pileup state, connections and uptime',
    params: noParams,
    result: systemStatusSchema.extend({
      snapshot: pileupSnapshotSchema,
      max_queue_size: z.number().int(),
      connections: z.object({ total: z.number().int(), authenticated: z.number().int() }),
      server_start_time: z.string(),
      uptime_seconds: z.number(),
      websocket_urls: z.array(z.string()).describe('Protocol endpoints stations can use, LAN addresses first'),
      console_urls: z.array(z.string()).describe('Where a browser on the LAN opens the operator console'),
      station_page_urls: z.array(z.string()).describe('The page stations open to join the queue, LAN addresses first'),
      monitoring: statusDocumentSchema.describe('The same figures the status stream pushes'),
      rig: rigStatusSchema,
      turned_away: z
        .object({ last_minute: z.number().int(), last_at: z.string().nullable() })
        .describe('Registrations refused because the queue was full: in the last minute, and the latest')
    }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/admin/status' }
  }),
  'admin.get_log': op({
    access: 'admin',
    summary: 'Get the most recent logged QSOs (optionally only those matching a search, dupes marked), the total, and the rate and totals by band and mode',
    params: z.object({
      limit: z.number().int().min(1).max(500).default(20),
      search: z.string().trim().max(40).optional().describe('Part of a callsign, name, country or note; case does not matter')
    }),
    result: qsoLogPageSchema,
    events: [],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'GET', path: '/api/admin/log' }
  }),
  'admin.update_qso': op({
    access: 'admin',
    summary: 'Correct a logged QSO: reports sent and received, name, notes, exchange',
    params: z.object({ id: z.string().min(1).max(100), ...qsoEdits }),
    result: z.object({ message, qso: loggedQsoSchema }),
    events: ['log_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'POST', path: '/api/admin/log/update' }
  }),
  'admin.delete_qso': op({
    access: 'admin',
    summary:
      'Delete a logged QSO; the answer holds the whole record so it can be restored (undo). A queue_update follows when a waiting station’s worked-before marker changes',
    params: z.object({ id: z.string().min(1).max(100) }),
    result: z.object({ message, deleted: loggedQsoSchema }),
    events: ['log_update', 'queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'POST', path: '/api/admin/log/delete' }
  }),
  'admin.restore_qso': op({
    access: 'admin',
    summary: 'Put a deleted QSO back into the log (undo of admin.delete_qso); a queue_update follows when a waiting station’s worked-before marker changes',
    params: z.object({ qso: loggedQsoSchema }),
    result: z.object({ message, qso: loggedQsoSchema }),
    events: ['log_update', 'queue_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/log/restore' }
  }),
  'admin.export_log': op({
    access: 'admin',
    summary: 'Export the whole log as ADIF 3.1 (.adi) or CSV; over HTTP the answer is the file itself',
    params: z.object({ format: z.enum(['adif', 'csv'], { error: 'format must be adif or csv' }).default('adif') }),
    result: z.object({
      filename: z.string(),
      content_type: z.string(),
      count: z.number().int(),
      content: z.string()
    }),
    events: [],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'GET', path: '/api/admin/log/export', download: true }
  }),
  'admin.get_settings': op({
    access: 'admin',
    summary: 'Get the stored settings, which are fixed by flags or environment, and which need a restart',
    params: noParams,
    result: settingsViewSchema,
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/admin/settings' }
  }),
  'admin.update_settings': op({
    access: 'admin',
    summary: 'Change settings; queue size, connection cap, admin password and QRZ apply at once, addresses at the next start. A new queue size is announced with queue_update, a new rigctld address with rig_status',
    params: settingsChangesSchema,
    result: settingsViewSchema.extend({ message }),
    events: ['queue_update', 'rig_status'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/settings' }
  }),
  'system.ping': op({
    access: 'public',
    summary: 'Test connectivity',
    params: noParams,
    result: z.object({ pong: z.literal(true), server_time: z.string(), message }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/system/ping' }
  }),
  'system.heartbeat': op({
    access: 'public',
    summary: 'Health check with uptime',
    params: noParams,
    result: z.object({
      heartbeat: z.literal(true),
      server_time: z.string(),
      uptime: z.string().describe('Human-readable, e.g. "2h 5m 12s"'),
      uptime_seconds: z.number()
    }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/system/heartbeat' }
  }),
  'system.info': op({
    access: 'public',
    summary: 'Get server information, the supported operations and features',
    params: noParams,
    result: z.object({
      server: z.string(),
      version: z.string(),
      protocol_version: z.string(),
      supported_operations: z.array(z.string()),
      operations: z.array(z.object({ name: z.string(), access: z.enum(['public', 'admin']), summary: z.string() })),
      session_messages: z.array(z.object({ name: z.string(), summary: z.string() })).describe('Messages with their own type instead of an operation: auth, ping'),
      events: z.array(z.string()),
      error_codes: z.array(z.string()),
      features: z.record(z.string(), z.unknown())
    }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/system/info' }
  })
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;
export type OperationParams<O extends OperationName> = z.infer<(typeof OPERATIONS)[O]['params']>;
/** What a client may send: the schema's input side (e.g. frequency as number or string). */
export type OperationInput<O extends OperationName> = z.input<(typeof OPERATIONS)[O]['params']>;
export type OperationResult<O extends OperationName> = z.infer<(typeof OPERATIONS)[O]['result']>;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

export const PROTOCOL_VERSION = '1.0';
export const SERVER_NAME = PRODUCT_NAME;
