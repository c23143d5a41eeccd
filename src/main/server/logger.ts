/**
 * Structured logging (pino, JSON lines on stderr so stdout stays readable for the operator).
 * Secrets never reach a log line: fields that could hold them are redacted at the logger.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export { LOG_LEVELS, type LogLevel } from '../../shared/settings.js';
import type { LogLevel } from '../../shared/settings.js';

const REDACT = {
  paths: ['password', '*.password', 'data.password', 'key', '*.key', 'token', '*.token', 'authorization', '*.authorization'],
  censor: '[redacted]'
};

export function createLogger(level: LogLevel = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { app: 'pileup-buster' }, redact: REDACT, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
