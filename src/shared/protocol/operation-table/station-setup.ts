/** Where the station listens and whether it is on the air: frequency, mode, following the radio, split, on-air status. */
import { z } from 'zod';
import { frequencyStateSchema, loggedQsoSchema, pileupSnapshotSchema, rigStatusSchema, statusDocumentSchema, systemStatusSchema } from '../entities.js';
import { op, type OperationSpec, noParams, frequencyText, message } from './spec.js';

export const STATION_SETUP_OPERATIONS = {
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
  })
} as const satisfies Record<string, OperationSpec>;
