/**
 * The pileup: queue, current QSO, frequency, split, on-air status and the QSO log, with the
 * rules of the original Pileup Buster service.
 *
 * State is held in memory and mirrored to the store. Every change runs through the announcer
 * (announcer.ts), one at a time: it checks the rules, writes to disk, then updates memory and
 * publishes its events in one synchronous step. During a burst of changes the queue announcement
 * is held back for the burst's last change, so reads and snapshots can be ahead of the events for
 * that long, never behind.
 *
 * What clients see of the queue is the projection's (queue-projection.ts); the whole snapshot is
 * built here once per change, frozen and shared, so transports can serialise it once too.
 *
 * This class is the pileup's front door: loading at start (store-reader.ts), and reads. The rules live
 * in its parts, which share its state (pileup-state.ts): the queue and bans (queue-desk.ts),
 * working stations (qso-desk.ts), the log (qso-log-desk.ts), and tuning and on-air status
 * (station-desk.ts).
 */
import type {
  Ban,
  CurrentQso,
  FrequencyState,
  LogStats,
  LoggedQso,
  PileupSnapshot,
  QrzInfo,
  QueueEntry,
  QueueSnapshot,
  RigStatus,
  SplitState,
  StationIdentity,
  SystemStatus
} from '../../../shared/protocol/entities.js';
import type { Logger } from '../logger.js';
import type { EventHub } from './event-hub.js';
import type { SplitValue } from '../../../shared/ham/split.js';
import type { DxccInfo } from '../integrations/dxcc.js';
import { Announcer } from './announcer.js';
import { QsoLogDesk, type CallCheck } from './qso-log-desk.js';
import { QueueDesk, type Requester } from './queue-desk.js';
import { QsoDesk, type QsoEdits } from './qso-desk.js';
import { StationDesk, type OnAirResult } from './station-desk.js';
import { PileupState } from './pileup-state.js';
import { StoreReader } from './store-reader.js';
import { QueueProjection, sameParts } from './queue-projection.js';
import type { PileupStorage, QsoCorrection } from '../store/storage.js';
import type { StationSettings } from './qso-record.js';

export type { StationSettings } from './qso-record.js';

/** Looks a callsign up (QRZ.com); resolves null when nothing is known. Must not throw. */
export type CallsignLookup = (callsign: string) => Promise<QrzInfo | null>;

export interface PileupServiceOptions {
  station?: () => StationSettings;
  /** Offline country data for a callsign. */
  country?: (callsign: string) => DxccInfo | null;
  /** Read on every registration so a changed setting applies at once. */
  maxQueueSize: () => number;
  /** Minutes a worked station waits before it may register again; 0 means no wait. Read live. */
  cooldownMinutes?: () => number;
  /** Seconds a QSO must have run before a checked Next or Complete logs it; 0 turns the check off. Read live. */
  minQsoSeconds?: () => number;
  /** Minutes a queued station's clients may be gone before it is dropped; 0 never drops. Read live. */
  dropAbsentMinutes?: () => number;
  lookup?: CallsignLookup | null;
  logger: Logger;
}

export type { Requester } from './queue-desk.js';

export type { CallCheck } from './qso-log-desk.js';

/** How often the absent-station rule looks, when it is on. */
const ABSENCE_SWEEP_MS = 15_000;



export class PileupService {
  /** What the pileup holds in memory, mirrored from the store. */
  private readonly s = new PileupState();
  private absenceTimer: NodeJS.Timeout | null = null;

  /** The pileup snapshot, kept with what it was built from: reused until one of those parts changes. */
  private snapshotCache: { parts: readonly unknown[]; snapshot: PileupSnapshot } | null = null;
  /** The one way to change and announce: serialised changes, events in order. */
  private readonly announcer: Announcer;
  /** The queue as clients see it. */
  private readonly projection: QueueProjection;
  /** The QSO log: reads and changes to its history. */
  private readonly logDesk: QsoLogDesk;
  /** The queue's rules. */
  private readonly queueDesk: QueueDesk;
  /** Working stations: the QSO in progress, from start to log. */
  private readonly qsoDesk: QsoDesk;
  /** Tuning and on-air status. */
  private readonly stationDesk: StationDesk;
  /** Loading, and reading back after a change that was saved in part. */
  private readonly reader: StoreReader;

  private constructor(
    private readonly store: PileupStorage,
    hub: EventHub,
    private readonly options: PileupServiceOptions
  ) {
    this.projection = new QueueProjection({
      queue: () => this.s.queue,
      frequency: () => this.s.frequency,
      system: () => this.s.system,
      log: () => this.s.log,
      presence: this.s.presence,
      maxQueueSize: options.maxQueueSize,
      myGrid: () => options.station?.().myGrid ?? null,
      country: options.country
    });
    this.announcer = new Announcer(hub, () => this.projection.snapshot(), {
      savedWrites: () => store.savedWrites,
      recover: (error) => this.reader.afterPartialSave(error)
    }, (upTo) => store.durable(upTo));
    const parts = { s: this.s, store, announcer: this.announcer, projection: this.projection, options };
    this.logDesk = new QsoLogDesk(parts);
    this.queueDesk = new QueueDesk(parts);
    this.qsoDesk = new QsoDesk(parts);
    this.stationDesk = new StationDesk(parts, this.qsoDesk);
    this.reader = new StoreReader(parts);
  }

