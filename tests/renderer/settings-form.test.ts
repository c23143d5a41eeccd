/** The console's settings form logic: what it sends when the operator saves. */
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../src/shared/protocol/entities.js';
import { SHOWN, changesFrom, draftFrom } from '../../src/renderer/src/state/settings-form.js';

const view: SettingsView = {
  values: {
    host: null,
    port: 8000,
    status_port: 5001,
    max_queue_size: 4,
    websocket_max_connections: 100,
    websocket_heartbeat_interval: 30,
    qrz_username: 'me',
    rigctld: null,
    udp_log: null,
    station_callsign: 'W1AW',
    operator: null,
    my_grid: null,
    min_qso_seconds: 2,
    drop_absent_minutes: 0,
    cooldown_minutes: 0,
    discovery: true,
    admin_username: 'admin',
    admin_password: 'current-pass-1',
    qrz_password_set: true,
    status_key: 'k'
  },
  locked: [],
  restart_required: [],
  running: { port: 8000, status_port: 5001, host: null },
  data_dir: '/tmp/x'
};

describe('settings form', () => {
  it('sends nothing when nothing changed, and blank passwords keep the current ones', () => {
    expect(changesFrom(draftFrom(view), view, SHOWN)).toEqual({});
  });

  it('sends passwords exactly as typed, and other text trimmed', () => {
    const draft = { ...draftFrom(view), admin_password: ' spaced pass ', qrz_password: ' q ', station_callsign: ' k1abc ', cooldown_minutes: ' 5 ' };
    expect(changesFrom(draft, view, SHOWN)).toEqual({ admin_password: ' spaced pass ', qrz_password: ' q ', station_callsign: 'K1ABC', cooldown_minutes: 5 });
  });

  it('clears a text setting left blank, and refuses a number out of range with its limits', () => {
    expect(changesFrom({ ...draftFrom(view), station_callsign: '', qrz_username: '  ' }, view, SHOWN)).toEqual({ station_callsign: null, qrz_username: null });
    expect(changesFrom({ ...draftFrom(view), cooldown_minutes: '2000' }, view, SHOWN)).toBe('Cooldown (minutes) must be a whole number from 0 to 1440');
  });

  it('switching the UDP log feed on fills in the usual local logger, and off clears it', () => {
    const draft = draftFrom(view);
    expect(draft.udp_log_on).toBe('off');
    expect(changesFrom({ ...draft, udp_log_on: 'on', udp_log: '' }, view, SHOWN)).toEqual({ udp_log: '127.0.0.1:2237' });
    expect(changesFrom({ ...draft, udp_log_on: 'on', udp_log: ' 192.168.1.5:2237, 127.0.0.1:2238 ' }, view, SHOWN)).toEqual({ udp_log: '192.168.1.5:2237, 127.0.0.1:2238' });
    const on = { ...view, values: { ...view.values, udp_log: '127.0.0.1:2237' } };
    expect(draftFrom(on).udp_log_on).toBe('on');
    expect(changesFrom({ ...draftFrom(on), udp_log_on: 'off' }, on, SHOWN)).toEqual({ udp_log: null });
  });
});
