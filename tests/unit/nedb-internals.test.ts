/**
 * The two NeDB internals the store relies on after a failed write, checked against the installed
 * version on a real file: an upgrade that moves them fails here, not in the middle of a crash.
 */
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Datastore from 'nedb-promises';
import { afterEach, describe, expect, it } from 'vitest';
import { rememberInMemory, reloadInPlace } from '../../src/main/server/store/nedb-internals.js';

const require = createRequire(import.meta.url);
let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

async function datastore() {
  dir = await mkdtemp(join(tmpdir(), 'nedb-internals-'));
  const file = join(dir, 'test.db');
  const db = Datastore.create({ filename: file, autoload: false }) as unknown as Datastore<Record<string, unknown>>;
  await db.load();
  return { db, file };
}

describe('NeDB internals used by the store', () => {
  it('are those of the versions they were written for', () => {
    expect(require('nedb-promises/package.json').version).toMatch(/^6\./);
    // The engine nedb-promises wraps, found from nedb-promises itself (it is not ours to depend on).
    const engine = createRequire(require.resolve('nedb-promises'))('@seald-io/nedb/package.json'.toString()) as { version: string };
    expect(engine.version).toMatch(/^4\./);
  });

  it('reloadInPlace replaces memory with what the file holds', async () => {
    const { db, file } = await datastore();
    await db.insert({ _id: 'a', n: 1 });
    // Another line appears on disk that memory does not know of.
    await appendFile(file, `${JSON.stringify({ _id: 'b', n: 2 })}\n`);
    expect(await db.count({})).toBe(1);
    await reloadInPlace(db, async () => (await import('node:fs/promises')).readFile(file, 'utf8'));
    expect((await db.find({})).map((doc) => doc._id).sort()).toEqual(['a', 'b']);
  });

  it('rememberInMemory puts back what memory held for the documents a write touched: an insert, an update and a removal undone', async () => {
    const { db } = await datastore();
    await db.insert({ _id: 'keep', n: 1 });
    await db.insert({ _id: 'edit', n: 2 });
    await db.insert({ _id: 'drop', n: 3 });
    const undo = rememberInMemory(db, ['new', 'edit', 'drop']);
    await db.insert({ _id: 'new', n: 4 });
    await db.update({ _id: 'edit' }, { $set: { n: 20 } });
    await db.remove({ _id: 'drop' }, {});
    await db.update({ _id: 'keep' }, { $set: { n: 10 } }); // not remembered: stays changed
    undo();
    const docs = (await db.find({})) as Array<{ _id: string; n: number }>;
    expect(docs.map((doc) => [doc._id, doc.n]).sort()).toEqual([['drop', 3], ['edit', 2], ['keep', 10]]);
    expect(await db.findOne({ _id: 'new' })).toBeNull();
  });

  it('rememberInMemory of every document undoes a removal of all', async () => {
    const { db } = await datastore();
    await db.insert({ _id: 'a', n: 1 });
    await db.insert({ _id: 'b', n: 2 });
    const undo = rememberInMemory(db, 'all');
    await db.remove({}, { multi: true });
    expect(await db.count({})).toBe(0);
    undo();
    expect((await db.find({})).map((doc) => doc._id).sort()).toEqual(['a', 'b']);
  });
});
