/**
 * The shape of an entry in the operation table, and the parameter schemas several entries share.
 */
import { z } from 'zod';
import { checkCallsign } from '../../callsign.js';
import { REPORT_PATTERN, REPORT_HINT } from '../../ham/rst.js';
import type { ErrorCode } from '../errors.js';
import type { BroadcastEventName } from '../events.js';

export type Access = 'public' | 'admin';

/** The HTTP route of an operation: `{name}` in the path is taken from the URL, the rest from the body or query. */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** The result is a file (`{filename, content_type, content}`): HTTP answers with the file itself. */
  download?: boolean;
  /** The request body is the file itself, streamed in pieces into this text parameter's import (see admin.import_log). */
  upload?: string;
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

export function op<P extends z.ZodType, R extends z.ZodType>(spec: OperationSpec<P, R>): OperationSpec<P, R> {
  return spec;
}

export const noParams = z.object({});

export const callsign = z
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

export const frequencyText = z
  .union([z.string(), z.number()], { error: 'must be a string such as "14.205"' })
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'));

export const message = z.string();

/** A signal report as operators log it: 59, 599, 57N, or a digital mode's dB report such as -12. */
export const report = z.string().trim().toUpperCase().regex(REPORT_PATTERN, REPORT_HINT);

export const checkDuration = z
  .boolean({ error: 'check_duration must be true or false' })
  .default(false)
  .describe('Refuse with QSO_TOO_SHORT (changing nothing) when the QSO in progress is shorter than the min_qso_seconds setting; the console asks the operator then');

/** The longest text a QSO keeps in each field the operator types (and an import fills). */
export const QSO_TEXT_MAX = { name: 100, notes: 500, exchange: 60 } as const;

/** What the operator may type into a QSO, in progress or logged. */
export const qsoEdits = {
  rst_sent: report.optional(),
  rst_rcvd: report.optional(),
  name: z.string().trim().max(QSO_TEXT_MAX.name, 'name is too long').optional(),
  notes: z.string().max(QSO_TEXT_MAX.notes, 'notes are too long').optional(),
  exchange: z.string().trim().max(QSO_TEXT_MAX.exchange, 'exchange is too long').optional()
};
