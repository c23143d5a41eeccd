/**
 * The embedded datastore: NeDB files in the data folder.
 *
 *   queue.db     one document per station waiting, ordered by `order`
 *   state.db     single documents: system status, frequency, split, current QSO, schema version
 *   qso_log.db   every completed QSO (its _id is the QSO's id, so logging twice is impossible)
 *   settings.db  settings stored from the console
 *
 * NeDB appends every write to its file before the promise resolves, and every reply waits for
 * `durable()`, the flush (fdatasync) of what was appended before it, so what a reply acknowledges
 * is on the disk. Writes made while a flush runs share the next (group commit, group-flush.ts),
 * and a write to one file waits for the other files' earlier writes to be on the disk, so a power
 * cut keeps a prefix of the changes. Files are compacted at load, at shutdown, and while running once
 * they have grown by more lines than they hold documents.
 *
 * Crash safety: a crash (or SIGKILL, or power loss) in the middle of an append leaves a torn last
 * line. Before loading, a last line that is not JSON is moved to `<file>.torn-<time>` next to the
 * file and cut off, with a warning; any other corruption still refuses to start, naming the file
 * and leaving it untouched. A write that fails (disk full, read-only folder) answers with a
 * StorageWriteError that says the data could not be saved, and the datastore's memory is read
 * back from its file so it never holds (or later compacts to disk) what was not saved.
 */
import { chmod, mkdir, readFile, stat, truncate } from 'node:fs/promises';
import { close as closeFile, fdatasync, open as openFile } from 'node:fs';
import { basename, join } from 'node:path';
import Datastore from 'nedb-promises';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import { GroupFlush } from './group-flush.js';
import { appendWithoutThreadPool, rememberInMemory, reloadInPlace } from './nedb-internals.js';
import { repairTornLastLine, trimPartialLine } from './torn-line.js';
import type { StoredSettings } from '../../../shared/settings.js';
import type { LoggedQso } from '../../../shared/protocol/entities.js';
import type { PileupStorage, QsoCorrection, StateDocs, StateKey, StoredQueueEntry } from './storage.js';

/** Bump with a migration in MIGRATIONS whenever a stored document's shape changes. */
export const SCHEMA_VERSION = 1;

/** MIGRATIONS[n] upgrades a store at version n to n + 1. */
const MIGRATIONS: Array<(store: PileupStore) => Promise<void>> = [
  // 0 -> 1: a new data folder; nothing to convert.
  async () => {}
];


type Doc<T> = T & { _id: string };

/** Matches a search text in the callsign, name, country or notes, whatever the case. */
function logSearchQuery(search: string): Record<string, unknown> {
  const pattern = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return { $or: [{ callsign: pattern }, { name: pattern }, { country: pattern }, { notes: pattern }, { 'qrz.name': pattern }] };
}

export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

/** A write that did not reach the disk; the transports answer INTERNAL_ERROR with this message. */
export class StorageWriteError extends ProtocolError {
  constructor(
    readonly file: string,
    readonly errno: string
  ) {
    super('INTERNAL_ERROR', `The data could not be saved (${basename(file)}: ${errno}, ${explainWriteError(errno)}); nothing was changed`);
    this.name = 'StorageWriteError';
  }

  /** Which file and why, for a message that goes on to say what did happen. */
  get reason(): string {
    return `${basename(this.file)}: ${this.errno}, ${explainWriteError(this.errno)}`;
  }
}

function explainWriteError(code: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return 'the data folder is read-only';
    case 'EISDIR':
    case 'ENOTDIR':
    case 'ENOENT':
      return 'the data file is missing or not a file';
    default:
      return 'disk full or read-only?';
  }
}

export interface StoreOptions {
  /** Where warnings (a torn line set aside) and failed writes are reported; stderr by default. */
  warn?: (message: string) => void;
}

const defaultWarn = (message: string): void => console.error(`[pileup-store] ${message}`);

const FILE_MODES = { fileMode: 0o600, dirMode: 0o700 };

function openDatastore(file: string): Datastore<Record<string, unknown>> {
  // `modes` is a NeDB option the nedb-promises typings do not list. corruptAlertThreshold 0:
  // a corrupt line is never dropped silently (a torn last line is set aside before loading).
  return Datastore.create({ filename: file, autoload: false, modes: FILE_MODES, corruptAlertThreshold: 0 } as Parameters<typeof Datastore.create>[0]);
}

