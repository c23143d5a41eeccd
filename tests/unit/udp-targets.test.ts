/** UDP log targets as operators write them: the addresses the feed sends to. */
import { describe, expect, it } from 'vitest';
import { formatUdpTargets, isMulticast, parseUdpTargets } from '../../src/main/server/integrations/wsjtx/udp-targets.js';

describe('UDP log targets', () => {
  it('reads one or more HOST:PORT, by commas or spaces, with 2237 when the port is left out', () => {
    expect(parseUdpTargets('127.0.0.1:2237')).toEqual([{ host: '127.0.0.1', port: 2237, multicast: false }]);
    expect(parseUdpTargets(' logger.lan, 224.0.0.73:2238  [::1]:2239 [ff02::1:3]')).toEqual([
      { host: 'logger.lan', port: 2237, multicast: false },
      { host: '224.0.0.73', port: 2238, multicast: true },
      { host: '::1', port: 2239, multicast: false },
      { host: 'ff02::1:3', port: 2237, multicast: true }
    ]);
    expect(formatUdpTargets(parseUdpTargets('[::1]:2239,127.0.0.1'))).toBe('[::1]:2239, 127.0.0.1:2237');
  });

  it('sends once to a target given twice', () => {
    expect(parseUdpTargets('127.0.0.1:2237, 127.0.0.1')).toHaveLength(1);
  });

  it('says what is wrong with a bad target', () => {
    expect(() => parseUdpTargets('')).toThrow(/no UDP log target/);
    expect(() => parseUdpTargets('127.0.0.1:0')).toThrow(/port 0 is out of range/);
    expect(() => parseUdpTargets('udp://127.0.0.1:2237')).toThrow(/is not host:port/);
    expect(() => parseUdpTargets('[::1:2237')).toThrow(/has "\[" without "\]"/);
  });

  it('knows multicast groups', () => {
    expect(['224.0.0.73', '239.255.0.1', 'ff05::2'].map(isMulticast)).toEqual([true, true, true]);
    expect(['223.255.255.255', '240.0.0.1', '192.168.1.5', 'fe80::1', 'logger.lan'].map(isMulticast)).toEqual([false, false, false, false, false]);
  });
});
