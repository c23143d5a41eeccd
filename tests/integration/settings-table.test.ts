/**
 * The settings operations are derived from the settings table: every console setting can be
 * locked by its environment variable, and every setting the table says applies at the next start
 * is reported so after a change, and nothing else is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CONSOLE_SETTINGS, SETTINGS, storedKey, type SettingSpec } from '../../src/shared/settings.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

/** A valid value for each console setting, as text (for its variable) and as sent by the console. */
const SAMPLES: Record<string, { text: string; value: unknown }> = {
  host: { text: '127.0.0.1', value: '127.0.0.1' },
  port: { text: '0', value: 8123 },
  status_port: { text: '0', value: 5123 },
  admin_password: { text: 'test-password-123', value: 'a-new-password-99' },
  max_queue_size: { text: '7', value: 9 },
  websocket_max_connections: { text: '50', value: 60 },
  websocket_heartbeat_interval: { text: '20', value: 25 },
  qrz_username: { text: 'qrzuser', value: 'other' },
  qrz_password: { text: 'qrzpass', value: 'otherpass' },
  rigctld: { text: '127.0.0.1:1', value: '127.0.0.1:2' },
  udp_log: { text: '127.0.0.1:9', value: '127.0.0.1:9, 127.0.0.1:10' },
  station_callsign: { text: 'W1AW', value: 'K1ABC' },
  operator: { text: 'W1AW', value: 'K1ABC' },
  my_grid: { text: 'FN31', value: 'JO62' },
  min_qso_seconds: { text: '3', value: 4 },
  drop_absent_minutes: { text: '5', value: 6 },
  cooldown_minutes: { text: '1', value: 2 },
  discovery: { text: 'off', value: false }
};

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('settings operations derived from the settings table', () => {
  it('has a sample for every console setting', () => {
    expect(CONSOLE_SETTINGS.map(storedKey).filter((key) => !(key in SAMPLES))).toEqual([]);
  });

  it('every console setting given by its environment variable is locked, and a change to it is refused', async () => {
    const env = Object.fromEntries(CONSOLE_SETTINGS.map((name) => [(SETTINGS[name] as SettingSpec).env[0]!, SAMPLES[storedKey(name)]!.text]));
    h = await startHarness({ ...env, DISCOVERY: 'off' });
    const admin = await h.connectAdmin();
    const view = await admin.request('admin.get_settings');
    expect([...view.locked].sort()).toEqual(CONSOLE_SETTINGS.map(storedKey).sort());
    await expect(admin.request('admin.update_settings', { max_queue_size: 12 })).rejects.toThrow('fixed by the command line or environment');
  });

  it('a change to a setting that applies at the next start is reported so; one that applies now is in effect', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    // The test server's addresses are fixed by its environment; everything else is changed at once.
    const { locked } = await admin.request('admin.get_settings');
    const changeable = CONSOLE_SETTINGS.filter((name) => storedKey(name) !== 'admin_password' && !locked.includes(storedKey(name)));
    expect(changeable.some((name) => SETTINGS[name].applies === 'next start')).toBe(true);
    const changes = Object.fromEntries(changeable.map((name) => [storedKey(name), SAMPLES[storedKey(name)]!.value]));
    const view = await admin.request('admin.update_settings', changes);
    const nextStart = changeable.filter((name) => SETTINGS[name].applies === 'next start').map(storedKey);
    expect([...view.restart_required].sort()).toEqual([...nextStart].sort());
    expect(view.values.max_queue_size).toBe(9);
    expect((await admin.request('queue.list')).max_size).toBe(9);
    expect(view.values.station_callsign).toBe('K1ABC');
  });

  it('refuses what the table refuses, with the reason', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await expect(admin.request('admin.update_settings', { max_queue_size: 0 })).rejects.toThrow();
    await expect(admin.request('admin.update_settings', { station_callsign: 'NOT A CALL' })).rejects.toThrow('not a valid callsign');
    await expect(admin.request('admin.update_settings', { my_grid: 'ZZ99' })).rejects.toThrow('not a Maidenhead locator');
    await expect(admin.request('admin.update_settings', { admin_password: 'short' })).rejects.toThrow('at least 8 characters');
    expect((await admin.request('admin.get_settings')).values.max_queue_size).toBe(SETTINGS.maxQueueSize.default);
  });

  it('clears an optional setting with null or with an empty string', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await admin.request('admin.update_settings', { station_callsign: 'k1abc', my_grid: 'FN31', qrz_username: 'someone' });
    expect((await admin.request('admin.get_settings')).values).toMatchObject({ station_callsign: 'K1ABC', my_grid: 'FN31', qrz_username: 'someone' });
    await admin.request('admin.update_settings', { station_callsign: '', my_grid: null, qrz_username: '' });
    expect((await admin.request('admin.get_settings')).values).toMatchObject({ station_callsign: null, my_grid: null, qrz_username: null });
  });
});
