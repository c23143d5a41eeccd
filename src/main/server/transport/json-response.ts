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

export function sendError(
  response: ServerResponse,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
  telemetry?: Telemetry,
  details?: Record<string, unknown>
): void {
  telemetry?.error(code);
  sendJson(response, ERROR_HTTP_STATUS[code], { success: false, error: message, error_code: code, detail: message, ...(details ? { details } : {}) }, headers);
}
