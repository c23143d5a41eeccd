/**
 * Keeps one client from spoiling the pileup for everyone: message rate limits per connection and
 * per address, a cap on connections per address, and failed logins that slow down and then lock
 * the address out for a while. Counting is done by rate-limiter-flexible, in memory.
 *
 * Addresses of this machine (loopback) are exempt from the per-address limits: only the operator
 * and their own software can come from there, and a LAN attacker cannot.
 */
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface AbuseLimits {
  /** Messages per second one connection may send. */
  messagesPerConnection: number;
  /** Messages per second one address may send over all its connections. */
  messagesPerAddress: number;
  /** Connections one address may hold open at once. */
  connectionsPerAddress: number;
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
  loginSlowdownAfter: 3,
  loginLockoutAfter: 10,
  lockoutSeconds: 15 * 60
};

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/, '');
  return plain === '::1' || plain.startsWith('127.');
}

/** The Origin of a browser page on another site, or null (same site, or not a browser). */
export function foreignOrigin(request: IncomingMessage): string | null {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return origin === 'null' ? 'null' : null;
  try {
    return new URL(origin).host === request.headers.host ? null : origin;
  } catch {
    return origin;
  }
}

export class AbuseGuard {
  private readonly perConnection: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;
  private readonly failedLogins: RateLimiterMemory;
  private readonly openByAddress = new Map<string, number>();

  constructor(readonly limits: AbuseLimits = DEFAULT_LIMITS) {
    this.perConnection = new RateLimiterMemory({ points: limits.messagesPerConnection, duration: 1 });
    this.perAddress = new RateLimiterMemory({ points: limits.messagesPerAddress, duration: 1 });
    this.failedLogins = new RateLimiterMemory({ points: limits.loginLockoutAfter, duration: limits.lockoutSeconds, blockDuration: limits.lockoutSeconds });
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
   * Before checking a login: locked out addresses are refused; after a few failures each attempt
   * waits a little longer (`delayMs`), which makes guessing slow without bothering a typo.
   */
  async loginGate(address: string | undefined): Promise<{ ok: true; delayMs: number } | { ok: false; retryAfterMs: number }> {
    const key = address ?? 'unknown';
    const state = await this.failedLogins.get(key);
    if (!state) return { ok: true, delayMs: 0 };
    if (state.consumedPoints > this.limits.loginLockoutAfter || state.remainingPoints <= 0) {
      return { ok: false, retryAfterMs: Math.max(1000, state.msBeforeNext) };
    }
    // After `loginSlowdownAfter` failures, each attempt waits 250 ms, then 500, 1000 ... up to 5 s.
    const over = state.consumedPoints - this.limits.loginSlowdownAfter;
    return { ok: true, delayMs: over >= 0 ? Math.min(5000, 250 * 2 ** over) : 0 };
  }

  async loginFailed(address: string | undefined): Promise<void> {
    await this.failedLogins.consume(address ?? 'unknown').catch(() => undefined);
  }

  async loginSucceeded(address: string | undefined): Promise<void> {
    await this.failedLogins.delete(address ?? 'unknown');
  }
}