  static async open(store: PileupStorage, hub: EventHub, options: PileupServiceOptions): Promise<PileupService> {
    const service = new PileupService(store, hub, options);
    await service.reader.readAll();
    service.absenceTimer = setInterval(() => void service.dropAbsentStations().catch((error: unknown) => options.logger.warn({ err: error }, 'could not drop absent stations')), ABSENCE_SWEEP_MS);
    service.absenceTimer.unref();
    return service;
  }

  // --- publishing ------------------------------------------------------------------------------

  /**
   * The radio link changed (connected, lost, following switched). It is announced through the
   * same serialised path as every change, so it never overtakes one that came before it.
   */
  announceRigStatus(status: RigStatus): Promise<void> {
    return this.announcer.change(async () => this.announcer.publish('rig_status', status));
  }

  /** Whose pileup it is, from the settings; the operator only when not the station itself. */
  stationIdentity(): StationIdentity {
    const settings = this.options.station?.();
    const callsign = settings?.stationCallsign ?? null;
    const operator = settings?.operatorCallsign && settings.operatorCallsign !== callsign ? settings.operatorCallsign : null;
    return { callsign, operator, grid: settings?.myGrid ?? null };
  }

  /** The station or operator callsign changed in settings: stations see whose pileup it is at once. */
  announceStation(): Promise<void> {
    return this.announcer.change(async () => this.announcer.publish('station_update', this.stationIdentity()));
  }

  /** The queue limit changed in settings: every queue snapshot carries it, so stations see it at once. */
  announceQueueLimit(): Promise<void> {
    return this.announcer.change(async () => this.announcer.announceQueue());
  }

  // --- reads (synchronous, from memory) ------------------------------------------------------

  get isActive(): boolean {
    return this.s.system.active;
  }

  getSystemStatus(): SystemStatus {
    return { ...this.s.system };
  }

  getFrequency(): FrequencyState {
    return { ...this.s.frequency };
  }

  getSplit(): SplitState {
    return { ...this.s.split };
  }

  getCurrentQso(): CurrentQso | null {
    return this.s.currentQso();
  }

  get qsosLogged(): number {
    return this.s.log.size;
  }

  get queueLength(): number {
    return this.s.queue.length;
  }

  /** The queue as clients see it: frozen, and shared until the next change. */
  getQueue(): QueueSnapshot {
    return this.projection.snapshot();
  }

  findEntry(callsign: string): QueueEntry | null {
    const index = this.s.queue.findIndex((entry) => entry.callsign === callsign);
    return index < 0 ? null : this.projection.entry(this.s.queue[index]!, index);
  }

  /** Everything a client needs to start from; frozen and shared like the queue until something changes. */
  snapshot(): PileupSnapshot {
    // As announced: a snapshot and the events after it (deltas included) always add up.
    const queue = this.announcer.announcedQueue();
    const station = this.stationIdentity();
    const parts = [this.announcer.seq, queue, this.s.system, this.s.current, this.s.frequency, this.s.split, this.s.log.size, station.callsign, station.operator, station.grid] as const;
    if (this.snapshotCache && sameParts(this.snapshotCache.parts, parts)) return this.snapshotCache.snapshot;
    const snapshot: PileupSnapshot = Object.freeze({
      seq: this.announcer.seq,
      instance_id: this.announcer.instanceId,
      system: this.getSystemStatus(),
      queue,
      current_qso: this.getCurrentQso(),
      frequency: this.getFrequency(),
      split: this.getSplit(),
      qsos_logged: this.s.log.size,
      station
    });
    this.snapshotCache = { parts, snapshot };
    return snapshot;
  }

  /** The most recent QSOs, each marked when it repeats an earlier one on its band and mode. */
  recentQsos(limit: number, search?: string): Promise<LoggedQso[]> {
    return this.logDesk.recentQsos(limit, search);
  }

  logStats(): LogStats {
    return this.logDesk.logStats();
  }

  /** QSOs completed in the last hour: the operator's current rate. */
  qsosInLastHour(): number {
    return this.logDesk.qsosInLastHour();
  }

  allQsos(): Promise<LoggedQso[]> {
    return this.logDesk.allQsos();
  }

  /** An export's QSOs, by dates or since the last export (see QsoLogDesk.exportQsos). */
  exportQsos(range: { from?: string; to?: string; sinceLastExport: boolean }): Promise<{ qsos: LoggedQso[]; exportedAt: string; since: string | null }> {
    return this.logDesk.exportQsos(range);
  }

  importQsos(qsos: LoggedQso[], importId: string): Promise<{ added: number; already: number }> {
    return this.logDesk.importQsos(qsos, importId);
  }

  lastExportAt(): Promise<string | null> {
    return this.logDesk.lastExportAt();
  }

  /** The call entry's partial check (see QsoLogDesk.checkCall). */
  checkCall(partial: string, limit = 12): CallCheck {
    return this.logDesk.checkCall(partial, limit);
  }

