import { describe, expect, it } from 'vitest';
import { hashLeaveToken, leaveTokenMatches, newLeaveToken } from '../../src/main/server/pileup/leave-token.js';

describe('leave tokens', () => {
  it('are never handed out twice, across refills of the random pool', () => {
    const tokens = Array.from({ length: 2000 }, () => newLeaveToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // 144 random bits each: no token is all zero bytes (what a used slot of the pool is cleared to).
    expect(tokens).not.toContain('A'.repeat(24));
  });

  it('match only the hash they were stored with', () => {
    const token = newLeaveToken();
    const stored = hashLeaveToken(token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(leaveTokenMatches(stored, token)).toBe(true);
    expect(leaveTokenMatches(stored, newLeaveToken())).toBe(false);
    expect(leaveTokenMatches(stored.slice(2), token)).toBe(false);
  });

  it('a damaged stored hash is a mismatch, not an error', () => {
    const token = newLeaveToken();
    expect(leaveTokenMatches('zz'.repeat(32), token)).toBe(false);
    expect(leaveTokenMatches(`${hashLeaveToken(token).slice(0, 62)}é`, token)).toBe(false);
  });
});
