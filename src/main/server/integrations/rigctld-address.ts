/**
 * Where rigctld listens, as the operator writes it in settings (`host:port`, IPv6 in brackets)
 * and as the server shows it back.
 */
import { isIPv6 } from 'node:net';

/** Hamlib's own default port for rigctld. */
export const DEFAULT_RIGCTLD_PORT = 4532;

export interface RigAddress {
  host: string;
  port: number;
}

/**
 * Parses `host:port`, `host` (port 4532), `[v6addr]:port`, `[v6addr]` or a bare IPv6 address.
 * Throws an Error whose message says what is wrong with the text.
 */
export function parseRigAddress(text: string): RigAddress {
  const input = text.trim();
  if (input === '') throw new Error('rig address is empty (expected host:port, e.g. 127.0.0.1:4532)');
  if (/[\s/@?#]/.test(input)) throw new Error(`rig address "${text}" is not host:port (e.g. 127.0.0.1:4532)`);

  let host: string;
  let portText: string | undefined;
  if (input.startsWith('[')) {
    const close = input.indexOf(']');
    if (close < 0) throw new Error(`rig address "${text}" has "[" without "]"`);
    host = input.slice(1, close);
    const rest = input.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) throw new Error(`rig address "${text}": expected ":port" after "]"`);
      portText = rest.slice(1);
    }
    if (!isIPv6(host)) throw new Error(`rig address "${text}": "${host}" is not an IPv6 address`);
  } else if (isIPv6(input)) {
    // A bare IPv6 address has no room for a port; `[::1]:4532` is the way to give one.
    host = input;
  } else {
    const colons = input.split(':').length - 1;
    if (colons > 1) throw new Error(`rig address "${text}": put an IPv6 address in brackets, e.g. [::1]:4532`);
    const colon = input.indexOf(':');
    host = colon < 0 ? input : input.slice(0, colon);
    if (colon >= 0) portText = input.slice(colon + 1);
    if (host === '') throw new Error(`rig address "${text}" has no host before ":"`);
    if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host) || host.includes('..')) {
      throw new Error(`rig address "${text}": "${host}" is not a host name or IPv4 address`);
    }
  }

  let port = DEFAULT_RIGCTLD_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) throw new Error(`rig address "${text}": port "${portText}" is not a number`);
    port = Number(portText);
    if (port < 1 || port > 65535) throw new Error(`rig address "${text}": port ${port} is out of range 1-65535`);
  }
  return { host, port };
}

/** `host:port`, with brackets around an IPv6 host. */
export function formatRigAddress(address: RigAddress): string {
  return isIPv6(address.host) ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
