/**
 * What the live map needs from the server: where each caller is (its QRZ grid, else its country's
 * centre), and where this station is (my grid, in the station identity every client has).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gridToLatLon } from '../../src/shared/ham/maidenhead.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';
import { startFakeQrzServer, type FakeQrz } from '../helpers/fake-qrz-server.js';

let h: Harness | undefined;
let fake: FakeQrz | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

describe('places for the map', () => {
  it('each caller has a location (QRZ grid, else the country’s centre), with or without my grid; my grid is in the station identity and follows the setting', async () => {
    fake = await startFakeQrzServer({ stations: [{ call: 'JA1XYZ', fname: 'Hiroshi', name: 'Tanaka', addr2: 'Tokyo', country: 'Japan', grid: 'PM95tq' }] });
    h = await startHarness({ QRZ_USERNAME: fake.username, QRZ_PASSWORD: fake.password, QRZ_BASE_URL: fake.baseUrl });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('queue.register', { callsign: 'DL1ABC' });
    // No grid set: no distance, but still a place on the world map.
    let [dl] = (await admin.request('queue.list')).queue;
    expect(dl?.distance_km).toBeNull();
    expect(dl?.location?.lat).toBeGreaterThan(45);
    expect(dl?.location?.lat).toBeLessThan(56);
    expect((await admin.request('public.get_snapshot')).station.grid).toBeNull();

    const watcher = await h.connect();
    const grids: Array<string | null | undefined> = [];
    watcher.on('station_update', (station) => grids.push(station.grid));
    await admin.request('admin.update_settings', { my_grid: 'FN31pr' });
    await expect.poll(() => grids).toEqual(['FN31pr']);
    await admin.request('queue.register', { callsign: 'JA1XYZ' });
    await expect.poll(async () => (await admin.request('queue.list')).queue[1]?.qrz?.grid).toBe('PM95tq');
    const [, ja] = (await admin.request('queue.list')).queue;
    const tokyo = gridToLatLon('PM95tq')!;
    expect(ja?.location).toEqual({ lat: Math.round(tokyo.lat * 100) / 100, lon: Math.round(tokyo.lon * 100) / 100 });
    [dl] = (await admin.request('queue.list')).queue;
    expect(dl?.distance_km).toBeGreaterThan(5000);
    // The QSO in progress carries it too.
    const { current_qso } = await admin.request('admin.next_qso');
    expect(current_qso?.location).toEqual(dl?.location);
  });
});
