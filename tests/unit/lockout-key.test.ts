/** Failed logins are counted per IPv4 address, and per /64 for IPv6, whose hosts can take any address in their /64. */
import { describe, expect, it } from 'vitest';
import { AbuseGuard, DEFAULT_LIMITS, lockoutKey } from '../../src/main/server/abuse/abuse-guard.js';

describe('lockout key', () => {
  it('is the /64 for IPv6, however the address is written, and the address itself for IPv4', () => {
    expect(lockoutKey('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(lockoutKey('2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(lockoutKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(lockoutKey('::1')).toBe('0:0:0:0::/64');
    expect(lockoutKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(lockoutKey('2001:db8:1:3::5')).not.toBe(lockoutKey('2001:db8:1:2::5'));
    expect(lockoutKey('192.0.2.7')).toBe('192.0.2.7');
    expect(lockoutKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(lockoutKey(undefined)).toBe('unknown');
  });

  it('a host rotating through its /64 is locked out all the same; its neighbour in another /64 is not', async () => {
    const guard = new AbuseGuard({ ...DEFAULT_LIMITS, loginSlowdownAfter: 100, loginLockoutAfter: 3 });
    for (let i = 1; i <= 3; i++) expect((await guard.loginAttempt(`2001:db8:1:2::${i.toString(16)}`)).ok).toBe(true);
    expect(await guard.loginAttempt('2001:db8:1:2:ffff::99')).toMatchObject({ ok: false });
    expect(await guard.loginAttempt('2001:db8:1:3::1')).toMatchObject({ ok: true });
  });
});
