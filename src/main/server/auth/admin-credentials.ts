/**
 * The operator's admin credentials. From the environment when given; otherwise a strong random
 * password is generated on first run and stored in the data folder, readable only by the user.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateSecret } from './stored-secret.js';

export const CREDENTIALS_FILE = 'admin-credentials.json';

export interface AdminCredentials {
  username: string;
  password: string;
  /** Where the password came from; 'generated' only on the run that created it. */
  source: 'environment' | 'stored' | 'generated';
  file: string | null;
}

export async function loadAdminCredentials(
  dataDir: string,
  username: string,
  passwordFromEnv: string | null
): Promise<AdminCredentials> {
  if (passwordFromEnv) return { username, password: passwordFromEnv, source: 'environment', file: null };
  const file = join(dataDir, CREDENTIALS_FILE);
  // 18 random bytes = 144 bits, 24 URL-safe characters: easy to copy, impossible to guess.
  const { value, generated } = await loadOrCreateSecret(file, 'password', 18);
  return { username, password: value, source: generated ? 'generated' : 'stored', file };
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares in constant time: hashing first makes the lengths equal, so nothing leaks through timing. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function credentialsMatch(expected: AdminCredentials, username: unknown, password: unknown): boolean {
  if (typeof username !== 'string' || typeof password !== 'string') return false;
  // Evaluate both comparisons so a wrong username costs the same as a wrong password.
  const userOk = safeEqual(expected.username, username);
  const passOk = safeEqual(expected.password, password);
  return userOk && passOk;
}
