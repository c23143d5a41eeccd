/**
 * Starts the real pileup server (real NeDB files in a fresh temp folder, real sockets on an
 * ephemeral port) and connects real `ws` clients to it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../../src/shared/client/pileup-client.js';
import { silentLogger } from '../../src/main/server/logger.js';
import { startPileupServer, type PileupServer, type StartOptions } from '../../src/main/server/pileup-server.js';
import { websocketUrl } from '../../src/shared/protocol/endpoints.js';

export const ADMIN = { username: 'admin', password: 'test-password-123' };

export interface Harness {
  server: PileupServer;
  dataDir: string;
  url: string;
  connect(): Promise<PileupClient>;
  connectAdmin(): Promise<PileupClient>;
  /** Stops the server and starts a new one on the same data folder. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pileup-test-'));
}

export async function startHarness(env: NodeJS.ProcessEnv = {}, options: Partial<StartOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const fullEnv: NodeJS.ProcessEnv = {
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    HOST: '127.0.0.1',
    PORT: '0',
    // Never advertise on the machine's real network from a test (see tests/lan for discovery).
    DISCOVERY: 'off',
    // An ephemeral status port, so parallel servers never compete for 5001-5010.
    STATUS_PORT: '0',
    ...env
  };
  const start = () => startPileupServer({ env: fullEnv, dataDir, logger: silentLogger(), ...options });
  const clients: PileupClient[] = [];
  const harness: Harness = {
    server: await start(),
    dataDir,
    get url() {
      return websocketUrl('127.0.0.1', harness.server.port);
    },
    async connect() {
      const client = await PileupClient.connect(harness.url, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
      clients.push(client);
      return client;
    },
    async connectAdmin() {
      const client = await harness.connect();
      await client.auth(ADMIN.username, ADMIN.password);
      return client;
    },
    async restart() {
      await harness.server.stop();
      harness.server = await start();
    },
    async close() {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
      await harness.server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  return harness;
}

/** Resolves with the next `count` events of the given name seen by `client`. */
export function nextEvents<T = unknown>(client: PileupClient, event: Parameters<PileupClient['on']>[0], count = 1, timeoutMs = 5000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const seen: T[] = [];
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out waiting for ${count} ${event} event(s); got ${seen.length}`));
    }, timeoutMs);
    const off = client.on(event, (data) => {
      seen.push(data as T);
      if (seen.length === count) {
        clearTimeout(timer);
        off();
        resolve(seen);
      }
    });
  });
}

/** A raw `ws` socket, for tests that must send what the typed client never would. */
export function rawSocket(url: string): Promise<{ socket: WebSocket; messages: unknown[]; next(): Promise<any> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages: any[] = [];
    const waiters: Array<(message: any) => void> = [];
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else messages.push(message);
    });
    socket.once('error', reject);
    const next = () =>
      new Promise<any>((res, rej) => {
        const queued = messages.shift();
        if (queued !== undefined) return res(queued);
        const timer = setTimeout(() => rej(new Error('no message within 5 s')), 5000);
        waiters.push((message) => {
          clearTimeout(timer);
          res(message);
        });
      });
    socket.once('open', () => resolve({ socket, messages, next }));
  });
}

export function closeCode(socket: WebSocket, timeoutMs = 5000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    if (socket.readyState === WebSocket.CLOSED) reject(new Error('socket already closed'));
    const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
    socket.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}
