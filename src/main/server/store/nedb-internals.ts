/**
 * The only place that reaches into NeDB's private parts (nedb-promises 6 over @seald-io/nedb 4).
 * Two things its public API cannot do, both needed after a failed write so that memory never
 * holds a change the disk does not: read a datastore's file back into memory in place, and take
 * an unsaved insert out of memory. tests/unit/nedb-internals.test.ts pins them to the installed
 * version; an upgrade that breaks them fails there, not in a crash.
 */
import type Datastore from 'nedb-promises';

/** The parts of the wrapped NeDB datastore used here. */
interface RawNedb {
  executor: { pushAsync<T>(task: () => Promise<T>): Promise<T> };
  persistence: { treatRawData(rawData: string): Promise<{ data: unknown[] }> };
  _resetIndexes(data?: unknown[]): void;
  _removeFromIndexes(doc: unknown): void;
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

/** Takes the document with this `_id` out of memory (an insert the disk never got). */
export function forgetInMemory(db: AnyDatastore, id: string): void {
  const nedb = raw(db);
  for (const doc of nedb.indexes._id.getMatching(id)) nedb._removeFromIndexes(doc);
}
