import { BIGCTY } from '@ham2k/lib-country-files';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearDxccCache,
  DXCC_CACHE_LIMIT,
  dxccCacheSize,
  lookupDxcc
} from '../../src/main/server/integrations/dxcc.js';
import { flagEmoji, flagForDxcc, isoForDxcc } from '../../src/shared/ham/flags.js';

describe('lookupDxcc', () => {
  beforeEach(() => clearDxccCache());

  // [call, entity (pattern), DXCC, continent, CQ zone, ITU zone, flag]
  const CALLS: Array<[string, RegExp, number, string, number, number, string]> = [
    ['KH6/W1AW', /^Hawaii$/, 110, 'OC', 31, 61, '🇺🇸'],
    ['VP2E/K1ABC', /^Anguilla$/, 12, 'NA', 8, 11, '🇦🇮'],
    ['W1AW/P', /^United States$/, 291, 'NA', 5, 8, '🇺🇸'],
    ['W1AW', /^United States$/, 291, 'NA', 5, 8, '🇺🇸'],
    ['EA8/DL1ABC/P', /^Canary Islands$/, 29, 'AF', 33, 36, '🇪🇸'],
    ['3DA0RS', /Eswatini/, 468, 'AF', 38, 57, '🇸🇿'],
    ['4U1UN', /^United Nations HQ$/, 289, 'NA', 5, 8, '🇺🇳'],
    ['4U1ITU', /^ITU HQ$/, 117, 'EU', 14, 28, '🇺🇳'],
    ['DL1ABC', /Germany/, 230, 'EU', 14, 28, '🇩🇪'],
    ['JA1ABC', /^Japan$/, 339, 'AS', 25, 45, '🇯🇵'],
    ['KL7/W1AW', /^Alaska$/, 6, 'NA', 1, 1, '🇺🇸'],
    ['W1AW/KH6', /^Hawaii$/, 110, 'OC', 31, 61, '🇺🇸'],
    ['kh6/w1aw', /^Hawaii$/, 110, 'OC', 31, 61, '🇺🇸'],
    ['  KH6/W1AW  ', /^Hawaii$/, 110, 'OC', 31, 61, '🇺🇸'],
    ['G4ABC', /^England$/, 223, 'EU', 14, 27, '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}']
  ];

  it.each(CALLS)('%s is %s (DXCC %d)', (call, entity, dxcc, continent, cq, itu, flag) => {
    const info = lookupDxcc(call);
    expect(info).not.toBeNull();
    expect(info!.entity).toMatch(entity);
    expect(info!).toMatchObject({ dxcc, continent, cqZone: cq, ituZone: itu, flag });
    expect(Number.isFinite(info!.lat)).toBe(true);
    expect(Number.isFinite(info!.lon)).toBe(true);
  });

  it('returns east-positive longitudes', () => {
    expect(lookupDxcc('W1AW')!.lon).toBeLessThan(0); // the Americas are west
    expect(lookupDxcc('KH6/W1AW')!.lon).toBeCloseTo(-157.48, 2);
    expect(lookupDxcc('JA1ABC')!.lon).toBeGreaterThan(100);
    expect(lookupDxcc('3DA0RS')!).toMatchObject({ lat: -26.65, lon: 31.48 });
  });

  it('returns null for unknown and malformed calls', () => {
    for (const call of ['', '  ', 'Q', 'QQ1QQ', 'XYZ', 'HELLO', '123', 'W1AW/P/QRP/X', 'W1AW//P', '/W1AW', 'W1 AW', 'W1AW;', 'Ä1AW', 'X'.repeat(21), null as unknown as string]) {
      expect(lookupDxcc(call)).toBeNull();
    }
  });

  it('gives maritime and aeronautical mobile no entity', () => {
    expect(lookupDxcc('W1AW/MM')).toBeNull();
    expect(lookupDxcc('W1AW/AM')).toBeNull();
    // /M (land mobile) still counts
    expect(lookupDxcc('W1AW/M')).toMatchObject({ dxcc: 291 });
  });

  it('caches answers and hands out copies', () => {
    expect(dxccCacheSize()).toBe(0);
    const first = lookupDxcc('KH6/W1AW')!;
    first.entity = 'changed';
    expect(lookupDxcc('kh6/w1aw')!.entity).toBe('Hawaii');
    expect(lookupDxcc('QQ1QQ')).toBeNull();
    expect(lookupDxcc('QQ1QQ')).toBeNull();
    expect(dxccCacheSize()).toBe(2);
  });

  it('keeps the cache bounded', () => {
    for (let i = 0; i < DXCC_CACHE_LIMIT + 50; i++) lookupDxcc(`W${i % 10}A${i}`);
    expect(dxccCacheSize()).toBe(DXCC_CACHE_LIMIT);
  });

  it('is fast once loaded', () => {
    lookupDxcc('W1AW');
    const calls = Array.from({ length: 2000 }, (_, i) => `DL${i % 10}X${String.fromCharCode(65 + (i % 26))}${i}`);
    const start = performance.now();
    for (const call of calls) lookupDxcc(call);
    const uncached = performance.now() - start;
    const again = performance.now();
    for (const call of calls) lookupDxcc(call);
    const cached = performance.now() - again;
    // Generous bounds for a slow CI machine: well under a millisecond per call.
    expect(uncached).toBeLessThan(2000);
    expect(cached).toBeLessThan(500);
  });
});

describe('flags', () => {
  it('builds regional-indicator flags', () => {
    expect(flagEmoji('US')).toBe('🇺🇸');
    expect(flagEmoji('de')).toBe('🇩🇪');
    expect(flagEmoji('GB-SCT')).toBe('🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}');
    expect(flagEmoji('GB-WLS')).toBe('🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}');
    for (const bad of [null, undefined, '', 'USA', 'U1', 'GB-NIR']) expect(flagEmoji(bad)).toBeNull();
  });

  it('has a flag for every DXCC entity in the country files except those without a country', () => {
    const withoutFlag = new Set([246, 247, 506]); // Sov. Mil. Order of Malta, Spratly Is., Scarborough Reef
    for (const entity of Object.values(BIGCTY.entities)) {
      if (withoutFlag.has(entity.dxccCode)) {
        expect(flagForDxcc(entity.dxccCode)).toBeNull();
      } else {
        expect(flagForDxcc(entity.dxccCode), `${entity.dxccCode} ${entity.name}`).not.toBeNull();
      }
    }
  });

  it('maps sample entities to the expected codes', () => {
    const SAMPLES: Array<[number, string]> = [
      [1, 'CA'], [6, 'US'], [12, 'AI'], [21, 'ES'], [29, 'ES'], [110, 'US'], [202, 'PR'], [223, 'GB-ENG'],
      [265, 'GB'], [279, 'GB-SCT'], [294, 'GB-WLS'], [289, 'UN'], [291, 'US'], [230, 'DE'], [468, 'SZ'],
      [5, 'AX'], [103, 'GU'], [522, 'XK']
    ];
    for (const [dxcc, iso] of SAMPLES) expect(isoForDxcc(dxcc)).toBe(iso);
    expect(isoForDxcc(0)).toBeNull();
    expect(isoForDxcc(9999)).toBeNull();
  });
});
