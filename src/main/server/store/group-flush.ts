/**
 * Group commit for the data files. An append is not on the disk until its file is flushed
 * (fdatasync), and a reply must not go out before that. Flushing once per append makes fifty
 * stations registering at once wait for fifty flushes in a row; here the appends made while one
 * flush runs all share the next one.
 *
 * Order across files is kept as one flush per write would keep it: an append to one file first
 * waits until every other file's earlier appends are on the disk (`settleOthers`), so what
 * survives a power cut is always a prefix of the changes (a QSO reaches the log before the state
 * that says it was logged), never a later change without an earlier one.
 */
export class GroupFlush {
  /** Files appended to since the last flush began. */
  private dirty = new Set<string>();
  private inFlight: { files: Set<string>; done: Promise<void>; covers: number } | null = null;
  /** Appends so far, and how many of the first of them a finished flush covers. */
  private appendedCount = 0;
  private flushedCount = 0;
  /** Waiters for the flush after the one in flight. */
  private upcoming: { promise: Promise<void>; resolve: () => void } | null = null;
  private sweepScheduled = false;
  /** Flushes so far (each covers one or more appends): the grouping at work, for tests and figures. */
  rounds = 0;

  /** `flushFile` never rejects: a flush that fails is reported by it, and the append stands. */
  constructor(private readonly flushFile: (file: string) => Promise<void>) {}

  /** Appends so far: `durable(upTo)` counts in these. */
  get appends(): number {
    return this.appendedCount;
  }

  /** An append reached `file`. Nobody may wait for it, so it is flushed soon regardless. */
  appended(file: string): void {
    this.appendedCount++;
    this.dirty.add(file);
    if (this.sweepScheduled) return;
    this.sweepScheduled = true;
    setImmediate(() => {
      this.sweepScheduled = false;
      void this.durable();
    });
  }

  /**
   * Resolves once the first `upTo` appends (by default every one so far) are on the disk. A reply
   * names the appends its change made: asked later, after others have appended, "every one so
   * far" would make it wait for a flush of theirs too.
   */
  durable(upTo = this.appendedCount): Promise<void> {
    if (upTo <= this.flushedCount) return Promise.resolve();
    if (this.inFlight && upTo <= this.inFlight.covers) return this.inFlight.done;
    if (this.dirty.size === 0) return this.inFlight?.done ?? Promise.resolve();
    if (!this.upcoming) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.upcoming = { promise, resolve };
    }
    const waiting = this.upcoming.promise;
    if (!this.inFlight) this.begin();
    return waiting;
  }

  /** Before appending to `file`: waits until no other file holds appends that are not on the disk. */
  async settleOthers(file: string): Promise<void> {
    while (this.holdsOtherThan(file)) await this.durable();
  }

  private holdsOtherThan(file: string): boolean {
    for (const other of this.dirty) if (other !== file) return true;
    if (this.inFlight) for (const other of this.inFlight.files) if (other !== file) return true;
    return false;
  }

  private begin(): void {
    const files = this.dirty;
    this.dirty = new Set();
    const waiters = this.upcoming;
    this.upcoming = null;
    this.rounds++;
    const covers = this.appendedCount;
    const done = Promise.all([...files].map((file) => this.flushFile(file))).then(() => undefined);
    this.inFlight = { files, done, covers };
    void done.then(() => {
      this.inFlight = null;
      this.flushedCount = Math.max(this.flushedCount, covers);
      waiters?.resolve();
      if (this.dirty.size > 0) this.begin();
    });
  }
}
