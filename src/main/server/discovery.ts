/**
 * LAN discovery with DNS-SD over multicast DNS (RFC 6762/6763), in pure JavaScript
 * (bonjour-service). The server advertises itself as `_pileup-buster._tcp`; station software,
 * `npm run discover` and the SDK find it with `discoverServers()`.
 *
 * TXT record of the advertisement:
 *   path=/ws/connect   the WebSocket endpoint
 *   console=/console/  the operator console
 *   version=0.1.0      the server's version
 *   protocol=1.0       the protocol version
 *
 * Multicast goes out of every LAN IPv4 interface, one socket per interface that names it: a LAN
 * with no default route (a field LAN without internet) has no route for multicast otherwise, and
 * the packets would never leave. `interfaceAddress` limits it to the interface holding that address.
 */
import { hostname } from 'node:os';
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import { APP_VERSION } from './app-info.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/operations.js';
import { listLanAddresses } from './transport/lan-addresses.js';
import { CONSOLE_PATH, DEFAULT_PORT, WEBSOCKET_PATH, httpUrl, websocketUrl } from '../../shared/protocol/endpoints.js';

/** The DNS-SD service type, without the leading underscore and protocol label. */
export const SERVICE_TYPE = 'pileup-buster';
/** The full DNS-SD service type, as other DNS-SD tools show it. */
export const SERVICE_TYPE_LABEL = '_pileup-buster._tcp';

/** Any logger with pino's `(object, message)` form; pino's Logger fits. */
export interface DiscoveryLogger {
  warn(object: object, message: string): void;
  info?(object: object, message: string): void;
  debug?(object: object, message: string): void;
}

export interface AdvertiseOptions {
  /** The port the server is listening on. */
  port: number;
  /** Instance name shown to stations; by default "Pileup Buster on HOSTNAME". */
  name?: string;
  /** WebSocket path (TXT `path`). */
  path?: string;
  /** Console path (TXT `console`). */
  consolePath?: string;
  /** Host name the SRV record points at; by default this machine's `HOSTNAME.local`. */
  host?: string;
  /** IPv4 address of the one interface to send and receive multicast on; by default all of them. */
  interfaceAddress?: string;
  /** Extra TXT entries. */
  txt?: Record<string, string>;
  logger?: DiscoveryLogger;
}

export interface Advertisement {
  /** The instance name as published (dots become dashes in DNS-SD instance names). */
  readonly name: string;
  readonly type: typeof SERVICE_TYPE_LABEL;
  readonly port: number;
  readonly txt: Readonly<Record<string, string>>;
  /** Sends goodbye packets (TTL 0) and closes the multicast socket. Safe to call twice. */
  stop(): Promise<void>;
}

export interface DiscoveredServer {
  /** Instance name, e.g. "Pileup Buster on shack-pi". */
  name: string;
  /** Full DNS-SD name: `NAME._pileup-buster._tcp.local`. */
  fqdn: string;
  /** SRV target host name. */
  host: string;
  /** The addresses advertised for the host; the one the answer came from first. */
  addresses: string[];
  port: number;
  /** The first of `websocketUrls`: the address the answer came from, so the likeliest to work. */
  websocketUrl: string;
  websocketUrls: string[];
  consoleUrl: string;
  consoleUrls: string[];
  version: string | null;
  protocol: string | null;
  txt: Record<string, string>;
}

export interface DiscoverOptions {
  /** How long to listen for answers. Default 3000 ms. */
  timeoutMs?: number;
  /** IPv4 address of the one interface to query on; by default all of them. */
  interfaceAddress?: string;
  /** Called as each server is found, before the promise resolves. */
  onServer?: (server: DiscoveredServer) => void;
  /** Stops listening early; the servers found so far are returned. */
  signal?: AbortSignal;
  logger?: DiscoveryLogger;
}

/** This machine's name as mDNS uses it: the first label plus `.local`. */
export function localHostName(): string {
  const short = hostname().replace(/\.local\.?$/i, '').split('.')[0] || 'pileup-buster';
  return `${short}.local`;
}

