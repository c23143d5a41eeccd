// The attacks of the security review, run again against the headless server (the bundle
// `npm run serve` runs) on this machine, printing what they achieve. Loopback and this machine's
// LAN address only; stops by itself in about a minute. The figures go into docs/security.md.
//   npm run build && npm run attack-recheck
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../src/shared/client/pileup-client.js';
import { EVENT_STREAM_PATH, websocketUrl } from '../src/shared/protocol/endpoints.js';
import { freePortRange, runCli, type CliProcess } from '../tests/helpers/cli-process.js';

const ADMIN = { username: 'admin', password: 'attack-recheck-password-1' };
const STATUS_KEY = 'attack-recheck-status-key-0123456789-abcdef';
const LAN = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const basic = (password: string) => `Basic ${Buffer.from(`${ADMIN.username}:${password}`).toString('base64')}`;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Descriptors the server process holds: its sockets, files and the rest. */
async function descriptors(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`)).length;
}

async function start(prefix: string[] = []): Promise<{ proc: CliProcess; dir: string; port: number; statusPort: number; pid: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'attack-recheck-'));
  const port = await freePortRange(2);
  const statusPort = port + 1;
  const proc = runCli(['--data-dir', dir, '--port', String(port)], {
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    STATUS_KEY,
    STATUS_PORT: String(statusPort),
    MAX_QUEUE_SIZE: '1000'
  }, { prefix });
  await proc.waitFor('Press Ctrl+C to stop.', 20_000);
  // prlimit sets the limit and then becomes node (exec), so the pid is the server's either way.
  const pid = proc.child.pid!;
  return { proc, dir, port, statusPort, pid };
}

async function stop(server: { proc: CliProcess; dir: string }): Promise<void> {
  server.proc.child.kill('SIGTERM');
  await server.proc.exited;
  await rm(server.dir, { recursive: true, force: true });
}

async function adminClient(port: number): Promise<PileupClient> {
  const client = await PileupClient.connect(websocketUrl('127.0.0.1', port), { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
  await client.auth(ADMIN.username, ADMIN.password);
  return client;
}

/** 1. After 9 failures, 1,000 guesses at once with the right password among them. */
async function parallelGuesses(): Promise<void> {
  const server = await start();
  const url = `http://127.0.0.1:${server.port}/api/admin/queue`;
  for (let i = 0; i < 9; i++) await fetch(url, { headers: { Authorization: basic(`guess-${i}`) } });
  const passwords = [...Array.from({ length: 999 }, (_, i) => `parallel-${i}`), ADMIN.password];
  const statuses = await Promise.all(passwords.map(async (password) => (await fetch(url, { headers: { Authorization: basic(password) } })).status));
  const count = (status: number) => statuses.filter((s) => s === status).length;
  console.log(`parallel guesses: of 1,000 sent after 9 failures, ${count(401)} checked and refused (401), ${count(429)} refused unchecked (429), ${count(200)} let in; the right password got ${statuses.at(-1)}`);
  await stop(server);
}

/** 2. One event-stream client that never reads, while 3,000 changes are broadcast. */
async function nonReadingEventStream(withReader: boolean): Promise<void> {
  const server = await start();
  const admin = await adminClient(server.port);
  await admin.request('admin.set_system_status', { active: true });
  for (let i = 0; i < 200; i++) await admin.request('queue.register', { callsign: `K${i % 10}A${String.fromCharCode(65 + Math.floor(i / 10))}` });
  const before = await rssMb(server.pid);
  const reader = connect(server.port, '127.0.0.1');
  if (withReader) reader.write(`GET ${EVENT_STREAM_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAccept: text/event-stream\r\n\r\n`);
  reader.pause();
  let closedAfter: number | null = null;
  let peak = before;
  for (let i = 0; i < 3000; i++) {
    await admin.request('admin.set_frequency', { frequency: (14.2 + (i % 100) / 1000).toFixed(3) });
    // Every tenth change moves the queue: each of those carries all 200 stations.
    if (i % 10 === 0) await admin.request('admin.next_qso');
    if (i % 10 === 5) await admin.request('queue.register', { callsign: `N${i % 10}B${String.fromCharCode(65 + Math.floor(i / 100) % 26)}${String.fromCharCode(65 + Math.floor(i / 10) % 26)}` }).catch(() => undefined);
    if (closedAfter === null && server.proc.stderr().includes('dropping an event stream reader')) closedAfter = i;
    if (i % 250 === 0) peak = Math.max(peak, await rssMb(server.pid));
  }
  await sleep(500);
  const after = await rssMb(server.pid);
  if (!withReader) {
    console.log(`the same 3,000 changes with no event-stream client: server RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${after.toFixed(0)} MB after`);
  } else console.log(
    `non-reading event stream: server RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${after.toFixed(0)} MB after 3,000 changes; ` +
      (closedAfter === null ? 'the reader was NOT dropped' : `the reader was dropped after change ${closedAfter}`)
  );
  reader.destroy();
  await admin.close();
  await stop(server);
}

