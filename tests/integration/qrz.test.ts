import { afterEach, describe, expect, it } from 'vitest';
import { pino, type Logger } from 'pino';
import { QrzClient, type QrzClientOptions } from '../../src/main/server/integrations/qrz.js';
import { startFakeQrzServer, type FakeQrz } from '../helpers/fake-qrz-server.js';

const openServers: FakeQrz[] = [];

afterEach(async () => {
  await Promise.all(openServers.splice(0).map((fake) => fake.close()));
});

async function startFake(options?: Parameters<typeof startFakeQrzServer>[0]): Promise<FakeQrz> {
  const fake = await startFakeQrzServer(options);
  openServers.push(fake);
  return fake;
}

function clientFor(fake: FakeQrz, overrides: Partial<QrzClientOptions> = {}): QrzClient {
  return new QrzClient({ username: fake.username, password: fake.password, baseUrl: fake.baseUrl, ...overrides });
}

/** A pino logger at trace level whose every line lands in `lines`. */
function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('QrzClient against a QRZ-speaking HTTP server', () => {
  it('maps a found station to QrzInfo', async () => {
    const fake = await startFake();
    const client = clientFor(fake, { agent: 'test-agent' });

    expect(await client.lookup(' w1aw ')).toEqual({
      callsign: 'W1AW',
      name: 'Hiram Percy Maxim',
      qth: 'Newington, CT',
      country: 'United States',
      grid: 'FN31pr',
      image: 'https://cdn-xml.qrz.com/w1aw/w1aw.jpg'
    });
    expect(fake.lastAgent).toBe('test-agent');
  });

  it('leaves out what QRZ does not have: no state, no surname, no photo, no name at all', async () => {
    const fake = await startFake();
    const client = clientFor(fake);

    expect(await client.lookup('DL1ABC')).toEqual({
      callsign: 'DL1ABC',
      name: 'Karl',
      qth: 'Berlin',
      country: 'Germany',
      grid: 'JO62qm',
      image: null
    });
    expect(await client.lookup('K1NON')).toEqual({
      callsign: 'K1NON',
      name: null,
      qth: null,
      country: 'United States',
      grid: null,
      image: null
    });
  });

  it('decodes XML entities in station data', async () => {
    const fake = await startFake({ stations: [{ call: 'G4AMP', fname: 'Tom & Jerry', addr2: 'Bath <Spa>' }] });
    const info = await clientFor(fake).lookup('G4AMP');
    expect(info?.name).toBe('Tom & Jerry');
    expect(info?.qth).toBe('Bath <Spa>');
  });

  it('reuses the session key across lookups', async () => {
    const fake = await startFake();
    const client = clientFor(fake);

    await client.lookup('W1AW');
    await client.lookup('DL1ABC');
    await client.lookup('K1NON');

    expect(fake.loginRequests).toBe(1);
    expect(fake.lookupRequests).toBe(3);
  });

  it.each(['timeout', 'invalid'] as const)('logs in again once after a %s session and retries the lookup', async (kind) => {
    const fake = await startFake();
    const client = clientFor(fake);
    await client.lookup('W1AW');

    fake.expireSessions(kind);
    const info = await client.lookup('DL1ABC');

    expect(info?.callsign).toBe('DL1ABC');
    expect(fake.loginRequests).toBe(2);
    expect(fake.lookupRequests).toBe(3); // W1AW, DL1ABC refused, DL1ABC retried
  });

  it('answers a repeated lookup from the cache without asking QRZ again', async () => {
    const fake = await startFake();
    const client = clientFor(fake);

    const first = await client.lookup('W1AW');
    const second = await client.lookup('w1aw');

    expect(second).toEqual(first);
    expect(fake.lookupRequests).toBe(1);
  });

  it('asks QRZ again once a cached answer has expired', async () => {
    const fake = await startFake();
    const client = clientFor(fake, { cacheTtlMs: 50 });

    await client.lookup('W1AW');
    await new Promise((resolve) => setTimeout(resolve, 80));
    await client.lookup('W1AW');

    expect(fake.lookupRequests).toBe(2);
  });

  it('shares one request among concurrent lookups of the same call', async () => {
    const fake = await startFake({ delayMs: 100 });
    const client = clientFor(fake);

    const answers = await Promise.all([client.lookup('W1AW'), client.lookup('W1AW'), client.lookup('w1aw')]);

    expect(answers.map((info) => info?.callsign)).toEqual(['W1AW', 'W1AW', 'W1AW']);
    expect(fake.lookupRequests).toBe(1);
    expect(fake.loginRequests).toBe(1);
  });

  it('shares one login among concurrent lookups of different calls', async () => {
    const fake = await startFake({ delayMs: 100 });
    const client = clientFor(fake);

    const answers = await Promise.all([client.lookup('W1AW'), client.lookup('DL1ABC'), client.lookup('K1NON')]);

    expect(answers.map((info) => info?.callsign)).toEqual(['W1AW', 'DL1ABC', 'K1NON']);
    expect(fake.loginRequests).toBe(1);
    expect(fake.lookupRequests).toBe(3);
  });

  it('resolves null for an unknown call and remembers that', async () => {
    const fake = await startFake();
    const client = clientFor(fake);

    expect(await client.lookup('XX1XX')).toBeNull();
    expect(await client.lookup('XX1XX')).toBeNull();
    expect(fake.lookupRequests).toBe(1);
  });

  it('resolves null for an empty callsign without asking QRZ', async () => {
    const fake = await startFake();
    expect(await clientFor(fake).lookup('   ')).toBeNull();
    expect(fake.loginRequests + fake.lookupRequests).toBe(0);
  });

  it('resolves null on a wrong password, warns without the password, and does not retry the login at once', async () => {
    const fake = await startFake();
    const { logger, lines } = capturingLogger();
    const wrongPassword = 'not-the-right-pw-9271';
    const client = clientFor(fake, { password: wrongPassword, logger });

    expect(await client.lookup('W1AW')).toBeNull();
    expect(await client.lookup('DL1ABC')).toBeNull();

    expect(fake.loginRequests).toBe(1);
    expect(fake.lookupRequests).toBe(0);
    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((entry) => entry.level === 40);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]?.msg).toMatch(/refused the login/);
    expect(lines.join('\n')).not.toContain(wrongPassword);
  });

  it('never logs the password or the session key, even at trace level', async () => {
    const fake = await startFake();
    const { logger, lines } = capturingLogger();
    const client = clientFor(fake, { logger });

    await client.lookup('W1AW');
    fake.expireSessions();
    await client.lookup('XX1XX');

    expect(lines.length).toBeGreaterThan(0);
    const logged = lines.join('\n');
    expect(logged).not.toContain(fake.password);
    expect(fake.issuedKeys).toHaveLength(2);
    for (const key of fake.issuedKeys) expect(logged).not.toContain(key);
  });

  it('resolves null within the budget when QRZ hangs on login', async () => {
    const fake = await startFake({ delayMs: 5000 });
    const client = clientFor(fake, { timeoutMs: 2000 });

    const started = performance.now();
    expect(await client.lookup('W1AW')).toBeNull();
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('counts the login against the same budget as the lookup', async () => {
    const fake = await startFake({ delayMs: 700 });
    const client = clientFor(fake, { timeoutMs: 1000 });

    // Login (700 ms) fits; login plus lookup (1400 ms) does not.
    const started = performance.now();
    expect(await client.lookup('W1AW')).toBeNull();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(fake.loginRequests).toBe(1);
  });

  it('resolves null within the budget when QRZ hangs on a lookup', async () => {
    const fake = await startFake();
    const client = clientFor(fake, { timeoutMs: 2000 });
    await client.lookup('W1AW');

    fake.delayMs = 5000;
    const started = performance.now();
    expect(await client.lookup('DL1ABC')).toBeNull();
    expect(performance.now() - started).toBeLessThan(2500);

    // A timeout is not an answer: it is not cached, so the next lookup asks again.
    fake.delayMs = 0;
    expect((await client.lookup('DL1ABC'))?.callsign).toBe('DL1ABC');
  });

  it('resolves null quickly when nothing listens on the port', async () => {
    const fake = await startFakeQrzServer();
    await fake.close();
    const client = clientFor(fake, { timeoutMs: 2000 });

    const started = performance.now();
    expect(await client.lookup('W1AW')).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('lookupWithin stops waiting early while the request still fills the cache', async () => {
    const fake = await startFake({ delayMs: 150 });
    const client = clientFor(fake);

    const started = performance.now();
    expect(await client.lookupWithin('W1AW', 50)).toBeNull();
    expect(performance.now() - started).toBeLessThan(140);

    await new Promise((resolve) => setTimeout(resolve, 400)); // login + lookup at 150 ms each
    expect((await client.lookup('W1AW'))?.name).toBe('Hiram Percy Maxim');
    expect(fake.lookupRequests).toBe(1);
  });
});
