/**
 * The one place a login is decided, for WebSocket `auth` and HTTP Basic alike: the lockout gate
 * and its slow-down, the check itself, the accounting of a failure (logged with the remote
 * address, never the password or the name typed) and the reset on success. Transports only translate the verdict.
 */
import type { AbuseGuard } from '../abuse/abuse-guard.js';
import type { Logger } from '../logger.js';
import { credentialsMatch, safeEqual, type AdminCredentials } from './admin-credentials.js';

/** A login as given: the admin name and password, or the token the desktop app hands its own console. */
export type Login = { username: string; password: string } | { token: string };

export type LoginVerdict =
  | { ok: true; username: string; byToken: boolean }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'locked-out'; message: string; retryAfterMs: number };

export class Authenticator {
  constructor(
    private readonly credentials: AdminCredentials,
    private readonly localOperatorToken: string | null,
    private readonly guard: AbuseGuard,
    private readonly logger: Logger
  ) {}

  /** `where` says which door it came through (for the log): "websocket", or the HTTP route. */
  async login(login: Login, address: string | undefined, where: string): Promise<LoginVerdict> {
    const byToken = 'token' in login;
    // Counted before it is checked, so that guesses sent together cannot all get in under the limit.
    const gate = await this.guard.loginAttempt(address);
    if (!gate.ok) {
      this.logger.warn({ remote: address, where }, 'login refused: address locked out after failed logins');
      const minutes = Math.ceil(gate.retryAfterMs / 60_000);
      return { ok: false, reason: 'locked-out', message: `Too many failed logins from your address; try again in ${minutes} min`, retryAfterMs: gate.retryAfterMs };
    }
    if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
    const accepted = byToken
      ? this.localOperatorToken !== null && safeEqual(this.localOperatorToken, login.token)
      : credentialsMatch(this.credentials, login.username, login.password);
    if (!accepted) {
      // Whether the name was right, never the name typed: it is sometimes the password, in the wrong field.
      const knownUsername = byToken ? undefined : safeEqual(this.credentials.username, login.username);
      this.logger.warn({ knownUsername, byToken, remote: address, where }, 'authentication failed');
      return { ok: false, reason: 'invalid', message: 'Invalid username or password' };
    }
    await this.guard.loginSucceeded(address);
    return { ok: true, username: byToken ? this.credentials.username : login.username, byToken };
  }
}
