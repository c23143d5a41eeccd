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

/** A whole file: far beyond any log (100,000 QSOs are about 30 MB). */
export const IMPORT_MAX_CHARS = 256 * 1024 * 1024;
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

  constructor(private readonly addToLog: AddToLog) {}

  begin(filename: string | null, operator: string, now = Date.now()): { import_id: string; max_piece_chars: number } {
    for (const [id, item] of this.open) if (now - item.lastUsed > IDLE_MS) this.open.delete(id);
    if (this.open.size >= MAX_OPEN_IMPORTS) throw new ProtocolError('RATE_LIMITED', 'Two imports are already being read; finish or cancel one first');
    const id = randomUUID();
    this.open.set(id, { id, filename, operator, reader: new AdifReader(), qsos: [], skipped: [], skippedCount: 0, records: 0, chars: 0, lastUsed: now });
    return { import_id: id, max_piece_chars: IMPORT_PIECE_MAX_CHARS };
  }

  /** Reads one piece; a file that is not ADIF ends the import with its line. */
  add(id: string, text: string): ImportProgress {
    const item = this.get(id);
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
  async commit(id: string): Promise<ImportReport> {
    const item = this.get(id);
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

  cancel(id: string): void {
    this.get(id);
    this.open.delete(id);
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

  private get(id: string): OpenImport {
    const item = this.open.get(id);
    if (!item) throw new ProtocolError('NOT_FOUND', 'No such import in progress (it finished, was cancelled, failed, or waited over 10 minutes)');
    return item;
  }
}
