/**
 * QRZ.com XML data client: looks up who a station is (name, QTH, grid, photo) for the queue.
 *
 * Lookups are a nicety, never a requirement: every public method resolves (null on any
 * failure) within a bounded time, so a slow or unreachable QRZ cannot stall a registration.
 *
 * Wire protocol (https://www.qrz.com/XML/current_spec.html): log in with
 * `?username=U&password=P&agent=A` to get a session key, then look up with `?s=KEY&callsign=C`.
 * Every answer is a `<QRZDatabase>` document whose `<Session>` carries the (possibly renewed)
 * key or an `<Error>`.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Logger } from 'pino';
import type { QrzInfo } from '../../../shared/protocol/entities.js';
import { normalizeCallsign } from '../../../shared/callsign.js';

export interface QrzClientOptions {
  username: string;
  password: string;
  /** Default 'https://xmldata.qrz.com/xml/current/'. */
  baseUrl?: string;
  /** Budget for one lookup, including a login when one is needed. Default 2000. */
  timeoutMs?: number;
  /** How long a found station is remembered. Default 24 h; not-found answers are kept 1 h at most. */
  cacheTtlMs?: number;
  /** Sent as `agent=` so QRZ can tell which program is calling. Default 'pileup-buster-desktop'. */
  agent?: string;
  /** Never receives the password or the session key. */
  logger?: Logger;
}

const DEFAULT_BASE_URL = 'https://xmldata.qrz.com/xml/current/';
const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_CACHE_TTL_MS = 24 * 60 * 60 * 1000;
// A not-found call may be registered on QRZ later (new licences), so forget it sooner.
const NOT_FOUND_TTL_MS = 60 * 60 * 1000;
// QRZ locks accounts that keep failing to log in; one attempt a minute is plenty.
const LOGIN_REFUSED_BACKOFF_MS = 60 * 1000;
// Bounds memory on a long-running server; a contest sees a few thousand distinct calls.
const MAX_CACHE_ENTRIES = 10_000;

type CachedAnswer = { info: QrzInfo | null; expiresAt: number };

type LookupOutcome =
  | { kind: 'found'; info: QrzInfo }
  | { kind: 'not-found' }
  // Transient (network, timeout, login refused, unexpected reply): not cached, so it is retried.
  | { kind: 'failed' };

/** The parts of a `<QRZDatabase>` document we read; every element may be missing. */
type QrzDocument = {
  Session?: Record<string, unknown>;
  Callsign?: Record<string, unknown>;
};

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  // Keep every value a string: zip codes, DXCC numbers and all-digit fields must not turn into numbers.
  parseTagValue: false,
  trimValues: true
});

export class QrzClient {
  private readonly username: string;
  private readonly password: string;
  private readonly baseUrl: URL;
  private readonly timeoutMs: number;
  private readonly cacheTtlMs: number;
  private readonly agent: string;
  private readonly logger: Logger | undefined;

  private sessionKey: string | null = null;
  private pendingLogin: Promise<string | null> | null = null;
  private loginRefusedUntil = 0;
  private readonly cache = new Map<string, CachedAnswer>();
  private readonly pendingLookups = new Map<string, Promise<QrzInfo | null>>();

  constructor(options: QrzClientOptions) {
    this.username = options.username;
    this.password = options.password;
    this.baseUrl = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.agent = options.agent ?? 'pileup-buster-desktop';
    this.logger = options.logger?.child({ component: 'qrz' });
  }

  /**
   * What QRZ knows about `callsign`. Never throws. Resolves null when the call is not found,
   * the credentials are wrong, QRZ is unreachable, or the `timeoutMs` budget runs out.
   * Concurrent lookups of one call share a single request.
   */
  lookup(callsign: string): Promise<QrzInfo | null> {
    const call = normalizeCallsign(callsign);
    if (call === '') return Promise.resolve(null);

    const cached = this.readCache(call);
    if (cached !== undefined) return Promise.resolve(cached);

    let pending = this.pendingLookups.get(call);
    if (!pending) {
      pending = this.lookupAndRemember(call).finally(() => this.pendingLookups.delete(call));
      this.pendingLookups.set(call, pending);
    }
    return pending;
  }

  /**
   * Like `lookup`, but gives up waiting after `waitMs` (resolving null) while the request keeps
   * running under its own `timeoutMs` budget and still fills the cache - so a caller that cannot
   * wait now gets the answer from the cache on its next lookup.
   */
  lookupWithin(callsign: string, waitMs: number): Promise<QrzInfo | null> {
    return new Promise((resolve) => {
      const giveUp = setTimeout(() => resolve(null), waitMs);
      void this.lookup(callsign).then((info) => {
        clearTimeout(giveUp);
        resolve(info);
      });
    });
  }

