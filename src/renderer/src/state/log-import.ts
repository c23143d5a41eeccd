/**
 * Importing an ADIF file from the console: the file is read here a piece at a time and sent in
 * order (admin.import_log_begin, _chunk, _commit), so a 100,000-QSO log never sits in one
 * message and the operator sees how far it has got. Cancelling, or a file that is not ADIF,
 * leaves the log as it was.
 */
import type { PileupClient } from '../../../shared/client/pileup-client';
import type { OperationResult } from '../../../shared/protocol/operations';
import { LogTextDecoder } from '../../../shared/text/log-text-decoder';
import { MAX_FRAME_BYTES } from '../../../shared/protocol/endpoints';

/** A piece is read as it arrives; on a busy or small machine that can take a while. */
const PIECE_WAIT_MS = 60_000;
/** Adding a big file's QSOs to the log takes seconds, a Raspberry Pi's SD card perhaps a minute or more. */
const COMMIT_WAIT_MS = 10 * 60_000;

/** Room in a frame for the rest of the message around the piece. */
const FRAME_ROOM = 1024;
const encoder = new TextEncoder();

/** As much of `text` as one message can carry: up to `maxChars`, and within a WebSocket frame once escaped and in UTF-8. */
export function nextPiece(text: string, maxChars: number): string {
  const limit = MAX_FRAME_BYTES - FRAME_ROOM;
  let piece = text.slice(0, maxChars);
  for (let bytes = encoder.encode(JSON.stringify(piece)).length; bytes > limit && piece.length > 1; bytes = encoder.encode(JSON.stringify(piece)).length) {
    piece = piece.slice(0, Math.max(1, Math.floor((piece.length * limit * 0.98) / bytes)));
  }
  return piece;
}

export type ImportReport = OperationResult<'admin.import_log_commit'>;

export interface ImportProgress {
  /** Bytes of the file read so far, and in all. */
  bytes: number;
  totalBytes: number;
  records: number;
  skipped: number;
  /** All sent: the server is adding the QSOs to the log. */
  saving: boolean;
}

export async function importAdifFile(client: PileupClient, file: File, onProgress: (progress: ImportProgress) => void, signal: AbortSignal): Promise<ImportReport | null> {
  const { import_id, max_piece_chars } = await client.request('admin.import_log_begin', { filename: file.name });
  let bytes = 0;
  let pending = '';
  let last = { records: 0, skipped_count: 0 };
  const decoder = new LogTextDecoder();
  const send = async (final: boolean) => {
    while (pending.length >= max_piece_chars || (final && pending.length > 0)) {
      const piece = nextPiece(pending, max_piece_chars);
      pending = pending.slice(piece.length);
      last = await client.requestWaiting(PIECE_WAIT_MS, 'admin.import_log_chunk', { import_id, data: piece });
    }
  };
  try {
    const reader = file.stream().getReader();
    for (;;) {
      if (signal.aborted) {
        await client.request('admin.import_log_cancel', { import_id }).catch(() => undefined);
        return null;
      }
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      pending += decoder.decode(value);
      await send(false);
      onProgress({ bytes, totalBytes: file.size, records: last.records, skipped: last.skipped_count, saving: false });
    }
    pending += decoder.decode(new Uint8Array(0), true);
    await send(true);
    onProgress({ bytes, totalBytes: file.size, records: last.records, skipped: last.skipped_count, saving: true });
    return await client.requestWaiting(COMMIT_WAIT_MS, 'admin.import_log_commit', { import_id });
  } catch (error) {
    // A refused piece has ended the import on the server already; anything else cancels it.
    await client.request('admin.import_log_cancel', { import_id }).catch(() => undefined);
    throw error;
  }
}
