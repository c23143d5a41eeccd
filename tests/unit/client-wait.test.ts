/** A request for something slow may wait longer than the client's usual wait (a big import's commit). */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { PileupClient, PileupRequestError, type WebSocketConstructor } from '../../src/shared/client/pileup-client.js';

let server: WebSocketServer | undefined;
afterEach(() => server?.close());

/** A server that answers every request after `delayMs`, as a slow machine would. */
async function slowServer(delayMs: number): Promise<string> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server!.once('listening', resolve));
  server.on('connection', (socket) => {
    socket.send(JSON.stringify({ type: 'event', event: 'connected', seq: 0, data: { snapshot: { seq: 0 } } }));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { id: string; operation: string };
      setTimeout(() => socket.send(JSON.stringify({ type: 'response', id: message.id, operation: message.operation, success: true, data: { pong: true } })), delayMs);
    });
  });
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}/ws/connect`;
}

describe('waiting for a slow reply', () => {
  it('request gives up after the usual wait; requestWaiting waits as long as it is told', async () => {
    const url = await slowServer(300);
    const client = await PileupClient.connect(url, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor, requestTimeoutMs: 100 });
    const given = await client.request('system.ping').then(() => null, (error: unknown) => error);
    expect(given).toBeInstanceOf(PileupRequestError);
    expect((given as PileupRequestError).code).toBe('TIMEOUT');
    await expect(client.requestWaiting(2_000, 'system.ping')).resolves.toMatchObject({ pong: true });
    await client.close();
  });
});
