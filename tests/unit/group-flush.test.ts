/**
 * The group commit's bookkeeping: which appends a flush covers, who waits for which flush, and
 * the order across files. The flush itself is a stand-in that records each call and finishes when
 * told, so the interleavings can be staged; the real fdatasync is in tests/crash/group-commit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { GroupFlush } from '../../src/main/server/store/group-flush.js';

/** A flush per file that finishes only when released, recording what was flushed. */
function stagedFlushes() {
  const started: string[] = [];
  const pending: Array<() => void> = [];
  const flushes = new GroupFlush(
    (file) =>
      new Promise<void>((resolve) => {
        started.push(file);
        pending.push(resolve);
      })
  );
  const releaseAll = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { flushes, started, releaseAll };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('group flush', () => {
  it('with nothing appended, is durable at once', async () => {
    const { flushes, started } = stagedFlushes();
    expect(await settled(flushes.durable())).toBe(true);
    expect(started).toEqual([]);
  });

  it('appends made while a flush runs share the next one; each waiter is freed by the flush that covers it', async () => {
    const { flushes, started, releaseAll } = stagedFlushes();
    flushes.appended('queue.db');
    const first = flushes.durable();
    expect(started).toEqual(['queue.db']);
    // Three more while the first flush runs.
    const later = [1, 2, 3].map(() => {
      flushes.appended('queue.db');
      return flushes.durable();
    });
    expect(started).toEqual(['queue.db']);
    await releaseAll();
    expect(await settled(first)).toBe(true);
    expect(await settled(Promise.all(later))).toBe(false);
    expect(started).toEqual(['queue.db', 'queue.db']);
    await releaseAll();
    expect(await settled(Promise.all(later))).toBe(true);
    expect(flushes.rounds).toBe(2);
  });

  it('a waiter that names its appends is freed by the flush that covers them, even when it asks after others appended', async () => {
    const { flushes, started, releaseAll } = stagedFlushes();
    flushes.appended('queue.db'); // append 1: a registration
    const first = flushes.durable(); // its change waits for the flush that covers it
    flushes.appended('queue.db'); // append 2: the next registration, while that flush runs
    // The reply to the first asks for its one append, before and after that flush ends.
    expect(await settled(flushes.durable(1))).toBe(false);
    await releaseAll();
    expect(await settled(first)).toBe(true);
    expect(await settled(flushes.durable(1))).toBe(true);
    // Asked for everything so far, it would wait for the second flush, begun for append 2.
    expect(started).toEqual(['queue.db', 'queue.db']);
    expect(await settled(flushes.durable())).toBe(false);
    expect(await settled(flushes.durable(2))).toBe(false);
    await releaseAll();
    expect(await settled(flushes.durable(2))).toBe(true);
  });

  it('an append nobody waits for is flushed all the same', async () => {
    const { flushes, started, releaseAll } = stagedFlushes();
    flushes.appended('state.db');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['state.db']);
    await releaseAll();
    expect(await settled(flushes.durable())).toBe(true);
  });

  it('before a write to another file, waits until earlier appends are on the disk (a power cut keeps a prefix)', async () => {
    const { flushes, started, releaseAll } = stagedFlushes();
    flushes.appended('qso_log.db');
    const settle = flushes.settleOthers('state.db');
    expect(started).toEqual(['qso_log.db']);
    expect(await settled(settle)).toBe(false);
    await releaseAll();
    expect(await settled(settle)).toBe(true);
    // The same file needs no wait: its lines are in order.
    flushes.appended('queue.db');
    expect(await settled(flushes.settleOthers('queue.db'))).toBe(true);
  });
});
