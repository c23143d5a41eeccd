/**
 * Working stations: the QSO in progress from its start (the next in the queue, one out of order,
 * or a caller heard on the air) through what the operator types into it, to its place in the
 * log. A QSO shorter than the minimum is not logged unless the operator says so. Every change
 * runs through the announcer, like all of the pileup's.
 */
import { randomUUID } from 'node:crypto';
import type { CurrentQso, LoggedQso, QueueEntry } from '../../../shared/protocol/entities.js';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import { nowIso } from '../../../shared/protocol/messages.js';
import type { HeldEntry } from './pileup-state.js';
import { NO_STATION, loggedRecord } from './qso-record.js';
import { PileupPart } from './pileup-part.js';

/** What the operator types into the QSO in progress. */
export type QsoEdits = Partial<Pick<CurrentQso, 'rst_sent' | 'rst_rcvd' | 'name' | 'notes' | 'exchange'>>;

export class QsoDesk extends PileupPart {
  /**
   * Logs the QSO in progress (if any) and starts one with the first station in the queue, or with
   * `callsign` when the operator works a station out of order. With `checkDuration`, a QSO in
   * progress for less than the minimum is not logged (QSO_TOO_SHORT) and nothing changes.
   */
  nextQso(operator: string, options: { callsign?: string; checkDuration?: boolean } = {}): Promise<{ completed: LoggedQso | null; current: CurrentQso | null }> {
    return this.announcer.change(async () => {
      const { callsign } = options;
      const index = callsign === undefined ? 0 : this.s.queue.findIndex((entry) => entry.callsign === callsign);
      if (callsign !== undefined && index < 0) throw new ProtocolError('NOT_FOUND', `${callsign} is not in the queue`);
      if (options.checkDuration) this.checkDuration();
      const chosen = this.s.queue[index];
      const completed = await this.logCurrent(operator);
      let next: CurrentQso | null = null;
      if (chosen) {
        next = { id: chosen.id, callsign: chosen.callsign, timestamp: nowIso(), started_by: operator, registered_at: chosen.timestamp, qrz: chosen.qrz, ...this.projection.placeOfEntry(chosen), source: 'queue' };
        await this.store.setState('current_qso', next);
        await this.store.removeQueueEntry(chosen.id);
      } else if (completed) {
        await this.store.deleteState('current_qso');
      }
      this.s.current = next;
      if (chosen) {
        this.s.removeEntryAt(index);
        this.s.presence.forget(chosen.id);
      }
      if (completed) this.publishCompletion(completed);
      if (completed || chosen) this.announcer.publish('current_qso', this.currentQso());
      if (chosen) this.announcer.announceQueue();
      return { completed, current: this.currentQso() };
    });
  }

  /**
   * Works a station the operator heard on the air: from the queue when it is waiting there,
   * otherwise as a caller that did not register. The QSO in progress is logged first (as Next
   * does). Country and path are known at once; the QRZ lookup fills in when it answers.
   */
  async workHeard(operator: string, callsign: string, options: { checkDuration?: boolean } = {}): Promise<{ completed: LoggedQso | null; current: CurrentQso; fromQueue: boolean }> {
    if (this.s.holds(callsign)) {
      const { completed, current } = await this.nextQso(operator, { callsign, checkDuration: options.checkDuration });
      // Between the look and the lock the station may have left: then it is worked as heard.
      if (current?.callsign === callsign) return { completed, current, fromQueue: true };
    }
    const started = await this.announcer.change(async () => {
      if (this.s.current?.callsign === callsign) throw new ProtocolError('DUPLICATE_CALLSIGN', `${callsign} is being worked right now`);
      if (options.checkDuration) this.checkDuration();
      const completed = await this.logCurrent(operator);
      const next: CurrentQso = { id: randomUUID(), callsign, timestamp: nowIso(), started_by: operator, registered_at: null, qrz: null, ...this.projection.placeOf(callsign, null), source: 'air' };
      await this.store.setState('current_qso', next);
      this.s.current = next;
      if (completed) this.publishCompletion(completed);
      this.announcer.publish('current_qso', this.currentQso());
      return { completed, current: this.currentQso()!, fromQueue: false };
    });
    void this.fillInLookup(started.current.id, callsign);
    return started;
  }

