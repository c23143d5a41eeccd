/**
 * Keeps one client from spoiling the pileup for everyone: message rate limits per connection and
 * per address, a cap on connections per address, and failed logins that slow down and then lock
 * the address out for a while. Counting is done by rate-limiter-flexible, in memory.
 *
 * Addresses of this machine (loopback) are exempt from the per-address limits: only the operator
 * and their own software can come from there, and a LAN attacker cannot.
 */
import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface AbuseLimits {
  /** Messages per second one connection may send. */
  messagesPerConnection: number;
  /** Messages per second one address may send over all its connections. */
  messagesPerAddress: number;
  /** Connections one address may hold open at once. */
  connectionsPerAddress: number;
  /** Sockets of any kind (idle ones too) one address may hold open at once. */
  socketsPerAddress: number;
  /** Failed logins before each further attempt is slowed down. */
  loginSlowdownAfter: number;
  /** Failed logins (within the lockout window) that lock the address out. */
  loginLockoutAfter: number;
  lockoutSeconds: number;
}

export const DEFAULT_LIMITS: AbuseLimits = {
  messagesPerConnection: 30,
  messagesPerAddress: 100,
  connectionsPerAddress: 20,
  // Room for its WebSocket connections and a browser's few HTTP sockets beside them.
  socketsPerAddress: 64,
  loginSlowdownAfter: 3,
  loginLockoutAfter: 10,
  lockoutSeconds: 15 * 60
};

/** The secrets a client may try: the admin login (password or token), or the status stream's key. */
export type LoginKind = 'admin' | 'status-key';

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/, '');
  return plain === '::1' || plain.startsWith('127.');
}

/**
 * What failed logins are counted against: the address, or for IPv6 its /64 network, since one
 * IPv6 host can take any number of addresses in its /64 (privacy addresses) and would otherwise
 * get a fresh count with each. IPv4 addresses, also when written as ::ffff:a.b.c.d, count alone.
 */
export function lockoutKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = address.replace(/^::ffff:(?=\d+\.)/i, '');
  if (!isIPv6(plain)) return plain;
  const withoutZone = plain.replace(/%.*$/, '');
  return `${expandIPv6(withoutZone).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in, lower case, no leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 tail (::a.b.c.d) is two groups.
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length - (right.at(-1)?.includes('.') ? 1 : 0))).fill('0'), ...right];
  return groups.map((group) => (group.includes('.') ? group : String(parseInt(group, 16).toString(16))));
}

export class AbuseGuard {
  private readonly perConnection: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;
  /** Failed attempts per secret, counted apart: the status key's holders and pages must not touch the admin login's count. */
  private readonly failedLogins: Record<LoginKind, RateLimiterMemory>;
  private readonly openByAddress = new Map<string, number>();

  constructor(readonly limits: AbuseLimits = DEFAULT_LIMITS) {
    this.perConnection = new RateLimiterMemory({ points: limits.messagesPerConnection, duration: 1 });
    this.perAddress = new RateLimiterMemory({ points: limits.messagesPerAddress, duration: 1 });
    const failures = () => new RateLimiterMemory({ points: limits.loginLockoutAfter, duration: limits.lockoutSeconds, blockDuration: limits.lockoutSeconds });
    this.failedLogins = { admin: failures(), 'status-key': failures() };
  }

  /** Counts one message; says how long to wait when a limit is passed. */
  async admitMessage(connectionId: string, address: string | undefined): Promise<Verdict> {
    try {
      await this.perConnection.consume(connectionId);
      if (!isLoopback(address) && address) await this.perAddress.consume(address);
      return { ok: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, error.msBeforeNext) };
      throw error;
    }
  }

  /** A new connection from `address`: false when the address already holds its share. */
  connectionOpened(address: string | undefined): boolean {
    if (!address || isLoopback(address)) return true;
    const open = this.openByAddress.get(address) ?? 0;
    if (open >= this.limits.connectionsPerAddress) return false;
    this.openByAddress.set(address, open + 1);
    return true;
  }

  connectionClosed(address: string | undefined): void {
    if (!address || isLoopback(address)) return;
    const open = (this.openByAddress.get(address) ?? 1) - 1;
    if (open <= 0) this.openByAddress.delete(address);
    else this.openByAddress.set(address, open);
  }

  /**
   * Counts a login attempt before it is checked, so that attempts made at the same time cannot
   * all slip in under the limit: locked-out addresses are refused; after a few failures each
   * attempt waits a little longer (`delayMs`), which makes guessing slow without bothering a
   * typo. A success clears the count (loginSucceeded); a failure leaves its attempt counted.
   */
  async loginAttempt(address: string | undefined, kind: LoginKind = 'admin'): Promise<{ ok: true; delayMs: number } | { ok: false; retryAfterMs: number }> {
    let attempts: number;
    try {
      attempts = (await this.failedLogins[kind].consume(lockoutKey(address))).consumedPoints;
    } catch (error) {
      if (error instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1000, error.msBeforeNext) };
      throw error;
    }
    // After `loginSlowdownAfter` failures, each attempt waits 250 ms, then 500, 1000 ... up to 5 s.
    const over = attempts - 1 - this.limits.loginSlowdownAfter;
    return { ok: true, delayMs: over >= 0 ? Math.min(5000, 250 * 2 ** over) : 0 };
  }

  async loginSucceeded(address: string | undefined, kind: LoginKind = 'admin'): Promise<void> {
    await this.failedLogins[kind].delete(lockoutKey(address));
  }
}
