/** Which Host names the server answers to, and which Origins count as another site. */
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createSitePolicy, hostNameOf, parseAllowedHosts } from '../../src/main/server/transport/site-policy.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('site policy', () => {
  const policy = createSitePolicy({ allowedHosts: parseAllowedHosts('pileup.club.lan, Proxy.Example:443'), trustedOrigins: ['http://localhost:5173'] });

  it('reads the name in a Host header', () => {
    expect(hostNameOf('Example.COM:8000')).toBe('example.com');
    expect(hostNameOf('[::1]:8000')).toBe('::1');
    expect(hostNameOf('pileup.lan.')).toBe('pileup.lan');
    expect(parseAllowedHosts(' a.lan,b.lan  c.lan:80 ')).toEqual(['a.lan', 'b.lan', 'c.lan']);
    expect(parseAllowedHosts(null)).toEqual([]);
  });

  it('answers to IP addresses, localhost, this machine’s names and configured names only', () => {
    const allowed = ['127.0.0.1:8000', '10.1.2.3', '[fe80::1]:8000', 'localhost:8000', 'app.localhost', `${hostname()}:8000`, `${hostname().split('.')[0]}.local`, 'pileup.club.lan:8000', 'PROXY.example'];
    for (const host of allowed) expect(policy.hostAllowed(request({ host })), host).toBe(true);
    for (const host of ['evil.example:8000', 'pileup.club.lan.evil.example', 'localhost.evil.example', '127.0.0.1.nip.io']) {
      expect(policy.hostAllowed(request({ host })), host).toBe(false);
    }
  });

  it('treats a page as another site unless its Origin is the Host it talks to, or trusted', () => {
    expect(policy.foreignOrigin(request({ host: '10.1.2.3:8000', origin: 'http://10.1.2.3:8000' }))).toBeNull();
    expect(policy.foreignOrigin(request({ host: '10.1.2.3:8000' }))).toBeNull();
    expect(policy.foreignOrigin(request({ host: '10.1.2.3:8000', origin: 'http://localhost:5173' }))).toBeNull();
    expect(policy.foreignOrigin(request({ host: '10.1.2.3:8000', origin: 'https://evil.example' }))).toBe('https://evil.example');
    expect(policy.foreignOrigin(request({ host: '10.1.2.3:8000', origin: 'null' }))).toBe('null');
  });
});
