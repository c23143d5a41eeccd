/**
 * The pileup: queue, current QSO, frequency, split, on-air status and the QSO log, with the
 * rules of the original Pileup Buster service.
 *
 * State is held in memory and mirrored to the store. Every mutation runs through one serial
 * executor: it checks the rules, writes to disk, then updates memory and publishes its events in
 * one synchronous step. The one exception: during a burst of changes, the queue announcement is
 * held back for the burst's last change (at most QUEUE_ANNOUNCEMENT_MAX_DELAY_MS), so reads and
 * snapshots can be ahead of the events for that long, never behind.
 *
 * What clients see (the queue and the whole snapshot) is built once per change, frozen and
 * shared, so transports can serialise it once too.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  Ban,
  CurrentQso,
  FrequencyState,
  LoggedQso,
  PileupSnapshot,
  QrzInfo,
  QueueEntry,
  QueueSnapshot,
  SplitState,
  SystemStatus
} from '../../../shared/protocol/entities.js';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import { QUEUE_ANNOUNCEMENT_MAX_DELAY_MS, type BroadcastEventName, type EventData } from '../../../shared/protocol/events.js';
import { nowIso } from '../../../shared/protocol/messages.js';
import type { Logger } from '../logger.js';
import type { EventHub } from './event-hub.js';
import { splitTxHz, type SplitValue } from '../../../shared/ham/split.js';
import { bandOf } from '../../../shared/ham/frequency.js';
import { pathFromGrid } from '../../../shared/ham/maidenhead.js';
import { adifMode, defaultRst } from '../../../shared/ham/rst.js';
import type { DxccInfo } from '../integrations/dxcc.js';
import { SerialExecutor } from './serial-executor.js';
import type { PileupStore, StoredQueueEntry } from '../store/pileup-store.js';

/** Looks a callsign up (QRZ.com); resolves null when nothing is known. Must not throw. */
export type CallsignLookup = (callsign: string) => Promise<QrzInfo | null>;

/** Station settings written into every logged QSO; read live so a change applies at once. */
export interface StationSettings {
  stationCallsign: string | null;
  operatorCallsign: string | null;
  myGrid: string | null;
}

export interface PileupServiceOptions {
  station?: () => StationSettings;
  /** Offline country data for a callsign. */
  country?: (callsign: string) => DxccInfo | null;
  /** Read on every registration so a changed setting applies at once. */
  maxQueueSize: () => number;
  /** Minutes a worked station waits before it may register again; 0 means no wait. Read live. */
  cooldownMinutes?: () => number;
  lookup?: CallsignLookup | null;
  logger: Logger;
}

const INACTIVE_STATUS: SystemStatus = { active: false, registration_paused: false, last_updated: null, updated_by: null };
const NO_FREQUENCY: FrequencyState = { frequency: null, last_updated: null };
const NO_SPLIT: SplitState = { split: null, last_updated: null };

type Place = Pick<QueueEntry, 'country' | 'distance_km' | 'bearing_deg'>;

export class PileupService {
  private readonly serial = new SerialExecutor();
  /**
   * Replaced, never changed in place (the type forbids push and splice): the cached snapshot below
   * knows it is stale when this array is not the one it was built from.
   */
  private queue: readonly StoredQueueEntry[] = [];
  private current: CurrentQso | null = null;
  private system: SystemStatus = INACTIVE_STATUS;
  private frequency: FrequencyState = NO_FREQUENCY;
  private split: SplitState = NO_SPLIT;
  private logged = 0;
  private nextOrder = 1;
  private bans: Ban[] = [];
  /** callsign|band|mode of every logged QSO, for the worked-before marker. */
  private readonly worked = new Set<string>();
  /** Bumped whenever `worked` changes, so the cached snapshot knows its markers are stale. */
  private workedRevision = 0;
  /** When each callsign was last logged, for the cooldown rule. */
  private readonly lastWorked = new Map<string, string>();

  // What clients see, kept with what it was built from: reused until one of those parts changes.
  private queueCache: { parts: readonly unknown[]; snapshot: QueueSnapshot } | null = null;
  private snapshotCache: { parts: readonly unknown[]; snapshot: PileupSnapshot } | null = null;
  /** Country and path per stored entry (they depend only on the callsign, its QRZ grid and my grid). */
  private readonly placeCache = new WeakMap<StoredQueueEntry, { myGrid: string | null; place: Place }>();
  private readonly entryViews = new WeakMap<StoredQueueEntry, { place: Place; view: QueueEntry }>();

