/**
 * The pileup's one way to change and to announce. Every change runs through `change`, one at a
 * time; its events go out through `publish`, numbered by the hub in the order they happen.
 *
 * Queue announcements are batched: each queue_update carries the whole queue, so within a burst
 * of changes (more already waiting) it is held back and the burst's last change announces the
 * queue once; a burst that never ends still announces at least every
 * QUEUE_ANNOUNCEMENT_MAX_DELAY_MS. A held-back announcement always goes out before any other
 * event, and before the burst's last change answers its caller (earlier changes of the burst may
 * answer before the queue_update that includes them).
 *
 * A change writes to the files one after another (a QSO to the log, then the next one to the
 * state, then the queue). When a write fails after an earlier one of the same change reached the
 * disk, the change is neither done nor undone: the pileup reads itself back from the store so
 * that memory, events and disk agree, and the caller is told what was saved.
 */
import type { QueueSnapshot } from '../../../shared/protocol/entities.js';
import { QUEUE_ANNOUNCEMENT_MAX_DELAY_MS, type BroadcastEventName, type EventData } from '../../../shared/protocol/events.js';
import type { EventHub } from './event-hub.js';
import { SerialExecutor } from './serial-executor.js';
import { StorageWriteError } from '../store/pileup-store.js';

/** How the pileup recovers from a change that was saved in part. */
export interface PartialSaveRecovery {
  /** Writes that have reached the disk so far (the store's count). */
  savedWrites(): number;
  /** Reads the pileup back from the store, announces what differs, and returns the error to answer with. */
  recover(error: StorageWriteError): Promise<Error>;
}

export class Announcer {
  private readonly serial = new SerialExecutor();
  private queuePending = false;
  private queueAnnouncedAt = 0;

  constructor(
    private readonly hub: EventHub,
    /** The queue as clients see it now. */
    private readonly queueSnapshot: () => QueueSnapshot,
    private readonly partialSave: PartialSaveRecovery | null = null
  ) {}

  get seq(): number {
    return this.hub.seq;
  }

  get instanceId(): string {
    return this.hub.instanceId;
  }

  /** Runs a change once every earlier one has finished; a queue announcement it held back goes out before it answers. */
  change<T>(task: () => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      const savedBefore = this.partialSave?.savedWrites() ?? 0;
      try {
        return await task();
      } catch (error) {
        if (this.partialSave && error instanceof StorageWriteError && this.partialSave.savedWrites() !== savedBefore) throw await this.partialSave.recover(error);
        throw error;
      } finally {
        if (this.serial.size <= 1) this.flushQueue();
      }
    });
  }

  /** The queue changed: announced now, or at the end of the burst. */
  announceQueue(): void {
    this.queuePending = true;
    if (this.serial.size <= 1 || performance.now() - this.queueAnnouncedAt >= QUEUE_ANNOUNCEMENT_MAX_DELAY_MS) this.flushQueue();
  }

  /** Any other event: a held-back queue announcement goes first, so clients see changes in order. */
  publish<E extends BroadcastEventName>(event: E, data: EventData<E>): void {
    this.flushQueue();
    this.hub.publish(event, data);
  }

  /** Resolves once every change queued so far has finished. */
  drain(): Promise<void> {
    return this.serial.drain();
  }

  private flushQueue(): void {
    if (!this.queuePending) return;
    this.queuePending = false;
    this.queueAnnouncedAt = performance.now();
    this.hub.publish('queue_update', this.queueSnapshot());
  }
}
