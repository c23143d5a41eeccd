/** Abuse from the LAN: floods, password guessing, slow readers, pages on other sites. */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AbuseGuard, DEFAULT_LIMITS } from '../../src/main/server/abuse/abuse-guard.js';
import { createLogger } from '../../src/main/server/logger.js';
import { ADMIN, rawSocket, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('rate limits', () => {
  it('answers a flood with RATE_LIMITED and a retry hint, one reply per request, then recovers', async () => {
    h = await startHarness({}, { abuseLimits: { messagesPerConnection: 20 } });
    const { socket, next } = await rawSocket(h.url);
    await next();
    for (let i = 0; i < 60; i++) socket.send(JSON.stringify({ type: 'request', id: i, operation: 'system.ping' }));
    const replies = await Promise.all(Array.from({ length: 60 }, () => next()));
    expect(new Set(replies.map((r) => r.id)).size).toBe(60);
    const limited = replies.filter((r) => r.error_code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThanOrEqual(30);
    expect(limited[0]).toMatchObject({ success: false, error: expect.stringMatching(/retry in \d+ s/), details: { retry_after_ms: expect.any(Number) } });
    // Another client is not affected.
    const other = await h.connect();
    expect(await other.request('system.ping')).toMatchObject({ pong: true });
    await new Promise((r) => setTimeout(r, 1100));
    socket.send(JSON.stringify({ type: 'request', id: 'after', operation: 'system.ping' }));
    expect(await next()).toMatchObject({ id: 'after', success: true });
    socket.close();
  });

  it('per-address limits and connection caps apply to other machines, never to this one', async () => {
    const guard = new AbuseGuard({ ...DEFAULT_LIMITS, messagesPerAddress: 5, connectionsPerAddress: 2 });
    const lan = '192.0.2.50';
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push((await guard.admitMessage(`c${i}`, lan)).ok);
    expect(outcomes.filter(Boolean)).toHaveLength(5);
    expect([guard.connectionOpened(lan), guard.connectionOpened(lan), guard.connectionOpened(lan)]).toEqual([true, true, false]);
    guard.connectionClosed(lan);
    expect(guard.connectionOpened(lan)).toBe(true);
    for (let i = 0; i < 50; i++) expect(guard.connectionOpened('::ffff:127.0.0.1')).toBe(true);
  });
});

describe('password guessing', () => {
  it('slows failed logins down, then locks the address out (even with the right password), logging no password', async () => {
    const lines: string[] = [];
    h = await startHarness({}, { abuseLimits: { loginSlowdownAfter: 2, loginLockoutAfter: 4 }, logger: createLogger('info', { write: (l: string) => void lines.push(l) }) });
    const client = await h.connect();
    const attempt = async (password: string) => {
      const started = Date.now();
      const result = await client.auth(ADMIN.username, password).then(
        () => 'ok',
        (e: { code: string }) => e.code
      );
      return { result, ms: Date.now() - started };
    };
    const first = await attempt('guess-1');
    const second = await attempt('guess-2');
    const third = await attempt('guess-3');
    expect([first.result, second.result, third.result]).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    expect(third.ms).toBeGreaterThanOrEqual(200); // slowed after two failures
    await attempt('guess-4');
    expect((await attempt(ADMIN.password)).result).toBe('RATE_LIMITED');
    const http = await fetch(`http://127.0.0.1:${h.server.port}/api/admin/queue`, {
      headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` }
    });
    expect(http.status).toBe(429);
    const log = lines.join('');
    expect(log).toContain('address locked out');
    for (const secret of ['guess-1', 'guess-4', ADMIN.password]) expect(log).not.toContain(secret);
  });
});

describe('one authenticator for WebSocket and HTTP', () => {
  it('an HTTP login that succeeds resets the failures, as over WebSocket; a failed one is logged with the remote address', async () => {
    const lines: string[] = [];
    h = await startHarness({}, { abuseLimits: { loginSlowdownAfter: 10, loginLockoutAfter: 3 }, logger: createLogger('info', { write: (l: string) => void lines.push(l) }) });
    const url = `http://127.0.0.1:${h.server.port}/api/admin/queue`;
    const basic = (password: string) => ({ headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.username}:${password}`).toString('base64')}` } });
    for (let round = 0; round < 3; round++) {
      // Two failures, then the right password: never three failures in a row, so never locked out.
      expect((await fetch(url, basic('guess-a'))).status).toBe(401);
      expect((await fetch(url, basic('guess-b'))).status).toBe(401);
      expect((await fetch(url, basic(ADMIN.password))).status).toBe(200);
    }
    const failures = lines.map((line) => JSON.parse(line) as { msg: string; remote?: string; where?: string }).filter((entry) => entry.msg === 'authentication failed');
    expect(failures).toHaveLength(6);
    for (const entry of failures) {
      expect(entry.remote).toMatch(/127\.0\.0\.1/);
      expect(entry.where).toBe('HTTP /api/admin/queue');
    }
    expect(lines.join('')).not.toContain('guess-a');
  });
});

describe('slow consumers', () => {
  it('drops a client that stops reading, without stalling broadcasts to the others', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '1000' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const reader = await h.connect();
    let seen = 0;
    reader.on('queue_update', () => seen++);
    const stalled = new WebSocket(h.url);
    await new Promise((r) => stalled.once('open', r));
    // A peer whose application stopped reading: the TCP window fills, then our send buffer.
    (stalled as unknown as { _socket: import('node:net').Socket })._socket.pause();
    const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < 800; i++) {
      await admin.request('queue.register', { callsign: `K${i % 10}${letters[Math.floor(i / 260) % 26]}${letters[Math.floor(i / 10) % 26]}${letters[i % 26]}` });
    }
    expect(h.server.websocket.connectionCount).toBe(2); // the admin and the reader; the stalled one is gone
    expect(seen).toBeGreaterThanOrEqual(799);
    stalled.terminate();
    await closed;
  }, 60_000);
});

