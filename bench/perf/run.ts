// Performance harness (issue 8): runs our pileup server and a bare-`ws` reference server, each in its
// own process, drives them from separate client worker processes on loopback, and reports
// request throughput, fan-out latency, connection rate, memory per idle connection, CPU per
// broadcast, registration throughput (ours only) and start-up time. Bounded: every phase has a
// fixed count or duration, and every process it starts is stopped at the end.
//   npm run bench -- [--quick] [--json FILE] [--chart FILE] [--write-docs] [--only PHASES] [--profile DIR]
// --only takes a comma list of startup,requests,memory,fanout,registrations (for working on one figure);
// --profile writes a V8 CPU profile of our server to DIR (open it in Chrome DevTools).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { SERVER_BUNDLE, buildServer } from '../../scripts/build-server.mjs';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import {
  callsign, cpuMs, freePort, now, openFileLimit, percentile, rssBytes, sleep,
  type WireSizes, type WorkerCommand, type WorkerReply
} from './common.js';
import { websocketUrl } from '../../src/shared/protocol/endpoints.js';
import { withQueueDeltas } from '../../src/shared/protocol/queue-delta.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const WRITE_DOCS = flag('--write-docs');
const JSON_OUT = option('--json');
const PHASES = new Set((option('--only') ?? 'startup,requests,memory,fanout,registrations').split(','));
const PROFILE_DIR = option('--profile');
const CHART_OUT = option('--chart') ?? (WRITE_DOCS ? join(root, 'docs/images/fanout-latency.svg') : join(mkdtempSync(join(tmpdir(), 'pileup-perf-')), 'fanout-latency.svg'));

const cfg = {
  workers: 4,
  requestConnections: 50,
  requestSeconds: QUICK ? 6 : 12,
  /**
   * Each server's request time is split into this many windows, alternating with the other's:
   * short windows, so that a slow spell of a shared machine falls on both servers alike.
   */
  requestWindows: QUICK ? 6 : 8,
  fanoutSizes: QUICK ? [100, 1000] : [100, 1000, 5000, 10_000],
  // Enough rounds that p99 is not just the single worst round.
  fanoutRounds: 100,
  memoryConnections: 5000,
  cpuBroadcasts: QUICK ? 100 : 300,
  cpuClients: 1000,
  registrationsSequential: QUICK ? 500 : 2000,
  // Counted after an uncounted warm-up: a few hundred requests from 50 closed loops are mostly the
  // loops starting up and V8 compiling the path, not the server's pace. Two thousand in a quick run
  // too: a second of a shared machine's ups and downs is too short to average them out.
  registrationsConcurrentWarmup: 200,
  registrationsConcurrent: 2000,
  startupRuns: QUICK ? 3 : 5,
  password: 'bench-perf'
};
const PHASE_TIMEOUT_MS = 180_000;

type Kind = 'app' | 'reference';

// ---------------------------------------------------------------- processes

interface Server {
  kind: Kind;
  child: ChildProcess;
  pid: number;
  url: string;
  dataDir?: string;
}

