/**
 * What the pileup needs from storage, and all it may assume: every write is on disk when its
 * promise resolves (or it rejects, and nothing changed), and reads see every resolved write. The
 * NeDB files of PileupStore are one engine; a second (a shared database for a scale-out server)
 * implements this and nothing else.
 */
import type { Ban, CurrentQso, FrequencyState, LoggedQso, QueueEntry, SplitState, SystemStatus } from '../../../shared/protocol/entities.js';
import type { StoredSettings } from '../../../shared/settings.js';

/** A queue entry as stored: position is derived from `order`; the leave token only as a hash. */
export type StoredQueueEntry = Omit<QueueEntry, 'position'> & { order: number; leave_token_hash?: string };

/** The single documents of the pileup's state, by key. */
export interface StateDocs {
  system: SystemStatus;
  frequency: FrequencyState;
  split: SplitState;
  current_qso: CurrentQso;
  bans: { entries: Ban[] };
  schema: { version: number };
  /** When the last export not limited to a past date was read: where "since the last export" starts. */
  last_export: { at: string };
  /** An import being written: if it is still here at start, the write was cut short and its QSOs are taken out. */
  pending_import: { id: string };
}
export type StateKey = keyof StateDocs;

/** The fields of a logged QSO an operator may correct. */
export type QsoCorrection = Partial<Pick<LoggedQso, 'rst_sent' | 'rst_rcvd' | 'notes' | 'name' | 'exchange'>>;

export interface PileupStorage {
  /** Writes that reached the file since the store opened: a change that failed after one of them was partly saved. */
  readonly savedWrites: number;
  /** Resolves once the first `upTo` writes (by default every write so far) are on the disk (fdatasync). */
  durable(upTo?: number): Promise<void>;

  getState<K extends StateKey>(key: K): Promise<StateDocs[K] | null>;
  setState<K extends StateKey>(key: K, value: StateDocs[K]): Promise<void>;
  deleteState(key: StateKey): Promise<void>;

  /** The queue in its order. */
  loadQueue(): Promise<StoredQueueEntry[]>;
  addQueueEntry(entry: StoredQueueEntry): Promise<void>;
  removeQueueEntry(id: string): Promise<void>;
  clearQueue(): Promise<void>;

  /** Logs a QSO once: false when a QSO with its id is already in the log. */
  logQso(qso: LoggedQso): Promise<boolean>;
  /** Adds QSOs from a file in one write: all of them, or none (even across a power cut). */
  importQsos(qsos: LoggedQso[], importId: string): Promise<void>;
  isLogged(id: string): Promise<boolean>;
  allLog(): Promise<LoggedQso[]>;
  /** The most recent QSOs first, optionally only those matching a search text. */
  recentLog(limit: number, search?: string, options?: { worked?: boolean }): Promise<LoggedQso[]>;
  getQso(id: string): Promise<LoggedQso | null>;
  updateQso(id: string, fields: QsoCorrection): Promise<LoggedQso | null>;
  deleteQso(id: string): Promise<LoggedQso | null>;

  getSettings(): Promise<StoredSettings>;
  updateSettings(changes: StoredSettings): Promise<StoredSettings>;
}
