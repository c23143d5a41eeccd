/**
 * The operator's admin credentials. From the environment when given; otherwise a strong random
 * password is generated on first run and stored in the data folder, readable only by the user.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const CREDENTIALS_FILE = 'admin-credentials.json';

export interface AdminCredentials {
  username: string;
  password: string;
  /** Where the password came from; 'generated' only on the run that created it. */
  source: 'environment' | 'stored' | 'generated';
  file: string | null;
}

function generatePassword(): string {
  // 18 random bytes = 144 bits, 24 URL-safe characters: easy to copy, impossible to guess.
  return randomBytes(18).toString('base64url');
}

export async function loadAdminCredentials(
  dataDir: string,
  username: string,
  passwordFromEnv: string | null
): Promise<AdminCredentials> {
  if (passwordFromEnv) return { username, password: passwordFromEnv, source: 'environment', file: null };

  const file = join(dataDir, CREDENTIALS_FILE);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { password?: unknown };
    if (typeof stored.password === 'string' && stored.password.length > 0) {
      return { username, password: stored.password, source: 'stored', file };
    }
    throw new Error(`${file} has no password; delete it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  const password = generatePassword();
  // 'wx' fails if another process created the file meanwhile, so two first runs cannot disagree.
  await writeFile(file, `${JSON.stringify({ password, created: new Date().toISOString() }, null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx'
  });
  await chmod(file, 0o600);
  return { username, password, source: 'generated', file };
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
