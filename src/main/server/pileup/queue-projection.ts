/**
 * The queue as clients see it: each stored entry with its position, country, path from my grid,
 * worked-before marker and presence. Built once per change and frozen, so every queue.list,
 * welcome and queue_update until the next change shares it (and transports reuse its JSON text);
 * an entry's view is reused while all that goes into it stays the same, so a registration at the
 * end of a long queue builds one view, not a thousand.
 */
import type { FrequencyState, QueueEntry, QueueSnapshot, SystemStatus } from '../../../shared/protocol/entities.js';
import { gridToLatLon, pathFromGrid } from '../../../shared/ham/maidenhead.js';
import type { DxccInfo } from '../integrations/dxcc.js';
import type { HeldEntry } from './pileup-state.js';
import type { LogIndex } from './log-index.js';
import type { Presence } from './presence.js';
import { loggedMode } from './qso-record.js';

export type Place = Pick<QueueEntry, 'country' | 'distance_km' | 'bearing_deg' | 'location'>;

/** What the projection reads; the arrays and records it is given are replaced on change, never edited. */
export interface ProjectionSources {
  queue: () => readonly HeldEntry[];
  frequency: () => Readonly<FrequencyState>;
  system: () => Readonly<SystemStatus>;
  log: () => LogIndex;
  presence: Presence;
  maxQueueSize: () => number;
  myGrid: () => string | null;
  country?: (callsign: string) => DxccInfo | null;
}

export class QueueProjection {
  private cache: { parts: readonly unknown[]; snapshot: QueueSnapshot } | null = null;
  /** Country and path per stored entry (they depend only on the callsign, its QRZ grid and my grid). */
  private readonly places = new WeakMap<HeldEntry, { myGrid: string | null; place: Place }>();
  private readonly views = new WeakMap<HeldEntry, { place: Place; view: QueueEntry }>();

  constructor(private readonly sources: ProjectionSources) {}

  snapshot(): QueueSnapshot {
    const s = this.sources;
    const queue = s.queue();
    const maxSize = s.maxQueueSize();
    const system = s.system();
    const parts = [queue, s.frequency(), system, s.log().revision, s.presence.revision, maxSize, s.myGrid()] as const;
    if (this.cache && sameParts(this.cache.parts, parts)) return this.cache.snapshot;
    const reuse = this.reusableViews(parts);
    const snapshot: QueueSnapshot = Object.freeze({
      queue: Object.freeze(queue.map((entry, index) => reuse?.(entry, index) ?? this.entry(entry, index))) as QueueEntry[],
      total: queue.length,
      max_size: maxSize,
      system_active: system.active
    });
    this.cache = { parts, snapshot };
    return snapshot;
  }

  /**
   * The last snapshot's view of an entry still at the same place, when nothing else that goes
   * into it has changed since: the same frequency (worked-before is per band and mode), log and
   * grid, and the entry's presence untouched. A registration at the end of a long queue then
   * looks at each waiting entry once, by identity, instead of building its view again.
   */
  private reusableViews(parts: readonly unknown[]): ((entry: HeldEntry, index: number) => QueueEntry | undefined) | null {
    const last = this.cache;
    if (!last || last.parts[1] !== parts[1] || last.parts[3] !== parts[3] || last.parts[6] !== parts[6]) return null;
    const changed = this.sources.presence.changedSince(last.parts[4] as number);
    if (!changed) return null;
    const lastQueue = last.parts[0] as readonly HeldEntry[];
    const lastViews = last.snapshot.queue;
    return (entry, index) => (lastQueue[index] === entry && !changed.has(entry.id) ? lastViews[index] : undefined);
  }

  /** One entry as clients see it at `index`. */
  entry(entry: HeldEntry, index: number): QueueEntry {
    const frequency = this.sources.frequency();
    const band = frequency.band ?? null;
    const workedBefore = band !== null && this.sources.log().workedBefore(entry.callsign, band, loggedMode(frequency.mode).mode);
    const place = this.placeOfEntry(entry);
    const { present, last_seen } = this.sources.presence.view(entry.id);
    const known = this.views.get(entry);
    const view = known?.view;
    if (known && known.place === place && view && view.position === index + 1 && view.worked_before === workedBefore && view.present === present && view.last_seen === last_seen) {
      return view;
    }
    const fresh: QueueEntry = Object.freeze({ ...toQueueEntry(entry, index), ...place, worked_before: workedBefore, present, last_seen });
    this.views.set(entry, { place, view: fresh });
    return fresh;
  }

  /** Country and path of a queue entry, worked out once per entry (and again if my grid changes). */
  placeOfEntry(entry: HeldEntry): Place {
    const myGrid = this.sources.myGrid();
    const known = this.places.get(entry);
    if (known && known.myGrid === myGrid) return known.place;
    const place = this.placeOf(entry.callsign, entry.qrz?.grid ?? null);
    this.places.set(entry, { myGrid, place });
    return place;
  }

  /** Country (offline prefix lookup) and great-circle path from my grid: to `grid`, else the entity's centre. */
  placeOf(callsign: string, grid: string | null): Place {
    const myGrid = this.sources.myGrid();
    const info = this.sources.country?.(callsign) ?? null;
    const there = (grid ? gridToLatLon(grid) : null) ?? (info ? { lat: info.lat, lon: info.lon } : null);
    const path = myGrid && there ? pathFromGrid(myGrid, there) : null;
    return {
      country: info ? { entity: info.entity, dxcc: info.dxcc, continent: info.continent, cq_zone: info.cqZone, itu_zone: info.ituZone, flag: info.flag } : null,
      distance_km: path ? Math.round(path.distanceKm) : null,
      bearing_deg: path ? Math.round(path.bearingDeg) : null,
      location: there ? { lat: Math.round(there.lat * 100) / 100, lon: Math.round(there.lon * 100) / 100 } : null
    };
  }
}

/** Same parts, by identity: state objects are replaced when they change, never edited. */
export function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** The stored fields a client sees, at `index`. */
export function toQueueEntry(entry: HeldEntry, index: number): QueueEntry {
  return { id: entry.id, callsign: entry.callsign, timestamp: entry.timestamp, position: index + 1, qrz: entry.qrz };
}