function waitForLine(child: ChildProcess, text: string, timeoutMs: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}"; output: ${buffer.slice(-500)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes(text)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolvePromise(now());
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (buffer += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before "${text}": ${buffer.slice(-500)}`));
    });
  });
}

async function startServer(kind: Kind, sizes?: WireSizes): Promise<Server> {
  const port = await freePort();
  if (kind === 'app') {
    const dataDir = mkdtempSync(join(tmpdir(), 'pileup-perf-data-'));
    const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', resolve(PROFILE_DIR)] : [];
    // The bundle `npm run serve` runs, so the figures are those of what operators run.
    const child = spawn(process.execPath, [...profile, '--enable-source-maps', await buildServer(), '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ADMIN_PASSWORD: cfg.password,
        DISCOVERY: 'off',
        STATUS_PORT: '0',
        MAX_QUEUE_SIZE: '10000', // the server's maximum: 20000 is rejected at start-up,
        WEBSOCKET_MAX_CONNECTIONS: String(Math.max(cfg.memoryConnections, ...cfg.fanoutSizes) + 200),
        LOG_LEVEL: 'warn'
      }
    });
    try {
      await waitForLine(child, 'Press Ctrl+C to stop.', 60_000);
    } catch (err) {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
    return { kind, child, pid: child.pid!, url: websocketUrl('127.0.0.1', port), dataDir };
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'reference-server.ts'), '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REF_SIZES: JSON.stringify(sizes) }
  });
  await waitForLine(child, 'reference listening', 60_000);
  return { kind, child, pid: child.pid!, url: websocketUrl('127.0.0.1', port) };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

class Worker {
  readonly child: ChildProcess;
  private waiters: Array<{ kinds: WorkerReply['kind'][]; resolve: (r: WorkerReply) => void }> = [];
  private pending: WorkerReply[] = [];
  connections = 0;
  constructor() {
    this.child = fork(join(here, 'client-worker.ts'), [], { execArgv: ['--import', 'tsx'], cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: WorkerReply) => {
      const i = this.waiters.findIndex((w) => w.kinds.includes(m.kind));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m);
      else this.pending.push(m);
    });
  }
  send(command: WorkerCommand): void {
    this.child.send(command);
  }
  next<K extends WorkerReply['kind']>(...kinds: K[]): Promise<Extract<WorkerReply, { kind: K }>> {
    const i = this.pending.findIndex((m) => (kinds as string[]).includes(m.kind));
    if (i >= 0) return Promise.resolve(this.pending.splice(i, 1)[0] as Extract<WorkerReply, { kind: K }>);
    return new Promise((resolvePromise, reject) => {
      const t = setTimeout(() => reject(new Error(`worker timed out waiting for ${kinds.join('/')}`)), PHASE_TIMEOUT_MS);
      this.waiters.push({
        kinds,
        resolve: (r) => {
          clearTimeout(t);
          resolvePromise(r as Extract<WorkerReply, { kind: K }>);
        }
      });
    });
  }
  async call<K extends WorkerReply['kind']>(command: WorkerCommand, ...kinds: K[]): Promise<Extract<WorkerReply, { kind: K }>> {
    const reply = this.next(...kinds);
    this.send(command);
    return reply;
  }
}

/** Spread `total` connections over the workers, adding to what each already holds. */
async function connectTotal(workers: Worker[], url: string, total: number, password?: string) {
  const current = workers.reduce((s, w) => s + w.connections, 0);
  const add = total - current;
  const replies = await Promise.all(
    workers.map((w, i) => {
      const count = Math.floor(add / workers.length) + (i < add % workers.length ? 1 : 0);
      return w.call({ cmd: 'connect', url, count, concurrency: 32, password }, 'connected').then((r) => {
        w.connections += r.opened;
        return r;
      });
    })
  );
  const opened = replies.reduce((s, r) => s + r.opened, 0);
  const failed = replies.reduce((s, r) => s + r.failed, 0);
  const ms = Math.max(...replies.map((r) => r.endedAt)) - Math.min(...replies.map((r) => r.startedAt));
  return { opened, failed, ms, firstError: replies.find((r) => r.firstError)?.firstError, extensions: replies[0]?.extensions ?? '' };
}

async function closeAll(workers: Worker[]) {
  await Promise.all(workers.map((w) => w.call({ cmd: 'close' }, 'closed')));
  for (const w of workers) w.connections = 0;
}

// ---------------------------------------------------------------- operator connection

class Operator {
  private ws!: WebSocket;
  private waiting = new Map<string, (text: string) => void>();
  private nextId = 0;
  greetingBytes = 0;
  static async open(url: string, password?: string): Promise<Operator> {
    const op = new Operator();
    op.ws = new WebSocket(url);
    await new Promise<void>((resolvePromise, reject) => {
      op.ws.once('error', reject);
      op.ws.once('message', (data: Buffer) => {
        op.greetingBytes = data.length;
        resolvePromise();
      });
    });
    op.ws.on('message', (data: Buffer) => {
      const text = (data.length > 512 ? data.subarray(0, 512) : data).toString();
      op.lastReplyBytes = data.length;
      if (!text.includes('"type":"response"')) return;
      const id = /"id":"([^"]*)"/.exec(text)?.[1] ?? 'auth';
      const waiter = op.waiting.get(id);
      if (waiter) {
        op.waiting.delete(id);
        waiter(text);
      }
    });
    if (password !== undefined) {
      const reply = await op.send({ type: 'auth', data: { username: 'admin', password } }, 'auth');
      if (!reply.includes('"authenticated":true')) throw new Error(`operator auth failed: ${reply}`);
    }
    return op;
  }
  private send(message: object, id: string): Promise<string> {
    return new Promise((resolvePromise, reject) => {
      const t = setTimeout(() => reject(new Error(`no reply to ${JSON.stringify(message).slice(0, 100)}`)), 60_000);
      this.waiting.set(id, (text) => {
        clearTimeout(t);
        resolvePromise(text);
      });
      this.ws.send(JSON.stringify(message));
    });
  }
  request(operation: string, data: object = {}): Promise<string> {
    const id = `op${this.nextId++}`;
    return this.send({ type: 'request', id, operation, data }, id);
  }
  /** Sends the request and returns the send timestamp (taken just before the send). */
  trigger(round: number): { sentAt: number; reply: Promise<string> } {
    const id = `op${this.nextId++}`;
    const frequency = `14.${(200 + (round % 2)).toString()}`;
    const message = { type: 'request', id, operation: 'admin.set_frequency', data: { frequency } };
    const reply = new Promise<string>((r) => this.waiting.set(id, r));
    const sentAt = now();
    this.ws.send(JSON.stringify(message));
    return { sentAt, reply };
  }
  /** Byte size of the last message received (replies are handed on as their first 512 bytes). */
  lastReplyBytes = 0;
  close(): void {
    this.ws.close();
  }
}

// ---------------------------------------------------------------- measurements

interface FanoutPoint {
  clients: number;
  rounds: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

interface RequestResults {
  request_throughput: Record<string, number>;
  request_throughput_mean: number;
  /** Each window's figure, in the order run, for each operation. */
  request_windows: Record<string, number[]>;
  /** Each window's server CPU per request (µs), for each operation. */
  request_cpu_us: Record<string, number[]>;
  request_errors: number;
}

interface Results {
  fanout: FanoutPoint[];
  connection_rate_per_s: number;
  connections_opened: number;
  connections_failed: number;
  rss_idle_bytes: number;
  rss_with_connections_bytes: number;
  rss_per_connection_bytes: number;
  cpu_ms_per_broadcast: number;
  cpu_broadcasts: number;
  cpu_clients: number;
  websocket_extensions: string;
  registrations?: { sequential_per_s: number; sequential: number; concurrent_per_s: number; concurrent_server_cpu_ms_each: number; concurrent: number; concurrency: number; errors: number; first_error?: string; queue_size_after: number };
  /** Bytes a client receives per queue change at a 1,000-station queue: with deltas, and the whole queue without. */
  queue_delta_bytes_per_client?: number;
  queue_update_bytes_per_client?: number;
}

const log = (...parts: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);

async function measureWireSizes(url: string): Promise<WireSizes> {
  const op = await Operator.open(url);
  const sizes: WireSizes = { greeting: op.greetingBytes, auth: 0, event: 0, replies: {} };
  op.close();
  const admin = await Operator.open(url, cfg.password);
  for (const operation of ['system.ping', 'queue.list']) {
    await admin.request(operation);
    sizes.replies[operation] = admin.lastReplyBytes;
  }
  // The auth reply and the event: read off a raw socket.
  const ws = new WebSocket(url);
  const texts: string[] = [];
  await new Promise<void>((r) => ws.once('message', () => r()));
  ws.on('message', (d: Buffer) => texts.push(d.toString()));
  ws.send(JSON.stringify({ type: 'auth', data: { username: 'admin', password: cfg.password } }));
  await sleep(200);
  sizes.auth = Buffer.byteLength(texts.find((t) => t.includes('authenticated')) ?? '');
  await admin.request('admin.set_frequency', { frequency: '14.250' });
  sizes.replies['admin.set_frequency'] = admin.lastReplyBytes;
  await sleep(200);
  sizes.event = Buffer.byteLength(texts.find((t) => t.includes('"event":"frequency_update"')) ?? '');
  ws.close();
  admin.close();
  return sizes;
}

/** The queue's length, read from a whole queue.list reply on a fresh connection. */
async function queueTotal(url: string): Promise<number> {
  const ws = new WebSocket(url);
  await new Promise<void>((r) => ws.once('message', () => r()));
  const text = await new Promise<string>((r) => {
    ws.on('message', (d: Buffer) => {
      const t = d.toString();
      if (t.startsWith('{"type":"response"')) r(t);
    });
    ws.send(JSON.stringify({ type: 'request', id: 'total', operation: 'queue.list', data: {} }));
  });
  ws.close();
  const total = (JSON.parse(text) as { data?: { total?: number } }).data?.total;
  return typeof total === 'number' ? total : NaN;
}

/** One round of fan-out: the time from sending `admin.set_frequency` to the last client's receipt (ms). */
async function fanoutRound(workers: Worker[], op: Operator, round: number): Promise<number> {
  await Promise.all(workers.map((w) => w.call({ cmd: 'arm', round }, 'armed', 'round')));
  const results = workers.map((w) => (w.connections > 0 ? w.next('round') : Promise.resolve(null)));
  const { sentAt, reply } = op.trigger(round);
  const done = await Promise.all(results);
  await reply;
  const last = Math.max(...done.map((d) => (d && d.received > 0 ? d.last : 0)));
  return last - sentAt;
}

/** Server CPU (ms) for `count` broadcasts, each awaited, then every receipt awaited. */
async function broadcastCpu(workers: Worker[], op: Operator, pid: number, count: number, firstRound: number): Promise<number> {
  await Promise.all(workers.map((w) => w.call({ cmd: 'count', total: w.connections * count }, 'armed', 'counted')));
  const counted = workers.map((w) => (w.connections > 0 ? w.next('counted') : Promise.resolve(null)));
  const before = cpuMs(pid);
  for (let i = 0; i < count; i++) await op.trigger(firstRound + i).reply;
  await Promise.all(counted);
  return cpuMs(pid) - before;
}

/**
 * Fan-out latency at each size, and CPU per broadcast at cfg.cpuClients, with both servers up at
 * once, each with its own listeners from its own workers, measured in alternating rounds (ours
 * then the reference, then the reference then ours, ...). This machine's speed drifts by half
 * within minutes: measured one server after the other, a slow spell fell on one of them alone
 * and the p99 ratio at 1000 swung from 0.64 to 1.58 between runs of the same code.
 */
async function measureFanout(sizes: WireSizes): Promise<Record<Kind, Pick<Results, 'fanout' | 'cpu_ms_per_broadcast'>>> {
  const results: Record<Kind, Pick<Results, 'fanout' | 'cpu_ms_per_broadcast'>> = {
    app: { fanout: [], cpu_ms_per_broadcast: NaN },
    reference: { fanout: [], cpu_ms_per_broadcast: NaN }
  };
  if (!PHASES.has('fanout')) return results;
  const servers = [await startServer('app'), await startServer('reference', sizes)];
  const pools = servers.map(() => Array.from({ length: cfg.workers }, () => new Worker()));
  const ops: Operator[] = [];
  try {
    // Our operator takes the queue as deltas, as the console does; a queue of 100 as elsewhere.
    for (const server of servers) ops.push(await Operator.open(server.kind === 'app' ? withQueueDeltas(server.url) : server.url, cfg.password));
    await ops[0]!.request('admin.set_system_status', { active: true });
    for (let i = 0; i < 100; i++) await ops[0]!.request('queue.register', { callsign: callsign('W', i) });
    let round = 0;
    for (const n of cfg.fanoutSizes) {
      const clients: number[] = [];
      for (const [i, server] of servers.entries()) {
        const c = await connectTotal(pools[i]!, server.url, n);
        if (c.failed > 0) log(`${server.kind}: ${c.failed} of ${n} connections failed: ${c.firstError}`);
        clients.push(pools[i]!.reduce((sum, w) => sum + w.connections, 0));
      }
      await sleep(500);
      const latencies: number[][] = servers.map(() => []);
      for (let r = 0; r < cfg.fanoutRounds; r++) {
        for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) latencies[i]!.push(await fanoutRound(pools[i]!, ops[i]!, round++));
        await sleep(20);
      }
      for (const [i, server] of servers.entries()) {
        const list = latencies[i]!;
        const point: FanoutPoint = { clients: clients[i]!, rounds: list.length, p50_ms: percentile(list, 50), p99_ms: percentile(list, 99), max_ms: Math.max(...list) };
        results[server.kind].fanout.push(point);
        log(`${server.kind}: fan-out to ${point.clients}: p50 ${point.p50_ms.toFixed(2)} ms p99 ${point.p99_ms.toFixed(2)} ms`);
      }
      if (n === cfg.cpuClients) {
        // In ten blocks, alternating, for the same reason.
        const block = Math.ceil(cfg.cpuBroadcasts / 10);
        const cpu = servers.map(() => 0);
        for (let b = 0; b < 10; b++) {
          for (const i of b % 2 === 0 ? [0, 1] : [1, 0]) cpu[i]! += await broadcastCpu(pools[i]!, ops[i]!, servers[i]!.pid, block, round);
          round += block;
        }
        for (const [i, server] of servers.entries()) {
          results[server.kind].cpu_ms_per_broadcast = cpu[i]! / (block * 10);
          log(`${server.kind}: CPU per broadcast to ${clients[i]}: ${results[server.kind].cpu_ms_per_broadcast.toFixed(3)} ms`);
        }
      }
    }
    await Promise.all(pools.map((pool) => closeAll(pool)));
    return results;
  } finally {
    for (const op of ops) op.close();
    for (const pool of pools) for (const w of pool) w.child.kill('SIGTERM');
    for (const server of servers) await stopProcess(server.child);
    for (const server of servers) if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
  }
}

const OPERATIONS_MEASURED = ['system.ping', 'queue.list'] as const;

/**
 * Request throughput, with both servers up at once and measured in alternating windows (ours, the
 * reference, the reference, ours, ...), each over its own 50 authenticated connections from its
 * own workers. A slow patch of the machine then falls on both instead of on whichever ran at the
 * time; the figure for each is the median of its windows.
 */
async function measureRequests(): Promise<Record<Kind, RequestResults>> {
  const app = await startServer('app');
  const password = cfg.password;
  const servers: Server[] = [app];
  const pools: Worker[][] = [];
  try {
    const op = await Operator.open(app.url, password);
    await op.request('admin.set_system_status', { active: true });
    for (let i = 0; i < 100; i++) await op.request('queue.register', { callsign: callsign('W', i) });
    op.close();
    const reference = await startServer('reference', await measureWireSizes(app.url));
    servers.push(reference);
    const results = {} as Record<Kind, RequestResults>;
    for (const server of servers) {
      const pool = Array.from({ length: cfg.workers }, () => new Worker());
      pools.push(pool);
      await connectTotal(pool, server.url, cfg.requestConnections, password);
      results[server.kind] = { request_throughput: {}, request_throughput_mean: NaN, request_windows: { 'system.ping': [], 'queue.list': [] }, request_cpu_us: { 'system.ping': [], 'queue.list': [] }, request_errors: 0 };
    }
    const windowMs = (cfg.requestSeconds * 1000) / cfg.requestWindows;
    for (const operation of OPERATIONS_MEASURED) {
      // A window for each first, not counted: the first seconds of an operation run while V8 compiles
      // its path. Three seconds: after one, our first counted windows were still our slowest.
      for (const pool of pools) await Promise.all(pool.map((w) => w.call({ cmd: 'load', operation, durationMs: 3000 }, 'loaded')));
      for (let round = 0; round < cfg.requestWindows; round++) {
        // Which goes first swaps every round: the machine's speed drifts (it sped up through the
        // first windows of some runs), and the second of a fixed order would gain from the drift.
        for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
          const server = servers[i]!;
          const cpuBefore = cpuMs(server.pid);
          const replies = await Promise.all(pools[i]!.map((w) => w.call({ cmd: 'load', operation, durationMs: windowMs }, 'loaded')));
          const completed = replies.reduce((sum, r) => sum + r.completed, 0);
          results[server.kind].request_cpu_us[operation]!.push(((cpuMs(server.pid) - cpuBefore) * 1000) / completed);
          results[server.kind].request_errors += replies.reduce((sum, r) => sum + r.errors, 0);
          results[server.kind].request_windows[operation]!.push(completed / (Math.max(...replies.map((r) => r.ms)) / 1000));
        }
      }
      for (const server of servers) {
        const result = results[server.kind];
        result.request_throughput[operation] = percentile(result.request_windows[operation]!, 50);
        // Server CPU per request (the clients share the machine's cores, so the rate alone can hide it).
        const cpuUs = percentile(result.request_cpu_us[operation]!, 50);
        log(`${server.kind}: ${operation} ${result.request_throughput[operation]!.toFixed(0)} req/s (median of ${result.request_windows[operation]!.map((v) => v.toFixed(0)).join(', ')}); ${cpuUs.toFixed(1)} µs of server CPU each`);
      }
    }
    for (const result of Object.values(results)) {
      result.request_throughput_mean = OPERATIONS_MEASURED.reduce((sum, op) => sum + result.request_throughput[op]!, 0) / OPERATIONS_MEASURED.length;
    }
    return results;
  } finally {
    for (const pool of pools) for (const w of pool) w.child.kill('SIGTERM');
    for (const server of servers) await stopProcess(server.child);
    if (app.dataDir) rmSync(app.dataDir, { recursive: true, force: true });
  }
}

async function measureServer(kind: Kind, sizes?: WireSizes): Promise<{ results: Omit<Results, 'fanout' | 'cpu_ms_per_broadcast'>; sizes?: WireSizes }> {
  log(`${kind}: starting server`);
  const server = await startServer(kind, sizes);
  const workers = Array.from({ length: cfg.workers }, () => new Worker());
  const password = cfg.password; // the reference accepts any auth
  try {
    // Our operator takes the queue as deltas, as the console does.
    const op = await Operator.open(kind === 'app' ? withQueueDeltas(server.url) : server.url, password);
    let measured: WireSizes | undefined;
    if (kind === 'app') {
      // A queue of 100 so queue.list carries data; then copy our message sizes for the reference.
      await op.request('admin.set_system_status', { active: true });
      for (let i = 0; i < 100; i++) await op.request('queue.register', { callsign: callsign('W', i) });
      measured = await measureWireSizes(server.url);
      log(`${kind}: wire sizes ${JSON.stringify(measured)}`);
    }

    // (1. Request throughput is measured for both servers together, in measureRequests.)

    // 2. Connection rate and memory per idle connection.
    let rssIdle = NaN;
    let rssFull = NaN;
    let conn = { opened: 0, failed: 0, ms: NaN, extensions: '' };
    if (PHASES.has('memory')) {
      rssIdle = rssBytes(server.pid);
      const c = await connectTotal(workers, server.url, cfg.memoryConnections);
      conn = c;
      log(`${kind}: opened ${c.opened} (failed ${c.failed}${c.firstError ? `: ${c.firstError}` : ''}) in ${c.ms.toFixed(0)} ms`);
      await sleep(3000);
      rssFull = rssBytes(server.pid);
      log(`${kind}: RSS ${(rssIdle / 2 ** 20).toFixed(1)} MiB idle, ${(rssFull / 2 ** 20).toFixed(1)} MiB with ${c.opened}: ${((rssFull - rssIdle) / Math.max(1, c.opened)).toFixed(0)} B each`);
      await closeAll(workers);
      await sleep(1000);
    }
    const opened = conn.opened;

    // (3. Fan-out latency and CPU per broadcast are measured for both servers together, in measureFanout.)

    // 4. Registration throughput (ours only) with a growing queue (MAX_QUEUE_SIZE 10000, the server's maximum).
    let registrations: Results['registrations'];
    let queueBytes: { delta: number; whole: number } | undefined;
    if (kind === 'app' && PHASES.has('registrations')) {
      let t = now();
      let errors = 0;
      let firstError: string | undefined;
      for (let i = 0; i < cfg.registrationsSequential; i++) {
        const r = await op.request('queue.register', { callsign: callsign('K', i) });
        if (!r.includes('"success":true')) {
          errors++;
          firstError ??= r.slice(0, 300);
        }
      }
      const sequentialPerS = cfg.registrationsSequential / ((now() - t) / 1000);
      log(`${kind}: sequential registrations ${sequentialPerS.toFixed(0)}/s`);
      // The stations' software takes the queue as deltas, as the SDK does by default.
      await connectTotal(workers, withQueueDeltas(server.url), cfg.requestConnections, password);
      const warmup = Array.from({ length: cfg.registrationsConcurrentWarmup }, (_, i) => callsign('M', i));
      await Promise.all(workers.map((w, wi) => w.call({ cmd: 'register', callsigns: warmup.filter((_, i) => i % workers.length === wi) }, 'registered')));
      const calls = Array.from({ length: cfg.registrationsConcurrent }, (_, i) => callsign('N', i));
      // CPU of the server and of the clients while they run: on a small machine they share the
      // cores, so a rate that stops rising with the server's CPU free is the clients' limit.
      const serverCpuBefore = cpuMs(server.pid);
      const clientCpuBefore = workers.reduce((sum, w) => sum + cpuMs(w.child.pid!), 0);
      t = now();
      const regs = await Promise.all(workers.map((w, wi) => w.call({ cmd: 'register', callsigns: calls.filter((_, i) => i % workers.length === wi) }, 'registered')));
      const concurrentMs = now() - t;
      const concurrentPerS = cfg.registrationsConcurrent / (concurrentMs / 1000);
      const serverCpuMs = cpuMs(server.pid) - serverCpuBefore;
      const clientCpuMs = workers.reduce((sum, w) => sum + cpuMs(w.child.pid!), 0) - clientCpuBefore;
      log(`${kind}: concurrent registrations used ${(serverCpuMs / cfg.registrationsConcurrent).toFixed(3)} ms of server CPU each; server ${((100 * serverCpuMs) / concurrentMs).toFixed(0)}% of a core, clients ${((100 * clientCpuMs) / concurrentMs).toFixed(0)}%`);
      errors += regs.reduce((s, r) => s + r.errors, 0);
      firstError ??= regs.find((r) => r.firstError)?.firstError;
      await closeAll(workers);
      await op.request('queue.list');
      const total = await queueTotal(server.url);
      log(`${kind}: concurrent registrations ${concurrentPerS.toFixed(0)}/s, errors ${errors}`);
      queueBytes = await measureQueueBytes(server.url, op);
      log(`${kind}: per queue change at 1000 queued, per client: delta ${queueBytes.delta.toFixed(0)} B, whole queue ${queueBytes.whole.toFixed(0)} B`);
      registrations = {
        sequential_per_s: sequentialPerS,
        sequential: cfg.registrationsSequential,
        concurrent_per_s: concurrentPerS,
        concurrent_server_cpu_ms_each: serverCpuMs / cfg.registrationsConcurrent,
        concurrent: cfg.registrationsConcurrent,
        concurrency: cfg.requestConnections,
        errors,
        first_error: firstError,
        queue_size_after: total
      };
    }
    op.close();
    return {
      sizes: measured,
      results: {
        connection_rate_per_s: opened / (conn.ms / 1000),
        connections_opened: opened,
        connections_failed: conn.failed,
        rss_idle_bytes: rssIdle,
        rss_with_connections_bytes: rssFull,
        rss_per_connection_bytes: (rssFull - rssIdle) / Math.max(1, opened),
        cpu_broadcasts: cfg.cpuBroadcasts,
        cpu_clients: cfg.cpuClients,
        websocket_extensions: conn.extensions || 'none',
        registrations,
        queue_delta_bytes_per_client: queueBytes?.delta,
        queue_update_bytes_per_client: queueBytes?.whole
      }
    };
  } finally {
    for (const w of workers) w.child.kill('SIGTERM');
    await stopProcess(server.child);
    if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
  }
}

/**
 * With 1,000 queued, what one client receives per queue change (a join, a next QSO, alternately):
 * with deltas, and the whole queue without.
 */
async function measureQueueBytes(url: string, op: Operator): Promise<{ delta: number; whole: number }> {
  await op.request('admin.clear_queue');
  for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => op.request('queue.register', { callsign: callsign('W', i + j) })));
  const watch = async (target: string, event: string) => {
    const ws = new WebSocket(target);
    const sizes: number[] = [];
    ws.on('message', (data: Buffer) => {
      if (data.subarray(0, 80).toString().includes(`"event":"${event}"`)) sizes.push(data.length);
    });
    await new Promise((resolvePromise) => ws.once('open', resolvePromise));
    return { sizes, ws };
  };
  const delta = await watch(withQueueDeltas(url), 'queue_delta');
  const whole = await watch(url, 'queue_update');
  await sleep(200);
  const changes = 20;
  for (let i = 0; i < changes; i++) {
    if (i % 2 === 0) await op.request('queue.register', { callsign: callsign('V', i) });
    else await op.request('admin.next_qso');
  }
  await sleep(300);
  delta.ws.close();
  whole.ws.close();
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  return { delta: mean(delta.sizes), whole: mean(whole.sizes) };
}

// ---------------------------------------------------------------- start-up time

/** Spawns `command args`, times it until the server says it is listening, then stops its whole process group. */
async function timeStartup(command: string, args: string[]): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pileup-perf-start-'));
  const started = now();
  const child = spawn(command, [...args, '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: `npm run serve` is npm, then scripts/serve.mjs, then the server.
    detached: true,
    env: { ...process.env, ADMIN_PASSWORD: cfg.password, DISCOVERY: 'off', STATUS_PORT: '0' }
  });
  try {
    return (await waitForLine(child, 'Press Ctrl+C to stop.', 60_000)) - started;
  } finally {
    // npm may exit before the server under it has finished saving: wait for the whole group.
    process.kill(-child.pid!, 'SIGTERM');
    const groupAlive = () => {
      try {
        process.kill(-child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = now() + 10_000;
    while (groupAlive() && now() < deadline) await sleep(20);
    if (groupAlive()) process.kill(-child.pid!, 'SIGKILL');
    while (groupAlive()) await sleep(20);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Timing = { median: number; min: number; max: number; runs: number[] };
const timing = (runs: number[]): Timing => ({ median: percentile(runs, 50), min: Math.min(...runs), max: Math.max(...runs), runs });

/**
 * Three ways to start: `npm run serve` as an operator types it (npm, then scripts/serve.mjs, then the
 * bundle), the bundle alone (what a service manager would run), and the TypeScript source through tsx
 * (how developers and the tests run it).
 */
async function measureStartup() {
  await buildServer();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const runs = { npm_run_serve: [] as number[], bundle: [] as number[], tsx_source: [] as number[] };
  for (let i = 0; i < cfg.startupRuns; i++) {
    runs.npm_run_serve.push(await timeStartup(npm, ['run', '-s', 'serve', '--']));
    runs.bundle.push(await timeStartup(process.execPath, [SERVER_BUNDLE]));
    runs.tsx_source.push(await timeStartup(process.execPath, ['--import', 'tsx', 'src/main/server/cli.ts']));
  }
  return { npm_run_serve_ms: timing(runs.npm_run_serve), bundle_ms: timing(runs.bundle), tsx_source_ms: timing(runs.tsx_source) };
}

// ---------------------------------------------------------------- report

function chartSvg(app: FanoutPoint[], ref: FanoutPoint[]): string {
  const W = 640, H = 400, L = 70, R = 170, T = 40, B = 60;
  const xs = [...new Set([...app, ...ref].map((p) => p.clients))].sort((a, b) => a - b);
  const ymax = Math.max(1, ...[...app, ...ref].map((p) => p.p99_ms)) * 1.1;
  const lx = (n: number) => (xs.length === 1 ? L + (W - L - R) / 2 : L + ((Math.log10(n) - Math.log10(xs[0]!)) / (Math.log10(xs.at(-1)!) - Math.log10(xs[0]!))) * (W - L - R));
  const ly = (v: number) => T + (1 - v / ymax) * (H - T - B);
  const series = [
    { name: 'Pileup p99', pts: app, key: 'p99_ms' as const, color: '#c0392b', dash: '' },
    { name: 'Pileup p50', pts: app, key: 'p50_ms' as const, color: '#c0392b', dash: '6 4' },
    { name: 'bare ws p99', pts: ref, key: 'p99_ms' as const, color: '#2471a3', dash: '' },
    { name: 'bare ws p50', pts: ref, key: 'p50_ms' as const, color: '#2471a3', dash: '6 4' }
  ];
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${L}" y="22" font-size="14" font-weight="bold">Fan-out latency: operator action to last client</text>`);
  for (let i = 0; i <= 5; i++) {
    const v = (ymax / 5) * i;
    out.push(`<line x1="${L}" x2="${W - R}" y1="${ly(v).toFixed(1)}" y2="${ly(v).toFixed(1)}" stroke="#ddd"/>`);
    out.push(`<text x="${L - 8}" y="${(ly(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)}</text>`);
  }
  for (const n of xs) out.push(`<text x="${lx(n).toFixed(1)}" y="${H - B + 18}" text-anchor="middle">${n}</text>`);
  out.push(`<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#333"/><line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#333"/>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 18}" text-anchor="middle">connected clients (log scale)</text>`);
  out.push(`<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">latency (ms)</text>`);
  series.forEach((s, i) => {
    const pts = s.pts.map((p) => `${lx(p.clients).toFixed(1)},${ly(p[s.key]).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`);
    for (const p of s.pts) out.push(`<circle cx="${lx(p.clients).toFixed(1)}" cy="${ly(p[s.key]).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const y = T + 10 + i * 20;
    out.push(`<line x1="${W - R + 15}" x2="${W - R + 45}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/><text x="${W - R + 52}" y="${y + 4}">${s.name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

const fmt = (v: number | undefined, d = 0) => (v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(d));

async function main() {
  log(`mode ${QUICK ? 'quick' : 'full'}; ${cpus().length} CPUs; ${openFileLimit()}; node ${process.version}`);
  const notRun = timing([NaN]);
  const startup = PHASES.has('startup') ? await measureStartup() : { npm_run_serve_ms: notRun, bundle_ms: notRun, tsx_source_ms: notRun };
  log(`start-up medians: npm run serve ${fmt(startup.npm_run_serve_ms.median)} ms, bundle ${fmt(startup.bundle_ms.median)} ms, tsx source ${fmt(startup.tsx_source_ms.median)} ms`);
  const notMeasured: RequestResults = { request_throughput: { 'system.ping': NaN, 'queue.list': NaN }, request_throughput_mean: NaN, request_windows: {}, request_cpu_us: {}, request_errors: 0 };
  const requests = PHASES.has('requests') ? await measureRequests() : { app: notMeasured, reference: notMeasured };
  const app = await measureServer('app');
  const ref = await measureServer('reference', app.sizes);
  const fanout = await measureFanout(app.sizes!);
  const a = { ...requests.app, ...app.results, ...fanout.app };
  const r = { ...requests.reference, ...ref.results, ...fanout.reference };
  const none: FanoutPoint = { clients: 0, rounds: 0, p50_ms: NaN, p99_ms: NaN, max_ms: NaN };
  const largest = a.fanout.at(-1) ?? none;
  const refLargest = r.fanout.find((p) => p.clients === largest.clients) ?? r.fanout.at(-1) ?? none;
  const at1000 = (list: FanoutPoint[]) => list.find((p) => p.clients === 1000);
  const ratios = {
    request_throughput: a.request_throughput_mean / r.request_throughput_mean,
    request_throughput_system_ping: a.request_throughput['system.ping']! / r.request_throughput['system.ping']!,
    request_throughput_queue_list: a.request_throughput['queue.list']! / r.request_throughput['queue.list']!,
    fanout_p99: largest.p99_ms / refLargest.p99_ms,
    fanout_p99_clients: largest.clients,
    fanout_p99_at_1000: (at1000(a.fanout)?.p99_ms ?? NaN) / (at1000(r.fanout)?.p99_ms ?? NaN),
    fanout_p50: largest.p50_ms / refLargest.p50_ms,
    connection_rate: a.connection_rate_per_s / r.connection_rate_per_s,
    rss_per_connection: a.rss_per_connection_bytes / r.rss_per_connection_bytes,
    cpu_per_broadcast: a.cpu_ms_per_broadcast / r.cpu_ms_per_broadcast
  };
  // The second performance step's targets (they include the first step's, tightened), each
  // against the figure measured when that step began where it says "no slower".
  const targets = {
    request_throughput_ge_0_85_of_reference: ratios.request_throughput >= 0.85,
    fanout_p99_at_1000_le_1_2x_reference: ratios.fanout_p99_at_1000 <= 1.2,
    rss_per_idle_connection_le_20kb_at_5000: a.connections_opened >= 5000 && a.rss_per_connection_bytes <= 20 * 1024,
    rss_idle_le_110_mib: a.rss_idle_bytes <= 110 * 2 ** 20,
    registrations_from_50_connections_ge_2000_per_s: (a.registrations?.concurrent_per_s ?? 0) >= 2000,
    registrations_one_at_a_time_ge_177_per_s: (a.registrations?.sequential_per_s ?? 0) >= 177,
    queue_delta_le_2kb_per_client_at_1000_queued: (a.queue_delta_bytes_per_client ?? Infinity) <= 2048,
    listening_within_0_9s_of_npm_run_serve: startup.npm_run_serve_ms.median <= 900
  };
  const output = {
    mode: QUICK ? 'quick' : 'full',
    machine: { cpus: cpus().length, node: process.version, open_files: openFileLimit() },
    config: cfg,
    wire_sizes_bytes: app.sizes,
    app: { ...a, startup },
    reference: r,
    ratios,
    targets
  };
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(output, null, 2) + '\n');
  if (a.fanout.length > 0) {
    mkdirSync(dirname(CHART_OUT), { recursive: true });
    writeFileSync(CHART_OUT, chartSvg(a.fanout, r.fanout));
  }

  const rows: string[][] = [
    ['request throughput, system.ping (req/s, 50 conns)', fmt(a.request_throughput['system.ping']), fmt(r.request_throughput['system.ping']), fmt(ratios.request_throughput_system_ping, 2)],
    ['request throughput, queue.list (req/s, 50 conns)', fmt(a.request_throughput['queue.list']), fmt(r.request_throughput['queue.list']), fmt(ratios.request_throughput_queue_list, 2)],
    ...a.fanout.flatMap((p) => {
      const q = r.fanout.find((x) => x.clients === p.clients);
      return [
        [`fan-out p50 to ${p.clients} clients (ms)`, fmt(p.p50_ms, 2), fmt(q?.p50_ms, 2), fmt(q ? p.p50_ms / q.p50_ms : NaN, 2)],
        [`fan-out p99 to ${p.clients} clients (ms)`, fmt(p.p99_ms, 2), fmt(q?.p99_ms, 2), fmt(q ? p.p99_ms / q.p99_ms : NaN, 2)]
      ];
    }),
    [`connection rate (conn/s, ${a.connections_opened} sockets)`, fmt(a.connection_rate_per_s), fmt(r.connection_rate_per_s), fmt(ratios.connection_rate, 2)],
    [`RSS per idle connection at ${a.connections_opened} (bytes)`, fmt(a.rss_per_connection_bytes), fmt(r.rss_per_connection_bytes), fmt(ratios.rss_per_connection, 2)],
    [`server CPU per broadcast to ${cfg.cpuClients} (ms)`, fmt(a.cpu_ms_per_broadcast, 3), fmt(r.cpu_ms_per_broadcast, 3), fmt(ratios.cpu_per_broadcast, 2)],
    [`registrations sequential (/s, ${cfg.registrationsSequential})`, fmt(a.registrations?.sequential_per_s), '-', '-'],
    [`registrations, 50 concurrent (/s, ${cfg.registrationsConcurrent})`, fmt(a.registrations?.concurrent_per_s), '-', '-'],
    ['queue change per client at 1000 queued, with deltas (bytes)', fmt(a.queue_delta_bytes_per_client), '-', '-'],
    ['queue change per client at 1000 queued, whole queue (bytes)', fmt(a.queue_update_bytes_per_client), '-', '-'],
    [`start-up to listening, npm run serve (ms, median of ${cfg.startupRuns}; ${fmt(startup.npm_run_serve_ms.min)}–${fmt(startup.npm_run_serve_ms.max)})`, fmt(startup.npm_run_serve_ms.median), '-', '-'],
    [`start-up to listening, node out/server/cli.mjs (ms, median; ${fmt(startup.bundle_ms.min)}–${fmt(startup.bundle_ms.max)})`, fmt(startup.bundle_ms.median), '-', '-'],
    [`start-up to listening, tsx from source (ms, median; ${fmt(startup.tsx_source_ms.min)}–${fmt(startup.tsx_source_ms.max)})`, fmt(startup.tsx_source_ms.median), '-', '-']
  ];
  console.log('| measure | Pileup Buster | bare ws | ratio |\n|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\n| target | met |\n|---|---|');
  for (const [k, v] of Object.entries(targets)) console.log(`| ${k} | ${v ? 'yes' : 'NO'} |`);
  console.log(`\nchart: ${CHART_OUT}${JSON_OUT ? `\njson: ${JSON_OUT}` : ''}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  }
);
