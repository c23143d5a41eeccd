/**
 * The queue's rules: registering (with the checks: on the air, not paused, not banned, not in
 * cooldown, not already there, room left), leaving and saying "still here" with the leave token,
 * presence, removals the operator can undo, clearing, and dropping stations long gone. Every
 * change runs through the announcer, like all of the pileup's.
 */
import { randomUUID } from 'node:crypto';
import type { Ban, QueueEntry } from '../../../shared/protocol/entities.js';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import { nowIso } from '../../../shared/protocol/messages.js';
import { hashLeaveToken, leaveTokenMatches, newLeaveToken } from './leave-token.js';
import type { HeldEntry } from './pileup-state.js';
import { toQueueEntry } from './queue-projection.js';
import { PileupPart } from './pileup-part.js';

/** Who asks for a change, and over what: a live connection (whose closing the service hears of) or not. */
export interface Requester {
  operator?: string;
  /** The WebSocket connection's id; null for a request without a lasting connection (HTTP). */
  connectionId: string | null;
}

/** How long an undo of a removal stays possible, and how many are kept. */
const REMOVAL_UNDO_MS = 15 * 60_000;
const REMOVAL_UNDO_LIMIT = 50;

export class QueueDesk extends PileupPart {
  /** Stations registered before this start count as seen at start, not when they registered. */
  private readonly startedAt = nowIso();

  /**
   * Adds a station to the queue. The leave token returned lets the client that registered (and
   * only it) leave again; the store keeps just its hash. A live connection is remembered as the
   * station's presence.
   */
  async register(callsign: string, requester: Requester = { connectionId: null }): Promise<{ entry: QueueEntry; leaveToken: string }> {
    // Fail fast before spending time on a lookup; the same checks run again under the lock.
    this.checkCanRegister(callsign);
    const qrz = this.options.lookup ? await this.options.lookup(callsign) : null;
    return this.announcer.change(async () => {
      this.checkCanRegister(callsign);
      const leaveToken = newLeaveToken();
      const entry: HeldEntry = {
        id: randomUUID(),
        callsign,
        timestamp: nowIso(),
        qrz,
        order: this.s.nextOrder,
        leave_token_hash: hashLeaveToken(leaveToken)
      };
      await this.store.addQueueEntry(entry);
      this.s.nextOrder++;
      this.s.removed.delete(callsign);
      this.seenBy(entry.id, requester);
      this.s.addEntry(entry);
      this.announcer.announceQueue();
      return { entry: this.projection.entry(entry, this.s.queue.length - 1), leaveToken };
    });
  }

  /** A station leaves the queue on its own; it must present the token its registration got. */
  leave(callsign: string, token: string): Promise<QueueEntry> {
    return this.announcer.change(async () => {
      const { index, stored } = this.ownEntry(callsign, token, 'take it out of the queue');
      const removed = toQueueEntry(stored, index);
      await this.store.removeQueueEntry(removed.id);
      this.s.presence.forget(stored.id);
      this.s.removeEntryAt(index);
      this.announcer.announceQueue();
      return removed;
    });
  }

  /** A client says the station is still its own and still there (after a reconnect, say). */
  here(callsign: string, token: string, requester: Requester): Promise<QueueEntry> {
    return this.announcer.change(async () => {
      // A station banned while it waited asks here after its place vanished: tell it why.
      if (!this.s.holds(callsign)) this.refuseBanned(callsign);
      const { index, stored } = this.ownEntry(callsign, token, 'say it is here');
      const before = this.s.presence.revision;
      this.seenBy(stored.id, requester);
      if (this.s.presence.revision !== before) this.announcer.announceQueue();
      return this.projection.entry(stored, index);
    });
  }

  /** A connection closed: the stations it registered may now be absent. */
  connectionClosed(connectionId: string): void {
    if (this.s.presence.connectionClosed(connectionId, nowIso()) && this.s.queue.length > 0) {
      void this.announcer.change(async () => this.announcer.announceQueue());
    }
  }

