/**
 * Server configuration. Each setting is resolved as: command-line flag, then environment
 * variable, then the settings stored in the data folder, then the default. Every value is
 * validated; a bad one stops start-up with a message naming where it came from.
 */
import { PRODUCT_NAME } from '../../shared/product.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS, SETTING_NAMES, type SettingName, type SettingSpec, type SettingValue, type StoredSettings } from '../../shared/settings.js';
import { configurationRows } from '../../shared/settings-help.js';
import { parseUdpTargets } from './integrations/wsjtx/udp-targets.js';

export type { StoredSettings } from '../../shared/settings.js';

/** What the server runs with: one value per setting of the settings table, and the data folder resolved. */
export type ServerConfig = { [K in Exclude<SettingName, 'dataDir'>]: SettingValue<K> } & { dataDir: string };

type FlagName = { [K in SettingName]: (typeof SETTINGS)[K] extends { flag: infer F extends string } ? F : never }[SettingName];
/** Command-line flags: `--name value` (repeated, for some), or `--no-name` for a switch. */
export type Flags = Partial<Record<FlagName, string | boolean | string[]>>;

/** Every flag of the settings table, for the command-line parser. */
export const FLAG_OPTIONS: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = Object.fromEntries(
  SETTING_NAMES.flatMap((name) => {
    const spec = SETTINGS[name] as SettingSpec;
    if (!spec.flag) return [];
    return [[spec.flag, { type: spec.flag.startsWith('no-') ? 'boolean' : 'string', ...(spec.repeatable ? { multiple: true } : {}) }]];
  })
);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where the desktop app keeps its data, so the headless server and the app share one datastore. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const appFolder = PRODUCT_NAME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appFolder);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appFolder);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appFolder);
}

type Source = { value: unknown; from: string };

const ON = ['on', 'true', '1', 'yes'];
const OFF = ['off', 'false', '0', 'no'];

/** Where a setting is given, first to last: flag, environment variables, stored value. */
function sourceOf(spec: SettingSpec, flags: Flags, env: NodeJS.ProcessEnv, stored: StoredSettings): Source | undefined {
  const candidates: Source[] = [];
  if (spec.flag) {
    const given = flags[spec.flag as FlagName];
    // `--no-x` switches x off; left out, it leaves the choice to the levels below.
    const value = spec.flag.startsWith('no-') ? (given === true ? false : undefined) : Array.isArray(given) ? given.join(',') : given;
    candidates.push({ value, from: `--${spec.flag}` });
  }
  for (const name of spec.env) candidates.push({ value: env[name], from: name });
  if (spec.stored && !spec.keptApart) candidates.push({ value: (stored as Record<string, unknown>)[spec.stored], from: `the stored setting ${spec.stored}` });
  return candidates.find(({ value }) => value !== undefined && value !== null && value !== '');
}

/** Reads a given value as the table says, or throws a ConfigError naming where it came from. */
function read(spec: SettingSpec, { value, from }: Source): unknown {
  const text = String(value).trim();
  switch (spec.textForm) {
    case 'integer': {
      const { minValue, maxValue } = spec.schema as unknown as { minValue: number; maxValue: number };
      const n = Number(text);
      if (!/^-?\d+$/.test(text) || !spec.schema.safeParse(n).success) throw new ConfigError(`${from} must be a whole number from ${minValue} to ${maxValue}, got "${text}"`);
      return n;
    }
    case 'on-off': {
      if (typeof value === 'boolean') return value;
      const word = text.toLowerCase();
      if (ON.includes(word)) return true;
      if (OFF.includes(word)) return false;
      throw new ConfigError(`${from} must be on or off (${[...ON, ...OFF].join(', ')}), got "${String(value)}"`);
    }
    case 'word': {
      const parsed = spec.schema.safeParse(text.toLowerCase());
      if (parsed.success) return parsed.data;
      const options = (spec.schema as unknown as { options: readonly string[] }).options;
      throw new ConfigError(`${from} must be one of ${options.join(', ')}, got "${text}"`);
    }
    case 'text': {
      const parsed = spec.schema.safeParse(String(value));
      if (parsed.success) return parsed.data;
      throw new ConfigError(`${from}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    }
  }
}

/** The data folder decides where stored settings live, so it is resolved first, on its own. */
export function resolveDataDir(flags: Flags, env: NodeJS.ProcessEnv): string {
  const source = sourceOf(SETTINGS.dataDir, flags, env, {});
  return source ? String(read(SETTINGS.dataDir, source)) : defaultDataDir(env);
}

/** Checks a setting's value needs beyond its schema (the schemas are shared with the console, which has no Node). */
const SERVER_CHECKS: Partial<Record<SettingName, (value: string) => void>> = {
  udpLog: (value) => void parseUdpTargets(value)
};

/** Each setting from its flag, then its environment variables, then the stored value, then its default. */
export function resolveConfig(flags: Flags, env: NodeJS.ProcessEnv, stored: StoredSettings = {}): ServerConfig {
  const values = Object.fromEntries(
    SETTING_NAMES.map((name) => {
      const spec: SettingSpec = SETTINGS[name];
      const source = sourceOf(spec, flags, env, stored);
      const value = source ? read(spec, source) : spec.default;
      const check = SERVER_CHECKS[name];
      if (check && source && typeof value === 'string') {
        try {
          check(value);
        } catch (error) {
          throw new ConfigError(`${source.from}: ${(error as Error).message}`);
        }
      }
      return [name, value];
    })
  );
  return { ...values, dataDir: resolveDataDir(flags, env) } as ServerConfig;
}

/** The configuration table shown by `--help` and in the README, with this machine's data folder. */
export function configurationHelp(env: NodeJS.ProcessEnv = process.env): ReturnType<typeof configurationRows> {
  return configurationRows().map((row) => (row.env === '`DATA_DIR`' ? { ...row, default: defaultDataDir(env) } : row));
}