  private queueAnnouncementPending = false;
  private queueAnnouncedAt = 0;

  private constructor(
    private readonly store: PileupStore,
    private readonly hub: EventHub,
    private readonly options: PileupServiceOptions
  ) {}

  static async open(store: PileupStore, hub: EventHub, options: PileupServiceOptions): Promise<PileupService> {
    const service = new PileupService(store, hub, options);
    await service.load();
    return service;
  }

  private async load(): Promise<void> {
    // Status documents written before registration could be paused lack the flag.
    this.system = { ...INACTIVE_STATUS, ...((await this.store.getState('system')) ?? {}) };
    this.bans = (await this.store.getState('bans'))?.entries ?? [];
    for (const { callsign, completed_at } of await this.store.lastWorkedTimes()) this.lastWorked.set(callsign, completed_at);
    for (const qso of await this.store.allLog()) this.worked.add(PileupService.workedKey(qso.callsign, qso.band, qso.mode));
    this.frequency = (await this.store.getState('frequency')) ?? NO_FREQUENCY;
    this.split = (await this.store.getState('split')) ?? NO_SPLIT;
    this.current = await this.store.getState('current_qso');
    this.queue = await this.store.loadQueue();
    await this.repairInterruptedMoves();
    this.logged = await this.store.countLog();
    this.nextOrder = (this.queue.at(-1)?.order ?? 0) + 1;
  }

  /**
   * A QSO moves queue -> current -> log in separate file writes. If the process died between
   * them, finish the move: a current QSO already in the log is over, and a station already being
   * worked is no longer waiting.
   */
  private async repairInterruptedMoves(): Promise<void> {
    if (this.current && (await this.store.isLogged(this.current.id))) {
      this.options.logger.warn({ callsign: this.current.callsign }, 'current QSO was already logged; clearing it');
      await this.store.deleteState('current_qso');
      this.current = null;
    }
    const currentId = this.current?.id;
    if (currentId && this.queue.some((entry) => entry.id === currentId)) {
      await this.store.removeQueueEntry(currentId);
      this.queue = this.queue.filter((entry) => entry.id !== currentId);
    }
  }

  // --- publishing ------------------------------------------------------------------------------

