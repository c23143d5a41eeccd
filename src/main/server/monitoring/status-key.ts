/**
 * The status stream's key: STATUS_KEY (or Hydrogen's WEBSOCKET_KEY) when set, otherwise one
 * generated on first run (32 characters) and kept in the data folder, readable only by the user.
 */
import { join } from 'node:path';
import { statusKeySchema } from '../../../shared/settings.js';
import { loadOrCreateSecret } from '../auth/stored-secret.js';
import { ConfigError } from '../config.js';

export const STATUS_KEY_FILE = 'status-key.json';

export interface StatusKey {
  key: string;
  source: 'environment' | 'stored' | 'generated';
  file: string | null;
}

export async function loadStatusKey(dataDir: string, fromEnv: string | null): Promise<StatusKey> {
  if (fromEnv) return { key: fromEnv, source: 'environment', file: null };
  const file = join(dataDir, STATUS_KEY_FILE);
  // 24 random bytes: 32 URL-safe characters.
  const { value, generated } = await loadOrCreateSecret(file, 'key', 24);
  // A key edited into the file is held to the same rule as one given in the environment.
  const checked = statusKeySchema.safeParse(value);
  if (!checked.success) throw new ConfigError(`The status key in ${file} ${checked.error.issues[0]?.message ?? 'is not valid'}; set a better one, or delete the file to generate one`);
  return { key: value, source: generated ? 'generated' : 'stored', file };
}
