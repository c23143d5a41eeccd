/**
 * Property-based fuzzing of the HTTP API (/api/...) against one real server on loopback.
 *
 * Properties: every answer is 2xx or 4xx (never 5xx: /api documents no 503), a 4xx body is JSON
 * with `error_code`, and the server keeps working (a control WebSocket client still answers).
 * Requests go out through node:http with the path exactly as generated (fetch would normalise it).
 */
import { METHODS, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { anyValue } from './arbitraries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, OPERATION_NAMES } from '../../src/shared/protocol/operations.js';
import type { PileupClient } from '../../src/shared/client/pileup-client.js';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness;
let control: PileupClient;
const stats = { requests: 0, byStatus: new Map<number, number>(), properties: 0, parserRejected: 0, resets: 0 };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Always framed by Content-Length: node:http sends a GET or DELETE body unframed otherwise,
    // which is a broken request rather than a fuzzed one.
    const framed = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    // One connection per request (agent: false): a reused keep-alive socket the server dropped after an
    // oversized body would show up as a reset of the next, unrelated request.
    const req = httpRequest({ host: '127.0.0.1', port: h.server.port, method, path, headers: framed, timeout: 10_000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      // The event stream never ends: its headers are the answer.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        res.destroy();
        return;
      }
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

const basicOf = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const GOOD_BASIC = basicOf(`${ADMIN.username}:${ADMIN.password}`);

/**
 * Failed logins slow down and then lock out this address (also loopback). A successful WebSocket
 * login resets the count, so the fuzzing keeps reaching the Basic-auth parsing instead of the lockout.
 */
let failedSinceReset = 0;
async function resetLogins(): Promise<void> {
  const client = await h.connect();
  await client.auth(ADMIN.username, ADMIN.password);
  await client.close();
  failedSinceReset = 0;
}

/** The one contract every /api answer must keep. */
async function checkAnswer(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  stats.requests++;
  let answer: Answer;
  try {
    answer = await send(method, path, headers, body);
  } catch (error) {
    // A body over the limit may be cut off by the server while it is still being sent; the
    // connection reset is then the answer. Anything else is a failure.
    // Likewise an admin route without a valid login answers 401 at once without reading the body.
    const size = body === undefined ? 0 : Buffer.byteLength(body);
    const earlyAnswer = size > 64 * 1024 || (path.startsWith('/api/admin') && headers.authorization !== GOOD_BASIC);
    if (earlyAnswer && size > 16 * 1024 && /ECONNRESET|EPIPE/.test(String((error as Error).message) + String((error as NodeJS.ErrnoException).code))) {
      stats.resets++;
      return { status: 0, headers: {}, body: '' };
    }
    throw new Error(`${method} ${path} (${size} bytes): ${(error as Error).message}`);
  }
  stats.byStatus.set(answer.status, (stats.byStatus.get(answer.status) ?? 0) + 1);
  const context = `${method} ${JSON.stringify(path)} ${JSON.stringify(headers).slice(0, 200)} body ${JSON.stringify(String(body ?? '').slice(0, 200))} -> ${answer.status} ${answer.body.slice(0, 300)}`;
  expect(answer.status >= 200 && answer.status < 500, context).toBe(true);
  if (!METHODS.includes(method)) {
    // Node's HTTP parser refuses methods it does not know before the app sees them: a bare 400
    // without a body and the connection closed. Not the API's answer, so its body is not checked.
    expect(answer.status, context).toBe(400);
    stats.parserRejected++;
    return answer;
  }
  if (answer.status >= 400 && method !== 'HEAD') {
    let json: any;
    expect(() => (json = JSON.parse(answer.body)), `${context}: body is not JSON`).not.toThrow();
    expect(typeof json.error_code, context).toBe('string');
    expect(typeof json.error, context).toBe('string');
  }
  if (headers.authorization && headers.authorization !== GOOD_BASIC && answer.status === 401) failedSinceReset++;
  if (failedSinceReset >= 2) await resetLogins();
  return answer;
}

async function controlStillAnswers(): Promise<void> {
  expect(await control.request('system.ping')).toMatchObject({ pong: true });
}

beforeAll(async () => {
  h = await startHarness({ MAX_QUEUE_SIZE: '20' });
  control = await h.connect();
  const admin = await h.connectAdmin();
  await admin.request('admin.set_system_status', { active: true });
});

afterAll(async () => {
  await h?.close();
  const statuses = [...stats.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}x${n}`).join(' ');
  console.log(`http fuzz: ${stats.requests} requests over ${stats.properties} properties, 0 crashes, ${stats.parserRejected} unknown methods refused by Node's parser, ${stats.resets} connections reset while sending a big body the server had already answered; statuses ${statuses}`);
});

/**
 * Characters node:http lets through in a request path (no spaces or controls), '%' included on
 * purpose. Raw non-ASCII is left out: Node's parser refuses it with a bare 400 before the app runs.
 */
const pathChar = fc.constantFrom(...'abcXYZ019-._~!$&\'()*+,;=:@%/?#[]"<>\\^`{|}'.split(''));
const segment = fc.oneof(
  fc.string({ unit: pathChar, minLength: 1, maxLength: 20 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('W1AW', 'KH6%2FW1AW', '%', '%E0%A4%A', '%zz', '..', '.', '%00', '__proto__', 'constructor')
);
const routePaths = OPERATION_NAMES.map((name) => OPERATIONS[name].http.path);
const apiPath = fc.oneof(
  // A route of the table with its {callsign} filled in by anything.
  fc.tuple(fc.constantFrom(...routePaths), segment).map(([path, value]) => path.replace('{callsign}', value)),
  // A route of the table with junk appended.
  fc.tuple(fc.constantFrom(...routePaths), fc.array(segment, { maxLength: 3 })).map(([path, rest]) => [path.replace('{callsign}', 'W1AW'), ...rest].join('/')),
  // Anything under /api/.
  fc.array(segment, { minLength: 0, maxLength: 5 }).map((parts) => `/api/${parts.join('/')}`),
  fc.constantFrom('/api/', '/api', '/api//', '/api/admin/', '/api/queue/status/', '/api/queue/status//')
);
const queryString = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('true', 'false', '-0', '1e999', '99999999999999999999'))).map(
    (params) => `?${new URLSearchParams(params as Record<string, string>).toString()}`
  ),
  fc.string({ unit: pathChar, maxLength: 40 }).map((raw) => `?${raw}`)
);
const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE'),
  fc.stringMatching(/^[A-Z]{1,10}$/).filter((m) => m !== 'CONNECT')
);
const headerSafe = fc.string({ unit: fc.constantFrom(...'abcXYZ019:=+/ -_.é'.split('')), maxLength: 80 });
const authorization = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc.constant(GOOD_BASIC),
  fc.string({ maxLength: 60 }).map(basicOf),
  fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })).map(([u, p]) => basicOf(`${u}:${p}`)),
  headerSafe.map((raw) => `Basic ${raw}`),
  headerSafe
);
const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '*/*', '');