function openIdle(port: number, host: string, count: number, localAddress?: string): Promise<Socket[]> {
  return new Promise((resolve) => {
    const sockets: Socket[] = [];
    let settled = 0;
    for (let i = 0; i < count; i++) {
      const socket = connect({ port, host, localAddress });
      socket.on('error', () => undefined);
      const done = () => {
        if (++settled === count) resolve(sockets);
      };
      socket.once('connect', done);
      socket.once('error', done);
      sockets.push(socket);
    }
  });
}

/** 3. Idle sockets: 20,000 from this machine at a server limited to 8,192 descriptors, and a LAN host's flood. */
async function idleSockets(): Promise<void> {
  const server = await start(['prlimit', '--nofile=8192:8192', '--']);
  const admin = await adminClient(server.port);
  await admin.request('admin.set_system_status', { active: true });
  const idle = await descriptors(server.pid);
  const flood = await openIdle(server.port, '127.0.0.1', 19_000);
  await sleep(1000);
  const held = (await descriptors(server.pid)) - idle;
  // Saving while the flood holds every socket place the server has.
  let saved = 0;
  let failed = '';
  for (let i = 0; i < 20; i++) {
    await admin.request('queue.register', { callsign: `W${i % 10}X${String.fromCharCode(65 + i)}` }).then(
      () => saved++,
      (error: Error) => (failed ||= error.message)
    );
  }
  const newcomer = await fetch(`http://127.0.0.1:${server.port}/api/public/status`).then(
    (r) => `answered ${r.status}`,
    (error: Error) => `refused (${(error.cause as { code?: string } | undefined)?.code ?? error.message})`
  );
  const t0 = Date.now();
  while ((await descriptors(server.pid)) > idle + 4 && Date.now() - t0 < 30_000) await sleep(250);
  const cleared = ((Date.now() - t0 + 1000) / 1000).toFixed(1);
  const afterwards = await fetch(`http://127.0.0.1:${server.port}/api/public/status`).then((r) => r.status, () => 'refused');
  console.log(
    `idle sockets from this machine: 19,000 sent at a server with 8,192 descriptors; it held ${held} (its budget is the limit less 128), the rest were closed at once; ` +
      `the operator's open connection saved ${saved} of 20 registrations${failed ? ` (first failure: ${failed})` : ''}; a new client meanwhile was ${newcomer}; ` +
      `the server was back to ${idle} descriptors ${cleared} s after the flood; a new client then got ${afterwards}`
  );
  for (const socket of flood) socket.destroy();
  if (LAN) {
    await sleep(1500);
    const before = await descriptors(server.pid);
    const lanFlood = await openIdle(server.port, LAN, 1000, LAN);
    await sleep(1000);
    const lanHeld = (await descriptors(server.pid)) - before;
    const station = await fetch(`http://127.0.0.1:${server.port}/api/public/status`).then((r) => r.status, () => 'refused');
    console.log(`idle sockets from one LAN host (${LAN}): of 1,000, the server held ${lanHeld} (its share is 64); another client got ${station}`);
    for (const socket of lanFlood) socket.destroy();
  } else {
    console.log('idle sockets from one LAN host: skipped (this machine has no LAN address)');
  }
  await admin.close();
  await stop(server);
}

/** 4. Wrong status keys as fast as they can be sent. */
async function statusKeyGuesses(): Promise<void> {
  const server = await start();
  const results: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) {
    results.push(
      await new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.statusPort}/`, { headers: { Authorization: `Key wrong-key-${i}-0123456789abcdefghijklmnop` } });
        socket.on('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
        socket.on('open', () => resolve('open'));
        socket.on('error', () => resolve('error'));
      })
    );
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const count = (code: string) => results.filter((r) => r === code).length;
  console.log(`status key guesses: 50 wrong keys took ${seconds} s; ${count('401')} checked (401), ${count('429')} refused unchecked (429)`);
  await stop(server);
}

await parallelGuesses();
await nonReadingEventStream(true);
await nonReadingEventStream(false);
await idleSockets();
await statusKeyGuesses();
