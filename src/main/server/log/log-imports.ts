/**
 * ADIF imports in progress: a file arrives in pieces (over the protocol, or streamed from an HTTP
 * upload), is read and checked as it comes, and only when the whole of it has been read is it
 * added to the log, in one step. A file that is not ADIF is refused with its line, and nothing
 * of it reaches the log; records that cannot be QSOs are skipped, each with its line and reason.
 */
import { randomUUID } from 'node:crypto';
import type { LoggedQso } from '../../../shared/protocol/entities.js';
import { ProtocolError } from '../../../shared/protocol/errors.js';
import { IMPORT_PIECE_MAX_CHARS } from '../../../shared/protocol/endpoints.js';
import { AdifReader, AdifSyntaxError } from './adif-reader.js';
import { qsoFromAdif } from './adif-qso.js';

/** A whole file: far beyond any log (100,000 QSOs are about 15 to 30 MB). */
export const IMPORT_MAX_CHARS = 128 * 1024 * 1024;
/** Records in one file: a big DXpedition's log, several times over. Memory is bounded by it. */
export const IMPORT_MAX_RECORDS = 300_000;
/** Imports read at once; another waits its turn. */
const MAX_OPEN_IMPORTS = 2;
/** An import nobody has added to for this long is dropped. */
const IDLE_MS = 10 * 60_000;
/** Skipped records listed one by one in a report; the count covers the rest. */
const SKIPPED_LISTED = 1000;

export interface SkippedRecord {
  line: number;
  reason: string;
}

export interface ImportProgress {
  import_id: string;
  received_chars: number;
  records: number;
  skipped_count: number;
}

export interface ImportReport {
  import_id: string;
  filename: string | null;
  records: number;
  imported: number;
  already_in_log: number;
  skipped_count: number;
  skipped: SkippedRecord[];
}

interface OpenImport {
  id: string;
  filename: string | null;
  operator: string;
  /** The connection that began it: when it closes, the import is dropped. */
  session: string;
  reader: AdifReader;
  qsos: LoggedQso[];
  skipped: SkippedRecord[];
  skippedCount: number;
  records: number;
  chars: number;
  lastUsed: number;
}

/** Adds the QSOs to the log in one step; resolves with how many were new. */
export type AddToLog = (qsos: LoggedQso[], importId: string) => Promise<{ added: number; already: number }>;

export class LogImports {
  private readonly open = new Map<string, OpenImport>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly addToLog: AddToLog) {}

  /** `operator` is who may add to it, finish or cancel it; `session` the connection it is dropped with. */
  begin(filename: string | null, operator: string, session: string, now = Date.now()): { import_id: string; max_piece_chars: number } {
    this.sweep(now);
    // Imports left half way (a closed browser tab) free their memory within a minute of going idle.
    this.sweeper ??= setInterval(() => this.sweep(Date.now()), 60_000).unref();
    if (this.open.size >= MAX_OPEN_IMPORTS) throw new ProtocolError('RATE_LIMITED', 'Two imports are already being read; finish or cancel one first');
    const id = randomUUID();
    this.open.set(id, { id, filename, operator, session, reader: new AdifReader(), qsos: [], skipped: [], skippedCount: 0, records: 0, chars: 0, lastUsed: now });
    return { import_id: id, max_piece_chars: IMPORT_PIECE_MAX_CHARS };
  }

  /** Reads one piece; a file that is not ADIF ends the import with its line. */
  add(id: string, text: string, owner: string): ImportProgress {
    const item = this.get(id, owner);
    item.chars += text.length;
    if (item.chars > IMPORT_MAX_CHARS) {
      this.open.delete(id);
      throw new ProtocolError('VALIDATION_ERROR', `The file is over ${IMPORT_MAX_CHARS / 1024 / 1024} MB; nothing was imported`);
    }
    this.read(item, () => item.reader.push(text));
    item.lastUsed = Date.now();
    return this.progress(item);
  }

  /** The file is complete: its QSOs go into the log together, or none do. */
  async commit(id: string, owner: string): Promise<ImportReport> {
    const item = this.get(id, owner);
    this.read(item, () => item.reader.end());
    this.open.delete(id);
    const { added, already } = item.qsos.length > 0 ? await this.addToLog(item.qsos, id) : { added: 0, already: 0 };
    return {
      import_id: id,
      filename: item.filename,
      records: item.records,
      imported: added,
      already_in_log: already,
      skipped_count: item.skippedCount,
      skipped: item.skipped
    };
  }

  cancel(id: string, owner: string): void {
    this.get(id, owner);
    this.open.delete(id);
  }

  /** A connection closed: the imports it began will never be finished. */
  dropOwnedBy(session: string): void {
    for (const [id, item] of this.open) if (item.session === session) this.open.delete(id);
  }

  private sweep(now: number): void {
    for (const [id, item] of this.open) if (now - item.lastUsed > IDLE_MS) this.open.delete(id);
    if (this.open.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private read(item: OpenImport, next: () => ReturnType<AdifReader['push']>): void {
    let records;
    try {
      records = next();
    } catch (error) {
      this.open.delete(item.id);
      if (error instanceof AdifSyntaxError) {
        throw new ProtocolError('VALIDATION_ERROR', `${item.filename ?? 'The file'} is not ADIF at ${error.message}; nothing was imported`, { line: error.line });
      }
      throw error;
    }
    for (const record of records) {
      item.records++;
      if (item.records > IMPORT_MAX_RECORDS) {
        this.open.delete(item.id);
        throw new ProtocolError('VALIDATION_ERROR', `${item.filename ?? 'The file'} has more than ${IMPORT_MAX_RECORDS.toLocaleString('en-US')} records; split it, and import the parts one after another. Nothing was imported`);
      }
      const verdict = qsoFromAdif(record, item.operator);
      if (verdict.ok) {
        item.qsos.push(verdict.qso);
      } else {
        item.skippedCount++;
        if (item.skipped.length < SKIPPED_LISTED) item.skipped.push({ line: record.line, reason: verdict.reason });
      }
    }
  }

  private progress(item: OpenImport): ImportProgress {
    return { import_id: item.id, received_chars: item.chars, records: item.records, skipped_count: item.skippedCount };
  }

  private get(id: string, owner: string): OpenImport {
    const item = this.open.get(id);
    if (!item || item.operator !== owner) throw new ProtocolError('NOT_FOUND', 'No such import in progress (it finished, was cancelled, failed, or waited over 10 minutes)');
    return item;
  }
}