/** A GET of the event stream is a stream that never ends; its own tests cover it. */
function isEndlessStream(method: string, path: string): boolean {
  return method === 'GET' && path.split('?')[0]!.replace(/\/+$/, '') === '/api/events/stream';
}

describe('http api fuzzing', () => {
  it('random methods, paths, query strings and Basic headers: always 2xx/4xx with an error_code on 4xx', async () => {
    stats.properties++;
    await fc.assert(
      fc.asyncProperty(method, apiPath, queryString, authorization, async (m, path, query, auth) => {
        if (isEndlessStream(m, path)) return;
        const headers: Record<string, string> = auth === undefined ? {} : { authorization: auth };
        await checkAnswer(m, `${path}${query}`, headers);
      }),
      // Paths that normalise out of /api (found by this property once) are answered in JSON too.
      { numRuns: 300, examples: [['POST', '/api/..', '?', ''], ['PUT', '/api/../assets/x.js', '', undefined], ['GET', '/api/../assets/%E0%A4%A', '', undefined]] }
    );
    await controlStillAnswers();
  });

  it('random bodies (malformed JSON, random JSON, wrong content types) on every route', async () => {
    stats.properties++;
    const body = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.string({ maxLength: 200 }),
      anyValue.map((v) => JSON.stringify(v) ?? ''),
      fc.dictionary(fc.constantFrom('callsign', 'token', 'id', 'frequency', 'split', 'mode', 'active', 'paused', 'limit', 'search', 'format', 'qso', 'reason'), anyValue).map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.integer({ min: 1, max: 10_000 }).map((n) => '['.repeat(n))
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATION_NAMES), fc.constantFrom('POST', 'DELETE', 'PUT', 'GET'), body, contentType, fc.boolean(), async (name, m, payload, type, authed) => {
        if (name === 'admin.update_settings' && authed) return; // could change the admin login under the test
        const path = OPERATIONS[name].http.path.replace('{callsign}', 'W1AW');
        const headers: Record<string, string> = {};
        if (type !== undefined) headers['content-type'] = type;
        if (authed) headers.authorization = GOOD_BASIC;
        await checkAnswer(m, path, headers, payload);
      }),
      { numRuns: 300 }
    );
    await controlStillAnswers();
  });

  it('huge bodies up to and over 64 KiB are answered (400 when over), never 5xx', async () => {
    stats.properties++;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 60 * 1024, max: 256 * 1024 }), fc.constantFrom(...OPERATION_NAMES), fc.boolean(), fc.boolean(), async (size, name, json, authed) => {
        if (name === 'admin.update_settings' && authed) return;
        const path = OPERATIONS[name].http.path.replace('{callsign}', 'W1AW');
        const payload = json ? JSON.stringify({ callsign: 'W1AW', pad: 'x'.repeat(size) }) : Buffer.alloc(size, 0x7b);
        const answer = await checkAnswer(OPERATIONS[name].http.method === 'GET' ? 'POST' : OPERATIONS[name].http.method, path, { 'content-type': 'application/json', ...(authed ? { authorization: GOOD_BASIC } : {}) }, payload);
        if (answer.status !== 0 && (OPERATIONS[name].access === 'public' || authed) && OPERATIONS[name].http.method !== 'GET' && Buffer.byteLength(payload) > 64 * 1024) {
          expect(answer.status, `${name} with ${Buffer.byteLength(payload)} bytes`).toBe(400);
        }
      }),
      { numRuns: 40 }
    );
    await controlStillAnswers();
  });

  it('a malformed percent-escape in a path parameter is a 400, not a 500', async () => {
    // Regression for the minimal counterexample of the path fuzzing: decodeURIComponent('%') throws.
    for (const path of ['/api/queue/status/%', '/api/queue/status/%E0%A4%A', '/api/admin/bans/%zz']) {
      const answer = await send(path.startsWith('/api/admin/bans') ? 'DELETE' : 'GET', path, { authorization: GOOD_BASIC });
      expect(answer.status, `${path} -> ${answer.status} ${answer.body}`).toBeLessThan(500);
    }
  });

  it('a method other than GET on /api/events/stream answers a JSON error with error_code, like every other /api route', async () => {
    // Found by the path fuzzing: the event stream answers 405 with an empty body.
    const answer = await send('POST', '/api/events/stream', {}, '');
    expect(answer.status).toBe(405);
    expect(() => JSON.parse(answer.body), `body ${JSON.stringify(answer.body)}`).not.toThrow();
    expect(JSON.parse(answer.body || 'null')).toMatchObject({ success: false, error_code: expect.any(String) });
  });

  it('the server is still up and the control client still works', async () => {
    await controlStillAnswers();
    expect((await send('GET', '/api/system/ping', {})).status).toBe(200);
  });
});
