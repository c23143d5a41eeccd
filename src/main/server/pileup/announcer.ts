/**
 * The pileup's one way to change and to announce. Every change runs through `change`, one at a
 * time; its events go out through `publish`, numbered by the hub in the order they happen. A
 * change answers its caller once what it wrote is on the disk (the store's group commit), but the
 * next change does not wait for that flush: changes made while one flush runs share the next.
 *
 * Queue announcements are batched: each queue_update carries the whole queue, so within a burst
 * of changes (more waiting behind) it is held back and the burst's last change announces the
 * queue once, when its writes are on the disk and before it answers its caller (earlier changes
 * of the burst may answer before the queue_update that includes them); a burst that never ends
 * still announces at least every QUEUE_ANNOUNCEMENT_MAX_DELAY_MS. With group commit a burst
 * ends at every flush, so while changes keep overlapping the bursts that end within
 * QUEUE_ANNOUNCEMENT_MIN_SPACING_MS of the last announcement are announced together when that
 * time has passed (a change made alone, as by one operator, is announced at once, as before). A
 * held-back announcement always goes out before any other event.
 *
 * A change writes to the files one after another (a QSO to the log, then the next one to the
 * state, then the queue). When a write fails after an earlier one of the same change reached the
 * disk, the change is neither done nor undone: the pileup reads itself back from the store so
 * that memory, events and disk agree, and the caller is told what was saved.
 */
import type { QueueSnapshot } from '../../../shared/protocol/entities.js';
import { QUEUE_ANNOUNCEMENT_MAX_DELAY_MS, QUEUE_ANNOUNCEMENT_MIN_SPACING_MS, type BroadcastEventName, type EventData } from '../../../shared/protocol/events.js';
import { queueDelta } from '../../../shared/protocol/queue-delta.js';
import type { EventHub } from './event-hub.js';
import { SerialExecutor } from './serial-executor.js';
import { StorageWriteError } from '../store/pileup-store.js';

/** How the pileup recovers from a change that was saved in part. */
export interface PartialSaveRecovery {
  /** Writes that have reached the file so far (the store's count). */
  savedWrites(): number;
  /** Reads the pileup back from the store, announces what differs, and returns the error to answer with. */
  recover(error: StorageWriteError): Promise<Error>;
}

export class Announcer {
  private readonly serial = new SerialExecutor({ spreadOverTurns: true });
  private queuePending = false;
  private queueAnnouncedAt = 0;
  /** Changes have overlapped since the queue was last announced. */
  private overlapped = false;
  /** Announces a held-back queue once the spacing since the last announcement has passed. */
  private spacingTimer: NodeJS.Timeout | null = null;
  /** Changes started and not yet answered: more than one is a burst. */
  private inFlight = 0;
  /** The queue as last announced: what every client holds (deltas are made from it). */
  private announced: QueueSnapshot | null = null;

  constructor(
    private readonly hub: EventHub,
    /** The queue as clients see it now. */
    private readonly queueSnapshot: () => QueueSnapshot,
    private readonly partialSave: PartialSaveRecovery | null = null,
    /** Resolves once the first `upTo` writes (by default every one so far) are on the disk. */
    private readonly durable: (upTo?: number) => Promise<void> = () => Promise.resolve()
  ) {}

  get seq(): number {
    return this.hub.seq;
  }

  get instanceId(): string {
    return this.hub.instanceId;
  }

  /**
   * Runs a change once every earlier one has finished, and answers once what it wrote is on the
   * disk; a queue announcement it held back goes out before it answers.
   */
  async change<T>(task: () => Promise<T>): Promise<T> {
    this.inFlight++;
    if (this.inFlight > 1) this.overlapped = true;
    // The writes up to the end of this change: its answer waits for their flush, not for a later one
    // of the changes that ran after it.
    let writesThrough: number | undefined;
    const done = this.serial.run(async () => {
      const savedBefore = this.partialSave?.savedWrites() ?? 0;
      try {
        return await task();
      } catch (error) {
        if (this.partialSave && error instanceof StorageWriteError && this.partialSave.savedWrites() !== savedBefore) throw await this.partialSave.recover(error);
        throw error;
      } finally {
        writesThrough = this.partialSave?.savedWrites();
      }
    });
    try {
      return await done;
    } finally {
      await this.durable(writesThrough);
      this.inFlight--;
      // The burst's last change (none still to answer) announces what the burst did.
      if (this.inFlight === 0) this.flushQueueSpaced();
    }
  }

  /**
   * The queue changed: announced by the burst's last change once it is on the disk; now when it
   * changed outside any change (nothing else would announce it), or within a burst that has not
   * been announced for QUEUE_ANNOUNCEMENT_MAX_DELAY_MS.
   */
  announceQueue(): void {
    this.queuePending = true;
    if (this.inFlight === 0 || (this.inFlight > 1 && performance.now() - this.queueAnnouncedAt >= QUEUE_ANNOUNCEMENT_MAX_DELAY_MS)) this.flushQueue();
  }

  /** Any other event: a held-back queue announcement goes first, so clients see changes in order. */
  publish<E extends BroadcastEventName>(event: E, data: EventData<E>): void {
    this.flushQueue();
    if (event === 'qso_complete') {
      // It carries the whole queue too: clients that asked for deltas get the change instead.
      const { qso, queue } = data as EventData<'qso_complete'>;
      if (queue) {
        const before = this.announcedQueue().queue;
        this.announced = queue;
        this.hub.publish('qso_complete', { qso, queue }, { event: 'qso_complete', data: () => ({ qso, queue_delta: queueDelta(before, queue) }) });
        return;
      }
    }
    this.hub.publish(event, data);
  }

  /**
   * The queue as clients hold it: as last announced (a change not yet announced is left out, so
   * a snapshot and the deltas after it always add up).
   */
  announcedQueue(): QueueSnapshot {
    this.announced ??= this.queueSnapshot();
    return this.announced;
  }

  /** Resolves once every change queued so far has finished. */
  drain(): Promise<void> {
    return this.serial.drain();
  }

  /** Stops a held-back announcement from going out later (the server is stopping). */
  close(): void {
    if (this.spacingTimer) clearTimeout(this.spacingTimer);
    this.spacingTimer = null;
  }

  /** A burst ended: announce now, unless changes overlap and the last announcement was too recent. */
  private flushQueueSpaced(): void {
    if (!this.queuePending || this.spacingTimer) return;
    const wait = this.queueAnnouncedAt + QUEUE_ANNOUNCEMENT_MIN_SPACING_MS - performance.now();
    if (!this.overlapped || wait <= 0) return this.flushQueue();
    this.spacingTimer = setTimeout(() => this.flushQueue(), wait);
  }

  private flushQueue(): void {
    this.close();
    if (!this.queuePending) return;
    this.overlapped = this.inFlight > 1;
    this.queuePending = false;
    this.queueAnnouncedAt = performance.now();
    const queue = this.queueSnapshot();
    const before = this.announcedQueue().queue;
    this.announced = queue;
    this.hub.publish('queue_update', queue, { event: 'queue_delta', data: () => queueDelta(before, queue) });
  }
}