describe('pages on other sites', () => {
  it('cannot log in as admin over WebSocket or use admin routes over HTTP; public use still works', async () => {
    h = await startHarness();
    const url = h.url;
    const evil = new WebSocket(url, { headers: { Origin: 'http://evil.example' } });
    const messages: any[] = [];
    evil.on('message', (d) => messages.push(JSON.parse(d.toString())));
    await new Promise((r) => evil.once('open', r));
    evil.send(JSON.stringify({ type: 'auth', id: 'a', data: ADMIN }));
    evil.send(JSON.stringify({ type: 'request', id: 'b', operation: 'queue.list' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(messages.find((m) => m.id === 'a')).toMatchObject({ success: false, error_code: 'UNAUTHORIZED', error: expect.stringContaining('another site') });
    expect(messages.find((m) => m.id === 'b')).toMatchObject({ success: true });
    evil.close();

    const same = await rawSocket(url);
    await same.next();
    same.socket.close();
    const sameOrigin = new WebSocket(url, { headers: { Origin: `http://127.0.0.1:${h.server.port}` } });
    const replies: any[] = [];
    sameOrigin.on('message', (d) => replies.push(JSON.parse(d.toString())));
    await new Promise((r) => sameOrigin.once('open', r));
    sameOrigin.send(JSON.stringify({ type: 'auth', id: 'ok', data: ADMIN }));
    await new Promise((r) => setTimeout(r, 300));
    expect(replies.find((m) => m.id === 'ok')).toMatchObject({ success: true });
    sameOrigin.close();

    const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
    const refused = await fetch(`http://127.0.0.1:${h.server.port}/api/admin/queue`, { headers: { Authorization: basic, Origin: 'http://evil.example' } });
    expect(refused.status).toBe(401);
    const allowed = await fetch(`http://127.0.0.1:${h.server.port}/api/admin/queue`, { headers: { Authorization: basic } });
    expect(allowed.status).toBe(200);
  });
});
