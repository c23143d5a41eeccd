/**
 * What the pileup rules and the operator's screen need to know about the log, kept in memory so
 * that no keystroke or registration reads the log file:
 *
 * - worked before and dupes, by callsign, band and mode (the first QSO of each is not a dupe);
 * - when each callsign was last worked (the cooldown rule);
 * - totals by band and mode, and the rate (the last 10 QSOs, the last 60 minutes);
 * - the callsigns in the log, for the call entry's partial check.
 *
 * Built from the whole log at start and after any edit of its history (delete, restore, undo);
 * a newly logged QSO is added in place.
 */
import type { LogStats, LoggedQso } from '../../../shared/protocol/entities.js';

type Indexed = Pick<LoggedQso, 'id' | 'callsign' | 'band' | 'mode' | 'started_at' | 'completed_at'>;

/** One callsign's history in the log, as the partial check shows it. */
export interface CallHistory {
  callsign: string;
  qsos: number;
  last_worked_at: string;
  /** "20m SSB", one per band and mode it was worked on, newest first. */
  worked_on: Array<{ band: string | null; mode: string | null }>;
}

interface CallRecord {
  qsos: number;
  lastAt: string;
  /** band|mode keys, in the order last worked (newest last). */
  slots: string[];
}

const RATE_WINDOW = 10;
const HOUR_MS = 3_600_000;

export function workedKey(callsign: string, band: string | null | undefined, mode: string | null | undefined): string {
  return `${callsign}|${band ?? ''}|${mode ?? ''}`;
}

function slotKey(band: string | null | undefined, mode: string | null | undefined): string {
  return `${band ?? ''}|${mode ?? ''}`;
}

function slotParts(slot: string): { band: string | null; mode: string | null } {
  const [band, mode] = slot.split('|');
  return { band: band || null, mode: mode || null };
}

export class LogIndex {
  /** callsign|band|mode -> id of its first QSO (any later one is a dupe). */
  private readonly firstOf = new Map<string, string>();
  private readonly calls = new Map<string, CallRecord>();
  private readonly perSlot = new Map<string, number>();
  /** completed_at of every QSO, ascending (ISO UTC strings sort as times). */
  private completedTimes: string[] = [];
  private dupeCount = 0;
  /** Bumped on every change, so views built from the index know when they are stale. */
  revision = 0;

  static from(qsos: readonly Indexed[]): LogIndex {
    const index = new LogIndex();
    index.rebuild(qsos);
    return index;
  }

  get size(): number {
    return this.completedTimes.length;
  }

  /** Replaces everything with what `qsos` holds (in any order). */
  rebuild(qsos: readonly Indexed[]): void {
    this.firstOf.clear();
    this.calls.clear();
    this.perSlot.clear();
    this.completedTimes = [];
    this.dupeCount = 0;
    const ordered = [...qsos].sort((a, b) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : 0));
    for (const qso of ordered) this.insert(qso);
    this.completedTimes.sort();
    this.revision++;
  }

  /** A QSO just logged: the newest one. */
  add(qso: Indexed): void {
    this.insert(qso);
    const times = this.completedTimes;
    // Almost always the newest; keep the array sorted if a clock stepped back.
    if (times.length > 1 && times[times.length - 2]! > qso.completed_at) times.sort();
    this.revision++;
  }

  private insert(qso: Indexed): void {
    const key = workedKey(qso.callsign, qso.band, qso.mode);
    if (this.firstOf.has(key)) this.dupeCount++;
    else this.firstOf.set(key, qso.id);
    const slot = slotKey(qso.band, qso.mode);
    this.perSlot.set(slot, (this.perSlot.get(slot) ?? 0) + 1);
    const call = this.calls.get(qso.callsign) ?? { qsos: 0, lastAt: '', slots: [] };
    call.qsos++;
    if (qso.completed_at > call.lastAt) call.lastAt = qso.completed_at;
    call.slots = [...call.slots.filter((s) => s !== slot), slot];
    this.calls.set(qso.callsign, call);
    this.completedTimes.push(qso.completed_at);
  }

  workedBefore(callsign: string, band: string | null | undefined, mode: string | null | undefined): boolean {
    return this.firstOf.has(workedKey(callsign, band, mode));
  }

  /** True when an earlier QSO with the same callsign, band and mode is in the log. */
  isDupe(qso: Indexed): boolean {
    const first = this.firstOf.get(workedKey(qso.callsign, qso.band, qso.mode));
    return first !== undefined && first !== qso.id;
  }

  lastWorkedAt(callsign: string): string | null {
    return this.calls.get(callsign)?.lastAt ?? null;
  }

  history(callsign: string): CallHistory | null {
    const call = this.calls.get(callsign);
    if (!call) return null;
    return { callsign, qsos: call.qsos, last_worked_at: call.lastAt, worked_on: [...call.slots].reverse().map(slotParts) };
  }

  /**
   * Callsigns in the log containing `partial`: the exact call first, then those starting with
   * it, then the rest, each group alphabetically; at most `limit`.
   */
  matching(partial: string, limit: number): CallHistory[] {
    if (!partial) return [];
    const exact: string[] = [];
    const starts: string[] = [];
    const contains: string[] = [];
    for (const callsign of this.calls.keys()) {
      if (callsign === partial) exact.push(callsign);
      else if (callsign.startsWith(partial)) starts.push(callsign);
      else if (callsign.includes(partial)) contains.push(callsign);
    }
    return [...exact, ...starts.sort(), ...contains.sort()].slice(0, limit).map((callsign) => this.history(callsign)!);
  }

  /** QSOs completed at or after `since` (an ISO time). */
  countSince(since: string): number {
    const times = this.completedTimes;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < since) lo = mid + 1;
      else hi = mid;
    }
    return times.length - lo;
  }

  stats(now: number = Date.now()): LogStats {
    const recent = this.completedTimes.slice(-RATE_WINDOW);
    let rate: number | null = null;
    if (recent.length >= 2) {
      // n QSOs span n - 1 intervals: ten QSOs a minute apart are 60 an hour.
      const spanMs = Date.parse(recent.at(-1)!) - Date.parse(recent[0]!);
      rate = spanMs > 0 ? Math.round(((recent.length - 1) * HOUR_MS) / spanMs) : null;
    }
    const byBandMode = [...this.perSlot]
      .map(([slot, count]) => ({ ...slotParts(slot), count }))
      .sort((a, b) => b.count - a.count || (a.band ?? '').localeCompare(b.band ?? '') || (a.mode ?? '').localeCompare(b.mode ?? ''));
    return {
      rate_last_10: rate,
      last_hour: this.countSince(new Date(now - HOUR_MS).toISOString()),
      by_band_mode: byBandMode,
      dupes: this.dupeCount
    };
  }
}
