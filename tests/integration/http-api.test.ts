/** The HTTP API and the event stream, over real HTTP against a real server. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_HTTP_STATUS } from '../../src/shared/protocol/errors.js';
import { OPERATIONS, OPERATION_NAMES } from '../../src/shared/protocol/operations.js';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { SITUATIONS, openWorld } from '../helpers/operation-situations.js';

let h: Harness;
let base: string;
const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;

beforeEach(async () => {
  h = await startHarness({ MAX_QUEUE_SIZE: '10' });
  base = `http://127.0.0.1:${h.server.port}`;
});
afterEach(async () => {
  await h.close();
});

async function call(method: string, path: string, body?: unknown, auth = false): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(auth ? { Authorization: basic } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

describe('HTTP API', () => {
  it("keeps the original service's public and queue routes", async () => {
    expect((await call('GET', '/api/public/status')).json).toEqual({ active: false });
    await call('POST', '/api/admin/status', { active: true }, true);
    await call('POST', '/api/admin/frequency', { frequency: '14.205' }, true);
    expect((await call('GET', '/api/public/frequency')).json.frequency).toBe('14.205');
    expect((await call('GET', '/api/public/split')).json).toEqual({ split: null, last_updated: null });

    const registered = await call('POST', '/api/queue/register', { callsign: 'kh6/w1aw' });
    expect(registered.status).toBe(200);
    expect(registered.json).toMatchObject({ message: 'Callsign registered successfully', entry: { callsign: 'KH6/W1AW', position: 1 } });
    expect(typeof registered.json.leave_token).toBe('string');
    expect((await call('GET', '/api/queue/list')).json).toMatchObject({ total: 1, max_size: 10, system_active: true });
    expect((await call('GET', `/api/queue/status/${encodeURIComponent('KH6/W1AW')}`)).json).toMatchObject({ position: 1 });

    // Leaving needs the token this registration got.
    const wrong = await call('POST', '/api/queue/leave', { callsign: 'KH6/W1AW', token: 'guess' });
    expect(wrong).toMatchObject({ status: 401, json: { error_code: 'UNAUTHORIZED' } });
    const left = await call('POST', '/api/queue/leave', { callsign: 'KH6/W1AW', token: registered.json.leave_token });
    expect(left.status).toBe(200);
    expect((await call('GET', '/api/queue/list')).json.total).toBe(0);
  });

  it('admin routes need HTTP Basic with the admin login', async () => {
    const anonymous = await call('GET', '/api/admin/queue');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Pileup Buster", charset="UTF-8"');
    expect(anonymous.json).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
    const response = await fetch(`${base}/api/admin/queue`, { headers: { Authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
    expect(response.status).toBe(401);
    expect((await call('GET', '/api/admin/queue', undefined, true)).json).toMatchObject({ admin: true, total: 0 });
  });

  it('works the pileup over HTTP: next, work, complete, remove, clear, split', async () => {
    await call('POST', '/api/admin/status', { active: true }, true);
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC', 'DL1ABC']) await call('POST', '/api/queue/register', { callsign });
    expect((await call('POST', '/api/admin/queue/next', undefined, true)).json.current_qso.callsign).toBe('W1AW');
    expect((await call('POST', '/api/admin/queue/work/G4ABC', undefined, true)).json.current_qso.callsign).toBe('G4ABC');
    expect((await call('POST', '/api/admin/qso/complete', undefined, true)).json.completed_qso.callsign).toBe('G4ABC');
    expect((await call('DELETE', '/api/admin/queue/K1ABC', undefined, true)).json.removed.callsign).toBe('K1ABC');
    expect((await call('DELETE', '/api/admin/queue', undefined, true)).json).toEqual({ message: 'Queue cleared successfully', cleared_count: 1 });
    await call('POST', '/api/admin/split', { split: 'up 5' }, true);
    expect((await call('GET', '/api/public/split')).json.split).toBe('up 5');
    await call('DELETE', '/api/admin/split', undefined, true);
    expect((await call('GET', '/api/public/split')).json.split).toBeNull();
    expect((await call('GET', '/api/admin/log?limit=5', undefined, true)).json).toMatchObject({ total: 2 });
  });

  it('answers errors with the WebSocket error codes and fitting HTTP statuses', async () => {
    const inactive = await call('POST', '/api/queue/register', { callsign: 'W1AW' });
    expect(inactive).toMatchObject({ status: 409, json: { error_code: 'SYSTEM_INACTIVE', error: expect.any(String), detail: expect.any(String) } });
    await call('POST', '/api/admin/status', { active: true }, true);
    expect((await call('POST', '/api/queue/register', { callsign: 'not a call' })).json.error_code).toBe('VALIDATION_ERROR');
    await call('POST', '/api/queue/register', { callsign: 'W1AW' });
    expect(await call('POST', '/api/queue/register', { callsign: 'W1AW' })).toMatchObject({ status: 409, json: { error_code: 'DUPLICATE_CALLSIGN' } });
    expect(await call('GET', '/api/queue/status/N0AX')).toMatchObject({ status: 404, json: { error_code: 'NOT_FOUND' } });
    expect(await call('POST', '/api/queue/register', '{"callsign":')).toMatchObject({ status: 400, json: { error_code: 'INVALID_MESSAGE' } });
    expect(await call('POST', '/api/queue/register', '[1]')).toMatchObject({ status: 400, json: { error_code: 'VALIDATION_ERROR' } });
    const wrongMethod = await call('PUT', '/api/queue/list');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(await call('GET', '/api/nowhere')).toMatchObject({ status: 404, json: { error_code: 'UNKNOWN_OPERATION' } });
    const huge = await call('POST', '/api/queue/register', JSON.stringify({ callsign: 'W1AW', pad: 'x'.repeat(70 * 1024) }));
    expect(huge).toMatchObject({ status: 400, json: { error_code: 'VALIDATION_ERROR' } });
    // The server is still fine.
    expect((await call('GET', '/api/system/ping')).json.pong).toBe(true);
  });

  it('every operation in the table answers at its route, and succeeds where it should', async () => {
    // Each operation in a situation where it succeeds (the same ones the event check uses), called
    // at its HTTP route: 200 and the result its entry defines, or the file for a download.
    for (const name of OPERATION_NAMES) {
      const situation = SITUATIONS[name].find((candidate) => !candidate.rig)!;
      const w = await openWorld(situation);
      try {
        const data = { ...((await situation.data?.(w)) ?? {}) } as Record<string, unknown>;
        const { method, path } = OPERATIONS[name].http;
        const url = path.replace(/\{(\w+)\}/g, (_whole, key: string) => {
          const value = String(data[key]);
          delete data[key];
          return encodeURIComponent(value);
        });
        const query = method === 'GET' && Object.keys(data).length > 0 ? `?${new URLSearchParams(data as Record<string, string>)}` : '';
        const response = await fetch(`http://127.0.0.1:${w.h.server.port}${url}${query}`, {
          method,
          headers: { 'Content-Type': 'application/json', ...(OPERATIONS[name].access === 'admin' ? { Authorization: basic } : {}) },
          body: method === 'GET' ? undefined : JSON.stringify(data)
        });
        const text = await response.text();
        expect(response.status, `${name} (${situation.name}): ${text.slice(0, 200)}`).toBe(200);
        if (OPERATIONS[name].http.download) {
          expect(response.headers.get('content-disposition'), name).toMatch(/^attachment; filename="/);
        } else {
          const parsed = OPERATIONS[name].result.safeParse(JSON.parse(text));
          expect(parsed.success, `${name} result: ${parsed.error?.message ?? ''}`).toBe(true);
        }
      } finally {
        await w.close();
      }
    }
  }, 120_000);

  it('answers a failure at any route with its code and the matching status', async () => {
    const { status, json } = await call('POST', '/api/admin/log/delete', { id: 'missing' }, true);
    expect(status).toBe(ERROR_HTTP_STATUS.NOT_FOUND);
    expect(json).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
  });

  it('works for curl users', async () => {
    // Asynchronously: the server runs in this process and must keep answering while curl waits.
    const curl = async (args: string[]) => (await promisify(execFile)('curl', ['--max-time', '5', ...args], { encoding: 'utf8' })).stdout;
    const status = await curl(['-s', '-u', `${ADMIN.username}:${ADMIN.password}`, '-X', 'POST', '-H', 'Content-Type: application/json', '-d', '{"active":true}', `${base}/api/admin/status`]);
    expect(JSON.parse(status)).toMatchObject({ active: true });
    const registered = await curl(['-s', '-X', 'POST', '-d', '{"callsign":"W1AW"}', `${base}/api/queue/register`]);
    expect(JSON.parse(registered).entry.position).toBe(1);
    const refused = await curl(['-s', '-o', '/dev/null', '-w', '%{http_code}', `${base}/api/admin/queue`]);
    expect(refused).toBe('401');
  });
});

describe('event stream (SSE)', () => {
  it('sends connected first, then the same events as the WebSocket, with sequence numbers', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events/stream`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const frames: Array<{ event: string; id: string; data: any }> = [];
    const readUntil = async (count: number) => {
      while (frames.length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => line && !line.startsWith(':') && !line.startsWith('retry:'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()])
          );
          if (fields.event) frames.push({ event: fields.event, id: fields.id ?? "", data: JSON.parse(fields.data ?? "null") });
        }
      }
    };
    await readUntil(1);
    expect(frames[0]).toMatchObject({ event: 'connected', data: { event: 'connected', data: { snapshot: { seq: 0 } } } });

    const ws = await h.connectAdmin();
    const wsEvents: unknown[] = [];
    ws.onAnyEvent((m) => wsEvents.push(m));
    await ws.request('admin.set_system_status', { active: true });
    await ws.request('queue.register', { callsign: 'W1AW' });
    await readUntil(4);
    expect(frames.slice(1).map((f) => [f.event, f.id])).toEqual([
      ['system_status', '1'],
      ['queue_update', '2'],
      ['queue_update', '3']
    ]);
    expect(frames.slice(1).map((f) => f.data)).toEqual(wsEvents);
    expect((await ws.request('admin.get_system_status')).connections.total).toBe(2);
    controller.abort();
  });
});
