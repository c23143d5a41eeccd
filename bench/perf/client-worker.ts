// Client worker for bench/perf/run.ts: a child process holding many raw `ws` connections to the
// server under test, driven over the IPC channel. It never talks to anything but the URL it is given
// (loopback) and exits when its parent says so or goes away.
import WebSocket from 'ws';
import { now, type WorkerCommand, type WorkerReply } from './common.js';

const EVENT_MARK = '"event":"frequency_update"';
const RESPONSE_MARKS = ['"type":"response"', '"type":"error"'];

interface Conn {
  ws: WebSocket;
  /** The callback a closed-loop driver waits on for the next reply. */
  onReply?: (text: string) => void;
  gotRound: number;
}

const conns: Conn[] = [];
let armedRound = -1;
let roundReceived = 0;
let roundFirst = 0;
let roundLast = 0;
let countTarget = 0;
let counted = 0;
let counting = false;
let unmatched = 0;
let firstUnmatched: string | undefined;

function reply(message: WorkerReply): void {
  process.send?.(message);
}

function onEvent(conn: Conn, at: number): void {
  if (counting) {
    counted++;
    if (counted === countTarget) {
      counting = false;
      reply({ kind: 'counted', received: counted });
    }
    return;
  }
  if (armedRound < 0 || conn.gotRound === armedRound) return;
  conn.gotRound = armedRound;
  roundReceived++;
  if (roundReceived === 1) roundFirst = at;
  roundLast = at;
  if (roundReceived === conns.length) {
    const round = armedRound;
    armedRound = -1;
    reply({ kind: 'round', round, first: roundFirst, last: roundLast, received: roundReceived });
  }
}

function openOne(url: string, password: string | undefined): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const conn: Conn = { ws, gotRound: -1 };
    let stage: 'greeting' | 'auth' | 'ready' = 'greeting';
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('connect timeout'));
    }, 30_000);
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.on('close', () => {
      clearTimeout(timer);
      if (stage !== 'ready') reject(new Error('closed before ready'));
    });
    ws.on('message', (data) => {
      const at = now();
      // Classify on the head only: our queue_update events carry the whole queue (megabytes with
      // a large queue), and decoding them all would make the clients, not the server, the limit.
      const buf = data as Buffer;
      const text = (buf.length > 512 ? buf.subarray(0, 512) : buf).toString();
      if (stage === 'greeting') {
        if (password === undefined) {
          stage = 'ready';
          clearTimeout(timer);
          resolve(conn);
        } else {
          stage = 'auth';
          ws.send(JSON.stringify({ type: 'auth', data: { username: 'admin', password } }));
        }
        return;
      }
      if (stage === 'auth') {
        if (text.includes('"authenticated":true')) {
          stage = 'ready';
          clearTimeout(timer);
          resolve(conn);
        } else {
          ws.terminate();
          reject(new Error(`auth failed: ${text.slice(0, 200)}`));
        }
        return;
      }
      if (text.includes(EVENT_MARK)) onEvent(conn, at);
      else if (conn.onReply && RESPONSE_MARKS.some((m) => text.includes(m))) conn.onReply(text);
      else if (unmatched++ === 0) firstUnmatched = text.slice(0, 200);
    });
  });
}

async function connect(url: string, count: number, concurrency: number, password?: string): Promise<void> {
  const startedAt = now();
  let next = 0;
  let opened = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (next < count) {
      next++;
      try {
        conns.push(await openOne(url, password));
        opened++;
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  const endedAt = now();
  reply({ kind: 'connected', opened, failed, firstError, startedAt, endedAt, extensions: conns[0]?.ws.extensions ?? '' });
}

function request(conn: Conn, operation: string, id: number, data: object): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      conn.onReply = undefined;
      resolve(`{"success":false,"timeout":true,"operation":"${operation}","unmatched":${unmatched},"first_unmatched":${JSON.stringify(firstUnmatched ?? '')}}`);
    }, 10_000);
    conn.onReply = (text) => {
      clearTimeout(timer);
      conn.onReply = undefined;
      resolve(text);
    };
    conn.ws.send(JSON.stringify({ type: 'request', id: String(id), operation, data }));
  });
}

async function load(operation: string, durationMs: number): Promise<void> {
  const started = now();
  const deadline = started + durationMs;
  let completed = 0;
  let errors = 0;
  await Promise.all(
    conns.map(async (conn) => {
      let id = 0;
      while (now() < deadline) {
        const text = await request(conn, operation, id++, {});
        if (text.includes('"success":false')) errors++;
        completed++;
      }
      conn.onReply = undefined;
    })
  );
  reply({ kind: 'loaded', completed, errors, ms: now() - started });
}

async function register(callsigns: string[]): Promise<void> {
  const started = now();
  let next = 0;
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  await Promise.all(
    conns.map(async (conn) => {
      while (next < callsigns.length) {
        const call = callsigns[next++]!;
        const text = await request(conn, 'queue.register', next, { callsign: call });
        if (text.includes('"success":true')) ok++;
        else {
          errors++;
          firstError ??= text.slice(0, 300);
        }
      }
      conn.onReply = undefined;
    })
  );
  reply({ kind: 'registered', ok, errors, firstError, ms: now() - started });
}

async function closeAll(): Promise<void> {
  await Promise.all(
    conns.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.ws.readyState === WebSocket.CLOSED) return resolve();
          const t = setTimeout(() => {
            c.ws.terminate();
            resolve();
          }, 5000);
          c.ws.once('close', () => {
            clearTimeout(t);
            resolve();
          });
          c.ws.close();
        })
    )
  );
  conns.length = 0;
  reply({ kind: 'closed' });
}

process.on('message', (message: WorkerCommand) => {
  switch (message.cmd) {
    case 'connect':
      void connect(message.url, message.count, message.concurrency, message.password);
      break;
    case 'arm':
      armedRound = message.round;
      roundReceived = 0;
      if (conns.length === 0) {
        armedRound = -1;
        reply({ kind: 'round', round: message.round, first: 0, last: 0, received: 0 });
      } else reply({ kind: 'armed', round: message.round });
      break;
    case 'count':
      counted = 0;
      countTarget = message.total;
      counting = message.total > 0;
      reply(counting ? { kind: 'armed', round: -1 } : { kind: 'counted', received: 0 });
      break;
    case 'load':
      void load(message.operation, message.durationMs);
      break;
    case 'register':
      void register(message.callsigns);
      break;
    case 'close':
      void closeAll();
      break;
  }
});
process.on('disconnect', () => process.exit(0));
