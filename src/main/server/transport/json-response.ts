/**
 * JSON answers for every HTTP route the server owns, so a client always gets `error` and
 * `error_code` it can read, whichever handler refused it.
 */
import type { ServerResponse } from 'node:http';
import { ERROR_HTTP_STATUS, type ErrorCode } from '../../../shared/protocol/errors.js';
import type { Telemetry } from '../monitoring/telemetry.js';
import { jsonText } from './wire-text.js';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = jsonText(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers
  });
  response.end(text);
}

export interface ErrorOptions {
  headers?: Record<string, string>;
  /** Counted in the metrics when given. */
  telemetry?: Telemetry;
  details?: unknown;
  /** When HTTP needs a more precise status than the code's (405 wrong method, 426 upgrade). */
  status?: number;
}

/** The one HTTP error envelope: `success: false`, the human text as `error` and `detail`, and `error_code`. */
export function sendError(response: ServerResponse, code: ErrorCode, message: string, options: ErrorOptions = {}): void {
  options.telemetry?.error(code);
  const body = { success: false, error: message, error_code: code, detail: message, ...(options.details !== undefined ? { details: options.details } : {}) };
  sendJson(response, options.status ?? ERROR_HTTP_STATUS[code], body, options.headers);
}
