/**
 * Findings of an attack run against the server, each reproduced here: guesses in parallel must
 * not get past the lockout, a page on another site must not be able to lock the operator out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { networkInterfaces } from 'node:os';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { itRequires } from '../helpers/requirements.js';

/** An address of this machine that is not loopback: requests from it count as another machine's. */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const basic = (password: string) => ({ headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.username}:${password}`).toString('base64')}` } });

/** Sends `auth` on a fresh socket and resolves with the reply's error code, or 'ok'. */
async function wsAuth(url: string, data: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
  const socket = new WebSocket(url, { headers });
  const reply = await new Promise<{ success?: boolean; error_code?: string }>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type?: string; id?: unknown };
      if (message.id === 'login') resolve(message as never);
    });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', id: 'login', data })));
  });
  socket.close();
  return reply.success ? 'ok' : (reply.error_code ?? 'unknown');
}

describe('login lockout under concurrency', () => {
  it('parallel HTTP guesses after nine failures: at most one more is checked, and the right password among them is refused', async () => {
    h = await startHarness({}, { abuseLimits: { loginSlowdownAfter: 8, loginLockoutAfter: 10 } });
    const url = `http://127.0.0.1:${h.server.port}/api/admin/queue`;
    for (let i = 0; i < 9; i++) expect((await fetch(url, basic(`guess-${i}`))).status).toBe(401);
    const guesses = Array.from({ length: 200 }, (_, i) => `parallel-${i}`);
    const statuses = await Promise.all([...guesses, ADMIN.password].map(async (password) => (await fetch(url, basic(password))).status));
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(1);
    expect(statuses.filter((status) => status === 200)).toEqual([]);
  });

  it('parallel WebSocket guesses after nine failures: at most one more is checked, and the right password is refused', async () => {
    h = await startHarness({}, { abuseLimits: { loginSlowdownAfter: 8, loginLockoutAfter: 10, connectionsPerAddress: 100 } });
    for (let i = 0; i < 9; i++) expect(await wsAuth(h.url, { username: ADMIN.username, password: `guess-${i}` })).toBe('INVALID_CREDENTIALS');
    const guesses = Array.from({ length: 40 }, (_, i) => `parallel-${i}`);
    const codes = await Promise.all([...guesses, ADMIN.password].map((password) => wsAuth(h!.url, { username: ADMIN.username, password })));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(1);
    expect(codes).not.toContain('ok');
  });
});

describe('a page on another site', () => {
  it('cannot sign in with a token, and its attempts never count toward the operator’s lockout', async () => {
    const token = 'the-desktop-apps-own-token-0123456789abcdef';
    h = await startHarness({}, { localOperatorToken: token, abuseLimits: { loginSlowdownAfter: 100, loginLockoutAfter: 3, connectionsPerAddress: 100 } });
    const foreign = { Origin: 'https://evil.example', Host: `127.0.0.1:${h.server.port}` };
    for (let i = 0; i < 12; i++) expect(await wsAuth(h.url, { token: `stolen-${i}` }, foreign)).toBe('UNAUTHORIZED');
    // Even the right token is refused from there.
    expect(await wsAuth(h.url, { token }, foreign)).toBe('UNAUTHORIZED');
    // The operator is not locked out by any of it.
    expect(await wsAuth(h.url, { token })).toBe('ok');
    expect(await wsAuth(h.url, { username: ADMIN.username, password: ADMIN.password })).toBe('ok');
  });
});

