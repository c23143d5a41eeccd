/**
 * A network address as operators write it in settings (`host:port`, IPv6 in brackets) and as the
 * server shows it back: the rig's rigctld, the loggers the UDP log feed sends to.
 */
import { isIPv6 } from 'node:net';

export interface HostPort {
  host: string;
  port: number;
}

/**
 * Parses `host:port`, `host` (the default port, when there is one), `[v6addr]:port`, `[v6addr]` or
 * a bare IPv6 address. Throws an Error whose message names `what` it is and says what is wrong.
 */
export function parseHostPort(text: string, what: string, defaultPort: number | null): HostPort {
  const input = text.trim();
  const example = `e.g. 127.0.0.1:${defaultPort ?? 2237}`;
  if (input === '') throw new Error(`${what} is empty (expected host:port, ${example})`);
  if (/[\s/@?#]/.test(input)) throw new Error(`${what} "${text}" is not host:port (${example})`);

  let host: string;
  let portText: string | undefined;
  if (input.startsWith('[')) {
    const close = input.indexOf(']');
    if (close < 0) throw new Error(`${what} "${text}" has "[" without "]"`);
    host = input.slice(1, close);
    const rest = input.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) throw new Error(`${what} "${text}": expected ":port" after "]"`);
      portText = rest.slice(1);
    }
    if (!isIPv6(host)) throw new Error(`${what} "${text}": "${host}" is not an IPv6 address`);
  } else if (isIPv6(input)) {
    // A bare IPv6 address has no room for a port; `[::1]:4532` is the way to give one.
    host = input;
  } else {
    const colons = input.split(':').length - 1;
    if (colons > 1) throw new Error(`${what} "${text}": put an IPv6 address in brackets, e.g. [::1]:${defaultPort ?? 2237}`);
    const colon = input.indexOf(':');
    host = colon < 0 ? input : input.slice(0, colon);
    if (colon >= 0) portText = input.slice(colon + 1);
    if (host === '') throw new Error(`${what} "${text}" has no host before ":"`);
    if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host) || host.includes('..')) {
      throw new Error(`${what} "${text}": "${host}" is not a host name or IPv4 address`);
    }
  }

  let port = defaultPort;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) throw new Error(`${what} "${text}": port "${portText}" is not a number`);
    port = Number(portText);
    if (port < 1 || port > 65535) throw new Error(`${what} "${text}": port ${port} is out of range 1-65535`);
  }
  if (port === null) throw new Error(`${what} "${text}" has no port (${example})`);
  return { host, port };
}

/** `host:port`, with brackets around an IPv6 host. */
export function formatHostPort(address: HostPort): string {
  return isIPv6(address.host) ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