  /** Registrations refused for a full queue in the last minute: stations being turned away now. */
  turnedAway(now: number = Date.now()): { last_minute: number; last_at: string | null } {
    this.s.turnedAwayAt = this.s.turnedAwayAt.filter((at) => now - at < 60_000);
    const last = this.s.turnedAwayAt.at(-1);
    return { last_minute: this.s.turnedAwayAt.length, last_at: last === undefined ? null : new Date(last).toISOString() };
  }

  // --- the log (qso-log-desk.ts) ------------------------------------------------------------

  updateQso(id: string, fields: QsoCorrection): Promise<LoggedQso> {
    return this.logDesk.updateQso(id, fields);
  }

  deleteQso(id: string): Promise<LoggedQso> {
    return this.logDesk.deleteQso(id);
  }

  restoreQso(qso: LoggedQso): Promise<LoggedQso> {
    return this.logDesk.restoreQso(qso);
  }

  undoLastQso(expectedId?: string): Promise<{ qso: LoggedQso; resumed: CurrentQso | null; requeued: QueueEntry | null }> {
    return this.logDesk.undoLastQso(expectedId);
  }

  // --- the queue (queue-desk.ts) ------------------------------------------------------------

  register(callsign: string, requester: Requester = { connectionId: null }): Promise<{ entry: QueueEntry; leaveToken: string }> {
    return this.queueDesk.register(callsign, requester);
  }

  leave(callsign: string, token: string): Promise<QueueEntry> {
    return this.queueDesk.leave(callsign, token);
  }

  here(callsign: string, token: string, requester: Requester): Promise<QueueEntry> {
    return this.queueDesk.here(callsign, token, requester);
  }

  connectionClosed(connectionId: string): void {
    return this.queueDesk.connectionClosed(connectionId);
  }

  removeCallsign(callsign: string): Promise<QueueEntry> {
    return this.queueDesk.removeCallsign(callsign);
  }

  restoreCallsign(callsign: string): Promise<QueueEntry> {
    return this.queueDesk.restoreCallsign(callsign);
  }

  clearQueue(): Promise<number> {
    return this.queueDesk.clearQueue();
  }

  dropAbsentStations(now: number = Date.now()): Promise<QueueEntry[]> {
    return this.queueDesk.dropAbsentStations(now);
  }

  // --- working stations (qso-desk.ts) -------------------------------------------------------

  nextQso(operator: string, options: { callsign?: string; checkDuration?: boolean } = {}): Promise<{ completed: LoggedQso | null; current: CurrentQso | null }> {
    return this.qsoDesk.nextQso(operator, options);
  }

  workHeard(operator: string, callsign: string, options: { checkDuration?: boolean } = {}): Promise<{ completed: LoggedQso | null; current: CurrentQso; fromQueue: boolean }> {
    return this.qsoDesk.workHeard(operator, callsign, options);
  }

  completeQso(operator: string, options: { checkDuration?: boolean } = {}): Promise<LoggedQso | null> {
    return this.qsoDesk.completeQso(operator, options);
  }

  updateCurrentQso(id: string, edits: QsoEdits): Promise<CurrentQso> {
    return this.qsoDesk.updateCurrentQso(id, edits);
  }

  // --- tuning and on-air status (station-desk.ts) -----------------------------------------------

  setFrequency(tuning: { hz: number; mode?: string | null } | null): Promise<FrequencyState> {
    return this.stationDesk.setFrequency(tuning);
  }

  setMode(mode: string | null): Promise<FrequencyState> {
    return this.stationDesk.setMode(mode);
  }

  setSplit(value: SplitValue | null): Promise<SplitState> {
    return this.stationDesk.setSplit(value);
  }

  setActive(active: boolean, operator: string, options: { logCurrent?: boolean } = {}): Promise<OnAirResult> {
    return this.stationDesk.setActive(active, operator, options);
  }

  setRegistrationPaused(paused: boolean, operator: string): Promise<SystemStatus> {
    return this.stationDesk.setRegistrationPaused(paused, operator);
  }

  cancelQso(requeue: boolean): Promise<{ cancelled: CurrentQso | null; requeued: QueueEntry | null }> {
    return this.qsoDesk.cancelQso(requeue);
  }

  // --- bans (queue-desk.ts) -------------------------------------------------------------------

  getBans(): Ban[] {
    return this.queueDesk.getBans();
  }

  ban(callsign: string, reason: string, operator: string): Promise<{ ban: Ban; removed: QueueEntry | null }> {
    return this.queueDesk.ban(callsign, reason, operator);
  }

  unban(callsign: string): Promise<Ban> {
    return this.queueDesk.unban(callsign);
  }

  /** Waits for every mutation already queued; used at shutdown before the files are flushed. */
  drain(): Promise<void> {
    if (this.absenceTimer) clearInterval(this.absenceTimer);
    this.absenceTimer = null;
    // Clients are about to be disconnected; they start again from a fresh snapshot.
    return this.announcer.drain().then(() => this.announcer.close());
  }
}
