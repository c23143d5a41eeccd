/**
 * A crash in the middle of an append leaves the last line of a NeDB file torn. These helpers set
 * such a line aside (never silently: its bytes go to `<file>.torn-<time>`) before the file loads.
 */
import { open, readFile, stat, truncate, writeFile } from 'node:fs/promises';

export interface TornLineRepair {
  /** Where the torn bytes were kept. */
  backup: string;
  bytes: number;
}

function isJsonLine(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * If, and only if, the last line of `file` is not valid JSON while every other line is, moves it
 * to a backup file next to it and cuts it from the file. Returns what was set aside, or null
 * when the file is missing, empty, whole, or corrupt elsewhere (NeDB then refuses to load it and
 * the file stays exactly as it was).
 */
export async function repairTornLastLine(file: string, now: Date = new Date()): Promise<TornLineRepair | null> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!info.isFile() || info.size === 0) return null;
  const content = await readFile(file);
  // Ignore trailing newlines when finding the last line: "…}\n" ends with a whole line.
  let end = content.length;
  while (end > 0 && (content[end - 1] === 0x0a || content[end - 1] === 0x0d)) end--;
  if (end === 0) return null;
  const start = content.lastIndexOf(0x0a, end - 1) + 1;
  const last = content.subarray(start, end).toString('utf8');
  if (isJsonLine(last)) return null;
  const earlier = content.subarray(0, start).toString('utf8').split('\n');
  if (!earlier.every((line) => line.trim() === '' || isJsonLine(line))) return null;

  const backup = `${file}.torn-${now.toISOString().replace(/[:.]/g, '-')}`;
  const torn = content.subarray(start);
  await writeFile(backup, torn, { mode: 0o600, flag: 'wx' });
  const handle = await open(backup, 'r');
  await handle.sync().finally(() => handle.close());
  await truncate(file, start);
  return { backup, bytes: torn.length };
}

/**
 * After a failed append (e.g. disk full) the file may end in part of a line; the next append
 * would glue onto it. Cuts the file back to its last newline.
 */
export async function trimPartialLine(file: string): Promise<void> {
  const content = await readFile(file);
  if (content.length === 0 || content[content.length - 1] === 0x0a) return;
  await truncate(file, content.lastIndexOf(0x0a) + 1);
}