  private seenBy(entryId: string, requester: Requester): void {
    if (requester.connectionId) this.s.presence.attach(entryId, requester.connectionId);
    else this.s.presence.touch(entryId, nowIso());
  }

  private ownEntry(callsign: string, token: string, action: string): { index: number; stored: HeldEntry } {
    const index = this.s.queue.findIndex((entry) => entry.callsign === callsign);
    const stored = this.s.queue[index];
    if (!stored) throw new ProtocolError('NOT_FOUND', `${callsign} is not in the queue`);
    if (!stored.leave_token_hash || !leaveTokenMatches(stored.leave_token_hash, token)) {
      throw new ProtocolError('UNAUTHORIZED', `Only the client that registered ${callsign} can ${action}`);
    }
    return { index, stored };
  }

  private checkCanRegister(callsign: string): void {
    if (!this.s.system.active) {
      throw new ProtocolError('SYSTEM_INACTIVE', 'The station is not on the air. Registration is not available.');
    }
    if (this.s.system.registration_paused) {
      throw new ProtocolError('REGISTRATION_PAUSED', 'Registration is paused for the moment. Try again shortly.');
    }
    this.refuseBanned(callsign);
    const cooldown = this.options.cooldownMinutes?.() ?? 0;
    const last = this.s.log.lastWorkedAt(callsign);
    if (cooldown > 0 && last) {
      const waitMs = Date.parse(last) + cooldown * 60_000 - Date.now();
      if (waitMs > 0) {
        const minutes = Math.ceil(waitMs / 60_000);
        throw new ProtocolError('COOLDOWN', `${callsign} was worked at ${last.slice(11, 16)}Z; it may register again in ${minutes} min`, { callsign, worked_at: last, minutes });
      }
    }
    if (this.s.holds(callsign)) {
      throw new ProtocolError('DUPLICATE_CALLSIGN', `${callsign} is already in the queue`);
    }
    if (this.s.current?.callsign === callsign) {
      throw new ProtocolError('DUPLICATE_CALLSIGN', `${callsign} is being worked right now`);
    }
    const max = this.options.maxQueueSize();
    if (this.s.queue.length >= max) {
      this.s.turnedAwayAt.push(Date.now());
      throw new ProtocolError('QUEUE_FULL', `The queue is full (maximum ${max} stations). Try again shortly.`, { max });
    }
  }

  /** BANNED, with the operator's reason in the message and in `details` (pages say it in their own language). */
  private refuseBanned(callsign: string): void {
    const ban = this.s.bans.find((b) => b.callsign === callsign);
    if (ban) throw new ProtocolError('BANNED', `${callsign} may not register here${ban.reason ? `: ${ban.reason}` : ''}`, { callsign, reason: ban.reason });
  }

  /** The operator takes a station out of the queue; `restoreCallsign` can put it back in its place. */
  removeCallsign(callsign: string): Promise<QueueEntry> {
    return this.announcer.change(async () => {
      const index = this.s.queue.findIndex((entry) => entry.callsign === callsign);
      if (index < 0) throw new ProtocolError('NOT_FOUND', `${callsign} is not in the queue`);
      return this.removeAt(index);
    });
  }

  async removeAt(index: number): Promise<QueueEntry> {
    const stored = this.s.queue[index]!;
    const removed = this.projection.entry(stored, index);
    await this.store.removeQueueEntry(stored.id);
    this.s.removeEntryAt(index);
    this.rememberRemoval(stored);
    this.announcer.announceQueue();
    return removed;
  }

  private rememberRemoval(entry: HeldEntry): void {
    const now = Date.now();
    this.s.removed.delete(entry.callsign);
    this.s.removed.set(entry.callsign, { entry, at: now });
    for (const [callsign, { entry: old, at }] of this.s.removed) {
      if (this.s.removed.size <= REMOVAL_UNDO_LIMIT && now - at < REMOVAL_UNDO_MS) break;
      this.s.removed.delete(callsign);
      this.s.presence.forget(old.id);
    }
  }

