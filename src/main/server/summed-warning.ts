/**
 * A warning that a flood could repeat thousands of times a second (refused requests from a
 * rebinding page, say): the first is logged at once, the rest are counted and summed up in the
 * next line, at most one line per interval.
 */
import type { Logger } from './logger.js';

export class SummedWarning {
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private unlogged = 0;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now
  ) {}

  /** One occurrence; `fields` describe it (the latest one logged stands for those counted). */
  note(fields: Record<string, unknown>): void {
    const now = this.now();
    if (now - this.lastLoggedAt < this.intervalMs) {
      this.unlogged++;
      return;
    }
    this.logger.warn({ ...fields, ...(this.unlogged > 0 ? { alsoSinceLastLine: this.unlogged } : {}) }, this.message);
    this.lastLoggedAt = now;
    this.unlogged = 0;
  }
}
