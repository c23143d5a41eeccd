/** Liveness and what the server is. */
import { z } from 'zod';
import { op, type OperationSpec, noParams, message } from './spec.js';

export const SYSTEM_OPERATIONS = {
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
      features: z.record(z.string(), z.unknown()),
      station_page_urls: z.array(z.string()).describe('The page stations open to join the queue, LAN addresses first (what an overlay’s QR code shows)')
    }),
    events: [],
    errors: [],
    http: { method: 'GET', path: '/api/system/info' }
  })
} as const satisfies Record<string, OperationSpec>;
