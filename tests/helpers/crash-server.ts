/** Starts the headless CLI server as a real process on a data folder, for crash tests. */
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../../src/shared/client/pileup-client.js';
import { runCli, type CliProcess } from './cli-process.js';
import { websocketUrl } from '../../src/shared/protocol/endpoints.js';

export const CRASH_ADMIN = { username: 'admin', password: 'crash-test-password-1' };

export interface CrashServer {
  proc: CliProcess;
  port: number;
  url: string;
  connect(): Promise<PileupClient>;
  connectAdmin(): Promise<PileupClient>;
  /** SIGKILL: no shutdown code runs, as in a power cut. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop (flushes the datastore). */
  stop(): Promise<void>;
}

export async function startCrashServer(dataDir: string, port: number, env: NodeJS.ProcessEnv = {}, options: { prefix?: string[] } = {}): Promise<CrashServer> {
  const proc = runCli(['--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)], {
    ADMIN_USERNAME: CRASH_ADMIN.username,
    ADMIN_PASSWORD: CRASH_ADMIN.password,
    MAX_QUEUE_SIZE: '1000',
    ...env
  }, options);
  const out = await proc.waitFor('Press Ctrl+C to stop.', 20_000);
  const match = /listening on port (\d+)/i.exec(out);
  const bound = match ? Number(match[1]) : port;
  const url = websocketUrl('127.0.0.1', bound);
  const clients: PileupClient[] = [];
  const connect = async () => {
    const client = await PileupClient.connect(url, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
    clients.push(client);
    return client;
  };
  const closeClients = () => Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  return {
    proc,
    port: bound,
    url,
    connect,
    async connectAdmin() {
      const client = await connect();
      await client.auth(CRASH_ADMIN.username, CRASH_ADMIN.password);
      return client;
    },
    async kill() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
      await proc.exited;
      await closeClients();
    },
    async stop() {
      await closeClients();
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
      await proc.exited;
    }
  };
}

/** Distinct valid callsigns: K0AAA, K0AAB, ... */
export function callsignFor(index: number): string {
  const letters = (n: number) => String.fromCharCode(65 + n);
  const digit = Math.floor(index / 17_576) % 10;
  const rest = index % 17_576;
  return `K${digit}${letters(Math.floor(rest / 676))}${letters(Math.floor(rest / 26) % 26)}${letters(rest % 26)}`;
}

export interface ServerView {
  queue: Array<{ callsign: string; position: number }>;
  current: string | null;
  log: string[];
}

/** The queue, the current QSO and every logged callsign, as the server reports them. */
export async function readServerView(admin: PileupClient): Promise<ServerView> {
  const snapshot = await admin.request('public.get_snapshot');
  const exported = await admin.request('admin.export_log', { format: 'csv' });
  const rows = exported.content.split(/\r?\n/).filter((line) => line !== '');
  return {
    queue: snapshot.queue.queue.map((entry) => ({ callsign: entry.callsign, position: entry.position })),
    current: snapshot.current_qso?.callsign ?? null,
    log: rows.slice(1).map((row) => row.split(',')[0]!)
  };
}
