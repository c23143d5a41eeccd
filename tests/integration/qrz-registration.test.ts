/** Registration with QRZ.com lookups, against a local server speaking QRZ's XML over HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeQrzServer, type FakeQrz } from '../helpers/fake-qrz-server.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | undefined;
let fake: FakeQrz | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = fake = undefined;
});

async function setup(delayMs = 0): Promise<Harness> {
  fake = await startFakeQrzServer({ delayMs });
  h = await startHarness({ QRZ_USERNAME: fake.username, QRZ_PASSWORD: fake.password, QRZ_BASE_URL: fake.baseUrl });
  const admin = await h.connectAdmin();
  await admin.request('admin.set_system_status', { active: true });
  return h;
}

describe('QRZ lookups on registration', () => {
  it('stores name, QTH, country, grid and image in the entry, and in the events and on disk', async () => {
    const harness = await setup();
    const station = await harness.connect();
    const { entry } = await station.request('queue.register', { callsign: 'w1aw' });
    expect(entry.qrz).toEqual({
      callsign: 'W1AW',
      name: 'Hiram Percy Maxim',
      qth: 'Newington, CT',
      country: 'United States',
      grid: 'FN31pr',
      image: 'https://cdn-xml.qrz.com/w1aw/w1aw.jpg'
    });
    expect((await harness.server.store.loadQueue())[0]?.qrz?.grid).toBe('FN31pr');
    const admin = await harness.connectAdmin();
    const { current_qso } = await admin.request('admin.next_qso');
    expect(current_qso?.qrz?.name).toBe('Hiram Percy Maxim');
    const { completed_qso } = await admin.request('admin.complete_qso');
    expect(completed_qso?.qrz?.qth).toBe('Newington, CT');
  });

  it('reuses the session and the cache across registrations', async () => {
    const harness = await setup();
    const station = await harness.connect();
    const admin = await harness.connectAdmin();
    await station.request('queue.register', { callsign: 'W1AW' });
    await station.request('queue.register', { callsign: 'DL1ABC' });
    await admin.request('admin.remove_callsign', { callsign: 'W1AW' });
    await station.request('queue.register', { callsign: 'W1AW' });
    expect(fake!.loginRequests).toBe(1);
    expect(fake!.lookupRequests).toBe(2);
  });

  it('an unknown call registers without QRZ data', async () => {
    const harness = await setup();
    const { entry } = await (await harness.connect()).request('queue.register', { callsign: 'N0AX' });
    expect(entry).toMatchObject({ callsign: 'N0AX', qrz: null });
  });

  it('a QRZ that does not answer delays a registration by about 2 s at most', async () => {
    const harness = await setup(10_000);
    const station = await harness.connect();
    const started = Date.now();
    const { entry } = await station.request('queue.register', { callsign: 'W1AW' });
    const took = Date.now() - started;
    expect(entry.qrz).toBeNull();
    expect(took).toBeLessThan(2800);
    console.log(`registration with a silent QRZ took ${took} ms`);
  });

  it('a QRZ that is down never blocks a registration', async () => {
    fake = await startFakeQrzServer();
    const deadUrl = fake.baseUrl;
    await fake.close();
    fake = undefined;
    h = await startHarness({ QRZ_USERNAME: 'u', QRZ_PASSWORD: 'p', QRZ_BASE_URL: deadUrl });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const { entry } = await admin.request('queue.register', { callsign: 'W1AW' });
    expect(entry).toMatchObject({ callsign: 'W1AW', position: 1, qrz: null });
  });
});
