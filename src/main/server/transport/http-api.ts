/**
 * The HTTP API: every operation of the table that names an HTTP route, at that route. Admin
 * routes take HTTP Basic with the admin credentials. Successes answer the operation's result as
 * JSON; failures answer the same `error` / `error_code` as the WebSocket replies, with an HTTP
 * status chosen per code (`detail` repeats the message for clients of the original service).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProtocolError, type ErrorCode } from '../../../shared/protocol/errors.js';
import { IMPORT_PIECE_MAX_CHARS, MAX_HTTP_BODY_BYTES, sizeText } from '../../../shared/protocol/endpoints.js';
import { sendError, sendJson } from './json-response.js';
import { OPERATIONS, OPERATION_NAMES, type HttpRoute, type OperationName } from '../../../shared/protocol/operations.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Logger } from '../logger.js';
import { dispatchOperation } from '../operations/dispatch.js';
import type { OperationServices } from '../operations/handlers.js';
import { isLoopback, type AbuseGuard } from '../abuse/abuse-guard.js';
import type { SitePolicy } from './site-policy.js';
import { LogTextDecoder } from '../../../shared/text/log-text-decoder.js';

interface CompiledRoute {
  operation: OperationName;
  route: HttpRoute;
  pattern: RegExp;
  names: string[];
}

function compile(operation: OperationName): CompiledRoute {
  const route = OPERATIONS[operation].http;
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { operation, route, pattern: new RegExp(`^${source}/?$`), names };
}

const ROUTES: CompiledRoute[] = OPERATION_NAMES.map(compile);

export interface HttpApiOptions {
  services: OperationServices;
  authenticator: Authenticator;
  logger: Logger;
  guard: AbuseGuard;
  site: SitePolicy;
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_HTTP_BODY_BYTES) throw new ProtocolError('VALIDATION_ERROR', `Request body is over ${sizeText(MAX_HTTP_BODY_BYTES)}`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtocolError('INVALID_MESSAGE', 'Request body is not valid JSON');
  }
}

/** Query strings carry text; numbers and booleans are read as such so the schemas can check them. */
function queryParams(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    params[key] = /^-?\d+$/.test(value) ? Number(value) : value === 'true' ? true : value === 'false' ? false : value;
  }
  return params;
}

/**
 * An upload route (admin.import_log): the request body is the file itself, of any size. It is
 * read as it arrives and handed on in pieces through the same operations a WebSocket client
 * sends a big file with (begin, chunk, commit), so HTTP only translates; a client that stops
 * half way leaves nothing imported.
 */
async function streamUpload(request: IncomingMessage, context: Parameters<typeof dispatchOperation>[2], url: URL): Promise<unknown> {
  if (/^multipart\//i.test(request.headers['content-type'] ?? '')) {
    throw new ProtocolError('VALIDATION_ERROR', 'Send the file itself as the body (curl --data-binary @log.adi), not as a form; nothing was imported');
  }
  const filename = url.searchParams.get('filename') ?? undefined;
  const { import_id } = (await dispatchOperation('admin.import_log_begin', { filename }, context)) as { import_id: string };
  const decoder = new LogTextDecoder();
  let pending = '';
  const send = async (final: boolean) => {
    while (pending.length >= IMPORT_PIECE_MAX_CHARS || (final && pending.length > 0)) {
      const piece = pending.slice(0, IMPORT_PIECE_MAX_CHARS);
      pending = pending.slice(piece.length);
      await dispatchOperation('admin.import_log_chunk', { import_id, data: piece }, context);
    }
  };
  try {
    for await (const chunk of request) {
      pending += decoder.decode(chunk as Buffer);
      await send(false);
    }
    pending += decoder.decode(new Uint8Array(0), true);
    await send(true);
  } catch (error) {
    await dispatchOperation('admin.import_log_cancel', { import_id }, context).catch(() => undefined);
    throw error;
  }
  return dispatchOperation('admin.import_log_commit', { import_id }, context);
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ProtocolError('VALIDATION_ERROR', `The path has a malformed %-escape: ${part.slice(0, 40)}`);
  }
}