export function defaultInstanceName(port: number): string {
  const machine = localHostName().replace(/\.local$/, '');
  return `Pileup Buster on ${machine}${port === DEFAULT_PORT ? '' : ` (port ${port})`}`;
}

interface MulticastDns {
  on(event: 'error' | 'warning', listener: (error: Error) => void): void;
  once(event: 'ready', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  removeListener(event: string, listener: (...args: never[]) => void): void;
}

/** bonjour-service keeps its multicast-dns instance private; its errors must still be handled. */
function multicastOf(bonjour: Bonjour): MulticastDns {
  return (bonjour as unknown as { server: { mdns: MulticastDns } }).server.mdns;
}

function createBonjour(interfaceAddress: string | undefined, logger: DiscoveryLogger | undefined): { bonjour: Bonjour; ready: Promise<void> } {
  // Bound to the wildcard address so multicast still arrives when one interface is chosen.
  const options = interfaceAddress ? { interface: interfaceAddress, bind: '0.0.0.0' } : {};
  const bonjour = new Bonjour(options as object, (error: Error) => logger?.warn({ err: error }, 'mDNS: could not answer a query'));
  const mdns = multicastOf(bonjour);
  let opened = false;
  const ready = new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      mdns.removeListener('error', onError);
      reject(new Error('the mDNS socket (UDP 5353) could not be opened within 5 s'));
    }, 5000);
    mdns.once('error', onError);
    mdns.once('ready', () => {
      opened = true;
      clearTimeout(timer);
      mdns.removeListener('error', onError);
      resolve();
    });
  });
  // Without listeners these would be thrown from the socket and end the process. Until the
  // socket is open, errors reject `ready` instead, and the caller reports them.
  mdns.on('error', (error) => {
    if (opened) logger?.warn({ err: error }, 'mDNS socket error');
  });
  mdns.on('warning', (error) => logger?.debug?.({ err: error }, 'mDNS warning'));
  return { bonjour, ready };
}

/** The IPv4 addresses to run mDNS on: the one asked for, or every LAN interface's (undefined: let the library pick). */
function multicastInterfaces(interfaceAddress: string | undefined): Array<string | undefined> {
  if (interfaceAddress) return [interfaceAddress];
  const lan = listLanAddresses(null)
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  return lan.length > 0 ? lan : [undefined];
}

/** One Bonjour per interface; those whose socket opens. Rejects only when none does. */
async function openBonjours(interfaceAddress: string | undefined, logger: DiscoveryLogger | undefined): Promise<Bonjour[]> {
  const opened = await Promise.all(
    multicastInterfaces(interfaceAddress).map(async (address) => {
      const { bonjour, ready } = createBonjour(address, logger);
      try {
        await ready;
        return { bonjour, error: null };
      } catch (error) {
        await destroy(bonjour);
        return { bonjour: null, error: error as Error };
      }
    })
  );
  const bonjours = opened.flatMap((o) => (o.bonjour ? [o.bonjour] : []));
  if (bonjours.length === 0) throw opened[0]!.error!;
  for (const { error } of opened) if (error) logger?.warn({ err: error }, 'mDNS: one interface could not be used');
  return bonjours;
}

