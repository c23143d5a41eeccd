/**
 * Runs async tasks one at a time, in arrival order. Every mutation of the pileup goes through
 * one of these, so checks and writes can never interleave (200 registrations racing for 4 places
 * get exactly 4); so does each connection's stream of messages.
 *
 * With `spreadOverTurns` (the pileup's changes), only the first task of a turn of the event loop
 * starts at once; any other waits for a later turn. In between, the loop takes in what completed
 * meanwhile, above all the flush to disk that lets the changes before it answer. Run back to
 * back, fifty registrations read in one turn would all be written before the first flush could
 * even begin, all answer after it, and the server would then sit idle while their stations sent
 * the next fifty. Without it, a task starts as soon as the one before it ends.
 */
export class SerialExecutor {
  constructor(private readonly options: { spreadOverTurns?: boolean } = {}) {}

  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** A task has started in this turn of the event loop. */
  private startedThisTurn = false;

  run<T>(task: () => Promise<T>): Promise<T> {
    const spread = this.options.spreadOverTurns === true;
    const later = spread && (this.pending > 0 || this.startedThisTurn);
    const idle = this.pending === 0;
    this.pending++;
    // With nothing running, a connection's message is handled at once (most are: one request,
    // one reply), not a promise callback later.
    const result =
      idle && !spread
        ? startNow(task)
        : (later ? this.tail.then(nextTurn) : this.tail).then(() => {
            if (spread) this.markTurn();
            return task();
          });
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

  private markTurn(): void {
    if (this.startedThisTurn) return;
    this.startedThisTurn = true;
    setImmediate(() => (this.startedThisTurn = false));
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The task's promise, also when it throws before returning one. */
function startNow<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}
