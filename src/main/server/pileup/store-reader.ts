/**
 * Reads the pileup from the store: at start, and after a change that was saved in part (a write
 * failed after an earlier write of the same change reached the disk). Both times a QSO's move
 * queue -> current -> log that stopped between files is finished the same way, so what the
 * pileup shows after a failed write is what it would show after a restart.
 */
import type { CurrentQso } from '../../../shared/protocol/entities.js';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import { StorageWriteError } from '../store/pileup-store.js';
import { LogIndex } from './log-index.js';
import { PileupPart } from './pileup-part.js';
import { INACTIVE_STATUS, NO_FREQUENCY, NO_SPLIT, type HeldEntry } from './pileup-state.js';

export class StoreReader extends PileupPart {
  /** Replaces the pileup's memory with what the store holds, finishing any interrupted move. */
  async readAll(): Promise<void> {
    // Status documents written before registration could be paused lack the flag.
    this.s.system = { ...INACTIVE_STATUS, ...((await this.store.getState('system')) ?? {}) };
    this.s.bans = (await this.store.getState('bans'))?.entries ?? [];
    this.s.log = LogIndex.from(await this.store.allLog());
    this.s.frequency = (await this.store.getState('frequency')) ?? NO_FREQUENCY;
    this.s.split = (await this.store.getState('split')) ?? NO_SPLIT;
    this.s.current = await this.store.getState('current_qso');
    this.s.queue = await this.store.loadQueue();
    await this.repairInterruptedMoves();
    // Never hand out an order again, even one only memory knew of.
    this.s.nextOrder = Math.max(this.s.nextOrder, (this.s.queue.at(-1)?.order ?? 0) + 1);
  }

  /**
   * A change failed part way: read back what was saved, announce where it differs from what
   * clients were last told, and answer with an error that says what did happen.
   */
  async afterPartialSave(error: StorageWriteError): Promise<Error> {
    const before = { current: this.s.current, queue: this.s.queue, bans: this.s.bans };
    try {
      await this.readAll();
    } catch (readError) {
      this.options.logger.error({ err: readError }, 'could not read the pileup back after a write that was saved in part');
      return error;
    }
    const saved: string[] = [];
    const logged = before.current && (await this.store.getQso(before.current.id));
    if (logged) {
      saved.push(`the QSO with ${logged.callsign} is in the log`);
      this.announcer.publish('qso_complete', { qso: logged, queue: this.projection.snapshot() });
    }
    if (before.current?.id !== this.s.current?.id) {
      saved.push(this.s.current ? `${this.s.current.callsign} is being worked` : 'nobody is being worked');
      this.announcer.publish('current_qso', this.currentQso());
    }
    const queueChanges = describeQueueChanges(before.queue, this.s.queue, this.s.current);
    saved.push(...queueChanges);
    if (before.queue !== this.s.queue) {
      for (const entry of before.queue) if (!this.s.queue.some((now) => now.id === entry.id)) this.s.presence.forget(entry.id);
      this.announcer.announceQueue();
    }
    const banned = this.s.bans.filter((ban) => !before.bans.some((earlier) => earlier.callsign === ban.callsign));
    const unbanned = before.bans.filter((ban) => !this.s.bans.some((now) => now.callsign === ban.callsign));
    saved.push(...banned.map((ban) => `${ban.callsign} is banned`), ...unbanned.map((ban) => `${ban.callsign} is no longer banned`));
    this.options.logger.warn({ file: error.file, saved }, 'a change was saved in part; the pileup was read back from the data folder');
    if (saved.length === 0) return error;
    return new ProtocolError('INTERNAL_ERROR', `The data could not be saved (${error.reason}); part of the change was saved before that: ${saved.join(', ')}`, {
      file: error.file,
      saved
    });
  }

  /**
   * A QSO moves queue -> current -> log in separate file writes. If the process died (or a write
   * failed) between them, finish the move: a current QSO already in the log is over, and a station
   * already being worked is no longer waiting. Memory is repaired even when the repair cannot be
   * saved; the next start repairs the files the same way.
   */
  private async repairInterruptedMoves(): Promise<void> {
    if (this.s.current && (await this.store.isLogged(this.s.current.id))) {
      this.options.logger.warn({ callsign: this.s.current.callsign }, 'current QSO was already logged; clearing it');
      this.s.current = null;
      await this.saveRepair(() => this.store.deleteState('current_qso'));
    }
    const currentId = this.s.current?.id;
    if (currentId && this.s.queue.some((entry) => entry.id === currentId)) {
      this.s.queue = this.s.queue.filter((entry) => entry.id !== currentId);
      await this.saveRepair(() => this.store.removeQueueEntry(currentId));
    }
  }

  private async saveRepair(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof StorageWriteError)) throw error;
      this.options.logger.warn({ err: error }, 'could not save the repair of an interrupted move; it is made again at the next start');
    }
  }
}

/** Stations that joined or left the queue, leaving out the one now being worked (said already). */
function describeQueueChanges(before: readonly HeldEntry[], after: readonly HeldEntry[], current: Readonly<CurrentQso> | null): string[] {
  const had = new Set(before.map((entry) => entry.id));
  const has = new Set(after.map((entry) => entry.id));
  const joined = after.filter((entry) => !had.has(entry.id)).map((entry) => `${entry.callsign} is in the queue`);
  const left = before.filter((entry) => !has.has(entry.id) && entry.id !== current?.id).map((entry) => `${entry.callsign} is out of the queue`);
  return [...joined, ...left];
}
