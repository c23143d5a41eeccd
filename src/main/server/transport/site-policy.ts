/**
 * Which web pages may talk to this server, judged from a request's Host and Origin headers.
 *
 * DNS rebinding: a page on evil.example can have its name re-pointed at this machine's address
 * and then reach the server as a "same-site" page (Host and Origin both evil.example). So a
 * request must name this server: an IP address (a rebinding page never has one as its Host),
 * localhost, this machine's name or its mDNS `.local` name, or a name the operator configured
 * (ALLOWED_HOSTS: a DNS name on the LAN, a reverse proxy). Requests with no Host at all are not
 * from a browser and are let through.
 *
 * A page on another site (its Origin is not the Host it talks to) may read public state, as any
 * station can, but may not sign in; pages the app itself trusts (the development server of the
 * console) are named in `trustedOrigins`.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { localHostName } from '../discovery.js';

export interface SitePolicy {
  /** Whether the request names this server (see above); false means refuse it. */
  hostAllowed(request: IncomingMessage): boolean;
  /** The Origin of a browser page on another site, or null (same site, trusted, or not a browser). */
  foreignOrigin(request: IncomingMessage): string | null;
}

/** The host name in a Host header (`name:port`, `[v6]:port`), lower case, without a trailing dot. */
export function hostNameOf(host: string): string {
  const trimmed = host.trim().toLowerCase();
  const name = trimmed.startsWith('[') ? trimmed.slice(1, trimmed.indexOf(']') >>> 0) : trimmed.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

/** Names in an ALLOWED_HOSTS value: comma- or space-separated, `name` or `name:port`. */
export function parseAllowedHosts(text: string | null): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(hostNameOf);
}

export function createSitePolicy(options: { allowedHosts: readonly string[]; trustedOrigins?: readonly string[] }): SitePolicy {
  const machine = hostname().toLowerCase().replace(/\.$/, '');
  const names = new Set([machine, machine.split('.')[0]!, localHostName().toLowerCase(), ...options.allowedHosts.map(hostNameOf)]);
  const trusted = new Set(options.trustedOrigins ?? []);
  const allowedName = (name: string) => isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || names.has(name);
  return {
    hostAllowed(request) {
      const host = request.headers.host;
      return host === undefined || allowedName(hostNameOf(host));
    },
    foreignOrigin(request) {
      const origin = request.headers.origin;
      if (!origin) return null;
      if (origin === 'null') return 'null';
      if (trusted.has(origin)) return null;
      try {
        return new URL(origin).host === request.headers.host ? null : origin;
      } catch {
        return origin;
      }
    }
  };
}
