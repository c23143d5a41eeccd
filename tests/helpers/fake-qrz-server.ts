/**
 * A real HTTP server on 127.0.0.1 that answers like QRZ.com's XML data service, so the QRZ
 * client is tested over real sockets: login, lookups, not-found, expired and invalid sessions,
 * wrong credentials and slow answers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/** One station in the fake's database, with QRZ's element names. */
export interface FakeQrzStation {
  call: string;
  fname?: string;
  name?: string;
  addr1?: string;
  addr2?: string;
  state?: string;
  zip?: string;
  country?: string;
  grid?: string;
  image?: string;
}

export interface FakeQrzOptions {
  username?: string;
  password?: string;
  /** Added to the default stations (W1AW, DL1ABC, K1NON). */
  stations?: FakeQrzStation[];
  /** Delay before every answer, in ms. */
  delayMs?: number;
}

export interface FakeQrz {
  /** e.g. http://127.0.0.1:PORT/xml/current/ */
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  /** Requests carrying username= (successful or not). */
  readonly loginRequests: number;
  /** Requests carrying s= and callsign= (answered or not). */
  readonly lookupRequests: number;
  /** Every session key handed out, to check none leaks into logs. */
  readonly issuedKeys: readonly string[];
  /** The agent= value of the last login. */
  readonly lastAgent: string | null;
  /** Delay before every answer from now on, in ms. */
  delayMs: number;
  addStation(station: FakeQrzStation): void;
  /**
   * Ends every current session. 'timeout' answers later lookups with QRZ's "Session Timeout";
   * 'invalid' forgets the keys, so QRZ answers "Invalid session key".
   */
  expireSessions(kind?: 'timeout' | 'invalid'): void;
  close(): Promise<void>;
}

const DEFAULT_USERNAME = 'w1aw-test';
const DEFAULT_PASSWORD = 'hunter2-secret-pw';

export const DEFAULT_STATIONS: readonly FakeQrzStation[] = [
  {
    call: 'W1AW',
    fname: 'Hiram Percy',
    name: 'Maxim',
    addr1: '225 Main St',
    addr2: 'Newington',
    state: 'CT',
    zip: '06111',
    country: 'United States',
    grid: 'FN31pr',
    image: 'https://cdn-xml.qrz.com/w1aw/w1aw.jpg'
  },
  // Outside the US: no state, no photo.
  { call: 'DL1ABC', fname: 'Karl', addr1: 'Hauptstr. 1', addr2: 'Berlin', country: 'Germany', grid: 'JO62qm' },
  // A club record with no personal name and no address.
  { call: 'K1NON', country: 'United States' }
];

export async function startFakeQrzServer(options: FakeQrzOptions = {}): Promise<FakeQrz> {
  const username = options.username ?? DEFAULT_USERNAME;
  const password = options.password ?? DEFAULT_PASSWORD;
  const stations = new Map<string, FakeQrzStation>();
  for (const station of [...DEFAULT_STATIONS, ...(options.stations ?? [])]) {
    stations.set(station.call.toUpperCase(), station);
  }
  const liveKeys = new Set<string>();
  const expiredKeys = new Set<string>();
  const issuedKeys: string[] = [];
  const pendingReplies = new Set<NodeJS.Timeout>();
  let loginRequests = 0;
  let lookupRequests = 0;
  let lastAgent: string | null = null;
  let delayMs = options.delayMs ?? 0;

  function answer(params: Map<string, string>): string {
    if (params.has('username')) {
      loginRequests++;
      lastAgent = params.get('agent') ?? null;
      if (params.get('username')?.toLowerCase() !== username.toLowerCase() || params.get('password') !== password) {
        return database(session({ Error: 'Username/password incorrect', GMTime: gmTime() }));
      }
      const key = randomBytes(16).toString('hex');
      liveKeys.add(key);
      issuedKeys.push(key);
      return database(session({ Key: key, Count: '0', SubExp: 'non-subscriber', GMTime: gmTime() }));
    }

    const key = params.get('s');
    const call = params.get('callsign');
    if (key !== undefined && call !== undefined) {
      lookupRequests++;
      if (expiredKeys.has(key)) return database(session({ Error: 'Session Timeout', GMTime: gmTime() }));
      if (!liveKeys.has(key)) return database(session({ Error: 'Invalid session key', GMTime: gmTime() }));
      const station = stations.get(call.toUpperCase());
      if (!station) return database(session({ Error: `Not found: ${call.toUpperCase()}`, Key: key, GMTime: gmTime() }));
      return database(callsignRecord(station) + session({ Key: key, Count: String(lookupRequests), GMTime: gmTime() }));
    }

    return database(session({ Error: 'Invalid request', GMTime: gmTime() }));
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake-qrz');
    if (request.method !== 'GET' || url.pathname !== '/xml/current/') {
      response.writeHead(404).end();
      return;
    }
    const body = answer(parseQrzQuery(url.search));
    const reply = (): void => {
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(body);
    };
    if (delayMs <= 0) {
      reply();
      return;
    }
    const timer = setTimeout(() => {
      pendingReplies.delete(timer);
      reply();
    }, delayMs);
    pendingReplies.add(timer);
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/xml/current/`,
    username,
    password,
    get loginRequests() {
      return loginRequests;
    },
    get lookupRequests() {
      return lookupRequests;
    },
    get issuedKeys() {
      return issuedKeys;
    },
    get lastAgent() {
      return lastAgent;
    },
    get delayMs() {
      return delayMs;
    },
    set delayMs(value: number) {
      delayMs = value;
    },
    addStation(station) {
      stations.set(station.call.toUpperCase(), station);
    },
    expireSessions(kind = 'timeout') {
      for (const key of liveKeys) if (kind === 'timeout') expiredKeys.add(key);
      liveKeys.clear();
    },
    async close() {
      for (const timer of pendingReplies) clearTimeout(timer);
      pendingReplies.clear();
      // Delayed replies keep sockets open; close() alone would wait for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

/** QRZ documents `;` between parameters and accepts `&` too; the fake takes either. */
function parseQrzQuery(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split(/[;&]/)) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = separator < 0 ? pair : pair.slice(0, separator);
    const value = separator < 0 ? '' : pair.slice(separator + 1);
    params.set(decode(name).toLowerCase(), decode(value));
  }
  return params;
}

function decode(component: string): string {
  return decodeURIComponent(component.replace(/\+/g, ' '));
}

function database(inner: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8" ?>\n' +
    `<QRZDatabase version="1.36" xmlns="http://xmldata.qrz.com">\n${inner}</QRZDatabase>\n`
  );
}

function session(fields: Record<string, string>): string {
  return `<Session>\n${elements(fields)}</Session>\n`;
}

function callsignRecord(station: FakeQrzStation): string {
  const { call, ...rest } = station;
  const fields: Record<string, string> = { call, xref: '', aliases: '', dxcc: '291' };
  for (const [name, value] of Object.entries(rest)) if (value !== undefined) fields[name] = value;
  return `<Callsign>\n${elements(fields)}</Callsign>\n`;
}

function elements(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `  <${name}>${escapeXml(value)}</${name}>\n`)
    .join('');
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function gmTime(): string {
  return new Date().toUTCString();
}
