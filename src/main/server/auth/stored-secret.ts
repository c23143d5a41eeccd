/**
 * A secret kept in a small JSON file in the data folder, readable only by the user: read it if
 * it is there, otherwise generate one. Used for the admin password and the status stream key.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';

export interface StoredSecret {
  value: string;
  /** True only on the run that created it. */
  generated: boolean;
}

export async function loadOrCreateSecret(file: string, field: string, bytes: number): Promise<StoredSecret> {
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const value = stored[field];
    if (typeof value === 'string' && value.length > 0) return { value, generated: false };
    throw new Error(`${file} has no ${field}; delete it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = randomBytes(bytes).toString('base64url');
  // 'wx' fails if another process created the file meanwhile, so two first runs cannot disagree.
  await writeFile(file, `${JSON.stringify({ [field]: value, created: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return { value, generated: true };
}
