/**
 * The only place that reaches into NeDB's private parts (nedb-promises 6 over @seald-io/nedb 4).
 * Three things its public API cannot do. Two are needed after a failed write so that memory never
 * holds a change the disk does not: read a datastore's file back into memory in place, and put
 * back what memory held before a write the disk never got. The third is speed: append without the
 * thread pool. tests/unit/nedb-internals.test.ts pins them to the installed version; an
 * upgrade that breaks them fails there, not in a crash.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- NeDB ships no types for its serializer; every program that compiles this file needs the declaration
/// <reference path="./nedb-model.d.ts" />
import { appendFileSync } from 'node:fs';
import model from '@seald-io/nedb/lib/model.js';
import type Datastore from 'nedb-promises';

/** The parts of the wrapped NeDB datastore used here. */
interface RawPersistence {
  treatRawData(rawData: string): Promise<{ data: unknown[] }>;
  persistNewStateAsync(newDocs: unknown[]): Promise<void>;
  afterSerialization(line: string): string | Promise<string>;
  modes: { fileMode: number };
}

interface RawNedb {
  executor: { pushAsync<T>(task: () => Promise<T>): Promise<T> };
  persistence: RawPersistence;
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

/**
 * Makes the datastore append its lines with one blocking call on the main thread instead of
 * NeDB's asynchronous open, append and close: three trips to the thread pool, most of what a
 * registration costs (0.5 ms against tens of microseconds here). An append without a flush only
 * reaches the operating system's cache, so it is quick even on an SD card; the flush, which can
 * be slow, stays asynchronous (group-flush.ts). The file is opened by its name for each append, as
 * NeDB does, so a file replaced or removed under the server is noticed at once. The lines are the
 * ones NeDB writes (its own serializer), and writes stay in NeDB's executor, one at a time.
 */
export function appendWithoutThreadPool(db: AnyDatastore, file: string): void {
  const persistence = raw(db).persistence;
  persistence.persistNewStateAsync = async (newDocs: unknown[]) => {
    let lines = '';
    for (const doc of newDocs) lines += `${await persistence.afterSerialization(model.serialize(doc))}\n`;
    if (lines.length > 0) appendFileSync(file, lines, { encoding: 'utf8', mode: persistence.modes.fileMode });
  };
}