function basicCredentials(request: IncomingMessage): { username: string; password: string } | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Answers a request under API_PREFIX. */
export type HttpApi = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export function createHttpApi(options: HttpApiOptions): HttpApi {
  const telemetry = options.services.telemetry;
  const fail = (response: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}, details?: unknown, status?: number) =>
    sendError(response, code, message, { headers, telemetry, details, status });
  return async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const matches = ROUTES.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m !== null);
    // Labelled by operation, never by path: paths carry callsigns and would grow without bound.
    telemetry.message('http', matches.find((x) => x.r.route.method === request.method)?.r.operation ?? 'unknown');
    if (matches.length === 0) {
      fail(response, 'UNKNOWN_OPERATION', `No API route ${url.pathname}; GET /api/system/info lists the operations`);
      return;
    }
    const match = matches.find((x) => x.r.route.method === request.method);
    if (!match) {
      const allowed = [...new Set(matches.map((x) => x.r.route.method))].join(', ');
      fail(response, 'VALIDATION_ERROR', `Use ${allowed} for ${url.pathname}`, { Allow: allowed }, undefined, 405);
      return;
    }
    const { operation, names } = match.r;
    const spec = OPERATIONS[operation];
    const address = request.socket.remoteAddress;
    try {
      // This machine is trusted; a host on the LAN gets the same message budget as on WebSocket.
      if (!isLoopback(address)) {
        const verdict = await options.guard.admitMessage(`http:${address}`, address);
        if (!verdict.ok) {
          fail(response, 'RATE_LIMITED', `Too many requests; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s`, {
            'Retry-After': String(Math.ceil(verdict.retryAfterMs / 1000))
          });
          return;
        }
      }
      let username: string | null = null;
      if (spec.access === 'admin') {
        // A page on another site must not drive admin routes with credentials the browser remembers.
        const origin = options.site.foreignOrigin(request);
        if (origin) {
          options.logger.warn({ origin: origin.slice(0, 200), route: url.pathname, remote: request.socket.remoteAddress }, 'admin route refused from a page on another site');
          fail(response, 'UNAUTHORIZED', 'Admin routes are not accepted from a web page on another site');
          return;
        }
        const challenge = { 'WWW-Authenticate': 'Basic realm="Pileup Buster", charset="UTF-8"' };
        const given = basicCredentials(request);
        if (!given) {
          fail(response, 'UNAUTHORIZED', 'This route needs the admin login (HTTP Basic)', challenge);
          return;
        }
        const verdict = await options.authenticator.login(given, address, `HTTP ${url.pathname.slice(0, 100)}`);
        if (!verdict.ok) {
          if (verdict.reason === 'locked-out') fail(response, 'RATE_LIMITED', verdict.message, { 'Retry-After': String(Math.ceil(verdict.retryAfterMs / 1000)) });
          else fail(response, 'UNAUTHORIZED', verdict.message, challenge);
          return;
        }
        username = verdict.username;
      }
      const upload = match.r.route.upload;
      if (upload && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        sendJson(response, 200, await streamUpload(request, { ...options.services, session: { id: 'http', lasting: false, authenticated: username !== null, username } }, url));
        return;
      }
      const body = request.method === 'GET' ? {} : await readJsonBody(request);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProtocolError('VALIDATION_ERROR', 'Request body must be a JSON object');
      const pathParams = Object.fromEntries(names.map((name, i) => [name, decodePathPart(match.m![i + 1]!)]));
      const data = { ...queryParams(url), ...body, ...pathParams };
      const session = { id: 'http', lasting: false, authenticated: username !== null, username };
      const result = await dispatchOperation(operation, data, { ...options.services, session });
      if (match.r.route.download) {
        const file = result as { filename: string; content_type: string; content: string };
        response.writeHead(200, {
          'Content-Type': file.content_type,
          'Content-Disposition': `attachment; filename="${file.filename}"`,
          'Cache-Control': 'no-store'
        });
        response.end(file.content);
        return;
      }
      sendJson(response, 200, result);
    } catch (error) {
      if (error instanceof ProtocolError) {
        fail(response, error.code, error.message, {}, error.details);
        return;
      }
      options.logger.error({ err: error, operation }, 'HTTP operation failed');
      fail(response, 'INTERNAL_ERROR', 'The server could not complete the operation; it has been logged');
    }
  };
}
