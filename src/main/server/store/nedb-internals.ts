/**
 * The only place that reaches into NeDB's private parts (nedb-promises 6 over @seald-io/nedb 4).
 * Two things its public API cannot do, both needed after a failed write so that memory never
 * holds a change the disk does not: read a datastore's file back into memory in place, and put
 * back what memory held before a write the disk never got. tests/unit/nedb-internals.test.ts pins them to the installed
 * version; an upgrade that breaks them fails there, not in a crash.
 */
import type Datastore from 'nedb-promises';

/** The parts of the wrapped NeDB datastore used here. */
interface RawNedb {
  executor: { pushAsync<T>(task: () => Promise<T>): Promise<T> };
  persistence: { treatRawData(rawData: string): Promise<{ data: unknown[] }> };
  _resetIndexes(data?: unknown[]): void;
  _removeFromIndexes(doc: unknown): void;
  _addToIndexes(doc: unknown): void;
  getAllData(): unknown[];
  indexes: { _id: { getMatching(id: string): unknown[] } };
}

type AnyDatastore = Datastore<Record<string, unknown>>;

function raw(db: AnyDatastore): RawNedb {
  return (db as unknown as { __original: RawNedb }).__original;
}

/**
 * Replaces what the datastore holds in memory with the lines `readText` gives (the file as it is
 * on disk), queued behind the datastore's pending operations like any other.
 */
export async function reloadInPlace(db: AnyDatastore, readText: () => Promise<string>): Promise<void> {
  const nedb = raw(db);
  await nedb.executor.pushAsync(async () => {
    const { data } = await nedb.persistence.treatRawData(await readText());
    nedb._resetIndexes(data);
  });
}

/**
 * Remembers what memory holds now for the documents with these `_id`s (or for every document),
 * and returns what puts exactly that back: the undo of a write the disk never got, for when the
 * file cannot be read back. NeDB replaces a document object when it changes it, never edits it,
 * so holding the objects is enough.
 */
export function rememberInMemory(db: AnyDatastore, ids: readonly string[] | 'all'): () => void {
  const nedb = raw(db);
  if (ids === 'all') {
    const docs = nedb.getAllData();
    return () => nedb._resetIndexes(docs);
  }
  const before = ids.map((id) => [id, nedb.indexes._id.getMatching(id)[0]] as const);
  return () => {
    for (const [id, doc] of before) {
      for (const now of nedb.indexes._id.getMatching(id)) nedb._removeFromIndexes(now);
      if (doc !== undefined) nedb._addToIndexes(doc);
    }
  };
}
