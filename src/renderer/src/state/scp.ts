/**
 * Super check partial from a MASTER.SCP file the operator loads (supercheckpartial.com; one
 * callsign per line, '#' comments): callsigns active in contests that contain what is typed, to
 * catch a busted call before it is logged. Kept in this browser only; a field LAN has no
 * internet to fetch it from.
 */
const KEY = 'pileup-buster.master-scp';

let calls: string[] | null = null;

function load(): string[] {
  if (calls) return calls;
  try {
    calls = parseScp(localStorage.getItem(KEY) ?? '');
  } catch {
    calls = [];
  }
  return calls;
}

export function parseScp(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const call = line.trim().toUpperCase();
    if (call && !call.startsWith('#') && /^[A-Z0-9/]+$/.test(call)) seen.add(call);
  }
  return [...seen];
}

/** Stores the file's callsigns; returns how many there are. */
export function saveScp(text: string): number {
  const parsed = parseScp(text);
  localStorage.setItem(KEY, parsed.join('\n'));
  calls = parsed;
  return parsed.length;
}

export function clearScp(): void {
  localStorage.removeItem(KEY);
  calls = [];
}

export function scpSize(): number {
  return load().length;
}

/** Callsigns containing the partial, those starting with it first. */
export function scpMatches(partial: string, limit = 12): string[] {
  const text = partial.trim().toUpperCase();
  if (text.length < 2) return [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const call of load()) {
    if (call.startsWith(text)) starts.push(call);
    else if (call.includes(text)) contains.push(call);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}
