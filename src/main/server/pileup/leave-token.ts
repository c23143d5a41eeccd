/**
 * The token a registration gets to leave the queue again, and the hash the store keeps of it.
 * Tokens come from the system's secure random source, fetched 4 KB at a time: one call per
 * registration cost more than the rest of making the token (as Node does for randomUUID).
 */
import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 18;
const pool = Buffer.alloc(TOKEN_BYTES * 228);
let used = pool.length;

export function newLeaveToken(): string {
  if (used + TOKEN_BYTES > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString('base64url', used, used + TOKEN_BYTES);
  // Handed out once: the bytes are overwritten so the pool never holds a token that was given.
  pool.fill(0, used, used + TOKEN_BYTES);
  used += TOKEN_BYTES;
  return token;
}

export function hashLeaveToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether `token` is the one whose hash the store kept, compared in constant time. The texts are
 * compared, not the bytes they spell: a damaged stored hash that is not hex is then a mismatch,
 * not an error.
 */
export function leaveTokenMatches(storedHash: string, token: string): boolean {
  const stored = Buffer.from(storedHash, 'utf8');
  const given = Buffer.from(hashLeaveToken(token), 'utf8');
  return stored.length === given.length && timingSafeEqual(stored, given);
}
