/**
 * What the console window may load, open and ask for. Pure functions, so the rules are easy to
 * read in one place; src/main/index.ts wires them to Electron's events.
 *
 * - Navigation: the window stays on the console. A navigation is allowed only to the console's
 *   own origin and under the path it was loaded from (/console/ of the embedded server, or the
 *   whole dev server in development). Everything else is cancelled.
 * - New windows: never. `window.open`, `target="_blank"` links and the like are all denied.
 * - External links: a denied new window or navigation whose URL is plain `https:` (no user name
 *   or password in it) is handed to the operator's default browser. This covers QRZ pages
 *   (https://www.qrz.com/db/CALL), which is what the console links to, and any other https page
 *   an operator might follow, but never `http:`, `file:`, `javascript:`, custom protocol handlers
 *   or the console's own (http) origin, which could launch local programs or spoof pages.
 * - Permissions (camera, microphone, notifications, geolocation, ...): denied, except writing
 *   plain text to the clipboard from the console itself ("copy the station URL").
 */
import { CONSOLE_PATH, httpUrl, websocketUrl } from '../shared/protocol/endpoints.js';

export interface ConsoleEndpoints {
  /** What the window loads. */
  consoleUrl: string;
  /** Where the console's WebSocket connects (handed over in the boot info). */
  websocketUrl: string;
}

/**
 * The address this machine reaches its own server at. Bound to every interface (the default) or
 * to loopback: 127.0.0.1. Bound to one LAN address: that address, since loopback is not served.
 */
export function localServerHost(boundHost: string | null): string {
  if (boundHost === null) return '127.0.0.1';
  const host = boundHost.trim().replace(/^\[(.*)\]$/, '$1');
  if (host === '' || host === '0.0.0.0' || host === '::' || host === 'localhost' || host === '127.0.0.1') return '127.0.0.1';
  return host;
}

export function consoleEndpoints(boundHost: string | null, port: number): ConsoleEndpoints {
  const host = localServerHost(boundHost);
  return { consoleUrl: httpUrl(host, port, CONSOLE_PATH), websocketUrl: websocketUrl(host, port) };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The part of the web the window may navigate within: an origin and a path prefix. */
export interface ConsoleScope {
  origin: string;
  pathPrefix: string;
}

/** The scope of a loaded console URL: its origin, and its path up to the last '/'. */
export function consoleScope(loadedUrl: string): ConsoleScope {
  const url = parse(loadedUrl);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error(`Not an http(s) URL: ${loadedUrl}`);
  return { origin: url.origin, pathPrefix: url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1) };
}

export function isWithinConsole(url: string, scope: ConsoleScope | null): boolean {
  if (!scope) return false;
  const target = parse(url);
  if (!target || target.origin !== scope.origin) return false;
  if (target.username || target.password) return false;
  return target.pathname.startsWith(scope.pathPrefix);
}

export function isSameOrigin(url: string, scope: ConsoleScope | null): boolean {
  if (!scope) return false;
  return parse(url)?.origin === scope.origin;
}

/** The URL to open in the default browser, or null when it must not be opened at all. */
export function externalLinkTarget(url: string): string | null {
  const target = parse(url);
  if (!target || target.protocol !== 'https:') return null;
  if (target.username || target.password || !target.hostname) return null;
  return target.href;
}

/** Permissions the console may have; every other request and check is denied. */
export function isPermissionAllowed(permission: string, requestingUrl: string, scope: ConsoleScope | null): boolean {
  return permission === 'clipboard-sanitized-write' && isSameOrigin(requestingUrl, scope);
}
