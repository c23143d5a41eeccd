/** What the operator does with the queue and the QSO in progress: take stations in turn or out of order, work callers heard on the air, check a call, cancel, ban, complete, undo. */
import { z } from 'zod';
import { currentQsoSchema, loggedQsoSchema, queueEntrySchema, banSchema, queueSnapshotSchema, systemStatusSchema } from '../entities.js';
import { op, type OperationSpec, noParams, callsign, message, checkDuration, qsoEdits } from './spec.js';

export const OPERATING_OPERATIONS = {
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
  })
} as const satisfies Record<string, OperationSpec>;
