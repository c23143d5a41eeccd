/** What stations do: read the pileup, join the queue, leave it, and say they are still there. */
import { z } from 'zod';
import { frequencyStateSchema, pileupSnapshotSchema, queueEntrySchema, queueSnapshotSchema, splitStateSchema } from '../entities.js';
import { op, type OperationSpec, noParams, callsign, message } from './spec.js';

export const STATION_OPERATIONS = {
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
      "Say the station is still here, with the leave_token its registration returned (after a reconnect, say): the operator sees it as connected while this connection lasts, or as seen now over HTTP. A station no longer in the queue gets BANNED (with the operator's reason in details) if it was banned, NOT_FOUND otherwise",
    params: z.object({ callsign, token: z.string({ error: 'token is required' }).min(1, 'token is required').max(200) }),
    result: z.object({ message, entry: queueEntrySchema }),
    events: ['queue_update'],
    errors: ['VALIDATION_ERROR', 'NOT_FOUND', 'UNAUTHORIZED', 'BANNED'],
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
  })
} as const satisfies Record<string, OperationSpec>;
