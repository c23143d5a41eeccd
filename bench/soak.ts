// Soak: a bounded run of many stations connecting and leaving, registering and following events
// while the operator works the queue. Loopback only; stops by itself. Prints figures and returns
// them, so the CI test (tests/soak) and `npm run soak` share one implementation.
//   npm run soak                        about 10 minutes, 300 stations
//   SOAK_SECONDS=60 SOAK_STATIONS=100 npm run soak
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PileupClient, PileupRequestError, type WebSocketConstructor } from '../src/shared/client/pileup-client.js';
import { createLogger } from '../src/main/server/logger.js';
import { startPileupServer } from '../src/main/server/pileup-server.js';
import { websocketUrl } from '../src/shared/protocol/endpoints.js';

export interface SoakOptions {
  seconds: number;
  stations: number;
  /** Print progress lines. */
  verbose?: boolean;
}

export interface SoakResult {
  seconds: number;
  stations: number;
  sessions: number;
  registrations: number;
  leaves: number;
  qsos: number;
  eventsSeen: number;
  gapsSeen: number;
  unexpectedErrors: string[];
  serverErrorLines: number;
  heapStartMb: number;
  heapEndMb: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
}

const EXPECTED = new Set(['QUEUE_FULL', 'DUPLICATE_CALLSIGN', 'NOT_FOUND', 'RATE_LIMITED', 'COOLDOWN', 'DISCONNECTED']);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pileup-soak-'));
  let serverErrorLines = 0;
  const logger = createLogger('warn', {
    write: (line: string) => {
      if (line.includes('"level":50') || line.includes('"level":60')) serverErrorLines++;
    }
  });
  const server = await startPileupServer({
    dataDir,
    env: { HOST: '127.0.0.1', PORT: '0', STATUS_PORT: '0', DISCOVERY: 'off', ADMIN_PASSWORD: 'soak', MAX_QUEUE_SIZE: '50', WEBSOCKET_MAX_CONNECTIONS: String(options.stations + 20) },
    logger
  });
  const url = websocketUrl('127.0.0.1', server.port);
  const Impl = WebSocket as unknown as WebSocketConstructor;
  const result: SoakResult = {
    seconds: options.seconds, stations: options.stations, sessions: 0, registrations: 0, leaves: 0, qsos: 0, eventsSeen: 0, gapsSeen: 0,
    unexpectedErrors: [], serverErrorLines: 0, heapStartMb: 0, heapEndMb: 0, rssStartMb: 0, rssPeakMb: 0, rssEndMb: 0
  };
  const deadline = Date.now() + options.seconds * 1000;
  const note = (error: unknown) => {
    const code = error instanceof PileupRequestError ? error.code : 'EXCEPTION';
    if (!EXPECTED.has(code) && result.unexpectedErrors.length < 20) result.unexpectedErrors.push(`${code}: ${(error as Error).message}`);
  };

  const operator = await PileupClient.connect(url, { WebSocketImpl: Impl });
  await operator.auth('admin', 'soak');
  await operator.request('admin.set_system_status', { active: true });
  await operator.request('admin.set_frequency', { frequency: '14.205', mode: 'USB' });
  const operatorLoop = (async () => {
    while (Date.now() < deadline) {
      await operator.request('admin.next_qso').then((r) => r.completed_qso && result.qsos++, note);
      await sleep(150);
    }
  })();

  const station = async (index: number) => {
    let round = 0;
    while (Date.now() < deadline) {
      round++;
      let client: PileupClient;
      try {
        client = await PileupClient.connect(url, { WebSocketImpl: Impl, connectTimeoutMs: 10_000 });
      } catch (error) {
        note(error);
        await sleep(500);
        continue;
      }
      result.sessions++;
      client.onAnyEvent(() => result.eventsSeen++);
      client.onGap(() => result.gapsSeen++);
      const n = index * 1000 + round;
      const callsign = `K${n % 10}${LETTERS[Math.floor(n / 260) % 26]}${LETTERS[Math.floor(n / 10) % 26]}${LETTERS[n % 26]}`;
      let token: string | null = null;
      try {
        token = (await client.request('queue.register', { callsign })).leave_token;
        result.registrations++;
      } catch (error) {
        note(error);
      }
      await sleep(500 + Math.random() * 3000);
      if (token && Math.random() < 0.5) {
        await client.request('queue.leave', { callsign, token }).then(() => result.leaves++, note);
      }
      await client.close().catch(() => undefined);
    }
  };

  const samples: number[] = [];
  const first = process.memoryUsage();
  result.heapStartMb = mb(first.heapUsed);
  result.rssStartMb = mb(first.rss);
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    samples.push(m.rss);
    result.rssPeakMb = Math.max(result.rssPeakMb, mb(m.rss));
    if (options.verbose) console.log(`soak ${Math.round((deadline - Date.now()) / 1000)} s left: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, sessions ${result.sessions}, qsos ${result.qsos}, gaps ${result.gapsSeen}`);
  }, 5000);

  // Stations start spread over the first few seconds, as a real pileup would.
  await Promise.all([operatorLoop, ...Array.from({ length: options.stations }, (_, i) => sleep((i * 3000) / options.stations).then(() => station(i)))]);
  clearInterval(sampler);
  await operator.close();
  await server.stop();
  const last = process.memoryUsage();
  result.heapEndMb = mb(last.heapUsed);
  result.rssEndMb = mb(last.rss);
  result.serverErrorLines = serverErrorLines;
  await rm(dataDir, { recursive: true, force: true });
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.env.SOAK_SECONDS ?? 600);
  const stations = Number(process.env.SOAK_STATIONS ?? 300);
  console.log(`soak: ${stations} stations for ${seconds} s on loopback`);
  const result = await runSoak({ seconds, stations, verbose: true });
  console.log(JSON.stringify(result, null, 2));
  const ok = result.gapsSeen === 0 && result.unexpectedErrors.length === 0 && result.serverErrorLines === 0;
  console.log(ok ? 'soak: nothing lost, nothing crashed' : 'soak: PROBLEMS FOUND');
  process.exit(ok ? 0 : 1);
}
