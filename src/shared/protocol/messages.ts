/**
 * Message envelopes on the wire (seed 000, "Message Structure"), as the server emits them and as
 * clients may send them. `id` and `timestamp` are optional from clients; replies echo `id`.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import type { EventName } from './events.js';
import type { CLIENT_MESSAGE_TYPES, PongData } from './session-messages.js';

/** Anything a client may send. `data` defaults to `{}`; unknown keys are ignored. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('request'),
    id: z.union([z.string(), z.number()]).optional(),
    operation: z.string({ error: 'operation is required' }).min(1, 'operation is required'),
    data: z.unknown().optional(),
    timestamp: z.unknown().optional()
  }),
  z.object({
    type: z.literal('auth'),
    id: z.union([z.string(), z.number()]).optional(),
    data: z.unknown().optional(),
    timestamp: z.unknown().optional()
  }),
  z.object({
    type: z.literal('ping'),
    id: z.union([z.string(), z.number()]).optional(),
    timestamp: z.unknown().optional()
  })
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
/** The envelopes above and the session-message table name the same types (a compile error otherwise). */
type SameTypes<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _envelopesMatchTable: SameTypes<ClientMessage['type'], (typeof CLIENT_MESSAGE_TYPES)[number]> = true;

export type MessageId = string | number | null;

export interface SuccessReply<T = unknown> {
  type: 'response';
  id: MessageId;
  operation: string;
  success: true;
  data: T;
  timestamp: string;
}

/**
 * A failed reply. `error` is the human text the seed's error handling section shows;
 * `error_code`/`error_message` are what its `type: "error"` example shows. Both are always present.
 */
export interface FailureReply {
  type: 'response' | 'error';
  id: MessageId;
  operation: string | null;
  success: false;
  error: string;
  error_code: ErrorCode;
  error_message: string;
  details?: unknown;
  timestamp: string;
}

export interface PongMessage {
  type: 'pong';
  id: MessageId;
  data: PongData;
  timestamp: string;
}

/** Events carry their name twice (`event` and `event_type`, the seed uses both) and a sequence number. */
export interface EventMessage<T = unknown> {
  type: 'event';
  event: EventName;
  event_type: EventName;
  seq: number;
  data: T;
  timestamp: string;
}

export type ServerMessage = SuccessReply | FailureReply | PongMessage | EventMessage;

let isoMs = NaN;
let isoText = '';

/** The time now in UTC ISO 8601. Formatted at most once per millisecond: every message carries one. */
export function nowIso(): string {
  const ms = Date.now();
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

export function successReply<T>(id: MessageId, operation: string, data: T): SuccessReply<T> {
  return { type: 'response', id, operation, success: true, data, timestamp: nowIso() };
}

export function failureReply(
  id: MessageId,
  operation: string | null,
  code: ErrorCode,
  message: string,
  options: { asErrorType?: boolean; details?: unknown } = {}
): FailureReply {
  const reply: FailureReply = {
    type: options.asErrorType ? 'error' : 'response',
    id,
    operation,
    success: false,
    error: message,
    error_code: code,
    error_message: message,
    timestamp: nowIso()
  };
  if (options.details !== undefined) reply.details = options.details;
  return reply;
}

export function eventMessage<T>(event: EventName, seq: number, data: T): EventMessage<T> {
  return { type: 'event', event, event_type: event, seq, data, timestamp: nowIso() };
}
