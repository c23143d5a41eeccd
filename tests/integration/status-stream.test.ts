/**
 * The Hydrogen-compatible status stream, /healthz and /metrics. The status client connects the
 * way seed 003's example does: subprotocol `hydrogen-protocol`, `Authorization: Key <key>`.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname, machine, release, type } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnSync } from 'node:child_process';
import { createLogger } from '../../src/main/server/logger.js';
import { freePortRange, occupyPort } from '../helpers/cli-process.js';
import { closeCode, makeDataDir, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { itRequires } from '../helpers/requirements.js';

interface MetricFamily {
  name: string;
  type: string;
  samples: Array<{ name: string; labels: Record<string, string>; value: number }>;
}

const PROMETHEUS_PARSER_MISSING =
  spawnSync('/usr/bin/python3', ['-c', 'import prometheus_client.parser'], { encoding: 'utf8' }).status === 0
    ? null
    : 'the Prometheus Python client is not installed (apt-get install python3-prometheus-client)';

/** Parses exposition text with the official Prometheus client library's parser. */
function parsePrometheus(text: string): MetricFamily[] {
  const result = spawnSync('/usr/bin/python3', ['tests/clients/parse_metrics.py'], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Prometheus parser rejected /metrics: ${result.stderr}`);
  return JSON.parse(result.stdout) as MetricFamily[];
}

const KEY = 'status-test-key-0123456789abcdef';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close().catch(() => undefined);
  h = undefined;
});

/** Exactly as the seed's example: `new WebSocket(url, 'hydrogen-protocol', { headers: { Authorization: 'Key …' } })`. */
function hydrogenClient(url: string, key: string | null = KEY): Promise<{ ws: WebSocket; next(): Promise<any> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'hydrogen-protocol', key === null ? {} : { headers: { Authorization: `Key ${key}` } });
    const queue: any[] = [];
    const waiting: Array<(m: any) => void> = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        next: () =>
          new Promise((res, rej) => {
            if (queue.length) return res(queue.shift());
            const timer = setTimeout(() => rej(new Error('no status message within 5 s')), 5000);
            waiting.push((m) => {
              clearTimeout(timer);
              res(m);
            });
          })
      })
    );
  });
}

const statusUrl = (harness: Harness, host = '127.0.0.1') => `ws://${host}:${harness.server.status.port}`;

describe('status stream', () => {
  it('pushes a status with every field of the seed, with real figures, on connect', async () => {
    h = await startHarness({ STATUS_KEY: KEY });
    const client = await hydrogenClient(statusUrl(h));
    expect(client.ws.protocol).toBe('hydrogen-protocol');
    const status = await client.next();
    expect(status).toMatchObject({
      server_start_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      active_connections: 1,
      total_connections: 1,
      total_requests: expect.any(Number),
      system: { sysname: type(), nodename: hostname(), release: release(), version: expect.any(String), machine: machine() },
      status: { running: true, shutting_down: false }
    });
    expect(status.status.totalThreads).toBeGreaterThanOrEqual(1);
    expect(status.status.totalResidentMemoryBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(status.status.totalVirtualMemoryBytes).toBeGreaterThanOrEqual(status.status.totalResidentMemoryBytes);
    expect(status.pileup).toMatchObject({ on_air: false, queue_length: 0, qsos_logged: 0, clients: { websocket: 0, sse: 0, status: 1 } });
    client.ws.close();
  });

  it('answers {"type":"status"}, counts messages across both endpoints, and follows the pileup', async () => {
    h = await startHarness({ STATUS_KEY: KEY });
    const client = await hydrogenClient(statusUrl(h));
    const first = await client.next();
    const admin = await h.connectAdmin(); // 1 auth message
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso');
    client.ws.send(JSON.stringify({ type: 'status' }));
    const second = await client.next();
    expect(second.total_requests - first.total_requests).toBe(5 + 1); // 4 requests + auth, then the status request
    expect(second.active_connections).toBe(2);
    expect(second.total_connections).toBe(2);
    expect(second.pileup).toMatchObject({ on_air: true, qsos_logged: 1, qsos_last_hour: 1, clients: { websocket: 1, status: 1 } });
    client.ws.close();
  });

  it('pushes every STATUS_INTERVAL seconds', async () => {
    h = await startHarness({ STATUS_KEY: KEY, STATUS_INTERVAL: '1' });
    const client = await hydrogenClient(statusUrl(h));
    await client.next();
    const started = Date.now();
    await client.next();
    expect(Date.now() - started).toBeLessThan(2500);
    client.ws.close();
  });

  it('answers bad messages with the seed error format and keeps the stream open', async () => {
    h = await startHarness({ STATUS_KEY: KEY });
    const client = await hydrogenClient(statusUrl(h));
    await client.next();
    client.ws.send('not json');
    expect(await client.next()).toEqual({ error: { code: 'invalid_message', message: 'Message is not valid JSON', details: {} } });
    client.ws.send(JSON.stringify({ type: 'reboot' }));
    expect(await client.next()).toMatchObject({ error: { code: 'invalid_message', details: { type: 'reboot' } } });
    client.ws.send(Buffer.from([1, 2, 3]));
    expect((await client.next()).error.code).toBe('invalid_message');
    client.ws.send(JSON.stringify({ type: 'status' }));
    expect((await client.next()).status.running).toBe(true);
    client.ws.close();
  });

  it('refuses a missing or wrong key at the handshake with 401, logs it without the key, and accepts ?key=', async () => {
    const lines: string[] = [];
    h = await startHarness({ STATUS_KEY: KEY }, { logger: createLogger('info', { write: (l: string) => void lines.push(l) }) });
    await expect(hydrogenClient(statusUrl(h), null)).rejects.toMatchObject({ statusCode: 401 });
    await expect(hydrogenClient(statusUrl(h), 'wrong-key-guess')).rejects.toMatchObject({ statusCode: 401 });
    const viaQuery = await hydrogenClient(`${statusUrl(h)}/?key=${KEY}`, null);
    expect((await viaQuery.next()).status.running).toBe(true);
    viaQuery.ws.close();
    const log = lines.join('');
    expect(log).toContain('status stream connection refused');
    expect(log).not.toContain('wrong-key-guess');
    expect(log).not.toContain(KEY);
  });

  it('throttles wrong keys per address: slower after a few, then locked out even with the right key', async () => {
    h = await startHarness({ STATUS_KEY: KEY }, { abuseLimits: { loginSlowdownAfter: 2, loginLockoutAfter: 5 } });
    const started = Date.now();
    for (let i = 0; i < 5; i++) await expect(hydrogenClient(statusUrl(h), `wrong-key-${i}`.padEnd(32, 'x'))).rejects.toMatchObject({ statusCode: 401 });
    // Attempts 3 to 5 waited 250, 500 and 1000 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1700);
    await expect(hydrogenClient(statusUrl(h), KEY)).rejects.toMatchObject({ statusCode: 429 });
  });

  it('a monitor holding the key cannot clear the admin login’s count of failures', async () => {
    h = await startHarness({ STATUS_KEY: KEY }, { abuseLimits: { loginSlowdownAfter: 100, loginLockoutAfter: 3 } });
    const admin = `http://127.0.0.1:${h.server.port}/api/admin/queue`;
    const basic = (password: string) => ({ headers: { Authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` } });
    for (let round = 0; round < 3; round++) {
      expect((await fetch(admin, basic(`guess-${round}`))).status).toBe(401);
      const monitor = await hydrogenClient(statusUrl(h));
      monitor.ws.close();
    }
    // Three failures in all: locked out, even with the right password.
    expect((await fetch(admin, basic('test-password-123'))).status).toBe(429);
  });

  it('refuses a page reaching it by a name it does not answer to; a page’s wrong keys never touch the admin login', async () => {
    h = await startHarness({ STATUS_KEY: KEY }, { abuseLimits: { loginSlowdownAfter: 100, loginLockoutAfter: 3 } });
    const fromPage = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${statusUrl(h!)}/?key=wrong-key-from-a-page-0123456789`, 'hydrogen-protocol', { headers });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => reject(new Error('a page got in')));
        ws.once('error', () => undefined);
      });
    for (let i = 0; i < 6; i++) expect(await fromPage({ Host: `evil.example:${h.server.status.port}` })).toBe(403);
    // Not counted: the monitor still gets in.
    const monitor = await hydrogenClient(statusUrl(h));
    monitor.ws.close();
    // A dashboard on another site may use the key; its wrong keys lock out only the key, never the admin login.
    for (let i = 0; i < 3; i++) expect(await fromPage({ Origin: 'http://dashboard.example' })).toBe(401);
    expect(await fromPage({ Origin: 'http://dashboard.example' })).toBe(429);
    expect((await fetch(`http://127.0.0.1:${h.server.port}/api/admin/queue`, { headers: { Authorization: `Basic ${Buffer.from('admin:test-password-123').toString('base64')}` } })).status).toBe(200);
  });

  it('refuses to start with a weak key edited into status-key.json, and says which file', async () => {
    const dir = await makeDataDir();
    await writeFile(join(dir, 'status-key.json'), JSON.stringify({ key: 'abc' }));
    await expect(startHarness({}, { dataDir: dir })).rejects.toThrow(/status-key\.json must be at least 32 characters/);
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a 32-character key on first run, stored readable only by the user, shown in settings', async () => {
    h = await startHarness();
    const key = h.server.status.key;
    expect(key.source).toBe('generated');
    expect(key.key.length).toBeGreaterThanOrEqual(32);
    const { stat } = await import('node:fs/promises');
    expect((await stat(key.file!)).mode & 0o777).toBe(0o600);
    const admin = await h.connectAdmin();
    expect((await admin.request('admin.get_settings')).values.status_key).toBe(key.key);
    const client = await hydrogenClient(statusUrl(h), key.key);
    await client.next();
    client.ws.close();
    await h.restart();
    expect(h.server.status.key).toMatchObject({ key: key.key, source: 'stored' });
  });

  it('falls back to the next free port and reports it', async () => {
    const port = await freePortRange(3);
    const release = [await occupyPort(port), await occupyPort(port + 1)];
    try {
      h = await startHarness({ STATUS_KEY: KEY, STATUS_PORT: String(port) });
      expect(h.server.status).toMatchObject({ port: port + 2, fellBack: true });
      const client = await hydrogenClient(statusUrl(h));
      expect((await client.next()).status.running).toBe(true);
      client.ws.close();
    } finally {
      await Promise.all(release.map((r) => r()));
    }
  });

  it('listens on IPv6 too, unless STATUS_IPV6=off', async () => {
    h = await startHarness({ STATUS_KEY: KEY, HOST: '' });
    const v6 = await hydrogenClient(statusUrl(h, '[::1]'));
    expect((await v6.next()).status.running).toBe(true);
    v6.ws.close();
    await h.close();
    h = await startHarness({ STATUS_KEY: KEY, HOST: '', STATUS_IPV6: 'off' });
    await expect(hydrogenClient(statusUrl(h, '[::1]'))).rejects.toThrow(/ECONNREFUSED/);
    const v4 = await hydrogenClient(statusUrl(h));
    expect((await v4.next()).status.running).toBe(true);
    v4.ws.close();
  });

  it('says shutting_down during a graceful stop, then closes with 1001', async () => {
    h = await startHarness({ STATUS_KEY: KEY });
    const client = await hydrogenClient(statusUrl(h));
    await client.next();
    const closed = closeCode(client.ws);
    const stopping = h.server.stop();
    const last = await client.next();
    expect(last.status).toMatchObject({ running: false, shutting_down: true });
    expect((await closed).code).toBe(1001);
    await stopping;
  });
});

describe('/healthz and /metrics', () => {
  it('/healthz reports live and ready, and not ready when the datastore cannot be written', async () => {
    h = await startHarness({ STATUS_KEY: KEY });
    const ok = await fetch(`http://127.0.0.1:${h.server.port}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      status: 'ok',
      live: true,
      ready: true,
      shutting_down: false,
      checks: { datastore: { writable: true }, listeners: { pileup: true, status: true } }
    });
    await rm(h.dataDir, { recursive: true, force: true });
    const broken = await fetch(`http://127.0.0.1:${h.server.port}/healthz`);
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ live: true, ready: false, checks: { datastore: { writable: false, error: 'ENOENT' } } });
  });

  itRequires(PROMETHEUS_PARSER_MISSING, '/metrics parses as Prometheus text and counts what happened', async () => {
    h = await startHarness({ STATUS_KEY: KEY });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('queue.register', { callsign: 'W1AW' });
    await admin.request('queue.register', { callsign: 'W1AW' }).catch(() => undefined); // DUPLICATE_CALLSIGN
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso');
    await fetch(`http://127.0.0.1:${h.server.port}/api/queue/list`);
    await (admin.request as (op: string) => Promise<unknown>)('made.up_operation_1234').catch(() => undefined);
    const status = await hydrogenClient(statusUrl(h));
    await status.next();

    const response = await fetch(`http://127.0.0.1:${h.server.port}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const families = parsePrometheus(await response.text());
    const family = (name: string) => families.find((f) => f.name === name)!;
    const sample = (sampleName: string, labels: Record<string, string> = {}) =>
      families
        .flatMap((f) => f.samples)
        .find((s) => s.name === sampleName && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    const value = (name: string, labels: Record<string, string> = {}) => sample(name, labels);

    expect(value('pileup_connections', { kind: 'websocket' })).toBe(1);
    expect(value('pileup_connections', { kind: 'status' })).toBe(1);
    expect(value('pileup_messages_total', { type: 'request', operation: 'queue.register' })).toBe(2);
    expect(value('pileup_messages_total', { type: 'auth' })).toBe(1);
    expect(value('pileup_messages_total', { type: 'http', operation: 'queue.list' })).toBe(1);
    expect(value('pileup_errors_total', { code: 'DUPLICATE_CALLSIGN' })).toBe(1);
    // A name a client made up is counted, but never becomes a label of its own.
    expect(value('pileup_messages_total', { type: 'request', operation: 'unknown' })).toBe(1);
    expect(families.flatMap((f) => f.samples).some((s) => s.labels.operation === 'made.up_operation_1234')).toBe(false);
    expect(value('pileup_queue_length')).toBe(0);
    expect(value('pileup_qsos_logged')).toBe(1);
    expect(family('pileup_operation_duration_seconds').type).toBe('histogram');
    expect(sample('pileup_operation_duration_seconds_count', { operation: 'admin.next_qso' })).toBe(1);
    expect(sample('pileup_operation_duration_seconds_bucket', { operation: 'admin.next_qso', le: '+Inf' })).toBe(1);
    // Buckets are cumulative: every registration took less than 2.5 s, none less than nothing.
    expect(sample('pileup_operation_duration_seconds_bucket', { operation: 'queue.register', le: '2.5' })).toBe(2);
    expect(sample('pileup_operation_duration_seconds_count', { operation: 'queue.register' })).toBe(2);
    expect(sample('pileup_operation_duration_seconds_sum', { operation: 'queue.register' })).toBeGreaterThan(0);
    const registerBuckets = families.flatMap((f) => f.samples).filter((s) => s.name === 'pileup_operation_duration_seconds_bucket' && s.labels.operation === 'queue.register');
    expect(registerBuckets.map((s) => s.value)).toEqual([...registerBuckets.map((s) => s.value)].sort((a, b) => a - b));
    expect(family('pileup_event_fanout_seconds').type).toBe('histogram');
    expect(sample('pileup_event_fanout_seconds_count')).toBeGreaterThanOrEqual(5);
    expect(sample('pileup_process_resident_memory_bytes')).toBeGreaterThan(0);
    status.ws.close();
  });
});