function destroy(bonjour: Bonjour): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    try {
      bonjour.destroy(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * Advertises a pileup server on the LAN. Resolves once the multicast socket is bound; rejects
 * when it cannot be (for example when the port is held without address reuse).
 */
export async function advertise(options: AdvertiseOptions): Promise<Advertisement> {
  const { port, logger } = options;
  const txt: Record<string, string> = {
    path: options.path ?? WEBSOCKET_PATH,
    console: options.consolePath ?? CONSOLE_PATH,
    version: APP_VERSION,
    protocol: PROTOCOL_VERSION,
    ...options.txt
  };
  const bonjours = await openBonjours(options.interfaceAddress, logger);
  const services: Service[] = bonjours.map((bonjour) =>
    bonjour.publish({
      name: options.name ?? defaultInstanceName(port),
      type: SERVICE_TYPE,
      protocol: 'tcp',
      port,
      host: options.host ?? localHostName(),
      txt
    })
  );
  const name = services[0]!.name;
  services[0]!.on('up', () => logger?.info?.({ name, type: SERVICE_TYPE_LABEL, port, interfaces: bonjours.length }, 'advertised on the LAN'));

  let stopped: Promise<void> | null = null;
  return {
    name,
    type: SERVICE_TYPE_LABEL,
    port,
    txt,
    stop() {
      stopped ??= Promise.all(
        bonjours.map(async (bonjour) => {
          // Goodbye packets first, so stations drop the entry at once, then the socket.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1000);
            bonjour.unpublishAll(() => {
              clearTimeout(timer);
              resolve();
            });
          });
          await destroy(bonjour);
        })
      ).then(() => undefined);
      return stopped;
    }
  };
}

function isLinkLocalV6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address);
}

/** Turns one browser answer into what a station needs. Exported for tests. */
export function describeService(service: Pick<Service, 'name' | 'fqdn' | 'host' | 'port' | 'addresses' | 'referer' | 'txt'>): DiscoveredServer {
  const txt: Record<string, string> = {};
  for (const [key, value] of Object.entries((service.txt ?? {}) as Record<string, unknown>)) {
    txt[key] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  const from = service.referer?.address;
  const advertised = service.addresses ?? [];
  // The address the answer came from is known to route back to us; then IPv4, then IPv6.
  const addresses = [...new Set([...(from ? [from] : []), ...advertised.filter((a) => !a.includes(':')), ...advertised.filter((a) => a.includes(':'))])];
  const usable = addresses.filter((a) => !isLinkLocalV6(a));
  const path = txt.path?.startsWith('/') ? txt.path : WEBSOCKET_PATH;
  const consolePath = txt.console?.startsWith('/') ? txt.console : CONSOLE_PATH;
  const hosts = usable.length > 0 ? usable : [service.host];
  const websocketUrls = hosts.map((a) => websocketUrl(a, service.port, path));
  const consoleUrls = hosts.map((a) => httpUrl(a, service.port, consolePath));
  return {
    name: service.name,
    fqdn: service.fqdn,
    host: service.host,
    addresses,
    port: service.port,
    websocketUrl: websocketUrls[0]!,
    websocketUrls,
    consoleUrl: consoleUrls[0]!,
    consoleUrls,
    version: txt.version ?? null,
    protocol: txt.protocol ?? null,
    txt
  };
}

/**
 * Looks for pileup servers on the LAN for `timeoutMs` (asking again every second, since mDNS
 * packets can be lost) and resolves with every one that answered, in the order found.
 */
export async function discoverServers(options: DiscoverOptions = {}): Promise<DiscoveredServer[]> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const bonjours = await openBonjours(options.interfaceAddress, options.logger);
  const found = new Map<string, DiscoveredServer>();
  const browsers: Browser[] = [];
  try {
    await new Promise<void>((resolve) => {
      if (options.signal?.aborted) return resolve();
      const record = (service: Service) => {
        const server = describeService(service);
        const isNew = !found.has(server.fqdn);
        found.set(server.fqdn, server);
        if (isNew) options.onServer?.(server);
      };
      for (const bonjour of bonjours) {
        const browser = bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' }, record);
        browser.on('srv-update', record);
        browser.on('txt-update', record);
        browser.on('down', (service: Service) => found.delete(service.fqdn));
        browsers.push(browser);
      }
      const again = setInterval(() => browsers.forEach((browser) => browser.update()), 1000);
      const finish = () => {
        clearInterval(again);
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      options.signal?.addEventListener('abort', finish, { once: true });
    });
  } finally {
    for (const browser of browsers) browser.stop();
    await Promise.all(bonjours.map(destroy));
  }
  return [...found.values()];
}
