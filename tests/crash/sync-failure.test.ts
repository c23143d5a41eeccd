/**
 * A change whose append reached the file but whose flush to the disk could not start (no file
 * descriptor left: EMFILE, as under a flood of connections) has happened: the reply, the
 * pileup's memory, its events and the file must all say so. Before, the reply said nothing was
 * changed while the file held the change and no event went out.
 *
 * The failure is injected where the operating system would raise it: the `open` that starts the
 * flush fails with EMFILE (the real exhaustion is reproduced end to end in
 * tests/integration/descriptors.test.ts). Everything else is real: the datastore in a temp folder.
 */
import * as fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../src/main/server/pileup/event-hub.js';
import { PileupService } from '../../src/main/server/pileup/pileup-service.js';
import { PileupStore } from '../../src/main/server/store/pileup-store.js';
import { silentLogger } from '../../src/main/server/logger.js';
import { makeDataDir } from '../helpers/pileup-harness.js';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, open: vi.fn(actual.open) };
});

type OpenCallback = (error: NodeJS.ErrnoException | null, fd: number) => void;
const realOpen = vi.mocked(fs.open).getMockImplementation()! as unknown as (path: fs.PathLike, flags: fs.OpenMode, callback: OpenCallback) => void;

function restoreFlushes(): void {
  vi.mocked(fs.open).mockImplementation(realOpen as unknown as typeof fs.open);
}

/** The next `times` flushes (an open for 'r+') fail as they would with every descriptor in use. */
function failFlushes(times: number): void {
  let left = times;
  const failing = (path: fs.PathLike, flags: fs.OpenMode, callback: OpenCallback) => {
    if (flags === 'r+' && left > 0) {
      left--;
      const error = Object.assign(new Error(`EMFILE: too many open files, open '${String(path)}'`), { code: 'EMFILE', errno: -24 });
      return void setImmediate(() => callback(error, -1));
    }
    realOpen(path, flags, callback);
  };
  vi.mocked(fs.open).mockImplementation(failing as unknown as typeof fs.open);
}

describe('a flush that cannot start after the append', () => {
  it('still counts as saved: the reply, memory, the event and the file agree', async () => {
    const dir = await makeDataDir();
    const warnings: string[] = [];
    const hub = new EventHub();
    const events: string[] = [];
    hub.subscribe((message) => events.push(message.event));
    const store = await PileupStore.open(dir, { warn: (m) => warnings.push(m) });
    const service = await PileupService.open(store, hub, { maxQueueSize: () => 10, logger: silentLogger() });
    await service.setActive(true, 'op');
    // Each change is followed by the wait its reply makes for the flush (group commit).
    await store.durable();
    events.length = 0;

    failFlushes(2);
    const { entry } = await service.register('W1AW');
    await store.durable();
    expect(entry.callsign).toBe('W1AW');
    expect(service.getQueue().queue.map((e) => e.callsign)).toEqual(['W1AW']);
    expect(events).toContain('queue_update');

    // Every retry failing still leaves the change standing, and says so in the log.
    failFlushes(100);
    await service.setFrequency({ hz: 14_205_000 });
    await store.durable();
    expect(service.getFrequency().frequency).toBe('14.205');
    expect(warnings.join('\n')).toMatch(/EMFILE/);
    restoreFlushes();

    await service.drain();
    await store.flush();
    const reopened = await PileupStore.open(dir);
    expect((await reopened.loadQueue()).map((e) => e.callsign)).toEqual(['W1AW']);
    expect((await reopened.getState('frequency'))?.frequency).toBe('14.205');
    await reopened.flush();
  });
});
