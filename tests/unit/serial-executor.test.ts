/** Changes run one at a time, in order; only the first of a turn starts at once, so I/O gets in between. */
import { describe, expect, it } from 'vitest';
import { SerialExecutor } from '../../src/main/server/pileup/serial-executor.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('serial executor', () => {
  it('runs tasks one at a time, in the order they came, failures included', async () => {
    const serial = new SerialExecutor({ spreadOverTurns: true });
    const log: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await turn();
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([serial.run(task('a')), serial.run(task('b', true)), serial.run(task('c'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(serial.size).toBe(0);
  });

  it('starts a lone task at once, without waiting for a turn of the event loop', async () => {
    const serial = new SerialExecutor({ spreadOverTurns: true });
    await turn();
    let started = false;
    const done = serial.run(async () => void (started = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toBe(true);
    await done;
  });

  it('lets what completed meanwhile in before a second task of the same turn starts', async () => {
    const serial = new SerialExecutor({ spreadOverTurns: true });
    await turn();
    const log: string[] = [];
    // As when fifty requests are read in one turn: each change is quick and wholly synchronous,
    // and the first one's flush completes on the next turn.
    const first = serial.run(async () => {
      log.push('first');
      setImmediate(() => log.push('flush of the first completed'));
    });
    await first;
    const second = serial.run(async () => void log.push('second'));
    const third = serial.run(async () => void log.push('third'));
    await Promise.all([second, third]);
    expect(log).toEqual(['first', 'flush of the first completed', 'second', 'third']);
  });

  it("without spreadOverTurns (a connection's messages), starts a task at once when nothing runs, and a throw becomes a rejection", async () => {
    const serial = new SerialExecutor();
    let started = false;
    const done = serial.run(async () => void (started = true));
    expect(started).toBe(true);
    await done;
    const thrown = serial.run((() => {
      throw new Error('bad message');
    }) as () => Promise<void>);
    await expect(thrown).rejects.toThrow('bad message');
    expect(serial.size).toBe(0);
  });

  it("without spreadOverTurns (a connection's messages), runs the next task as soon as the one before ends", async () => {
    const serial = new SerialExecutor();
    await turn();
    const log: string[] = [];
    await serial.run(async () => {
      log.push('first');
      setImmediate(() => log.push('next turn'));
    });
    await serial.run(async () => void log.push('second'));
    expect(log).toEqual(['first', 'second']);
    await turn();
    expect(log).toEqual(['first', 'second', 'next turn']);
  });
});
