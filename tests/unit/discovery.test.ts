/**
 * What a station makes of a DNS-SD answer. No packets here: advertising and discovering for real
 * happen in tests/lan, inside network namespaces, never on this machine's own network.
 */
import { describe, expect, it } from 'vitest';
import { defaultInstanceName, describeService, SERVICE_TYPE_LABEL } from '../../src/main/server/discovery.js';

const answer = {
  name: 'Pileup Buster on shack',
  fqdn: 'Pileup Buster on shack._pileup-buster._tcp.local',
  host: 'shack.local',
  port: 8000,
  addresses: ['fe80::1', '2001:db8::5', '192.0.2.7', '198.51.100.3'],
  referer: { address: '198.51.100.3', family: 'IPv4' as const, port: 5353, size: 300 },
  txt: { path: '/ws/connect', console: '/console/', version: '0.1.0', protocol: '1.0' }
};

describe('describeService', () => {
  it('puts the address the answer came from first, then IPv4, then IPv6, and builds the URLs', () => {
    const server = describeService(answer);
    expect(server.addresses).toEqual(['198.51.100.3', '192.0.2.7', 'fe80::1', '2001:db8::5']);
    expect(server.websocketUrl).toBe('ws://198.51.100.3:8000/ws/connect');
    // Link-local IPv6 needs a zone index, which URLs cannot carry: no URL for it.
    expect(server.websocketUrls).toEqual(['ws://198.51.100.3:8000/ws/connect', 'ws://192.0.2.7:8000/ws/connect', 'ws://[2001:db8::5]:8000/ws/connect']);
    expect(server.consoleUrl).toBe('http://198.51.100.3:8000/console/');
    expect(server).toMatchObject({ name: 'Pileup Buster on shack', host: 'shack.local', port: 8000, version: '0.1.0', protocol: '1.0' });
  });

  it('falls back to the default paths and the host name when the answer lacks them', () => {
    const server = describeService({ ...answer, port: 8001, addresses: [], referer: undefined, txt: { path: 'nonsense' } });
    expect(server.websocketUrl).toBe('ws://shack.local:8001/ws/connect');
    expect(server.consoleUrl).toBe('http://shack.local:8001/console/');
    expect(server.version).toBeNull();
  });

  it('names instances after the machine, with the port when it is not the default', () => {
    expect(SERVICE_TYPE_LABEL).toBe('_pileup-buster._tcp');
    expect(defaultInstanceName(8000)).toMatch(/^Pileup Buster on [^.]+$/);
    expect(defaultInstanceName(8003)).toMatch(/^Pileup Buster on [^.]+ \(port 8003\)$/);
  });
});
