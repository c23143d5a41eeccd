// Benchmark: how long one change takes to reach every connected client, and how fast the
// server takes registrations. Prints figures; it asserts nothing. Run with `npm run bench`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../src/shared/client/pileup-client.js';
import { silentLogger } from '../src/main/server/logger.js';
import { startPileupServer } from '../src/main/server/pileup-server.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 300);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const dataDir = await mkdtemp(join(tmpdir(), 'pileup-bench-'));
const server = await startPileupServer({
  dataDir,
  env: {
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_PASSWORD: 'bench',
    MAX_QUEUE_SIZE: String(REGISTRATIONS),
    WEBSOCKET_MAX_CONNECTIONS: String(CLIENTS + 10),
    DISCOVERY: 'off',
    STATUS_PORT: '0'
  },
  logger: silentLogger()
});
const url = `ws://127.0.0.1:${server.port}/ws/connect`;
const connect = () => PileupClient.connect(url, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor, requestTimeoutMs: 60_000 });

const admin = await connect();
await admin.auth('admin', 'bench');
const listeners = await Promise.all(Array.from({ length: CLIENTS }, connect));

// Fan-out: time from sending a change until the last of CLIENTS listeners has its event.
const fanout: number[] = [];
for (let i = 0; i < CHANGES; i++) {
  const started = performance.now();
  const arrivals = listeners.map(
    (client) =>
      new Promise<void>((resolve) => {
        const off = client.on('frequency_update', () => {
          off();
          resolve();
        });
      })
  );
  await admin.request('admin.set_frequency', { frequency: `14.${(200 + (i % 100)).toString()}` });
  await Promise.all(arrivals);
  fanout.push(performance.now() - started);
}
fanout.sort((a, b) => a - b);
const rss = process.memoryUsage().rss;

// Registrations: sequential round trips, each written to disk before its reply. The listeners
// leave first, so this measures the server rather than 100 in-process clients parsing the queue.
await Promise.all(listeners.map((c) => c.close()));
await admin.request('admin.set_system_status', { active: true });
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const started = performance.now();
for (let i = 0; i < REGISTRATIONS; i++) {
  const call = `K${i % 10}${letters[Math.floor(i / 260) % 26]}${letters[Math.floor(i / 10) % 26]}${letters[i % 26]}`;
  await admin.request('queue.register', { callsign: call });
}
const registrationMs = performance.now() - started;

console.log(`event fan-out to ${CLIENTS} clients over ${CHANGES} changes (change sent -> last client has it):`);
console.log(`  p50 ${percentile(fanout, 50).toFixed(2)} ms   p95 ${percentile(fanout, 95).toFixed(2)} ms   max ${fanout.at(-1)!.toFixed(2)} ms`);
console.log(`registrations: ${REGISTRATIONS} in ${registrationMs.toFixed(0)} ms = ${((REGISTRATIONS / registrationMs) * 1000).toFixed(0)}/s (sequential, queue growing to ${REGISTRATIONS})`);
console.log(`process RSS with server and ${CLIENTS + 1} clients in one process: ${(rss / 1024 / 1024).toFixed(0)} MiB`);

await admin.close();
await server.stop();
await rm(dataDir, { recursive: true, force: true });
