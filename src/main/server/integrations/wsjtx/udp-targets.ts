/**
 * Where the UDP log feed sends: one or more `HOST:PORT` (port 2237, WSJT-X's, when left out),
 * separated by commas or spaces, unicast or multicast, IPv4 or IPv6 (in brackets).
 */
import { isIP } from 'node:net';
import { formatHostPort, parseHostPort, type HostPort } from '../host-port.js';
import { WSJTX_DEFAULT_PORT } from './network-message.js';

export interface UdpTarget extends HostPort {
  multicast: boolean;
}

/** Multicast groups: 224.0.0.0/4 and ff00::/8. */
export function isMulticast(host: string): boolean {
  if (isIP(host) === 4) {
    const first = Number(host.split('.')[0]);
    return first >= 224 && first <= 239;
  }
  return isIP(host) === 6 && /^ff/i.test(host);
}

/** Parses the targets, or throws an Error saying which one is wrong and how. */
export function parseUdpTargets(text: string): UdpTarget[] {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0) throw new Error('no UDP log target given (expected HOST:PORT, e.g. 127.0.0.1:2237)');
  const targets = parts.map((part) => {
    const address = parseHostPort(part, 'UDP log target', WSJTX_DEFAULT_PORT);
    return { ...address, multicast: isMulticast(address.host) };
  });
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = formatHostPort(target);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function formatUdpTargets(targets: readonly HostPort[]): string {
  return targets.map(formatHostPort).join(', ');
}