function stripId<T>(doc: Doc<T>): T {
  const { _id, ...rest } = doc as Doc<T> & Record<string, unknown>;
  void _id;
  return rest as T;
}

/**
 * NeDB appends without fsync: the change sits in the operating system's cache until it writes it
 * out. fdatasync makes the append reach the disk now (it is cheap on an SSD, a few ms on an SD card).
 */
function flushToDisk(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    openFile(file, 'r+', (openError, fd) => {
      if (openError) return reject(openError);
      fdatasync(fd, (flushError) => {
        // The answer does not wait for the close: by now the lines are on the disk, or the flush failed.
        closeFile(fd, () => undefined);
        if (flushError) reject(flushError);
        else resolve();
      });
    });
  });
}

/** Appended lines that always wait for a compaction: below this a file is too small to matter. */
const COMPACT_AFTER_APPENDS = 200;

/** Waits before each try of a flush after an append: the first at once, then a little longer each time. */
const FLUSH_RETRY_DELAYS_MS = [0, 10, 50, 200];

/**
 * The folder holds the log and the operator's settings: an existing one that others may read
 * (made by hand, or by an older tool) is made private, as a new one is.
 */
async function keepPrivate(dataDir: string, warn: (message: string) => void): Promise<void> {
  if (process.platform === 'win32') return; // no POSIX modes; the user's profile is private already
  try {
    const mode = (await stat(dataDir)).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    await chmod(dataDir, 0o700);
    warn(`${dataDir}: others could read the data folder (mode ${mode.toString(8).padStart(4, '0')}); it is now private (0700)`);
  } catch (error) {
    warn(`${dataDir}: could not make the data folder private (${(error as Error).message}); others on this machine may read it`);
  }
}

/**
 * The pileup's storage in NeDB files in the data folder. A write resolves once its line is in the
 * file; it is on the disk once `durable()` resolves, which every reply waits for (group commit:
 * writes made while a flush runs share the next one).
 */
export class PileupStore implements PileupStorage {
  private constructor(
    readonly dataDir: string,
    private readonly queueDb: Datastore<Record<string, unknown>>,
    private readonly stateDb: Datastore<Record<string, unknown>>,
    private readonly logDb: Datastore<Record<string, unknown>>,
    private readonly settingsDb: Datastore<Record<string, unknown>>,
    private readonly warn: (message: string) => void
  ) {}

  private readonly flushes = new GroupFlush((file) => this.flushAppended(file));

  /** Writes that reached the file since the store opened (on the disk once `durable()` resolves). */
  get savedWrites(): number {
    return this.flushes.appends;
  }

  /** Resolves once the first `upTo` writes (by default every write so far) are on the disk (fdatasync). */
  durable(upTo?: number): Promise<void> {
    return this.flushes.durable(upTo);
  }

  /** Flushes so far, each covering one or more writes. */
  get flushRounds(): number {
    return this.flushes.rounds;
  }

  /** Datastores whose memory may differ from their file after a failed write. */
  private readonly stale = new Set<Datastore<Record<string, unknown>>>();
  /** Lines appended to each file since it was last compacted. */
  private readonly appendsSinceCompaction = new Map<Datastore<Record<string, unknown>>, number>();
  /** The appended count at which a file's live documents are next counted (counting walks them all). */
  private readonly compactionCheckAt = new Map<Datastore<Record<string, unknown>>, number>();

  static async open(dataDir: string, options: StoreOptions = {}): Promise<PileupStore> {
    const warn = options.warn ?? defaultWarn;
    try {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new DataFolderError(`Cannot create the data folder ${dataDir}: ${(error as Error).message}`);
    }
    await keepPrivate(dataDir, warn);
    const store = new PileupStore(
      dataDir,
      openDatastore(join(dataDir, 'queue.db')),
      openDatastore(join(dataDir, 'state.db')),
      openDatastore(join(dataDir, 'qso_log.db')),
      openDatastore(join(dataDir, 'settings.db')),
      warn
    );
    for (const [name, db] of store.datastores()) {
      const file = join(dataDir, name);
      appendWithoutThreadPool(db, file);
      let repair: Awaited<ReturnType<typeof repairTornLastLine>>;
      try {
        repair = await repairTornLastLine(file);
      } catch (error) {
        throw new DataFolderError(`Cannot load ${file}: ${(error as Error).message}`);
      }
      if (repair) {
        warn(
          `${file}: the last line was torn (a crash while writing it); set aside ${repair.bytes} bytes in ${repair.backup} and loaded the rest`
        );
      }
      try {
        await db.load();
      } catch (error) {
        throw new DataFolderError(`Cannot load ${join(dataDir, name)}: ${(error as Error).message}`);
      }
    }
    await store.migrate();
    await store.undoInterruptedImport();
    await store.durable();
    return store;
  }

