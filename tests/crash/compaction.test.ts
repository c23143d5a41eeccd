/**
 * A queue that people join and leave all day must not grow its file without end: every write
 * appends a line (and an fdatasync), so queue.db is compacted while running once it has grown
 * by more lines than it holds documents. Real datastore files in a temp folder.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';
import { describe, expect, it, vi } from 'vitest';
import { PileupStore } from '../../src/main/server/store/pileup-store.js';
import { makeDataDir } from '../helpers/pileup-harness.js';

async function lines(file: string): Promise<number> {
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;
}

describe('compaction while running', () => {
  it('keeps queue.db near its live size through 1,500 joins and leaves, losing nothing', async () => {
    const dir = await makeDataDir();
    const store = await PileupStore.open(dir);
    let peak = 0;
    const waiting: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const id = `station-${i}`;
      await store.addQueueEntry({ id, callsign: `K${i % 10}AB`, order: i, registered_at: new Date().toISOString() } as never);
      waiting.push(id);
      // Most leave again; a few stay, as in a real queue.
      if (i % 10 !== 0) await store.removeQueueEntry(waiting.pop()!);
      peak = Math.max(peak, await lines(join(dir, 'queue.db')));
    }
    expect(waiting).toHaveLength(150);
    // Without compaction the file would hold about 2,850 lines by now.
    expect(peak).toBeLessThan(600);
    expect((await store.loadQueue()).map((e) => e.id)).toEqual(waiting);

    const reopened = await PileupStore.open(dir);
    expect((await reopened.loadQueue()).map((e) => e.id)).toEqual(waiting);
    await reopened.flush();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('counts the live documents once per hundreds of writes, not on every write (it walks them all)', async () => {
    const dir = await makeDataDir();
    const store = await PileupStore.open(dir);
    const counted = vi.spyOn(Datastore.prototype as unknown as { getAllData(): unknown[] }, 'getAllData');
    for (let i = 0; i < 1000; i++) {
      await store.addQueueEntry({ id: `station-${i}`, callsign: `K${i % 10}AB`, order: i, registered_at: new Date().toISOString() } as never);
    }
    // 1,000 appends: a count after 200, 400, 600, 800 and 1,000 writes, and the compaction's own
    // walk when the first 200 are rewritten (every write counted: 1,000 and more).
    expect(counted.mock.calls.length).toBeLessThanOrEqual(10);
    counted.mockRestore();
    expect(await store.loadQueue()).toHaveLength(1000);
    await store.flush();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
