/**
 * The messages that are not operations: `auth` signs a connection in, `ping` tests it. Like the
 * operation table, this is their one definition: the WebSocket server validates with it, the
 * client takes its types from it, and the protocol reference is generated from it.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors.js';

export interface SessionMessageSpec<D extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  summary: string;
  /** What the message carries in `data`. */
  data: D;
  /** What a successful answer carries in `data`. */
  result: R;
  /** How the server answers: a `response` like an operation's, or a `pong`. */
  answer: 'response' | 'pong';
  errors: readonly ErrorCode[];
  example: { request: unknown; answer: unknown };
}

function message<D extends z.ZodType, R extends z.ZodType>(spec: SessionMessageSpec<D, R>): SessionMessageSpec<D, R> {
  return spec;
}

const AUTH_DATA_HINT = 'auth needs data.username and data.password';

export const SESSION_MESSAGES = {
  auth: message({
    summary:
      'Sign this connection in as the operator, with the admin login (or the token the desktop app hands its own console). Admin operations need it; it lasts as long as the connection',
    data: z.union(
      [
        z.object({
          username: z.string().min(1).max(64).describe('The admin login name'),
          password: z.string().min(1).max(1024).describe('The admin password')
        }),
        z.object({ token: z.string().min(1).max(256).describe("The desktop app's own console: the token from its boot info") })
      ],
      { error: AUTH_DATA_HINT }
    ),
    result: z.object({
      authenticated: z.literal(true),
      user_type: z.literal('admin'),
      message: z.string()
    }),
    answer: 'response',
    errors: ['VALIDATION_ERROR', 'INVALID_CREDENTIALS', 'UNAUTHORIZED', 'RATE_LIMITED'],
    example: {
      request: { type: 'auth', id: 'a1', data: { username: 'admin', password: '...' } },
      answer: { type: 'response', id: 'a1', operation: 'auth', success: true, data: { authenticated: true, user_type: 'admin', message: 'Authentication successful' } }
    }
  }),
  ping: message({
    summary: 'Test the connection at the application level. The server also sends WebSocket pings every heartbeat interval and drops peers that stop answering',
    data: z.unknown(),
    result: z.object({ server_time: z.string().describe('ISO 8601, UTC') }),
    answer: 'pong',
    errors: [],
    example: {
      request: { type: 'ping', id: 'p' },
      answer: { type: 'pong', id: 'p', data: { server_time: '2026-12-01T08:00:00.000Z' } }
    }
  })
} as const satisfies Record<string, SessionMessageSpec>;

export type SessionMessageName = keyof typeof SESSION_MESSAGES;
export const SESSION_MESSAGE_NAMES = Object.keys(SESSION_MESSAGES) as SessionMessageName[];
export type AuthData = z.infer<(typeof SESSION_MESSAGES)['auth']['data']>;
export type AuthResult = z.infer<(typeof SESSION_MESSAGES)['auth']['result']>;
export type PongData = z.infer<(typeof SESSION_MESSAGES)['ping']['result']>;

/** The message types a client may send: every session message, and `request` for operations. */
export const CLIENT_MESSAGE_TYPES = ['request', ...SESSION_MESSAGE_NAMES] as const;
