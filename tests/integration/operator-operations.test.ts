/** The operations the console adds: work out of order, the log page, settings, the local token. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PileupRequestError } from '../../src/shared/client/pileup-client.js';
import { OPERATIONS } from '../../src/shared/protocol/operations.js';
import { ADMIN, makeDataDir, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: PileupRequestError) => e.code);

describe('admin.work_callsign', () => {
  it('logs the current QSO and works the chosen station out of order', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await admin.request('queue.register', { callsign });
    await admin.request('admin.next_qso'); // W1AW
    const result = await admin.request('admin.work_callsign', { callsign: 'g4abc' });
    expect(OPERATIONS['admin.work_callsign'].result.safeParse(result).success).toBe(true);
    expect(result.completed_qso?.callsign).toBe('W1AW');
    expect(result.current_qso.callsign).toBe('G4ABC');
    expect((await admin.request('queue.list')).queue.map((e) => [e.callsign, e.position])).toEqual([['K1ABC', 1]]);
    expect(await codeOf(admin.request('admin.work_callsign', { callsign: 'N0AX' }))).toBe('NOT_FOUND');
    // The failed attempt changed nothing: G4ABC is still being worked.
    expect((await admin.request('public.get_snapshot')).current_qso?.callsign).toBe('G4ABC');
  });
});

describe('admin.get_log', () => {
  it('gives the latest QSOs first, the total and the last hour', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '10' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await admin.request('queue.register', { callsign });
    for (let i = 0; i < 4; i++) await admin.request('admin.next_qso');
    const page = await admin.request('admin.get_log', { limit: 2 });
    expect(page.qsos.map((q) => q.callsign)).toEqual(['G4ABC', 'K1ABC']);
    expect(page).toMatchObject({ total: 3, last_hour: 3 });
    expect(await codeOf(admin.request('admin.get_log', { limit: 0 }))).toBe('VALIDATION_ERROR');
  });
});

describe('settings from the console', () => {
  it('applies the queue size at once, tells every client, and keeps it across a restart', async () => {
    h = await startHarness({}, { env: { ADMIN_PASSWORD: ADMIN.password, HOST: '127.0.0.1', PORT: '0' } });
    const admin = await h.connectAdmin();
    const watcher = await h.connect();
    const seen: number[] = [];
    watcher.on('queue_update', (q) => seen.push(q.max_size));
    const view = await admin.request('admin.update_settings', { max_queue_size: 6, websocket_max_connections: 50 });
    expect(view.values).toMatchObject({ max_queue_size: 6, websocket_max_connections: 50 });
    expect(view.message).toBe('Settings saved.');
    expect((await watcher.request('queue.list')).max_size).toBe(6);
    expect(seen).toEqual([6]);
    await h.restart();
    expect((await (await h.connect()).request('queue.list')).max_size).toBe(6);
  });

  it('says which settings wait for a restart', async () => {
    // Loopback, no discovery, ephemeral status port: nothing of this test reaches the real network.
    h = await startHarness({}, { env: { ADMIN_PASSWORD: ADMIN.password, HOST: '127.0.0.1', DISCOVERY: 'off', STATUS_PORT: '0' } });
    const admin = await h.connectAdmin();
    const view = await admin.request('admin.update_settings', { port: 9123, websocket_heartbeat_interval: 10 });
    expect(view.restart_required.sort()).toEqual(['port', 'websocket_heartbeat_interval']);
    expect(view.message).toContain('will apply at the next start');
    expect(view.running.port).toBe(h.server.port);
  });

  it('switches LAN discovery off from the console, at the next start, unless the environment fixes it', async () => {
    // Bound to loopback, so discovery, though on, never advertises on the real network here.
    h = await startHarness({}, { env: { ADMIN_PASSWORD: ADMIN.password, HOST: '127.0.0.1', PORT: '0', STATUS_PORT: '0' } });
    expect(h.server.discovery).toEqual({ state: 'off', reason: 'listening on this machine only' });
    const admin = await h.connectAdmin();
    expect((await admin.request('admin.get_settings')).values.discovery).toBe(true);
    const view = await admin.request('admin.update_settings', { discovery: false });
    expect(view.values.discovery).toBe(false);
    expect(view.restart_required).toEqual(['discovery']);
    expect(await codeOf(admin.request('admin.update_settings', { discovery: 'no' } as never))).toBe('VALIDATION_ERROR');
    await h.restart();
    // Off by the stored setting now, which the status gives without a reason.
    expect(h.server.discovery).toEqual({ state: 'off', reason: '' });
    expect((await (await h.connectAdmin()).request('admin.get_settings')).restart_required).toEqual([]);
    await h.close();

    h = await startHarness({ DISCOVERY: 'off' });
    const fixed = await h.connectAdmin();
    expect((await fixed.request('admin.get_settings')).locked).toContain('discovery');
    expect(await codeOf(fixed.request('admin.update_settings', { discovery: true }))).toBe('VALIDATION_ERROR');
  });

  it('refuses settings fixed by the environment, and bad values, changing nothing', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '4' });
    const admin = await h.connectAdmin();
    const settings = await admin.request('admin.get_settings');
    expect(settings.locked).toEqual(expect.arrayContaining(['max_queue_size', 'admin_password', 'port', 'host']));
    const error = await admin.request('admin.update_settings', { max_queue_size: 9 }).catch((e: PileupRequestError) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('max_queue_size is fixed') });
    expect(await codeOf(admin.request('admin.update_settings', { websocket_max_connections: 0 }))).toBe('VALIDATION_ERROR');
    expect(await codeOf(admin.request('admin.update_settings', { qrz_username: 'x', bogus: 1 } as never))).toBe('ok');
    expect((await admin.request('queue.list')).max_size).toBe(4);
  });

  it('changes the admin password live; the old one stops working', async () => {
    const dataDir = await makeDataDir();
    h = await startHarness({}, { dataDir, env: { HOST: '127.0.0.1', PORT: '0', ADMIN_USERNAME: 'admin' } });
    const generated = h.server.credentials.password;
    const admin = await h.connect();
    await admin.auth('admin', generated);
    expect((await admin.request('admin.get_settings')).values.admin_password).toBe(generated);
    expect(await codeOf(admin.request('admin.update_settings', { admin_password: 'short' }))).toBe('VALIDATION_ERROR');
    await admin.request('admin.update_settings', { admin_password: 'a-new-long-password' });
    const other = await h.connect();
    expect(await codeOf(other.auth('admin', generated))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(other.auth('admin', 'a-new-long-password'))).toBe('ok');
    await h.restart();
    const later = await h.connect();
    expect(await codeOf(later.auth('admin', 'a-new-long-password'))).toBe('ok');
  });
});

describe('local operator token', () => {
  it('authenticates the desktop console without a password; a wrong token is refused', async () => {
    h = await startHarness({}, { localOperatorToken: 'local-secret-token-1234567890' });
    const good = await h.connect();
    expect(await good.request('admin.get_queue').catch((e) => e.code)).toBe('UNAUTHORIZED');
    const auth = (client: typeof good, token: string) => client.authWithToken(token);
    expect(await auth(good, 'local-secret-token-1234567890')).toMatchObject({ authenticated: true });
    expect((await good.request('admin.get_queue')).admin).toBe(true);
    const bad = await h.connect();
    expect(await codeOf(auth(bad, 'guess'))).toBe('INVALID_CREDENTIALS');
  });

  it('is refused outright when the server has no local console', async () => {
    h = await startHarness();
    const client = await h.connect();
    expect(await codeOf(client.authWithToken('local-secret-token-1234567890'))).toBe('INVALID_CREDENTIALS');
    // An empty token is not a login attempt at all.
    expect(await codeOf(client.authWithToken(''))).toBe('VALIDATION_ERROR');
  });
});

describe('the console over HTTP', () => {
  it('serves the built console at /console/ with a strict CSP, and nothing outside its folder', async () => {
    const consoleDir = join(await makeDataDir(), 'renderer');
    await mkdir(join(consoleDir, 'assets'), { recursive: true });
    await writeFile(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(join(consoleDir, 'assets', 'app-1234.js'), 'console.log(1)');
    h = await startHarness({}, { consoleDir });
    const base = `http://127.0.0.1:${h.server.port}`;

    const redirect = await fetch(`${base}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/console/');

    const page = await fetch(`${base}/console/`, { headers: { Host: `127.0.0.1:${h.server.port}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>console</title>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${h.server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-cache');

    const asset = await fetch(`${base}/console/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');

    for (const path of ['/console/..%2f..%2fadmin-credentials.json', '/console/%2e%2e/queue.db', '/console/missing.js']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    const post = await fetch(`${base}/console/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.json()).toMatchObject({ error_code: 'VALIDATION_ERROR' });
  });

  it('explains when the console has not been built', async () => {
    h = await startHarness({}, { consoleDir: null });
    const response = await fetch(`http://127.0.0.1:${h.server.port}/console/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });

  it('admin.get_system_status lists the console and protocol URLs for the LAN', async () => {
    h = await startHarness();
    const status = await (await h.connectAdmin()).request('admin.get_system_status');
    expect(status.websocket_urls).toContain(`ws://127.0.0.1:${h.server.port}/ws/connect`);
    expect(status.console_urls).toContain(`http://127.0.0.1:${h.server.port}/console/`);
  });
});
