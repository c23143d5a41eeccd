/** Stable machine-readable error codes carried in every failed reply as `error_code`. */
export const ERROR_CODES = {
  VALIDATION_ERROR: 'A parameter is missing or malformed',
  INVALID_MESSAGE: 'The message is not valid JSON or not a protocol message',
  UNKNOWN_OPERATION: 'The operation does not exist',
  UNAUTHORIZED: 'The operation needs an authenticated admin connection',
  INVALID_CREDENTIALS: 'Username or password is wrong',
  SYSTEM_INACTIVE: 'The station is not on the air; registration is closed',
  QUEUE_FULL: 'The queue has reached its maximum size (details: max)',
  DUPLICATE_CALLSIGN: 'The callsign is already in the queue',
  NOT_FOUND: 'The callsign or record does not exist',
  RATE_LIMITED: 'Too many requests; retry later',
  REGISTRATION_PAUSED: 'Registration is paused for now; the queue is kept',
  BANNED: "The callsign is not allowed to register (details: callsign, and the operator's reason)",
  COOLDOWN: 'The station was worked recently and must wait before registering again (details: callsign, worked_at, minutes left)',
  QSO_TOO_SHORT: 'The QSO in progress is shorter than the minimum; nothing was logged. Ask the operator, then send again without check_duration',
  INTERNAL_ERROR: 'The server failed to process the request'
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a code a client can act on. Thrown by handlers, caught by transports. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    /** Facts a client can act on (e.g. how long the QSO has run), sent as the reply's `details`. */
    readonly details?: Record<string, unknown>
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** The HTTP status each code is answered with on the HTTP API. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  INVALID_MESSAGE: 400,
  UNKNOWN_OPERATION: 404,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  SYSTEM_INACTIVE: 409,
  QUEUE_FULL: 409,
  DUPLICATE_CALLSIGN: 409,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  REGISTRATION_PAUSED: 409,
  BANNED: 403,
  COOLDOWN: 429,
  QSO_TOO_SHORT: 409,
  INTERNAL_ERROR: 500
};