  /**
   * Runs one write and flushes it to the disk before it counts as done, so an acknowledged change
   * survives a power cut as well as a crash. If it fails, the file may end in part of a line (disk
   * full) and NeDB's memory already holds the change: cut the partial line, read the file back
   * (or, when the file cannot be read, put back in memory the documents it `touches`), and answer
   * with a StorageWriteError.
   */
  private async write<T>(db: Datastore<Record<string, unknown>>, touches: readonly string[] | 'all', run: () => Promise<T>): Promise<T> {
    const name = this.datastores().find(([, candidate]) => candidate === db)?.[0] ?? 'unknown.db';
    const file = join(this.dataDir, name);
    if (this.stale.has(db)) {
      // An earlier failed write could not be undone in memory: read the file first, or refuse.
      try {
        await this.reloadFromDisk(db, file);
        this.stale.delete(db);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
        this.warn(`Could not save to ${file}: ${code} (${explainWriteError(code)}): ${(error as Error).message}`);
        throw new StorageWriteError(file, code);
      }
    }
    // What is appended to another file before this must be on the disk first: a power cut then
    // keeps a prefix of the changes, as when every write was flushed on its own.
    await this.flushes.settleOthers(file);
    let result: T;
    const undoInMemory = rememberInMemory(db, touches);
    try {
      result = await run();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw error; // not an I/O error (e.g. a unique _id violated)
      this.warn(`Could not save to ${file}: ${code} (${explainWriteError(code)}): ${(error as Error).message}`);
      try {
        await this.reloadFromDisk(db, file);
      } catch (reloadError) {
        // Memory held the unsaved change: take it out now, never compact memory to disk, and
        // read the file again before the next write.
        undoInMemory();
        this.stale.add(db);
        this.warn(`${file}: could not read the file back after the failed write: ${(reloadError as Error).message}`);
      }
      throw new StorageWriteError(file, code);
    }
    // The append is in the file: from here on the change has happened, whatever the flush says.
    this.flushes.appended(file);
    this.compactWhenGrown(db, file);
    return result;
  }

  /**
   * Every write appends a line, so a file grows while its data may not (a queue that people join
   * and leave all day): once the lines appended since the last compaction pass the live
   * documents (and a floor), the file is rewritten with one line per live document. It is queued
   * behind the writes already waiting, and takes milliseconds for a queue or the settings.
   * Counting the live documents walks all of them, so it is done only when the appended lines
   * reach the count found last time: once per that many writes, not on every write.
   */
  private compactWhenGrown(db: Datastore<Record<string, unknown>>, file: string): void {
    const appended = (this.appendsSinceCompaction.get(db) ?? 0) + 1;
    this.appendsSinceCompaction.set(db, appended);
    if (appended < (this.compactionCheckAt.get(db) ?? COMPACT_AFTER_APPENDS)) return;
    const live = (db as unknown as { getAllData(): unknown[] }).getAllData().length;
    const threshold = Math.max(COMPACT_AFTER_APPENDS, live);
    this.compactionCheckAt.set(db, threshold);
    if (appended < threshold || this.stale.has(db)) return;
    this.appendsSinceCompaction.set(db, 0);
    (db as unknown as { compactDatafileAsync(): Promise<void> }).compactDatafileAsync().catch((error: unknown) => {
      this.warn(`${file}: could not compact the file (it keeps growing until the next start): ${(error as Error).message}`);
    });
  }

