/**
 * Keeping a copy of the pileup state current from events, by sequence number. Pure and
 * synchronous (no sockets), so {@link PileupSession} and anyone writing their own client can use
 * the same rules:
 *
 * - the state starts from a full snapshot (`connected` welcome or `public.get_snapshot`), which
 *   is consistent as of its `seq`;
 * - an event with `seq <= state.seq` is already included: ignored;
 * - an event with `seq === state.seq + 1` is applied;
 * - an event that skips numbers means events were missed: the tracker holds it (and every later
 *   one) and asks for a snapshot; once the snapshot arrives, the held events newer than it are
 *   replayed on top, in order;
 * - a queue delta that does not add up (see queue-delta.ts) is treated the same way.
 *
 * Sequence numbers restart when the server restarts; a new connection's welcome snapshot (with
 * its new `instance_id`) therefore always replaces the state outright ({@link PileupStateTracker.reset}).
 *
 * @module
 */
import type { PileupSnapshot } from '../protocol/entities.js';
import type { EventData, EventName } from '../protocol/events.js';
import type { EventMessage } from '../protocol/messages.js';
import { applyQueueDelta, QueueDeltaMismatch } from '../protocol/queue-delta.js';

/** How each event changes the snapshot: one entry per event, so a new event cannot be forgotten here. */
const REDUCERS: { [E in EventName]: (snapshot: PileupSnapshot, data: EventData<E>) => PileupSnapshot } = {
  // The welcome replaces the state outright (PileupStateTracker.reset); as an event it changes nothing.
  connected: (snapshot) => snapshot,
  queue_update: (snapshot, queue) => ({ ...snapshot, queue, system: { ...snapshot.system, active: queue.system_active } }),
  queue_delta: (snapshot, delta) => {
    const queue = applyQueueDelta(snapshot.queue, delta);
    return { ...snapshot, queue, system: { ...snapshot.system, active: queue.system_active } };
  },
  current_qso: (snapshot, current_qso) => ({ ...snapshot, current_qso }),
  frequency_update: (snapshot, frequency) => ({ ...snapshot, frequency }),
  split_update: (snapshot, split) => ({ ...snapshot, split }),
  system_status: (snapshot, { active, registration_paused, last_updated, updated_by }) => ({ ...snapshot, system: { active, registration_paused, last_updated, updated_by } }),
  // The radio link is not part of the pileup snapshot.
  rig_status: (snapshot) => snapshot,
  station_update: (snapshot, station) => ({ ...snapshot, station }),
  qso_complete: (snapshot, { queue, queue_delta }) => ({
    ...snapshot,
    queue: queue ?? (queue_delta ? applyQueueDelta(snapshot.queue, queue_delta) : snapshot.queue),
    qsos_logged: snapshot.qsos_logged + 1
  }),
  log_update: (snapshot, { qsos_logged }) => ({ ...snapshot, qsos_logged })
};

/**
 * Applies one event's payload to a snapshot and returns the new snapshot (the input is not
 * modified), with `seq` set to the event's. It does not check sequence numbers; see
 * {@link PileupStateTracker} for that. An event this client does not know (from a newer server)
 * changes nothing but `seq`.
 */
export function applyEventToSnapshot(snapshot: PileupSnapshot, message: EventMessage): PileupSnapshot {
  const reduce = Object.prototype.hasOwnProperty.call(REDUCERS, message.event)
    ? (REDUCERS[message.event] as (snapshot: PileupSnapshot, data: unknown) => PileupSnapshot)
    : (same: PileupSnapshot) => same;
  return { ...reduce(snapshot, message.data), seq: message.seq };
}

/** What {@link PileupStateTracker.receive} did with an event. */
export type ReceiveOutcome =
  /** Applied: the state changed. */
  | 'applied'
  /** Already included in the state (seq not newer), or no state yet: nothing changed. */
  | 'ignored'
  /** A resync is under way: held, to be replayed on top of the snapshot. */
  | 'held'
  /** Events were missed: held; fetch `public.get_snapshot` and pass it to `applySnapshot`. */
  | 'gap';

/**
 * The sequence-number rules as a small state machine. Every state it hands out is a new object;
 * the previous one is never modified, so `tracker.state !== before` tells whether it changed.
 */
export class PileupStateTracker {
  private current: PileupSnapshot | null = null;
  private held: EventMessage[] = [];
  private waiting = false;

  /** The current state, or null before the first snapshot. Treat it as read-only. */
  get state(): PileupSnapshot | null {
    return this.current;
  }

  /** True between noticing a gap and applying the snapshot that repairs it. */
  get resyncing(): boolean {
    return this.waiting;
  }

  /**
   * Replaces the state with a snapshot that supersedes everything held, whatever its `seq`: a
   * new connection's welcome (after a restart, sequence numbers start again from 0). Drops any
   * held events and any resync in progress.
   */
  reset(snapshot: PileupSnapshot): void {
    this.current = snapshot;
    this.held = [];
    this.waiting = false;
  }

  /** Takes one event from the connection, in the order it arrived. */
  receive(message: EventMessage): ReceiveOutcome {
    if (!this.current) return 'ignored';
    if (this.waiting) {
      this.held.push(message);
      return 'held';
    }
    if (message.seq <= this.current.seq) return 'ignored';
    if (message.seq > this.current.seq + 1) {
      this.waiting = true;
      this.held = [message];
      return 'gap';
    }
    try {
      this.current = applyEventToSnapshot(this.current, message);
    } catch (error) {
      if (!(error instanceof QueueDeltaMismatch)) throw error;
      // This copy of the queue had drifted from the server's: start again from a snapshot.
      this.waiting = true;
      this.held = [];
      return 'gap';
    }
    return 'applied';
  }

  /**
   * Applies the snapshot fetched after a gap (from the same connection), then replays the held
   * events newer than it, in order. Returns true when the replay found another gap: fetch a
   * snapshot again.
   */
  applySnapshot(snapshot: PileupSnapshot): boolean {
    const held = [...this.held].sort((a, b) => a.seq - b.seq);
    this.held = [];
    this.waiting = false;
    // A snapshot older than what we hold (same server run) would move us backwards: keep ours.
    const older = this.current !== null && snapshot.instance_id === this.current.instance_id && snapshot.seq < this.current.seq;
    if (!older) this.current = snapshot;
    for (const message of held) this.receive(message);
    return this.waiting;
  }
}
