import { describe, expect, it } from 'vitest';
import { consoleEndpoints, consoleScope, externalLinkTarget, isPermissionAllowed, isWithinConsole } from '../../src/main/web-policy.js';

const scope = consoleScope('http://127.0.0.1:8000/console/');

describe("the desktop window's web policy", () => {
  it('loads the console from loopback unless the server is bound to one address', () => {
    expect(consoleEndpoints(null, 8000)).toEqual({
      consoleUrl: 'http://127.0.0.1:8000/console/',
      websocketUrl: 'ws://127.0.0.1:8000/ws/connect'
    });
    expect(consoleEndpoints('192.168.1.5', 8001).consoleUrl).toBe('http://192.168.1.5:8001/console/');
    expect(consoleEndpoints('fd00::2', 8001).websocketUrl).toBe('ws://[fd00::2]:8001/ws/connect');
  });

  it.each([
    ['http://127.0.0.1:8000/console/', true],
    ['http://127.0.0.1:8000/console/assets/x.js', true],
    ['http://127.0.0.1:8000/', false],
    ['http://127.0.0.1:8001/console/', false],
    ['http://localhost:8000/console/', false],
    ['http://user:pw@127.0.0.1:8000/console/', false],
    ['https://www.qrz.com/db/W1AW', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false]
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(isWithinConsole(url, scope)).toBe(allowed);
  });

  it('opens only plain https links in the browser', () => {
    expect(externalLinkTarget('https://www.qrz.com/db/KH6%2FW1AW')).toBe('https://www.qrz.com/db/KH6%2FW1AW');
    for (const url of ['http://www.qrz.com/db/W1AW', 'file:///tmp/x', 'javascript:alert(1)', 'https://a:b@qrz.com/', 'ms-settings:', 'not a url']) {
      expect(externalLinkTarget(url), url).toBeNull();
    }
  });

  it('denies every permission but clipboard writes from the console itself', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'http://127.0.0.1:8000/console/', scope)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', scope)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(permission, 'http://127.0.0.1:8000/console/', scope)).toBe(false);
    }
  });
});