  /**
   * Flushes an append to the disk, retrying a flush that could not start (no descriptor free, a
   * busy disk). If it never succeeds the change still stands, since the file holds it: it sits
   * in the operating system's cache, which writes it out soon, or with the next flush of the file.
   */
  private async flushAppended(file: string): Promise<void> {
    let lastError: unknown;
    for (const waitMs of FLUSH_RETRY_DELAYS_MS) {
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      try {
        await flushToDisk(file);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    const code = (lastError as NodeJS.ErrnoException).code ?? 'EIO';
    this.warn(`${file}: saved, but not yet flushed to the disk (${code}: ${(lastError as Error).message}); the system writes it out soon`);
  }

  private async reloadFromDisk(db: Datastore<Record<string, unknown>>, file: string): Promise<void> {
    await reloadInPlace(db, async () => {
      await trimPartialLine(file).catch(() => undefined);
      // Read whole (not streamed): a stream's error on a folder or a missing file would escape.
      return readFile(file, 'utf8');
    });
  }

  private datastores(): Array<[string, Datastore<Record<string, unknown>>]> {
    return [
      ['queue.db', this.queueDb],
      ['state.db', this.stateDb],
      ['qso_log.db', this.logDb],
      ['settings.db', this.settingsDb]
    ];
  }

  private async migrate(): Promise<void> {
    const current = (await this.getState('schema'))?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new DataFolderError(
        `The data in ${this.dataDir} was written by a newer version (schema ${current}, this version knows ${SCHEMA_VERSION}). Update the app or choose another data folder.`
      );
    }
    for (let version = current; version < SCHEMA_VERSION; version++) {
      await MIGRATIONS[version]!(this);
      await this.setState('schema', { version: version + 1 });
    }
  }

  async schemaVersion(): Promise<number> {
    return (await this.getState('schema'))?.version ?? 0;
  }

  // --- state documents -------------------------------------------------------------------

  async getState<K extends StateKey>(key: K): Promise<StateDocs[K] | null> {
    const doc = (await this.stateDb.findOne({ _id: key })) as Doc<StateDocs[K]> | null;
    return doc ? stripId(doc) : null;
  }

  async setState<K extends StateKey>(key: K, value: StateDocs[K]): Promise<void> {
    await this.write(this.stateDb, [key], () => this.stateDb.update({ _id: key }, { _id: key, ...value }, { upsert: true }));
  }

  async deleteState(key: StateKey): Promise<void> {
    await this.write(this.stateDb, [key], () => this.stateDb.remove({ _id: key }, { multi: false }));
  }

  // --- queue -------------------------------------------------------------------------------

  async loadQueue(): Promise<StoredQueueEntry[]> {
    const docs = (await this.queueDb.find({}).sort({ order: 1 })) as Array<Doc<StoredQueueEntry>>;
    return docs.map(stripId);
  }

  async addQueueEntry(entry: StoredQueueEntry): Promise<void> {
    await this.write(this.queueDb, [entry.id], () => this.queueDb.insert({ _id: entry.id, ...entry }));
  }

  async updateQueueEntry(id: string, fields: Partial<StoredQueueEntry>): Promise<void> {
    await this.write(this.queueDb, [id], () => this.queueDb.update({ _id: id }, { $set: fields }));
  }

  async removeQueueEntry(id: string): Promise<void> {
    await this.write(this.queueDb, [id], () => this.queueDb.remove({ _id: id }, { multi: false }));
  }

  async clearQueue(): Promise<void> {
    await this.write(this.queueDb, 'all', () => this.queueDb.remove({}, { multi: true }));
  }

  // --- QSO log -----------------------------------------------------------------------------

  /** Logs a QSO once: a second call with the same id changes nothing and returns false. */
  async logQso(qso: LoggedQso): Promise<boolean> {
    try {
      await this.write(this.logDb, [qso.id], () => this.logDb.insert({ _id: qso.id, ...qso }));
      return true;
    } catch (error) {
      if ((error as { errorType?: string }).errorType === 'uniqueViolated') return false;
      throw error;
    }
  }

  /**
   * Adds QSOs from a file in one append (one flush). Should the append fail part way (a full
   * disk), the file is cut back to where it was and read again, so the log holds all of the
   * QSOs or none of them; cutting a file back needs no free space. A marker saved first covers a
   * power cut in the middle: at the next start the import's QSOs are taken out again.
   */
  async importQsos(qsos: LoggedQso[], importId: string): Promise<void> {
    if (qsos.length === 0) return;
    const file = join(this.dataDir, 'qso_log.db');
    const sizeBefore = (await stat(file)).size;
    await this.setState('pending_import', { id: importId });
    try {
      await this.write(this.logDb, qsos.map((qso) => qso.id), () => this.logDb.insert(qsos.map((qso) => ({ _id: qso.id, ...qso, import_id: importId }))));
      await this.deleteState('pending_import');
    } catch (error) {
      // Cut the log file back (the append may be in it, whole or in part), so it agrees with the answer.
      try {
        await truncate(file, sizeBefore);
        await this.reloadFromDisk(this.logDb, file);
      } catch (repairError) {
        this.warn(`${file}: could not cut back a failed import (${(repairError as Error).message}); it is taken out at the next start`);
        throw error;
      }
      await this.deleteState('pending_import').catch(() => undefined);
      throw error;
    }
  }

  /** An import whose write a power cut or a crash interrupted: what reached the file is taken out. */
  private async undoInterruptedImport(): Promise<void> {
    const pending = await this.getState('pending_import');
    if (!pending) return;
    const removed = await this.write(this.logDb, 'all', () => this.logDb.remove({ import_id: pending.id }, { multi: true }));
    await this.deleteState('pending_import');
    this.warn(`${join(this.dataDir, 'qso_log.db')}: an import was cut short (a crash or a power cut while it was being saved); its ${removed} QSOs that reached the file were taken out again. Import the file again.`);
  }

  async isLogged(id: string): Promise<boolean> {
    return (await this.logDb.count({ _id: id })) > 0;
  }

  async countLog(): Promise<number> {
    return this.logDb.count({});
  }

  /** Every logged QSO, oldest first (the order logbooks import in). */
  async allLog(): Promise<LoggedQso[]> {
    const docs = (await this.logDb.find({}).sort({ started_at: 1 })) as Array<Doc<LoggedQso>>;
    return docs.map(stripId);
  }

  /** The most recent QSOs; with `worked`, only those worked here (not imported from a file). */
  async recentLog(limit: number, search?: string, options: { worked?: boolean } = {}): Promise<LoggedQso[]> {
    const query = { ...(search ? logSearchQuery(search) : {}), ...(options.worked ? { source: { $ne: 'import' } } : {}) };
    const docs = (await this.logDb.find(query).sort({ completed_at: -1 }).limit(limit)) as Array<Doc<LoggedQso>>;
    return docs.map(stripId);
  }

  async getQso(id: string): Promise<LoggedQso | null> {
    const doc = (await this.logDb.findOne({ _id: id })) as Doc<LoggedQso> | null;
    return doc ? stripId(doc) : null;
  }

  async updateQso(id: string, fields: QsoCorrection): Promise<LoggedQso | null> {
    await this.write(this.logDb, [id], () => this.logDb.update({ _id: id }, { $set: fields }));
    return this.getQso(id);
  }

  async deleteQso(id: string): Promise<LoggedQso | null> {
    const qso = await this.getQso(id);
    if (qso) await this.write(this.logDb, [id], () => this.logDb.remove({ _id: id }, { multi: false }));
    return qso;
  }

  // --- settings ----------------------------------------------------------------------------

  async getSettings(): Promise<StoredSettings> {
    const doc = (await this.settingsDb.findOne({ _id: 'settings' })) as Doc<StoredSettings> | null;
    return doc ? stripId(doc) : {};
  }

  async updateSettings(changes: StoredSettings): Promise<StoredSettings> {
    const merged = { ...(await this.getSettings()), ...changes };
    await this.write(this.settingsDb, ['settings'], () => this.settingsDb.update({ _id: 'settings' }, { _id: 'settings', ...merged }, { upsert: true }));
    // Settings change outside the pileup's changes (whose answers wait for their own flush), so the
    // saved settings wait here: "Settings saved." means they are on the disk.
    await this.durable(this.savedWrites);
    return merged;
  }

  /** Rewrites every file as one line per live document; called at shutdown. */
  async flush(): Promise<void> {
    await this.durable();
    for (const [name, db] of this.datastores()) {
      if (this.stale.has(db)) {
        // Its memory may hold a change that was never saved; the file holds what was, and is
        // compacted at the next load.
        this.warn(`${join(this.dataDir, name)}: not compacted at shutdown after a failed write`);
        continue;
      }
      // compactDatafileAsync lives on the wrapped NeDB datastore; nedb-promises forwards to it.
      await (db as unknown as { compactDatafileAsync(): Promise<void> }).compactDatafileAsync();
    }
  }
}