/** A raw HTTP/1.1 request with the Host and Origin a browser would send (fetch cannot set Host). */
async function rawRequest(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('DNS rebinding', () => {
  it('refuses pages and sockets that name a host this server does not answer to; accepts its addresses, localhost, its names and configured names', async () => {
    h = await startHarness({ ALLOWED_HOSTS: 'pileup.club.lan, proxy.example:443' });
    const port = h.server.port;
    const evil = { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` };
    const refused = await rawRequest(port, '/api/public/status', evil);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ error_code: 'UNAUTHORIZED' });
    expect(refused.body).toContain('ALLOWED_HOSTS');
    expect((await rawRequest(port, '/', evil)).status).toBe(403);
    expect((await rawRequest(port, '/console/', { Host: `evil.example:${port}` })).status).toBe(403);
    await expect(wsAuth(h.url, { token: 'x' }, evil)).rejects.toThrow(/403/);

    const { hostname } = await import('node:os');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `192.168.1.20:${port}`, `${hostname()}:${port}`, `${hostname().split('.')[0]}.local:${port}`, `pileup.club.lan:${port}`, 'proxy.example', `PILEUP.CLUB.LAN.:${port}`]) {
      expect((await rawRequest(port, '/api/public/status', { Host: host })).status, host).toBe(200);
    }
  });

  it('a flood of refused requests is summed up in the log, not written line by line', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/main/server/logger.js');
    h = await startHarness({}, { logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
    const port = h.server.port;
    for (let i = 0; i < 50; i++) expect((await rawRequest(port, '/api/public/status', { Host: `evil.example:${port}` })).status).toBe(403);
    const refusals = lines.filter((line) => line.includes('request refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('evil.example');
  });

  it('the console’s development server, trusted by the desktop app, may sign in from its own origin', async () => {
    const token = 'the-desktop-apps-own-token-0123456789abcdef';
    h = await startHarness({}, { localOperatorToken: token, trustedOrigins: ['http://localhost:5173'] });
    expect(await wsAuth(h.url, { token }, { Origin: 'http://localhost:5173' })).toBe('ok');
    expect(await wsAuth(h.url, { token }, { Origin: 'http://localhost:5174' })).toBe('UNAUTHORIZED');
  });
});

describe('clients that do not read', () => {
  it('a WebSocket client that asks and never reads its replies is dropped at 1 MiB waiting', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '1000' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < 300; i++) await admin.request('queue.register', { callsign: `K${i % 10}${letters[Math.floor(i / 10) % 26]}${letters[Math.floor(i / 260)]}` });
    const asker = new WebSocket(h.url);
    await new Promise((resolve) => asker.once('open', resolve));
    (asker as unknown as { _socket: import('node:net').Socket })._socket.pause();
    const closed = new Promise<void>((resolve) => asker.once('close', () => resolve()));
    // Within the rate limits: 25 a second, each answer the whole queue (about 100 KB).
    for (let i = 0; i < 400 && h.server.websocket.connectionCount > 1; i++) {
      asker.send(JSON.stringify({ type: 'request', id: i, operation: 'public.get_snapshot' }));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(h.server.websocket.connectionCount).toBe(1);
    asker.terminate();
    await closed;
  }, 60_000);

  it('a refused upgrade is closed by the server, even when the client keeps its side open', async () => {
    h = await startHarness();
    const { connect } = await import('node:net');
    for (const path of ['/not-a-websocket', '/ws/connect']) {
      // allowHalfOpen: this client never closes its side, as an attacker holding sockets would not.
      const socket = connect({ port: h.server.port, host: '127.0.0.1', allowHalfOpen: true });
      await new Promise((resolve) => socket.once('connect', resolve));
      const host = path === '/ws/connect' ? 'evil.example' : `127.0.0.1:${h.server.port}`;
      const ended = new Promise((resolve) => socket.once('end', resolve));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      await ended;
      // Once the server has let go of the socket, anything more sent to it is reset.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The first write draws the reset; the next one reports it.
      socket.write('still here?');
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.write('hello?');
      const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 2000))]);
      expect(outcome, path).toBe('closed');
      socket.destroy();
    }
  });

  itRequires(LAN_ADDRESS ? null : 'this machine has no IPv4 address besides loopback', 'the operator on this machine gets in when LAN clients hold every connection', async () => {
    h = await startHarness({ HOST: '0.0.0.0', WEBSOCKET_MAX_CONNECTIONS: '2' });
    const lan = `ws://${LAN_ADDRESS}:${h.server.port}/ws/connect`;
    const held = await Promise.all([0, 1].map(() => new Promise<WebSocket>((resolve) => { const ws = new WebSocket(lan); ws.once('open', () => resolve(ws)); })));
    const refused = new WebSocket(lan);
    expect(await new Promise((resolve) => refused.once('close', (code) => resolve(code)))).toBe(1013);
    expect(await wsAuth(h.url, { username: ADMIN.username, password: ADMIN.password })).toBe('ok');
    for (const ws of held) ws.close();
  }, undefined, { unavailableInCi: true });
});

describe('event stream readers', () => {
  it('a reader that stops reading is dropped once 1 MiB is waiting for it, so it cannot grow the server’s memory', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '1000' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < 300; i++) await admin.request('queue.register', { callsign: `K${i % 10}${letters[Math.floor(i / 10) % 26]}${letters[Math.floor(i / 260)]}` });
    const { connect } = await import('node:net');
    const stalled = connect(h.server.port, '127.0.0.1');
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write(`GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1:${h.server.port}\r\n\r\n`);
    await vi.waitFor(() => expect(h!.server.telemetry.openConnections().sse).toBe(1));
    // Its application stopped reading: the kernel's buffers fill, then the server's.
    stalled.pause();
    // Every change of band sends the whole queue of 300 again (worked-before markers change).
    for (let i = 0; i < 150 && h.server.telemetry.openConnections().sse > 0; i++) {
      await admin.request('admin.set_frequency', { frequency: i % 2 ? '7.100' : '14.200' });
    }
    expect(h.server.telemetry.openConnections().sse).toBe(0);
    stalled.destroy();
  }, 60_000);

  itRequires(LAN_ADDRESS ? null : 'this machine has no IPv4 address besides loopback', 'one address may hold only its share of event streams; this machine is exempt', async () => {
    h = await startHarness({ HOST: '0.0.0.0' }, { abuseLimits: { connectionsPerAddress: 2 } });
    // Loopback is exempt (the operator's own tools), so the cap is checked from the LAN address.
    const fromLan = `http://${LAN_ADDRESS}:${h.server.port}/api/events/stream`;
    const streams = await Promise.all([0, 1, 2].map(() => fetch(fromLan)));
    expect(streams.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const local = await fetch(`http://127.0.0.1:${h.server.port}/api/events/stream`);
    expect(local.status).toBe(200);
    for (const r of [...streams, local]) await r.body?.cancel();
  }, undefined, { unavailableInCi: true });
});