  /**
   * Undoes a removal: the station goes back to its old place among those still waiting (ahead of
   * everyone who joined after it), with its registration (so its own client can still leave).
   * Allowed over the queue limit: the station had its place.
   */
  restoreCallsign(callsign: string): Promise<QueueEntry> {
    return this.announcer.change(async () => {
      if (this.s.holds(callsign)) throw new ProtocolError('DUPLICATE_CALLSIGN', `${callsign} is already in the queue`);
      if (this.s.current?.callsign === callsign) throw new ProtocolError('DUPLICATE_CALLSIGN', `${callsign} is being worked right now`);
      const removal = this.s.removed.get(callsign);
      if (!removal || Date.now() - removal.at >= REMOVAL_UNDO_MS) throw new ProtocolError('NOT_FOUND', `There is no recent removal of ${callsign} to undo`);
      await this.store.addQueueEntry(removal.entry);
      this.s.removed.delete(callsign);
      this.s.addEntry(removal.entry);
      this.announcer.announceQueue();
      return this.projection.entry(removal.entry, this.s.queue.indexOf(removal.entry));
    });
  }

  clearQueue(): Promise<number> {
    return this.announcer.change(async () => {
      const count = this.s.queue.length;
      await this.store.clearQueue();
      for (const entry of this.s.queue) this.s.presence.forget(entry.id);
      this.s.queue = [];
      this.announcer.announceQueue();
      return count;
    });
  }

  /**
   * The rule for absent stations (when switched on): a queued station none of whose clients has
   * been connected for `dropAbsentMinutes` leaves the queue, as if the operator had removed it.
   */
  dropAbsentStations(now: number = Date.now()): Promise<QueueEntry[]> {
    const minutes = this.options.dropAbsentMinutes?.() ?? 0;
    if (minutes <= 0 || this.s.queue.length === 0) return Promise.resolve([]);
    return this.announcer.change(async () => {
      const before = new Date(now - minutes * 60_000).toISOString();
      const candidates = this.s.queue.map((entry) => ({ id: entry.id, since: entry.timestamp > this.startedAt ? entry.timestamp : this.startedAt }));
      const absent = new Set(this.s.presence.absentBefore(candidates, before));
      const dropped: QueueEntry[] = [];
      for (let index = this.s.queue.length - 1; index >= 0; index--) {
        if (!absent.has(this.s.queue[index]!.id)) continue;
        const entry = await this.removeAt(index);
        dropped.unshift(entry);
        this.options.logger.info({ callsign: entry.callsign, minutes }, 'dropped a queued station whose client has been gone too long');
      }
      return dropped;
    });
  }

  // --- bans -----------------------------------------------------------------------------------

  getBans(): Ban[] {
    return this.s.bans.map((b) => ({ ...b }));
  }

  /** Bans a callsign; if it is waiting, it leaves the queue. */
  ban(callsign: string, reason: string, operator: string): Promise<{ ban: Ban; removed: QueueEntry | null }> {
    return this.announcer.change(async () => {
      const ban: Ban = { callsign, reason, banned_at: nowIso(), banned_by: operator };
      const bans = [...this.s.bans.filter((b) => b.callsign !== callsign), ban];
      await this.store.setState('bans', { entries: bans });
      this.s.bans = bans;
      const index = this.s.queue.findIndex((entry) => entry.callsign === callsign);
      let removed: QueueEntry | null = null;
      if (index >= 0) {
        const stored = this.s.queue[index]!;
        removed = toQueueEntry(stored, index);
        await this.store.removeQueueEntry(removed.id);
        this.s.presence.forget(stored.id);
        this.s.removeEntryAt(index);
        this.announcer.announceQueue();
      }
      return { ban, removed };
    });
  }

  unban(callsign: string): Promise<Ban> {
    return this.announcer.change(async () => {
      const ban = this.s.bans.find((b) => b.callsign === callsign);
      if (!ban) throw new ProtocolError('NOT_FOUND', `${callsign} is not banned`);
      const bans = this.s.bans.filter((b) => b.callsign !== callsign);
      await this.store.setState('bans', { entries: bans });
      this.s.bans = bans;
      return ban;
    });
  }
}
