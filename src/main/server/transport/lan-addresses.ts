/** The URLs stations on the LAN can use to reach this machine. */
import { networkInterfaces } from 'node:os';
import { websocketUrl } from '../../../shared/protocol/endpoints.js';

export interface LanAddress {
  interface: string;
  family: 'IPv4' | 'IPv6';
  address: string;
  internal: boolean;
}

export function listLanAddresses(host: string | null): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    for (const entry of entries ?? []) {
      // Link-local IPv6 addresses need a zone index that browsers do not accept in URLs.
      if (entry.family === 'IPv6' && entry.address.toLowerCase().startsWith('fe80')) continue;
      if (host !== null && host !== '0.0.0.0' && host !== '::' && entry.address !== host) continue;
      if (host === '0.0.0.0' && entry.family !== 'IPv4') continue;
      found.push({ interface: name, family: entry.family, address: entry.address, internal: entry.internal });
    }
  }
  // LAN addresses first: those are what a station needs; loopback only helps on this machine.
  return found.sort((a, b) => Number(a.internal) - Number(b.internal) || a.family.localeCompare(b.family));
}

export function websocketUrls(addresses: LanAddress[], port: number): string[] {
  return addresses.map((a) => websocketUrl(a.address, port));
}