  /** A heard station's QRZ details, once they arrive, while its QSO is still in progress. */
  private async fillInLookup(id: string, callsign: string): Promise<void> {
    if (!this.options.lookup) return;
    const qrz = await this.options.lookup(callsign);
    if (!qrz) return;
    await this.announcer.change(async () => {
      if (this.s.current?.id !== id) return;
      const next: CurrentQso = { ...this.s.current, qrz, ...this.projection.placeOf(callsign, qrz.grid ?? null) };
      await this.store.setState('current_qso', next);
      this.s.current = next;
      this.announcer.publish('current_qso', this.currentQso());
    }).catch((error: unknown) => this.options.logger.warn({ err: error, callsign }, 'could not add the QRZ details to the QSO in progress'));
  }

  completeQso(operator: string, options: { checkDuration?: boolean } = {}): Promise<LoggedQso | null> {
    return this.announcer.change(async () => {
      if (options.checkDuration) this.checkDuration();
      const completed = await this.logCurrent(operator);
      if (!completed) return null;
      await this.store.deleteState('current_qso');
      this.s.current = null;
      this.publishCompletion(completed);
      this.announcer.publish('current_qso', null);
      return completed;
    });
  }

  /** What the operator typed during the QSO in progress (`id`): it goes into the logged record. */
  updateCurrentQso(id: string, edits: QsoEdits): Promise<CurrentQso> {
    return this.announcer.change(async () => {
      if (this.s.current?.id !== id) throw new ProtocolError('NOT_FOUND', 'That QSO is no longer in progress');
      const next: CurrentQso = { ...this.s.current, ...edits };
      await this.store.setState('current_qso', next);
      this.s.current = next;
      this.announcer.publish('current_qso', this.currentQso());
      return this.currentQso()!;
    });
  }

  /** Refuses to end the QSO in progress when it is shorter than the minimum (nothing changes). */
  private checkDuration(): void {
    const minSeconds = this.options.minQsoSeconds?.() ?? 0;
    if (!this.s.current || minSeconds <= 0) return;
    const elapsedMs = Date.now() - Date.parse(this.s.current.timestamp);
    if (elapsedMs >= minSeconds * 1000) return;
    const seconds = (Math.max(0, elapsedMs) / 1000).toFixed(1);
    throw new ProtocolError('QSO_TOO_SHORT', `The QSO with ${this.s.current.callsign} has run ${seconds} s (the minimum is ${minSeconds} s); nothing was logged`, {
      callsign: this.s.current.callsign,
      id: this.s.current.id,
      elapsed_ms: Math.max(0, elapsedMs),
      min_seconds: minSeconds
    });
  }

  /** Writes the current QSO to the log; memory and events are the caller's to update. */
  async logCurrent(operator: string): Promise<LoggedQso | null> {
    if (!this.s.current) return null;
    const qso = loggedRecord(this.s.current, {
      completedAt: nowIso(),
      completedBy: operator,
      frequency: this.s.frequency,
      split: this.s.split,
      station: this.options.station?.() ?? NO_STATION,
      country: this.options.country?.(this.s.current.callsign) ?? null
    });
    if (!(await this.store.logQso(qso))) {
      // Never happens in normal running (ids are unique); if it does, say so rather than lose it.
      throw new ProtocolError('INTERNAL_ERROR', `The QSO with ${qso.callsign} has an id already in the log; it was not logged again`);
    }
    return qso;
  }

  publishCompletion(qso: LoggedQso): void {
    this.s.log.add(qso);
    this.announcer.publish('qso_complete', { qso, queue: this.projection.snapshot() });
  }

  /**
   * Ends the QSO in progress without logging it: a station from the queue goes back to its head
   * (`requeue`), or is dropped; a station heard on the air is dropped (it never was in the queue).
   */
  cancelQso(requeue: boolean): Promise<{ cancelled: CurrentQso | null; requeued: QueueEntry | null }> {
    return this.announcer.change(async () => {
      const cancelled = this.s.current;
      if (!cancelled) return { cancelled: null, requeued: null };
      let requeued: HeldEntry | null = null;
      if (requeue && cancelled.source !== 'air') {
        // Ahead of everyone: an order below the current head's.
        const order = (this.s.queue[0]?.order ?? this.s.nextOrder) - 1;
        requeued = { id: cancelled.id, callsign: cancelled.callsign, timestamp: cancelled.registered_at ?? cancelled.timestamp, qrz: cancelled.qrz, order };
        await this.store.addQueueEntry(requeued);
      }
      await this.store.deleteState('current_qso');
      this.s.current = null;
      if (requeued) this.s.queue = [requeued, ...this.s.queue];
      this.announcer.publish('current_qso', null);
      if (requeued) this.announcer.announceQueue();
      return { cancelled, requeued: requeued ? this.projection.entry(requeued, 0) : null };
    });
  }
}
