/**
 * The QSO log as the pileup keeps it: reading it (recent QSOs with dupes marked, totals and rate,
 * the call entry's partial check) and changing its history (corrections, deletions, restores, and
 * taking back the last QSO). Every change runs through the announcer, like all of the pileup's.
 */
import { randomUUID } from 'node:crypto';
import { nowIso } from '../../../shared/protocol/messages.js';
import type { CurrentQso, LoggedQso, LogStats, QueueEntry } from '../../../shared/protocol/entities.js';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import type { QsoCorrection } from '../store/storage.js';
import type { HeldEntry } from './pileup-state.js';
import type { CallHistory } from './log-index.js';
import { loggedMode, resumedQso } from './qso-record.js';
import { PileupPart } from './pileup-part.js';
import { splitKnown } from '../log/import-matching.js';

/** What the call entry field shows as the operator types: the queue, the log and the QSO in progress. */
export interface CallCheck {
  partial: string;
  queue: Array<{ callsign: string; position: number }>;
  worked: Array<CallHistory & { dupe: boolean }>;
  current: string | null;
}

export class QsoLogDesk extends PileupPart {
  /** The most recent QSOs, each marked when it repeats an earlier one on its band and mode. */
  async recentQsos(limit: number, search?: string): Promise<LoggedQso[]> {
    return (await this.store.recentLog(limit, search)).map((qso) => ({ ...qso, dupe: this.s.log.isDupe(qso) }));
  }

  logStats(): LogStats {
    return this.s.log.stats();
  }

  /** QSOs completed in the last hour: the operator's current rate. */
  qsosInLastHour(): number {
    return this.s.log.countSince(new Date(Date.now() - 3_600_000).toISOString());
  }

  allQsos(): Promise<LoggedQso[]> {
    return this.store.allLog();
  }

  /**
   * The QSOs of an export: started on the UTC dates `from` to `to` (both included), and with
   * `sinceLastExport` only those logged since the last export. It reads the log in turn with the
   * log's changes, so no QSO is half-seen; an export not limited by `to` moves the mark. A mark
   * that cannot be saved only means the next export repeats some QSOs, never that it misses one.
   */
  exportQsos(range: { from?: string; to?: string; sinceLastExport: boolean }): Promise<{ qsos: LoggedQso[]; exportedAt: string; since: string | null }> {
    return this.announcer.change(async () => {
      const exportedAt = nowIso();
      const since = range.sinceLastExport ? await this.lastExportAt() : null;
      const fromIso = range.from ? `${range.from}T00:00:00.000Z` : null;
      const toIso = range.to ? new Date(Date.parse(`${range.to}T00:00:00.000Z`) + 86_400_000).toISOString() : null;
      const qsos = (await this.store.allLog()).filter(
        (qso) => (!fromIso || qso.started_at >= fromIso) && (!toIso || qso.started_at < toIso) && (!since || qso.completed_at >= since)
      );
      if (!range.to) {
        await this.store.setState('last_export', { at: exportedAt }).catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not save when the log was exported; the next export since then repeats these QSOs'));
      }
      return { qsos, exportedAt, since };
    });
  }

  /** QSOs from a file, added together; worked-before, dupes and the cooldown know of them at once. */
  importQsos(qsos: LoggedQso[], importId: string): Promise<{ added: number; already: number }> {
    return this.announcer.change(async () => {
      const { fresh, known } = splitKnown(await this.store.allLog(), qsos);
      await this.store.importQsos(fresh, importId);
      if (fresh.length > 0) {
        await this.rebuildLogIndex();
        this.announcer.publish('log_update', { action: 'imported', id: importId, qsos_logged: this.s.log.size });
      }
      return { added: fresh.length, already: known };
    });
  }

  async lastExportAt(): Promise<string | null> {
    return (await this.store.getState('last_export'))?.at ?? null;
  }

  /**
   * The call entry's partial check: waiting stations and logged callsigns containing `partial`,
   * each logged one marked dupe when it is in the log on the band and mode now in use.
   */
  checkCall(partial: string, limit = 12): CallCheck {
    const band = this.s.frequency.band ?? null;
    const mode = loggedMode(this.s.frequency.mode).mode;
    const queue = this.s.queue
      .map((entry, index) => ({ callsign: entry.callsign, position: index + 1 }))
      .filter((entry) => entry.callsign.includes(partial))
      .sort((a, b) => rank(a.callsign, partial) - rank(b.callsign, partial) || a.position - b.position)
      .slice(0, limit);
    const worked = this.s.log.matching(partial, limit).map((history) => ({ ...history, dupe: band !== null && this.s.log.workedBefore(history.callsign, band, mode) }));
    return { partial, queue, worked, current: this.s.current?.callsign ?? null };
  }

