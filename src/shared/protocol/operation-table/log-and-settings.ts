/** The QSO log (read, correct, delete, restore, export) and the server settings. */
import { z } from 'zod';
import { loggedQsoSchema, qsoLogPageSchema, settingsChangesSchema, settingsViewSchema } from '../entities.js';
import { op, type OperationSpec, noParams, message, qsoEdits } from './spec.js';
import { IMPORT_PIECE_MAX_CHARS, LOG_PAGE_MAX } from '../endpoints.js';

/** A UTC date as ADIF and logbooks write it in ISO form. */
const utcDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a UTC date written YYYY-MM-DD')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'is not a date');

/** One piece of an imported file (see IMPORT_PIECE_MAX_CHARS). */
const importPiece = z.string().max(IMPORT_PIECE_MAX_CHARS, `a piece of a file is at most ${IMPORT_PIECE_MAX_CHARS} characters; send a bigger file with admin.import_log_begin`);
const filename = z.string().trim().max(200).optional().describe('The file’s name, for the report');

const importReportSchema = z.object({
  message,
  import_id: z.string(),
  filename: z.string().nullable(),
  records: z.number().int().describe('Records in the file'),
  imported: z.number().int().describe('QSOs added to the log'),
  already_in_log: z.number().int().describe('QSOs left out because they were in the log already (the same call, start, band and mode)'),
  skipped_count: z.number().int(),
  skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })).describe('Records that cannot be QSOs, with their line (the first 1,000)')
});

export const LOG_AND_SETTINGS_OPERATIONS = {
  'admin.get_log': op({
    access: 'admin',
    summary: 'Get the most recent logged QSOs (optionally only those matching a search, dupes marked), the total, and the rate and totals by band and mode',
    params: z.object({
      limit: z.number().int().min(1).max(LOG_PAGE_MAX).default(20),
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
    summary:
      'Export the log as ADIF 3.1 (.adi) or CSV: all of it, the QSOs started on a range of UTC dates, or those logged since the last export (for uploads to LoTW or Club Log from your own tools). An export that is not limited by `to` moves the last-export mark; over HTTP the answer is the file itself',
    params: z.object({
      format: z.enum(['adif', 'csv'], { error: 'format must be adif or csv' }).default('adif'),
      from: utcDate.optional().describe('First UTC date (YYYY-MM-DD) of the QSOs started then'),
      to: utcDate.optional().describe('Last UTC date (YYYY-MM-DD), included'),
      since_last_export: z.boolean().default(false).describe('Only QSOs logged since the last export that was not limited by `to`')
    }),
    result: z.object({
      filename: z.string(),
      content_type: z.string(),
      count: z.number().int(),
      content: z.string(),
      exported_at: z.string().describe('When this export read the log (UTC)'),
      since: z.string().nullable().describe('With since_last_export: the last export it continues from, or null when there was none')
    }),
    events: [],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'GET', path: '/api/admin/log/export', download: true }
  }),
  'admin.import_log': op({
    access: 'admin',
    summary:
      'Import an ADIF log (yesterday’s, or the club’s) so dupes, worked-before and the cooldown know of it. Over HTTP the body is the file itself (any size, streamed); over WebSocket `content` holds a small file whole, and a big one goes through admin.import_log_begin, _chunk and _commit. Records that cannot be QSOs are skipped with their line and reason; a file that is not ADIF is refused with its line and nothing is imported. Imported QSOs are marked source "import" and are not sent to the UDP log feed',
    params: z.object({ content: importPiece, filename }),
    result: importReportSchema,
    events: ['log_update'],
    errors: ['VALIDATION_ERROR', 'RATE_LIMITED'],
    http: { method: 'POST', path: '/api/admin/log/import', upload: 'content' }
  }),
  'admin.import_log_begin': op({
    access: 'admin',
    summary: 'Start importing an ADIF file sent in pieces (admin.import_log_chunk), for a file too big for one message',
    params: z.object({ filename }),
    result: z.object({ import_id: z.string(), max_piece_chars: z.number().int().describe('The most characters one piece may carry') }),
    events: [],
    errors: ['RATE_LIMITED'],
    http: { method: 'POST', path: '/api/admin/log/import/begin' }
  }),
  'admin.import_log_chunk': op({
    access: 'admin',
    summary: 'The next piece of the file, in order; it is read as it arrives. A file that is not ADIF ends the import here, with its line',
    params: z.object({ import_id: z.string().min(1).max(100), data: importPiece }),
    result: z.object({
      import_id: z.string(),
      received_chars: z.number().int(),
      records: z.number().int().describe('Records read so far'),
      skipped_count: z.number().int().describe('Of them, records that cannot be QSOs')
    }),
    events: [],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'POST', path: '/api/admin/log/import/chunk' }
  }),
  'admin.import_log_commit': op({
    access: 'admin',
    summary: 'The file is complete: its QSOs are added to the log together (those already in it are left out), and the report says what was imported and skipped',
    params: z.object({ import_id: z.string().min(1).max(100) }),
    result: importReportSchema,
    events: ['log_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    http: { method: 'POST', path: '/api/admin/log/import/commit' }
  }),
  'admin.import_log_cancel': op({
    access: 'admin',
    summary: 'Give up an import in progress; nothing of it is added',
    params: z.object({ import_id: z.string().min(1).max(100) }),
    result: z.object({ message }),
    events: [],
    errors: ['NOT_FOUND'],
    http: { method: 'POST', path: '/api/admin/log/import/cancel' }
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
    summary:
      'Change settings; queue size, connection cap, admin password and QRZ apply at once, addresses at the next start. A new queue size is announced with queue_update, a new rigctld address with rig_status, a new station or operator callsign with station_update',
    params: settingsChangesSchema,
    result: settingsViewSchema.extend({ message }),
    events: ['queue_update', 'rig_status', 'station_update'],
    errors: ['VALIDATION_ERROR'],
    http: { method: 'POST', path: '/api/admin/settings' }
  })
} as const satisfies Record<string, OperationSpec>;
