/**
 * Runs async tasks one at a time, in arrival order. Every mutation of the pileup goes through
 * one of these, so checks and writes can never interleave (200 registrations racing for 4 places
 * get exactly 4).
 */
export class SerialExecutor {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    // The chain continues whether the task failed or not; the caller sees the failure.
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--
    );
    return result;
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves once every task queued so far has finished. */
  async drain(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
