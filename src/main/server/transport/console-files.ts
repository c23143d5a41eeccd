/**
 * Serves the built web apps from the renderer bundle: the operator console at /console/ (for a
 * browser on the LAN, and the desktop window) and the station page at / (for stations joining
 * from a phone or laptop). Both come from the same origin as the protocol endpoint.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONSOLE_PATH, OVERLAY_PATH } from '../../../shared/protocol/endpoints.js';
import { sendError } from './json-response.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
};

/**
 * The console talks only to the server it came from. `connect-src 'self'` covers ws: to the same
 * host in current browsers; the explicit ws:// source covers the rest. QRZ photos are the only
 * outside resource, and only as images.
 */
function contentSecurityPolicy(request: IncomingMessage): string {
  const host = (request.headers.host ?? '').replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self'${host ? ` ws://${host}` : ''}`,
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'"
  ].join('; ');
}

/** Which file of the bundle a request path names, or null when the path is not the apps'. */
export function webAppFile(path: string): { file: string; page: boolean } | null {
  if (path === '/' || path === '/index.html') return { file: 'station.html', page: true };
  if (path === OVERLAY_PATH) return { file: 'overlay.html', page: true };
  if (path === CONSOLE_PATH || path === `${CONSOLE_PATH}index.html`) return { file: 'index.html', page: true };
  if (path.startsWith(CONSOLE_PATH)) return { file: path.slice(CONSOLE_PATH.length), page: false };
  if (path.startsWith('/assets/') || path === '/favicon.svg') return { file: path.slice(1), page: false };
  return null;
}

/**
 * The built pages and assets, read once and then served from memory: the bundle does not change
 * while the server runs, and a file opened per request would spend a descriptor each, which a
 * flood of requests could use up (the descriptors are kept for saving data). Only files that
 * exist are kept, so the cache is bounded by the bundle's size; `stat` needs no descriptor.
 */
const bundleFiles = new Map<string, Promise<Buffer>>();

function bundleFile(file: string): Promise<Buffer> {
  let cached = bundleFiles.get(file);
  if (!cached) {
    cached = (async () => {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      return readFile(file);
    })();
    bundleFiles.set(file, cached);
    // A path that is not a file is forgotten again, so random paths cannot grow the cache.
    cached.catch(() => bundleFiles.delete(file));
  }
  return cached;
}

export async function serveWebApp(bundleDir: string | null, request: IncomingMessage, response: ServerResponse, relative: string, page: boolean): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const error = `Use GET for ${(request.url ?? '/').slice(0, 200)}`;
    sendError(response, 'VALIDATION_ERROR', error, { status: 405, headers: { Allow: 'GET, HEAD' } });
    return;
  }
  if (!bundleDir) {
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The web pages are not built. Run `npm run build` and restart.\n');
    return;
  }
  let file: string;
  try {
    file = normalize(join(bundleDir, decodeURIComponent(relative)));
  } catch {
    sendError(response, 'VALIDATION_ERROR', 'The path is not valid percent-encoding');
    return;
  }
  if (!file.startsWith(normalize(bundleDir) + sep)) {
    sendError(response, 'NOT_FOUND', 'Not found');
    return;
  }
  let body: Buffer;
  try {
    body = await bundleFile(file);
  } catch {
    sendError(response, 'NOT_FOUND', 'Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    // Built assets have content hashes in their names; the pages themselves must always be fresh.
    'Cache-Control': page ? 'no-cache' : 'public, max-age=31536000, immutable',
    'Content-Security-Policy': contentSecurityPolicy(request),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY'
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
