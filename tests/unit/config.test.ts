import { describe, expect, it } from 'vitest';
import { ConfigError, configurationHelp, defaultDataDir, resolveConfig } from '../../src/main/server/config.js';
import { SETTINGS } from '../../src/shared/settings.js';

describe('configuration precedence: flag > environment > stored setting > default', () => {
  it('uses the defaults of the seed when nothing is set', () => {
    const config = resolveConfig({}, {});
    expect(config).toMatchObject({
      host: null,
      port: 8000,
      statusPort: 5001,
      adminUsername: 'admin',
      adminPassword: null,
      maxQueueSize: 4,
      maxConnections: 100,
      heartbeatIntervalSec: 30,
      qrzUsername: null,
      qrzBaseUrl: SETTINGS.qrzBaseUrl.default,
      logLevel: 'info'
    });
    expect(config.dataDir).toBe(defaultDataDir({}));
  });

  it('takes each level over the ones below it', () => {
    const stored = { port: 9001, max_queue_size: 6, host: '10.0.0.1', status_port: 5100 };
    expect(resolveConfig({}, {}, stored)).toMatchObject({ port: 9001, maxQueueSize: 6, host: '10.0.0.1', statusPort: 5100 });
    const env = { PORT: '9002', MAX_QUEUE_SIZE: '8', HOST: '::1', STATUS_PORT: '5200' };
    expect(resolveConfig({}, env, stored)).toMatchObject({ port: 9002, maxQueueSize: 8, host: '::1', statusPort: 5200 });
    const flags = { port: '9003', host: '127.0.0.1', 'status-port': '5300', 'data-dir': '/tmp/x' };
    expect(resolveConfig(flags, { ...env, DATA_DIR: '/tmp/y' }, stored)).toMatchObject({
      port: 9003,
      host: '127.0.0.1',
      statusPort: 5300,
      dataDir: '/tmp/x',
      maxQueueSize: 8
    });
  });

  it('reads every seed variable', () => {
    const config = resolveConfig(
      {},
      {
        ADMIN_USERNAME: 'op',
        ADMIN_PASSWORD: 's3cret',
        WEBSOCKET_MAX_CONNECTIONS: '12',
        WEBSOCKET_HEARTBEAT_INTERVAL: '5',
        QRZ_USERNAME: 'qu',
        QRZ_PASSWORD: 'qp',
        LOG_LEVEL: 'DEBUG'
      }
    );
    expect(config).toMatchObject({
      adminUsername: 'op',
      adminPassword: 's3cret',
      maxConnections: 12,
      heartbeatIntervalSec: 5,
      qrzUsername: 'qu',
      qrzPassword: 'qp',
      logLevel: 'debug'
    });
  });

  it('treats an empty variable as unset', () => {
    expect(resolveConfig({}, { PORT: '', ADMIN_PASSWORD: '' }).port).toBe(8000);
    expect(resolveConfig({}, { ADMIN_PASSWORD: '' }).adminPassword).toBeNull();
  });

  it.each([
    [{}, { PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535, got "eighty"'],
    [{ port: '70000' }, {}, '--port must be a whole number from 0 to 65535, got "70000"'],
    [{}, { MAX_QUEUE_SIZE: '0' }, 'MAX_QUEUE_SIZE must be a whole number from 1'],
    [{}, { MAX_QUEUE_SIZE: '2.5' }, 'MAX_QUEUE_SIZE must be a whole number'],
    [{}, { WEBSOCKET_HEARTBEAT_INTERVAL: '-1' }, 'WEBSOCKET_HEARTBEAT_INTERVAL must be a whole number'],
    [{}, { LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of']
  ])('rejects %j %j with a message naming the source', (flags, env, message) => {
    expect(() => resolveConfig(flags, env)).toThrow(ConfigError);
    expect(() => resolveConfig(flags, env)).toThrow(message);
  });

  it('never takes the admin password from the stored settings (it lives in the credentials file)', () => {
    expect(resolveConfig({}, {}, { admin_password: 'from-settings-db' }).adminPassword).toBeNull();
    expect(resolveConfig({}, { ADMIN_PASSWORD: 'from-env-123' }, { admin_password: 'from-settings-db' }).adminPassword).toBe('from-env-123');
  });

  it('names a bad stored setting as such', () => {
    expect(() => resolveConfig({}, {}, { port: -5 })).toThrow('the stored setting port must be a whole number');
  });
});

describe('LAN discovery setting', () => {
  it('is on by default', () => {
    expect(resolveConfig({}, {}).discovery).toBe(true);
    expect(SETTINGS.discovery.default).toBe(true);
  });

  it.each(['off', 'false', '0', 'no', 'OFF', ' False '])('DISCOVERY=%j turns it off', (value) => {
    expect(resolveConfig({}, { DISCOVERY: value }).discovery).toBe(false);
  });

  it.each(['on', 'true', '1', 'yes', 'ON'])('DISCOVERY=%j turns it on', (value) => {
    expect(resolveConfig({}, { DISCOVERY: value }, { discovery: false }).discovery).toBe(true);
  });

  it('takes --no-discovery over the environment, the environment over the stored setting, and that over the default', () => {
    expect(resolveConfig({}, {}, { discovery: false }).discovery).toBe(false);
    expect(resolveConfig({}, { DISCOVERY: 'on' }, { discovery: false }).discovery).toBe(true);
    expect(resolveConfig({}, { DISCOVERY: 'off' }, { discovery: true }).discovery).toBe(false);
    expect(resolveConfig({ 'no-discovery': true }, { DISCOVERY: 'on' }, { discovery: true }).discovery).toBe(false);
    // An unset flag leaves the choice to the levels below.
    expect(resolveConfig({ 'no-discovery': false }, { DISCOVERY: 'on' }).discovery).toBe(true);
    expect(resolveConfig({}, { DISCOVERY: '' }).discovery).toBe(true);
  });

  it('rejects a value that is neither on nor off, naming where it came from', () => {
    expect(() => resolveConfig({}, { DISCOVERY: 'maybe' })).toThrow(ConfigError);
    expect(() => resolveConfig({}, { DISCOVERY: 'maybe' })).toThrow('DISCOVERY must be on or off');
  });

  it('refuses a status key shorter than 32 characters, from either variable', () => {
    expect(() => resolveConfig({}, { STATUS_KEY: 'eighteen-chars-key' })).toThrow(/STATUS_KEY: must be at least 32 characters/);
    expect(() => resolveConfig({}, { WEBSOCKET_KEY: 'short' })).toThrow(/WEBSOCKET_KEY: must be at least 32 characters/);
    expect(() => resolveConfig({}, { STATUS_KEY: ' '.repeat(32) })).toThrow(/must not contain spaces/);
    expect(() => resolveConfig({}, { STATUS_KEY: 'k'.repeat(32) })).toThrow(/at least 8 different characters/);
    expect(resolveConfig({}, { STATUS_KEY: 'status-test-key-0123456789abcdef' }).statusKey).toBe('status-test-key-0123456789abcdef');
  });

  it('is listed in the --help table', () => {
    expect(configurationHelp().find((row) => row.flag === '`--no-discovery`')).toEqual({
      flag: '`--no-discovery`',
      env: '`DISCOVERY`',
      default: 'on',
      help: expect.stringContaining('_pileup-buster._tcp')
    });
  });
});