  /**
   * Every change goes through here: one at a time, and when it was the last one waiting, a queue
   * announcement it held back goes out before its caller hears back.
   */
  private mutate<T>(task: () => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      try {
        return await task();
      } finally {
        if (this.serial.size <= 1) this.flushQueueAnnouncement();
      }
    });
  }

  /**
   * Announces the queue. In a burst (more changes already waiting) it is held back and the last
   * change of the burst announces the queue once: each queue_update carries the whole queue, and
   * fifty registrations arriving together need not send it fifty times to every client. A burst
   * that never ends still announces at least every QUEUE_ANNOUNCEMENT_MAX_DELAY_MS.
   */
  private announceQueue(): void {
    this.queueAnnouncementPending = true;
    if (this.serial.size <= 1 || performance.now() - this.queueAnnouncedAt >= QUEUE_ANNOUNCEMENT_MAX_DELAY_MS) this.flushQueueAnnouncement();
  }

  private flushQueueAnnouncement(): void {
    if (!this.queueAnnouncementPending) return;
    this.queueAnnouncementPending = false;
    this.queueAnnouncedAt = performance.now();
    this.hub.publish('queue_update', this.getQueue());
  }

  /** Any other event: a held-back queue announcement goes first, so clients see changes in order. */
  private publish<E extends BroadcastEventName>(event: E, data: EventData<E>): void {
    this.flushQueueAnnouncement();
    this.hub.publish(event, data);
  }

  private withoutEntry(index: number): readonly StoredQueueEntry[] {
    return [...this.queue.slice(0, index), ...this.queue.slice(index + 1)];
  }

  // --- reads (synchronous, from memory) ------------------------------------------------------

  get isActive(): boolean {
    return this.system.active;
  }

  getSystemStatus(): SystemStatus {
    return { ...this.system };
  }

  getFrequency(): FrequencyState {
    return { ...this.frequency };
  }

  getSplit(): SplitState {
    return { ...this.split };
  }

  getCurrentQso(): CurrentQso | null {
    return this.current ? { ...this.current } : null;
  }

  get qsosLogged(): number {
    return this.logged;
  }

  get queueLength(): number {
    return this.queue.length;
  }

  /**
   * The queue as clients see it. Built once per change and frozen: every queue.list, welcome and
   * queue_update until the next change shares it (and transports reuse its JSON text).
   */
  getQueue(): QueueSnapshot {
    const maxSize = this.options.maxQueueSize();
    const myGrid = this.options.station?.().myGrid ?? null;
    const parts = [this.queue, this.frequency, this.system, this.workedRevision, maxSize, myGrid] as const;
    if (this.queueCache && sameParts(this.queueCache.parts, parts)) return this.queueCache.snapshot;
    const snapshot: QueueSnapshot = Object.freeze({
      queue: Object.freeze(this.queue.map((entry, index) => this.enrich(entry, index))) as QueueEntry[],
      total: this.queue.length,
      max_size: maxSize,
      system_active: this.system.active
    });
    this.queueCache = { parts, snapshot };
    return snapshot;
  }

  findEntry(callsign: string): QueueEntry | null {
    const index = this.queue.findIndex((entry) => entry.callsign === callsign);
    return index < 0 ? null : this.enrich(this.queue[index]!, index);
  }

  /** Everything a client needs to start from; frozen and shared like the queue until something changes. */
  snapshot(): PileupSnapshot {
    const queue = this.getQueue();
    const parts = [this.hub.seq, queue, this.system, this.current, this.frequency, this.split, this.logged] as const;
    if (this.snapshotCache && sameParts(this.snapshotCache.parts, parts)) return this.snapshotCache.snapshot;
    const snapshot: PileupSnapshot = Object.freeze({
      seq: this.hub.seq,
      instance_id: this.hub.instanceId,
      system: this.getSystemStatus(),
      queue,
      current_qso: this.getCurrentQso(),
      frequency: this.getFrequency(),
      split: this.getSplit(),
      qsos_logged: this.logged
    });
    this.snapshotCache = { parts, snapshot };
    return snapshot;
  }

  recentQsos(limit: number, search?: string): Promise<LoggedQso[]> {
    return this.store.recentLog(limit, search);
  }

  updateQso(id: string, fields: { rst_sent?: string; rst_rcvd?: string; notes?: string }): Promise<LoggedQso> {
    return this.mutate(async () => {
      if (!(await this.store.getQso(id))) throw new ProtocolError('NOT_FOUND', 'No such QSO in the log');
      const updated = (await this.store.updateQso(id, fields))!;
      this.publish('log_update', { action: 'updated', id, qsos_logged: this.logged });
      return updated;
    });
  }

  deleteQso(id: string): Promise<LoggedQso> {
    return this.mutate(async () => {
      const deleted = await this.store.deleteQso(id);
      if (!deleted) throw new ProtocolError('NOT_FOUND', 'No such QSO in the log');
      await this.rebuildLogIndexes();
      this.publish('log_update', { action: 'deleted', id, qsos_logged: this.logged });
      return deleted;
    });
  }

  restoreQso(qso: LoggedQso): Promise<LoggedQso> {
    return this.mutate(async () => {
      await this.store.logQso(qso);
      await this.rebuildLogIndexes();
      this.publish('log_update', { action: 'restored', id: qso.id, qsos_logged: this.logged });
      return qso;
    });
  }

  /**
   * Counts, worked-before and cooldown come from the log; after an edit of its history, read it
   * again. Stations waiting may gain or lose their worked-before marker: then the queue is announced.
   */
  private async rebuildLogIndexes(): Promise<void> {
    const before = this.getQueue();
    const all = await this.store.allLog();
    this.logged = all.length;
    this.worked.clear();
    this.workedRevision++;
    this.lastWorked.clear();
    for (const qso of all) {
      this.worked.add(PileupService.workedKey(qso.callsign, qso.band, qso.mode));
      const previous = this.lastWorked.get(qso.callsign);
      if (!previous || qso.completed_at > previous) this.lastWorked.set(qso.callsign, qso.completed_at);
    }
    if (this.getQueue().queue.some((entry, i) => entry.worked_before !== before.queue[i]?.worked_before)) this.announceQueue();
  }

  allQsos(): Promise<LoggedQso[]> {
    return this.store.allLog();
  }

  /** QSOs completed in the last hour: the operator's current rate. */
  qsosInLastHour(): Promise<number> {
    return this.store.countLoggedSince(new Date(Date.now() - 3_600_000).toISOString());
  }

  // --- mutations -----------------------------------------------------------------------------

  /**
   * Adds a station to the queue. The leave token returned lets the client that registered (and
   * only it) leave again; the store keeps just its hash.
   */
  async register(callsign: string): Promise<{ entry: QueueEntry; leaveToken: string }> {
    // Fail fast before spending time on a lookup; the same checks run again under the lock.
    this.checkCanRegister(callsign);
    const qrz = this.options.lookup ? await this.options.lookup(callsign) : null;
    return this.mutate(async () => {
      this.checkCanRegister(callsign);
      const leaveToken = randomBytes(18).toString('base64url');
      const entry: StoredQueueEntry = {
        id: randomUUID(),
        callsign,
        timestamp: nowIso(),
        qrz,
        order: this.nextOrder,
        leave_token_hash: hashToken(leaveToken)
      };
      await this.store.addQueueEntry(entry);
      this.nextOrder++;
      this.queue = [...this.queue, entry];
      this.announceQueue();
      return { entry: toQueueEntry(entry, this.queue.length - 1), leaveToken };
    });
  }

  /** A station leaves the queue on its own; it must present the token its registration got. */
  leave(callsign: string, token: string): Promise<QueueEntry> {
    return this.mutate(async () => {
      const index = this.queue.findIndex((entry) => entry.callsign === callsign);
      const stored = this.queue[index];
      if (!stored) throw new ProtocolError('NOT_FOUND', `${callsign} is not in the queue`);
      if (!stored.leave_token_hash || !timingSafeEqualHex(stored.leave_token_hash, hashToken(token))) {
        throw new ProtocolError('UNAUTHORIZED', `Only the client that registered ${callsign} can take it out of the queue`);
      }
      const removed = toQueueEntry(stored, index);
      await this.store.removeQueueEntry(removed.id);
      this.queue = this.withoutEntry(index);
      this.announceQueue();
      return removed;
    });
  }

  private checkCanRegister(callsign: string): void {
    if (!this.system.active) {
      throw new ProtocolError('SYSTEM_INACTIVE', 'The station is not on the air. Registration is not available.');
    }
    if (this.system.registration_paused) {
      throw new ProtocolError('REGISTRATION_PAUSED', 'Registration is paused for the moment. Try again shortly.');
    }
    const ban = this.bans.find((b) => b.callsign === callsign);
    if (ban) throw new ProtocolError('BANNED', `${callsign} may not register here${ban.reason ? `: ${ban.reason}` : ''}`);
    const cooldown = this.options.cooldownMinutes?.() ?? 0;
    const last = this.lastWorked.get(callsign);
    if (cooldown > 0 && last) {
      const waitMs = Date.parse(last) + cooldown * 60_000 - Date.now();
      if (waitMs > 0) {
        throw new ProtocolError('COOLDOWN', `${callsign} was worked at ${last.slice(11, 16)}Z; it may register again in ${Math.ceil(waitMs / 60_000)} min`);
      }
    }
    if (this.queue.some((entry) => entry.callsign === callsign)) {
      throw new ProtocolError('DUPLICATE_CALLSIGN', `${callsign} is already in the queue`);
    }
    if (this.current?.callsign === callsign) {
      throw new ProtocolError('DUPLICATE_CALLSIGN', `${callsign} is being worked right now`);
    }
    const max = this.options.maxQueueSize();
    if (this.queue.length >= max) {
      throw new ProtocolError('QUEUE_FULL', `The queue is full (maximum ${max} stations). Try again shortly.`);
    }
  }

  removeCallsign(callsign: string): Promise<QueueEntry> {
    return this.mutate(async () => {
      const index = this.queue.findIndex((entry) => entry.callsign === callsign);
      if (index < 0) throw new ProtocolError('NOT_FOUND', `${callsign} is not in the queue`);
      const removed = toQueueEntry(this.queue[index]!, index);
      await this.store.removeQueueEntry(removed.id);
      this.queue = this.withoutEntry(index);
      this.announceQueue();
      return removed;
    });
  }

  clearQueue(): Promise<number> {
    return this.mutate(async () => {
      const count = this.queue.length;
      await this.store.clearQueue();
      this.queue = [];
      this.announceQueue();
      return count;
    });
  }

  /**
   * Logs the QSO in progress (if any) and starts one with the first station in the queue, or with
   * `callsign` when the operator works a station out of order.
   */
  nextQso(operator: string, callsign?: string): Promise<{ completed: LoggedQso | null; current: CurrentQso | null }> {
    return this.mutate(async () => {
      const index = callsign === undefined ? 0 : this.queue.findIndex((entry) => entry.callsign === callsign);
      if (callsign !== undefined && index < 0) throw new ProtocolError('NOT_FOUND', `${callsign} is not in the queue`);
      const completed = await this.logCurrent(operator);
      const chosen = this.queue[index];
      let next: CurrentQso | null = null;
      if (chosen) {
        const enriched = this.enrich(chosen, index);
        next = {
          id: chosen.id,
          callsign: chosen.callsign,
          timestamp: nowIso(),
          started_by: operator,
          registered_at: chosen.timestamp,
          qrz: chosen.qrz,
          country: enriched.country ?? null,
          distance_km: enriched.distance_km ?? null,
          bearing_deg: enriched.bearing_deg ?? null
        };
        await this.store.setState('current_qso', next);
        await this.store.removeQueueEntry(chosen.id);
      } else if (completed) {
        await this.store.deleteState('current_qso');
      }
      this.current = next;
      if (chosen) this.queue = this.withoutEntry(index);
      if (completed) this.publishCompletion(completed);
      if (completed || chosen) this.publish('current_qso', this.getCurrentQso());
      if (chosen) this.announceQueue();
      return { completed, current: this.getCurrentQso() };
    });
  }

  completeQso(operator: string): Promise<LoggedQso | null> {
    return this.mutate(async () => {
      const completed = await this.logCurrent(operator);
      if (!completed) return null;
      await this.store.deleteState('current_qso');
      this.current = null;
      this.publishCompletion(completed);
      this.publish('current_qso', null);
      return completed;
    });
  }

  /** Writes the current QSO to the log; memory and events are the caller's to update. */
  private async logCurrent(operator: string): Promise<LoggedQso | null> {
    if (!this.current) return null;
    const station = this.options.station?.() ?? { stationCallsign: null, operatorCallsign: null, myGrid: null };
    const rigMode = this.frequency.mode ?? null;
    const adif = rigMode ? adifMode(rigMode) : null;
    const rst = defaultRst(adif?.mode ?? rigMode ?? 'SSB');
    const hz = this.frequency.frequency_hz ?? null;
    const splitValue = this.split.value ?? null;
    const country = this.options.country?.(this.current.callsign) ?? null;
    const qrz = this.current.qrz;
    const qso: LoggedQso = {
      id: this.current.id,
      callsign: this.current.callsign,
      started_at: this.current.timestamp,
      completed_at: nowIso(),
      completed_by: operator,
      registered_at: this.current.registered_at,
      frequency: this.frequency.frequency,
      split: this.split.split,
      qrz,
      frequency_hz: hz,
      band: hz ? bandOf(hz) : null,
      mode: adif?.mode ?? rigMode,
      submode: adif?.submode ?? null,
      split_tx_hz: splitValue ? splitTxHz(splitValue, hz) : null,
      rst_sent: rst,
      rst_rcvd: rst,
      station_callsign: station.stationCallsign,
      operator: station.operatorCallsign ?? station.stationCallsign,
      my_grid: station.myGrid,
      name: qrz?.name ?? null,
      qth: qrz?.qth ?? null,
      grid: qrz?.grid ?? null,
      country: country?.entity ?? qrz?.country ?? null,
      dxcc: country?.dxcc ?? null,
      notes: ''
    };
    await this.store.logQso(qso);
    return qso;
  }

  private static workedKey(callsign: string, band: string | null | undefined, mode: string | null | undefined): string {
    return `${callsign}|${band ?? ''}|${mode ?? ''}`;
  }

  /** The ADIF mode the current rig or operator mode logs as. */
  private currentAdifMode(): string | null {
    const mode = this.frequency.mode ?? null;
    return mode ? (adifMode(mode)?.mode ?? mode) : null;
  }

  /**
   * A queue entry as clients see it, with country, path and worked-before. Frozen, and reused while its
   * position, marker and place stay the same: a registration at the end of a long queue builds one.
   */
  private enrich(entry: StoredQueueEntry, index: number): QueueEntry {
    const band = this.frequency.band ?? null;
    const workedBefore = band !== null && this.worked.has(PileupService.workedKey(entry.callsign, band, this.currentAdifMode()));
    const place = this.place(entry);
    const known = this.entryViews.get(entry);
    if (known && known.place === place && known.view.position === index + 1 && known.view.worked_before === workedBefore) return known.view;
    const view: QueueEntry = Object.freeze({ ...toQueueEntry(entry, index), ...place, worked_before: workedBefore });
    this.entryViews.set(entry, { place, view });
    return view;
  }

  /** Country, distance and bearing: a prefix lookup and great-circle maths, done once per entry. */
  private place(entry: StoredQueueEntry): Place {
    const myGrid = this.options.station?.().myGrid ?? null;
    const known = this.placeCache.get(entry);
    if (known && known.myGrid === myGrid) return known.place;
    const info = this.options.country?.(entry.callsign) ?? null;
    const path = myGrid ? pathFromGrid(myGrid, entry.qrz?.grid ?? (info ? { lat: info.lat, lon: info.lon } : '')) : null;
    const place: Place = {
      country: info ? { entity: info.entity, dxcc: info.dxcc, continent: info.continent, cq_zone: info.cqZone, itu_zone: info.ituZone, flag: info.flag } : null,
      distance_km: path ? Math.round(path.distanceKm) : null,
      bearing_deg: path ? Math.round(path.bearingDeg) : null
    };
    this.placeCache.set(entry, { myGrid, place });
    return place;
  }

  private publishCompletion(qso: LoggedQso): void {
    this.logged++;
    this.worked.add(PileupService.workedKey(qso.callsign, qso.band, qso.mode));
    this.workedRevision++;
    this.lastWorked.set(qso.callsign, qso.completed_at);
    this.publish('qso_complete', { qso, queue: this.getQueue() });
  }

  /** Sets (or clears) the frequency; the mode stays unless a new one is given. */
  setFrequency(tuning: { display: string; hz: number; band: string | null; mode?: string | null } | null): Promise<FrequencyState> {
    return this.mutate(async () => {
      const next: FrequencyState = tuning
        ? { frequency: tuning.display, frequency_hz: tuning.hz, band: tuning.band, mode: tuning.mode ?? this.frequency.mode ?? null, last_updated: nowIso() }
        : { frequency: null, frequency_hz: null, band: null, mode: this.frequency.mode ?? null, last_updated: nowIso() };
      await this.store.setState('frequency', next);
      this.publishTuning(next);
      return this.getFrequency();
    });
  }

  setMode(mode: string | null): Promise<FrequencyState> {
    return this.mutate(async () => {
      const next: FrequencyState = { ...this.frequency, mode, last_updated: nowIso() };
      await this.store.setState('frequency', next);
      this.publishTuning(next);
      return this.getFrequency();
    });
  }

  /** A new band or mode changes every worked-before marker, so the queue is sent again then. */
  private publishTuning(next: FrequencyState): void {
    const markersChanged = next.band !== this.frequency.band || next.mode !== this.frequency.mode;
    this.frequency = next;
    this.publish('frequency_update', this.getFrequency());
    if (markersChanged && this.queue.length > 0) this.announceQueue();
  }

  setSplit(split: { display: string; value: SplitValue } | null): Promise<SplitState> {
    return this.mutate(async () => {
      const next: SplitState = split ? { split: split.display, value: split.value, last_updated: nowIso() } : { split: null, value: null, last_updated: nowIso() };
      await this.store.setState('split', next);
      this.split = next;
      this.publish('split_update', this.getSplit());
      return this.getSplit();
    });
  }

  /** Going off the air closes registration and clears the queue and the current QSO; the log stays. */
  setActive(active: boolean, operator: string): Promise<SystemStatus & { queue_cleared?: boolean; cleared_count?: number }> {
    return this.mutate(async () => {
      // Going off the air ends a pause too; coming on keeps whatever pause was set.
      const status: SystemStatus = { active, registration_paused: active ? this.system.registration_paused : false, last_updated: nowIso(), updated_by: operator };
      const clearedCount = active ? 0 : this.queue.length;
      const hadCurrent = this.current !== null;
      await this.store.setState('system', status);
      if (!active) {
        await this.store.clearQueue();
        await this.store.deleteState('current_qso');
      }
      this.system = status;
      const result = active ? { ...status } : { ...status, queue_cleared: true, cleared_count: clearedCount };
      this.publish('system_status', result);
      if (!active) {
        this.queue = [];
        this.current = null;
        if (hadCurrent) this.publish('current_qso', null);
      }
      // Always announce the queue: its system_active flag changed even when it holds nobody.
      this.announceQueue();
      return result;
    });
  }

  /** Pauses or resumes registrations without touching the queue. */
  setRegistrationPaused(paused: boolean, operator: string): Promise<SystemStatus> {
    return this.mutate(async () => {
      const status: SystemStatus = { ...this.system, registration_paused: paused, last_updated: nowIso(), updated_by: operator };
      await this.store.setState('system', status);
      this.system = status;
      this.publish('system_status', this.getSystemStatus());
      return this.getSystemStatus();
    });
  }

  /**
   * Ends the QSO in progress without logging it: the station goes back to the head of the queue
   * (`requeue`), or is dropped.
   */
  cancelQso(requeue: boolean): Promise<{ cancelled: CurrentQso | null; requeued: QueueEntry | null }> {
    return this.mutate(async () => {
      const cancelled = this.current;
      if (!cancelled) return { cancelled: null, requeued: null };
      let requeued: StoredQueueEntry | null = null;
      if (requeue) {
        // Ahead of everyone: an order below the current head's.
        const order = (this.queue[0]?.order ?? this.nextOrder) - 1;
        requeued = { id: cancelled.id, callsign: cancelled.callsign, timestamp: cancelled.registered_at ?? cancelled.timestamp, qrz: cancelled.qrz, order };
        await this.store.addQueueEntry(requeued);
      }
      await this.store.deleteState('current_qso');
      this.current = null;
      if (requeued) this.queue = [requeued, ...this.queue];
      this.publish('current_qso', null);
      if (requeued) this.announceQueue();
      return { cancelled, requeued: requeued ? toQueueEntry(requeued, 0) : null };
    });
  }

  getBans(): Ban[] {
    return this.bans.map((b) => ({ ...b }));
  }

  /** Bans a callsign; if it is waiting, it leaves the queue. */
  ban(callsign: string, reason: string, operator: string): Promise<{ ban: Ban; removed: QueueEntry | null }> {
    return this.mutate(async () => {
      const ban: Ban = { callsign, reason, banned_at: nowIso(), banned_by: operator };
      const bans = [...this.bans.filter((b) => b.callsign !== callsign), ban];
      await this.store.setState('bans', { entries: bans });
      this.bans = bans;
      const index = this.queue.findIndex((entry) => entry.callsign === callsign);
      let removed: QueueEntry | null = null;
      if (index >= 0) {
        removed = toQueueEntry(this.queue[index]!, index);
        await this.store.removeQueueEntry(removed.id);
        this.queue = this.withoutEntry(index);
        this.announceQueue();
      }
      return { ban, removed };
    });
  }

  unban(callsign: string): Promise<Ban> {
    return this.mutate(async () => {
      const ban = this.bans.find((b) => b.callsign === callsign);
      if (!ban) throw new ProtocolError('NOT_FOUND', `${callsign} is not banned`);
      const bans = this.bans.filter((b) => b.callsign !== callsign);
      await this.store.setState('bans', { entries: bans });
      this.bans = bans;
      return ban;
    });
  }

  /** Waits for every mutation already queued; used at shutdown before the files are flushed. */
  drain(): Promise<void> {
    return this.serial.drain();
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function timingSafeEqualHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/** Same parts, by identity: state objects are replaced when they change, never edited. */
function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function toQueueEntry(entry: StoredQueueEntry, index: number): QueueEntry {
  return { id: entry.id, callsign: entry.callsign, timestamp: entry.timestamp, position: index + 1, qrz: entry.qrz };
}
