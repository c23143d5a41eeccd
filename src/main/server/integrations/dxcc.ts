/**
 * Callsign → DXCC entity, offline, from the AD1C country files bundled in
 * `@ham2k/lib-country-files` (parsed by `@ham2k/lib-callsigns`).
 *
 * - Prefixed and portable calls follow the library's rules: KH6/W1AW is Hawaii, VP2E/K1ABC
 *   Anguilla, EA8/DL1ABC/P the Canary Islands, W1AW/P the United States; exact-call entries in the
 *   country files win over prefixes (4U1UN is the UN HQ, not Austria).
 * - Maritime and aeronautical mobile (/MM, /AM) count for no DXCC entity, as the DXCC rules say:
 *   those calls return null. So do malformed and unknown calls.
 * - Longitudes are returned east-positive (the country files store them west-positive).
 * - The country file is loaded once, on the first lookup; answers are cached per callsign.
 * - It is read from the JSON copy the package ships, not its `BIGCTY` export: the same data as one
 *   big object literal costs about 30 MiB of memory to compile, JSON.parse about 7 MiB. The server
 *   bundle then leaves the literal out (nothing imports it), which matters on a Raspberry Pi.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { analyzeFromCountryFile, setCountryFileData, type CFIndexes } from '@ham2k/lib-country-files';
import { parseCallsign } from '@ham2k/lib-callsigns';
import { flagEmoji, isoForDxcc } from '../../../shared/ham/flags.js';

export interface DxccInfo {
  /** Entity name from the country files, e.g. 'Hawaii', 'Fed. Rep. of Germany'. */
  entity: string;
  /** DXCC entity number (ADIF DXCC field), e.g. 110 for Hawaii. */
  dxcc: number;
  /** Continent code: 'NA', 'SA', 'EU', 'AF', 'AS', 'OC' (AN is not used by the country files). */
  continent: string;
  cqZone: number;
  ituZone: number;
  /** Emoji flag of the entity's country, or null when it has none (e.g. Spratly Islands). */
  flag: string | null;
  /** ISO 3166-1 alpha-2 code behind the flag ('US', 'GB-ENG', 'UN' ...), or null. */
  iso: string | null;
  /** Entity prefix in the country files, e.g. 'KH6', 'K', '4U1U'. */
  prefix: string;
  /** Latitude in degrees, north positive. */
  lat: number;
  /** Longitude in degrees, east positive. */
  lon: number;
}

const MAX_CALLSIGN_LENGTH = 20;
const CALLSIGN_CHARS = /^[A-Z0-9/]+$/;
const NO_ENTITY_SUFFIXES = new Set(['MM', 'AM']);
/** Bound on cached answers; the oldest go first when it is reached. */
export const DXCC_CACHE_LIMIT = 20_000;

let loaded = false;
const cache = new Map<string, DxccInfo | null>();

/** The package's own JSON copy of its built-in country file (it ships `src/` next to `dist/`). */
function countryFilePath(): string {
  const entry = createRequire(import.meta.url).resolve('@ham2k/lib-country-files');
  return join(dirname(entry), '..', 'src', 'data', 'bigcty.json');
}

function ensureLoaded(): void {
  if (loaded) return;
  setCountryFileData(JSON.parse(readFileSync(countryFilePath(), 'utf8')) as CFIndexes);
  loaded = true;
}

function resolve(call: string): DxccInfo | null {
  const parts = call.split('/');
  if (parts.some((p) => p === '') || parts.length > 3) return null;
  if (parts.slice(1).some((p) => NO_ENTITY_SUFFIXES.has(p))) return null;

  ensureLoaded();
  const parsed = parseCallsign(call);
  if (!parsed.baseCall) return null;
  const info = analyzeFromCountryFile(parsed);
  const dxcc = info.dxccCode;
  if (typeof dxcc !== 'number' || !Number.isFinite(dxcc) || dxcc <= 0 || !info.entityName) return null;

  const iso = isoForDxcc(dxcc);
  const lon = typeof info.lon === 'number' ? -info.lon : Number.NaN;
  return {
    entity: info.entityName,
    dxcc,
    continent: info.continent ?? '',
    cqZone: info.cqZone ?? 0,
    ituZone: info.ituZone ?? 0,
    flag: flagEmoji(iso),
    iso,
    prefix: info.entityPrefix ?? '',
    lat: info.lat ?? Number.NaN,
    lon: lon === 0 ? 0 : lon
  };
}

/** The DXCC entity a callsign counts for, or null (unknown, malformed, /MM or /AM). */
export function lookupDxcc(callsign: string): DxccInfo | null {
  if (typeof callsign !== 'string') return null;
  const call = callsign.trim().toUpperCase();
  if (call.length < 2 || call.length > MAX_CALLSIGN_LENGTH || !CALLSIGN_CHARS.test(call)) return null;

  if (cache.has(call)) {
    const hit = cache.get(call)!;
    // Refresh recency so the cache drops the least recently used call first.
    cache.delete(call);
    cache.set(call, hit);
    return hit === null ? null : { ...hit };
  }
  const answer = resolve(call);
  if (cache.size >= DXCC_CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(call, answer);
  return answer === null ? null : { ...answer };
}

/** How many callsigns are cached (for tests and metrics). */
export function dxccCacheSize(): number {
  return cache.size;
}

/** Empties the per-call cache (the country file stays loaded). */
export function clearDxccCache(): void {
  cache.clear();
}
