/**
 * Settings the operator changes from the console. They are stored in the data folder and
 * applied at once where the running server can (queue size, connection cap, admin password,
 * QRZ credentials); listening addresses and the heartbeat apply at the next start. A setting
 * fixed by a command-line flag or an environment variable cannot be overridden from here.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProtocolError } from '../../shared/protocol/errors.js';
import type { SettingsView } from '../../shared/protocol/entities.js';
import { CONSOLE_SETTINGS, SETTINGS, storedKey, type SettingSpec } from '../../shared/settings.js';
import { SHOWN_SETTINGS, type SettingsChanges, type SettingsKey } from '../../shared/protocol/settings-schemas.js';
import { parseRigAddress } from './integrations/rigctld-address.js';
import { parseUdpTargets } from './integrations/wsjtx/udp-targets.js';
import { CREDENTIALS_FILE, type AdminCredentials } from './auth/admin-credentials.js';
import { ConfigError, resolveConfig, type Flags, type ServerConfig, type StoredSettings } from './config.js';
import type { PileupStorage } from './store/storage.js';

export interface SettingsServiceOptions {
  flags: Flags;
  env: NodeJS.ProcessEnv;
  store: Pick<PileupStorage, 'getSettings' | 'updateSettings'>;
  credentials: AdminCredentials;
  /** The configuration the server started with: a setting that applies at the next start differs from it until then. */
  startedWith: ServerConfig;
  /** Where the server is listening now (a taken port falls back to the next). */
  running: () => { port: number; statusPort: number };
  /** The status stream's key, shown to the operator for their monitoring tools. */
  statusKey: () => string;
  /** Puts changed settings to work; its announcements go out before the operation answers. */
  apply: (config: ServerConfig, previous: ServerConfig) => Promise<void>;
}

export class SettingsService {
  constructor(
    private config: ServerConfig,
    private readonly options: SettingsServiceOptions
  ) {}

  get current(): ServerConfig {
    return this.config;
  }

  /** Console settings fixed by their flag or an environment variable, by stored key. */
  private locked(): SettingsKey[] {
    const { flags, env } = this.options;
    return CONSOLE_SETTINGS.filter((name) => {
      const spec: SettingSpec = SETTINGS[name];
      return (spec.flag !== undefined && flags[spec.flag as keyof Flags] !== undefined) || spec.env.some((variable) => env[variable] !== undefined && env[variable] !== '');
    }).map(storedKey);
  }

  view(): SettingsView {
    const running = this.options.running();
    const c = this.config;
    const started = this.options.startedWith;
    const restartRequired = CONSOLE_SETTINGS.filter((name) => SETTINGS[name].applies === 'next start' && c[name as keyof ServerConfig] !== started[name as keyof ServerConfig]).map(
      storedKey
    );
    const shown = Object.fromEntries(SHOWN_SETTINGS.map((name) => [storedKey(name), c[name]]));
    return {
      values: {
        ...(shown as SettingsView['values']),
        admin_username: this.options.credentials.username,
        admin_password: this.options.credentials.password,
        qrz_password_set: Boolean(c.qrzPassword),
        status_key: this.options.statusKey()
      },
      locked: this.locked(),
      restart_required: restartRequired,
      running: { port: running.port, status_port: running.statusPort, host: started.host },
      data_dir: c.dataDir
    };
  }

  async update(changes: SettingsChanges): Promise<SettingsView> {
    const locked = this.locked().filter((key) => changes[key] !== undefined);
    if (locked.length > 0) {
      throw new ProtocolError(
        'VALIDATION_ERROR',
        `${locked.join(', ')} ${locked.length > 1 ? 'are' : 'is'} fixed by the command line or environment and cannot be changed here`
      );
    }
    if (changes.rigctld) {
      try {
        parseRigAddress(changes.rigctld);
      } catch (error) {
        throw new ProtocolError('VALIDATION_ERROR', `rigctld: ${(error as Error).message}`);
      }
    }
    if (changes.udp_log) {
      try {
        parseUdpTargets(changes.udp_log);
      } catch (error) {
        throw new ProtocolError('VALIDATION_ERROR', `udp_log: ${(error as Error).message}`);
      }
    }
    const { admin_password: password, ...rest } = changes;
    const storedChanges: StoredSettings = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const stored = { ...(await this.options.store.getSettings()), ...storedChanges };
    let next: ServerConfig;
    try {
      next = resolveConfig(this.options.flags, this.options.env, stored);
    } catch (error) {
      if (error instanceof ConfigError) throw new ProtocolError('VALIDATION_ERROR', error.message.replace('the stored setting ', ''));
      throw error;
    }
    if (password !== undefined) await this.changeAdminPassword(password);
    if (Object.keys(storedChanges).length > 0) await this.options.store.updateSettings(storedChanges);
    const previous = this.config;
    this.config = next;
    await this.options.apply(next, previous);
    return this.view();
  }

  private async changeAdminPassword(password: string): Promise<void> {
    const credentials = this.options.credentials;
    const file = credentials.file ?? join(this.config.dataDir, CREDENTIALS_FILE);
    await writeFile(file, `${JSON.stringify({ password, changed: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
    credentials.password = password;
    credentials.file = file;
    credentials.source = 'stored';
  }
}
