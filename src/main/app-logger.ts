/**
 * The desktop app's log: JSON lines (the server's own format) in a file in the data folder, so an
 * operator can find and send it, and on stderr too when there is one.
 *
 * A Windows GUI app started from its shortcut has no stderr: writing to it fails with EBADF and
 * would crash the main process (pinojs/pino#1868), so a packaged Windows app logs to the file
 * only.
 */
import { renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './server/logger.js';

export const LOG_FILE_NAME = 'pileup-buster.log';
/** Past this size the log is moved to `<name>.1` at start-up (one old log is kept). */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

export interface AppLogger {
  logger: Logger;
  /** null when the log file could not be opened (the log then goes to stderr only). */
  file: string | null;
}

export function logLevelFrom(value: string | undefined): LogLevel {
  const level = value?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as LogLevel) : 'info';
}

function rotate(file: string): void {
  try {
    if (statSync(file).size > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet, or it cannot be moved: keep appending.
  }
}

export function createAppLogger(options: { logDir: string; level: LogLevel; toStderr: boolean }): AppLogger {
  let file: string | null = join(options.logDir, LOG_FILE_NAME);
  rotate(file);
  // Each stream takes everything; the logger's own level decides (it is raised or lowered to the
  // configured level once the server has read its settings).
  const streams: pino.StreamEntry[] = [];
  try {
    const toFile = pino.destination({ dest: file, mkdir: true, sync: true });
    toFile.on('error', () => undefined);
    streams.push({ level: 'trace', stream: toFile });
  } catch {
    // An unwritable data folder is reported by the server's start-up, with a clearer message.
    file = null;
  }
  if (options.toStderr) {
    const toStderr = pino.destination({ fd: 2, sync: true });
    toStderr.on('error', () => undefined);
    streams.push({ level: 'trace', stream: toStderr });
  }
  return { logger: createLogger(options.level, pino.multistream(streams)), file };
}