  updateQso(id: string, fields: QsoCorrection): Promise<LoggedQso> {
    return this.announcer.change(async () => {
      if (!(await this.store.getQso(id))) throw new ProtocolError('NOT_FOUND', 'No such QSO in the log');
      const updated = (await this.store.updateQso(id, fields))!;
      this.announcer.publish('log_update', { action: 'updated', id, qsos_logged: this.s.log.size });
      return { ...updated, dupe: this.s.log.isDupe(updated) };
    });
  }

  deleteQso(id: string): Promise<LoggedQso> {
    return this.announcer.change(async () => {
      const deleted = await this.store.deleteQso(id);
      if (!deleted) throw new ProtocolError('NOT_FOUND', 'No such QSO in the log');
      await this.rebuildLogIndex();
      this.announcer.publish('log_update', { action: 'deleted', id, qsos_logged: this.s.log.size });
      return deleted;
    });
  }

  restoreQso(qso: LoggedQso): Promise<LoggedQso> {
    return this.announcer.change(async () => {
      const { dupe: _computed, ...record } = qso;
      await this.store.logQso(record);
      await this.rebuildLogIndex();
      this.announcer.publish('log_update', { action: 'restored', id: qso.id, qsos_logged: this.s.log.size });
      return record;
    });
  }

  /**
   * Takes the most recent QSO out of the log: its station is in QSO again (same start, what the
   * operator typed), or back at the head of the queue when another QSO is in progress. With
   * `expectedId`, only that QSO, and only while it is still the most recent.
   */
  undoLastQso(expectedId?: string): Promise<{ qso: LoggedQso; resumed: CurrentQso | null; requeued: QueueEntry | null }> {
    return this.announcer.change(async () => {
      // The last QSO worked here: one imported from a file is not this operating session's to undo.
      const [qso] = await this.store.recentLog(1, undefined, { worked: true });
      if (!qso) throw new ProtocolError('NOT_FOUND', 'The log is empty; there is no QSO to undo');
      if (expectedId !== undefined && qso.id !== expectedId) {
        throw new ProtocolError('NOT_FOUND', `That QSO is no longer the most recent in the log (the most recent is ${qso.callsign}); nothing was undone`);
      }
      let resumed: CurrentQso | null = null;
      let requeued: HeldEntry | null = null;
      const waitingAt = this.s.queue.findIndex((entry) => entry.callsign === qso.callsign);
      // Written before the QSO leaves the log: a crash in between leaves the QSO logged, never lost.
      if (!this.s.current) {
        resumed = resumedQso(qso, this.projection.placeOf(qso.callsign, qso.qrz?.grid ?? null));
        await this.store.setState('current_qso', resumed);
        // It joined the queue again meanwhile: it is being worked now instead.
        if (waitingAt >= 0) await this.store.removeQueueEntry(this.s.queue[waitingAt]!.id);
      } else if (this.s.current.callsign !== qso.callsign && waitingAt < 0) {
        const order = (this.s.queue[0]?.order ?? this.s.nextOrder) - 1;
        requeued = { id: randomUUID(), callsign: qso.callsign, timestamp: qso.registered_at ?? qso.started_at, qrz: qso.qrz, order };
        await this.store.addQueueEntry(requeued);
      }
      await this.store.deleteQso(qso.id);
      await this.rebuildLogIndex();
      if (resumed) {
        this.s.current = resumed;
        if (waitingAt >= 0) {
          this.s.presence.forget(this.s.queue[waitingAt]!.id);
          this.s.removeEntryAt(waitingAt);
          this.announcer.announceQueue();
        }
      }
      if (requeued) {
        this.s.queue = [requeued, ...this.s.queue];
        this.announcer.announceQueue();
      }
      this.announcer.publish('log_update', { action: 'undone', id: qso.id, qsos_logged: this.s.log.size });
      if (resumed) this.announcer.publish('current_qso', this.currentQso());
      return { qso, resumed: resumed ? this.currentQso() : null, requeued: requeued ? this.projection.entry(requeued, 0) : null };
    });
  }

  /**
   * Worked-before, cooldown, totals and rate come from the log; after an edit of its history, read
   * it again. Stations waiting may gain or lose their worked-before marker: then the queue is announced.
   */
  async rebuildLogIndex(): Promise<void> {
    const before = this.projection.snapshot();
    this.s.log.rebuild(await this.store.allLog());
    if (this.projection.snapshot().queue.some((entry, i) => entry.worked_before !== before.queue[i]?.worked_before)) this.announcer.announceQueue();
  }
}

/** Exact match first, then calls starting with the partial, then the rest. */
function rank(callsign: string, partial: string): number {
  return callsign === partial ? 0 : callsign.startsWith(partial) ? 1 : 2;
}
