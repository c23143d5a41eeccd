/** Connection cap, heartbeat, frame size and bad input, over real sockets. */
import { LOCAL_CONNECTIONS_RESERVED } from '../../src/shared/protocol/endpoints.js';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import WebSocket from 'ws';

// ws exports its frame encoder at run time; its typings leave it out.
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } };
import { closeCode, rawSocket, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('connection limit', () => {
  it('closes connections over WEBSOCKET_MAX_CONNECTIONS with 1013 and admits again when one leaves', async () => {
    h = await startHarness({ WEBSOCKET_MAX_CONNECTIONS: '3' });
    // From this machine the cap is 3 plus the places kept for the operator's console.
    const open = await Promise.all(Array.from({ length: 3 + LOCAL_CONNECTIONS_RESERVED }, () => rawSocket(h!.url)));
    for (const { next } of open) expect((await next()).event).toBe('connected');

    const extra = new WebSocket(h.url);
    const refused = await closeCode(extra);
    expect(refused.code).toBe(1013);
    expect(refused.reason).toMatch(/connection limit/);

    const leaving = open[0]!.socket;
    leaving.close();
    await closeCode(leaving).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await rawSocket(h.url);
    expect((await again.next()).event).toBe('connected');
    for (const { socket } of [...open, again]) socket.close();
  });
});

describe('heartbeat', () => {
  it('drops a peer that stops answering pings within two intervals, and keeps a live one', async () => {
    h = await startHarness({ WEBSOCKET_HEARTBEAT_INTERVAL: '1' });
    // autoPong: false makes this client behave like a peer whose network died silently.
    const dead = new WebSocket(h.url, { autoPong: false });
    const live = new WebSocket(h.url);
    await Promise.all([new Promise((r) => dead.once('open', r)), new Promise((r) => live.once('open', r))]);
    let pings = 0;
    dead.on('ping', () => pings++);
    const started = Date.now();
    await closeCode(dead, 4000);
    const elapsed = Date.now() - started;
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeLessThanOrEqual(2600);
    expect(live.readyState).toBe(WebSocket.OPEN);
    expect(h.server.websocket.connectionCount).toBe(1);
    live.close();
  });
});

describe('frame size', () => {
  it('closes a connection that sends a frame over 64 KiB with 1009; others carry on', async () => {
    h = await startHarness();
    const bystander = await h.connect();
    const { socket, next } = await rawSocket(h.url);
    await next();
    const closed = closeCode(socket);
    socket.send(JSON.stringify({ type: 'request', operation: 'queue.list', data: { pad: 'x'.repeat(65 * 1024) } }));
    expect((await closed).code).toBe(1009);
    expect(await bystander.request('system.ping')).toMatchObject({ pong: true });
  });

  it('accepts a frame just under the limit', async () => {
    h = await startHarness();
    const { socket, next } = await rawSocket(h.url);
    await next();
    socket.send(JSON.stringify({ type: 'request', id: 'big', operation: 'queue.list', data: { pad: 'x'.repeat(60 * 1024) } }));
    expect(await next()).toMatchObject({ id: 'big', success: true });
    socket.close();
  });
});

describe('bad input', () => {
  it('answers each bad message with a clear error and keeps the connection usable', async () => {
    h = await startHarness();
    const { socket, next } = await rawSocket(h.url);
    await next();
    const cases: Array<[string | Buffer, object]> = [
      ['not json', { type: 'error', error_code: 'INVALID_MESSAGE', error: 'Message is not valid JSON' }],
      ['[1,2,3]', { type: 'error', error_code: 'INVALID_MESSAGE', error: 'Message must be a JSON object' }],
      ['"hello"', { type: 'error', error_code: 'INVALID_MESSAGE' }],
      ['null', { type: 'error', error_code: 'INVALID_MESSAGE' }],
      ['{}', { type: 'error', error_code: 'INVALID_MESSAGE', error: expect.stringContaining('no "type"') }],
      ['{"type":"launch","id":"a"}', { type: 'error', id: 'a', error_code: 'INVALID_MESSAGE', error: expect.stringContaining('Unknown message type "launch"') }],
      ['{"type":"request","id":"b"}', { id: 'b', error_code: 'INVALID_MESSAGE', error: expect.stringContaining('operation is required') }],
      ['{"type":"request","id":"c","operation":"queue.nope"}', { type: 'response', id: 'c', success: false, error_code: 'UNKNOWN_OPERATION' }],
      ['{"type":"request","id":"d","operation":"queue.register","data":"W1AW"}', { id: 'd', error_code: 'VALIDATION_ERROR', error: 'data must be a JSON object' }],
      ['{"type":"request","id":"e","operation":"queue.register","data":{"callsign":42}}', { id: 'e', error_code: 'VALIDATION_ERROR', error: expect.stringContaining('callsign') }],
      ['{"type":"request","id":"f","operation":"__proto__"}', { id: 'f', error_code: 'UNKNOWN_OPERATION' }],
      ['{"type":"request","id":{"x":1},"operation":"system.ping"}', { id: null, success: false, error_code: 'INVALID_MESSAGE' }],
      [Buffer.from([0x00, 0xff, 0x10]), { type: 'error', error_code: 'INVALID_MESSAGE', error: expect.stringContaining('Binary') }]
    ];
    for (const [frame, expected] of cases) {
      socket.send(frame);
      const reply = await next();
      expect(reply, `reply to ${String(frame)}`).toMatchObject({ success: false, ...expected });
      expect(typeof reply.error_message).toBe('string');
    }
    // Deep nesting is still just a bad parameter.
    socket.send(`{"type":"request","id":"deep","operation":"queue.register","data":{"callsign":${'['.repeat(5000)}${']'.repeat(5000)}}}`);
    expect(await next()).toMatchObject({ id: 'deep', error_code: 'VALIDATION_ERROR' });

    socket.send(JSON.stringify({ type: 'request', id: 'ok', operation: 'system.ping' }));
    expect(await next()).toMatchObject({ id: 'ok', success: true, data: { pong: true } });
    socket.close();
  });

  it('closes a connection that sends invalid UTF-8 text (1007) without disturbing the server', async () => {
    h = await startHarness();
    const { socket, next } = await rawSocket(h.url);
    await next();
    const closed = closeCode(socket);
    // A text frame whose payload is not UTF-8 is a protocol violation the library rejects.
    const frame = Sender.frame(Buffer.from([0xc3, 0x28]), { fin: true, opcode: 1, mask: true, readOnly: false, rsv1: false });
    const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
    for (const chunk of frame) tcp.write(chunk);
    expect((await closed).code).toBe(1007);
    const other = await h.connect();
    expect(await other.request('system.ping')).toMatchObject({ pong: true });
  });
});
