/**
 * Settings the operator changes from the console. They are stored in the data folder and
 * applied at once where the running server can (queue size, connection cap, admin password,
 * QRZ credentials); listening addresses and the heartbeat apply at the next start. A setting
 * fixed by a command-line flag or an environment variable cannot be overridden from here.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProtocolError } from '../../shared/protocol/errors.js';
import { isValidCallsign } from '../../shared/callsign.js';
import { isValidGrid } from '../../shared/ham/maidenhead.js';
import { parseRigAddress } from './integrations/rigctld.js';
import type { SettingsChanges, SettingsView } from '../../shared/protocol/entities.js';
import { CREDENTIALS_FILE, type AdminCredentials } from './auth/admin-credentials.js';
import { ConfigError, resolveConfig, type Flags, type ServerConfig, type StoredSettings } from './config.js';
import type { PileupStore } from './store/pileup-store.js';

type Key = keyof SettingsChanges;

/** Which flag or variable fixes each setting, so the console can show it as locked. */
const FIXED_BY: Record<Key, { flag?: keyof Flags; env: string[] }> = {
  max_queue_size: { env: ['MAX_QUEUE_SIZE'] },
  websocket_max_connections: { env: ['WEBSOCKET_MAX_CONNECTIONS'] },
  websocket_heartbeat_interval: { env: ['WEBSOCKET_HEARTBEAT_INTERVAL'] },
  port: { flag: 'port', env: ['PORT'] },
  status_port: { flag: 'status-port', env: ['STATUS_PORT'] },
  host: { flag: 'host', env: ['HOST'] },
  admin_password: { env: ['ADMIN_PASSWORD'] },
  qrz_username: { env: ['QRZ_USERNAME'] },
  qrz_password: { env: ['QRZ_PASSWORD'] },
  cooldown_minutes: { env: ['COOLDOWN_MINUTES'] },
  min_qso_seconds: { env: ['MIN_QSO_SECONDS'] },
  drop_absent_minutes: { env: ['DROP_ABSENT_MINUTES'] },
  station_callsign: { env: ['STATION_CALLSIGN'] },
  operator: { env: ['OPERATOR'] },
  my_grid: { env: ['MY_GRID'] },
  rigctld: { flag: 'rigctld', env: ['RIGCTLD'] },
  discovery: { flag: 'no-discovery', env: ['DISCOVERY'] }
};

export interface SettingsServiceOptions {
  flags: Flags;
  env: NodeJS.ProcessEnv;
  store: PileupStore;
  credentials: AdminCredentials;
  /** What the server is actually running with (addresses bound at start). */
  running: () => {
    port: number;
    requestedPort: number;
    statusPort: number;
    requestedStatusPort: number;
    host: string | null;
    heartbeatIntervalSec: number;
    /** Whether discovery was configured on at start (the advertisement is started then, or not). */
    discovery: boolean;
  };
  /** The status stream's key, shown to the operator for their monitoring tools. */
  statusKey: () => string;
  /** Called with the new effective configuration after every change. */
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

  private locked(): Key[] {
    const { flags, env } = this.options;
    return (Object.keys(FIXED_BY) as Key[]).filter((key) => {
      const { flag, env: names } = FIXED_BY[key];
      return (flag !== undefined && flags[flag] !== undefined) || names.some((name) => env[name] !== undefined && env[name] !== '');
    });
  }

  view(): SettingsView {
    const running = this.options.running();
    const c = this.config;
    const restartRequired: string[] = [];
    if (c.port !== running.requestedPort) restartRequired.push('port');
    if (c.statusPort !== running.requestedStatusPort) restartRequired.push('status_port');
    if (c.host !== running.host) restartRequired.push('host');
    if (c.heartbeatIntervalSec !== running.heartbeatIntervalSec) restartRequired.push('websocket_heartbeat_interval');
    if (c.discovery !== running.discovery) restartRequired.push('discovery');
    return {
      values: {
        max_queue_size: c.maxQueueSize,
        websocket_max_connections: c.maxConnections,
        websocket_heartbeat_interval: c.heartbeatIntervalSec,
        port: c.port,
        status_port: c.statusPort,
        host: c.host,
        admin_username: this.options.credentials.username,
        admin_password: this.options.credentials.password,
        qrz_username: c.qrzUsername,
        qrz_password_set: Boolean(c.qrzPassword),
        cooldown_minutes: c.cooldownMinutes,
        min_qso_seconds: c.minQsoSeconds,
        drop_absent_minutes: c.dropAbsentMinutes,
        station_callsign: c.stationCallsign,
        operator: c.operatorCallsign,
        my_grid: c.myGrid,
        rigctld: c.rigctld,
        discovery: c.discovery,
        status_key: this.options.statusKey()
      },
      locked: this.locked(),
      restart_required: restartRequired,
      running: { port: running.port, status_port: running.statusPort, host: running.host },
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
    for (const key of ['station_callsign', 'operator'] as const) {
      const value = changes[key];
      if (value && !isValidCallsign(value)) throw new ProtocolError('VALIDATION_ERROR', `${key}: "${value}" is not a valid callsign`);
    }
    if (changes.rigctld) {
      try {
        parseRigAddress(changes.rigctld);
      } catch (error) {
        throw new ProtocolError('VALIDATION_ERROR', `rigctld: ${(error as Error).message}`);
      }
    }
    if (changes.my_grid && !isValidGrid(changes.my_grid)) throw new ProtocolError('VALIDATION_ERROR', `my_grid: "${changes.my_grid}" is not a Maidenhead locator`);
    const { admin_password: password, ...rest } = changes;
    const storedChanges: StoredSettings = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const stored = { ...(await this.options.store.getSettings()), ...storedChanges };
    let next: ServerConfig;
    try {
      next = resolveConfig(this.options.flags, this.options.env, stored);
    } catch (error) {
      if (error instanceof ConfigError) throw new ProtocolError('VALIDATION_ERROR', error.message.replace(/stored setting for --|stored /, ''));
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