  private readCache(call: string): QrzInfo | null | undefined {
    const entry = this.cache.get(call);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.cache.delete(call);
      return undefined;
    }
    return entry.info;
  }

  private remember(call: string, info: QrzInfo | null, ttlMs: number): void {
    this.cache.delete(call); // re-inserting moves the entry to the back of the eviction order
    this.cache.set(call, { info, expiresAt: Date.now() + ttlMs });
    if (this.cache.size > MAX_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  private async lookupAndRemember(call: string): Promise<QrzInfo | null> {
    const budget = AbortSignal.timeout(this.timeoutMs);
    try {
      const outcome = await this.queryWithSession(call, budget);
      switch (outcome.kind) {
        case 'found':
          this.remember(call, outcome.info, this.cacheTtlMs);
          this.logger?.debug({ callsign: call }, 'QRZ lookup found the station');
          return outcome.info;
        case 'not-found':
          this.remember(call, null, Math.min(NOT_FOUND_TTL_MS, this.cacheTtlMs));
          this.logger?.debug({ callsign: call }, 'QRZ does not know this callsign');
          return null;
        case 'failed':
          return null;
      }
    } catch (error) {
      this.logger?.warn({ callsign: call, error: describeError(error) }, 'QRZ lookup failed');
      return null;
    }
  }

  /** One lookup, logging in first when needed and once more if QRZ says the session expired. */
  private async queryWithSession(call: string, budget: AbortSignal): Promise<LookupOutcome> {
    for (let attempt = 1; attempt <= 2; attempt++) {
      const key = await untilAborted(this.currentSessionKey(), budget);
      if (key === null) return { kind: 'failed' };

      const doc = await this.request({ s: key, callsign: call }, budget);
      const renewedKey = text(doc.Session?.Key);
      if (renewedKey !== null) this.sessionKey = renewedKey;

      if (doc.Callsign) return { kind: 'found', info: toQrzInfo(doc.Callsign, call) };

      const error = text(doc.Session?.Error) ?? '';
      if (isSessionExpired(error)) {
        // Only drop the key we used: a concurrent lookup may already have logged in again.
        if (this.sessionKey === key) this.sessionKey = null;
        this.logger?.info({ attempt }, 'QRZ session expired; logging in again');
        continue;
      }
      if (/^not found/i.test(error)) return { kind: 'not-found' };

      this.logger?.warn({ callsign: call, qrzError: error || 'no callsign and no error in reply' }, 'QRZ lookup refused');
      return { kind: 'failed' };
    }
    return { kind: 'failed' };
  }

  /** The session key, logging in when there is none. All waiting lookups share one login. */
  private currentSessionKey(): Promise<string | null> {
    if (this.sessionKey !== null) return Promise.resolve(this.sessionKey);
    if (Date.now() < this.loginRefusedUntil) return Promise.resolve(null);
    this.pendingLogin ??= this.login().finally(() => {
      this.pendingLogin = null;
    });
    return this.pendingLogin;
  }

  /**
   * Never throws. Runs under its own timeout rather than the budget of the lookup that
   * started it, because other lookups may be waiting on it too.
   */
  private async login(): Promise<string | null> {
    try {
      const doc = await this.request(
        { username: this.username, password: this.password, agent: this.agent },
        AbortSignal.timeout(this.timeoutMs)
      );
      const key = text(doc.Session?.Key);
      if (key !== null) {
        this.sessionKey = key;
        this.logger?.info(
          { username: this.username, subscriptionExpires: text(doc.Session?.SubExp) },
          'Logged in to QRZ'
        );
        return key;
      }
      this.loginRefusedUntil = Date.now() + LOGIN_REFUSED_BACKOFF_MS;
      this.logger?.warn(
        {
          username: this.username,
          qrzError: text(doc.Session?.Error) ?? 'no session key in reply',
          retryInSeconds: LOGIN_REFUSED_BACKOFF_MS / 1000
        },
        'QRZ refused the login; check the QRZ username and password'
      );
      return null;
    } catch (error) {
      this.logger?.warn({ username: this.username, error: describeError(error) }, 'QRZ login failed');
      return null;
    }
  }

  /**
   * One GET against the XML endpoint. The URL carries the password or the session key, so it
   * must never reach a log line or an error message.
   */
  private async request(params: Record<string, string>, signal: AbortSignal): Promise<QrzDocument> {
    const url = new URL(this.baseUrl);
    url.search = new URLSearchParams(params).toString();
    const response = await fetch(url, { signal, headers: { accept: 'application/xml, text/xml' } });
    if (!response.ok) throw new Error(`QRZ answered HTTP ${response.status}`);
    const body = await response.text();
    const parsed: unknown = xmlParser.parse(body);
    const doc = isRecord(parsed) ? parsed.QRZDatabase : undefined;
    if (!isRecord(doc)) throw new Error('QRZ reply is not a QRZDatabase document');
    return {
      Session: isRecord(doc.Session) ? doc.Session : undefined,
      Callsign: isRecord(doc.Callsign) ? doc.Callsign : undefined
    };
  }
}

function toQrzInfo(record: Record<string, unknown>, requestedCall: string): QrzInfo {
  const name = [text(record.fname), text(record.name)].filter((part) => part !== null).join(' ');
  // QRZ keeps the street in addr1 and the city in addr2; a QTH is the city (and state).
  const city = text(record.addr2);
  const state = text(record.state);
  const qth = city !== null && state !== null ? `${city}, ${state}` : city;
  return {
    callsign: (text(record.call) ?? requestedCall).toUpperCase(),
    name: name === '' ? null : name,
    qth,
    country: text(record.country),
    grid: text(record.grid),
    image: text(record.image)
  };
}

function isSessionExpired(qrzError: string): boolean {
  return /session timeout|invalid session key/i.test(qrzError);
}

/** A non-empty trimmed string, or null for anything else (missing, empty, repeated elements). */
function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rejects with the budget's reason once it runs out, even if `work` never settles. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      }
    );
  });
}

/**
 * Name, message and error code only: fetch errors can carry request details in their
 * `cause` chain, and the request URL holds credentials.
 */
function describeError(error: unknown): { name: string; message: string; code?: string } {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const cause: unknown = error.cause;
  const code = isRecord(cause) && typeof cause.code === 'string' ? cause.code : undefined;
  return code === undefined
    ? { name: error.name, message: error.message }
    : { name: error.name, message: error.message, code };
}
