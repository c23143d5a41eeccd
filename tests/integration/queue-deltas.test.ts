/**
 * Queue deltas on the real server: a client that asks for them (`?queue=delta`) gets queue_delta
 * (and qso_complete with queue_delta) under the same sequence numbers others get queue_update
 * under; rebuilt from its welcome snapshot, its queue is always the server's; a seed-protocol
 * client that did not ask sees the wire exactly as before; and with 1,000 queued, a change costs
 * a delta client a few hundred bytes instead of the whole queue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PileupSnapshot } from '../../src/shared/protocol/entities.js';
import { applyEventToSnapshot } from '../../src/shared/client/pileup-state.js';
import type { EventMessage } from '../../src/shared/protocol/messages.js';
import { withQueueDeltas } from '../../src/shared/protocol/queue-delta.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** A bare WebSocket client recording every event as it arrives, with its size on the wire. */
async function listener(url: string) {
  const socket = new WebSocket(url);
  const events: Array<{ message: EventMessage; bytes: number }> = [];
  let welcome: PileupSnapshot | null = null;
  socket.on('message', (data) => {
    const text = data.toString();
    const message = JSON.parse(text) as EventMessage;
    if (message.type !== 'event') return;
    if (message.event === 'connected') welcome = (message.data as { snapshot: PileupSnapshot }).snapshot;
    else events.push({ message, bytes: Buffer.byteLength(text) });
  });
  await new Promise((resolve) => socket.once('open', resolve));
  await until(() => welcome !== null);
  return {
    events,
    /** The state rebuilt from the welcome and every event since, by the SDK's own rules. */
    state: () => events.reduce((state, { message }) => applyEventToSnapshot(state, message), welcome!),
    close: () => socket.close()
  };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('queue deltas', () => {
  it('go to clients that ask, under the same numbers, and rebuild the server’s queue exactly; other clients see whole queues', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '50', MIN_QSO_SECONDS: '0' });
    const full = await listener(h.url);
    const delta = await listener(withQueueDeltas(h.url));
    const operator = await h.connectAdmin();
    await operator.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'DL1ABC', 'JA1XYZ', 'G4ABC']) await operator.request('queue.register', { callsign });
    await operator.request('admin.next_qso');
    await operator.request('admin.complete_qso');
    await operator.request('admin.work_callsign', { callsign: 'JA1XYZ' });
    await operator.request('queue.register', { callsign: 'VK3ABC' });
    const seq = h.server.pileup.snapshot().seq;
    await until(() => full.events.at(-1)?.message.seq === seq && delta.events.at(-1)?.message.seq === seq);

    const names = (events: typeof full.events) => events.map(({ message }) => `${message.seq}:${message.event}`);
    expect(names(delta.events)).toEqual(names(full.events).map((name) => name.replace(':queue_update', ':queue_delta')));
    expect(names(full.events).some((name) => name.endsWith(':queue_update'))).toBe(true);
    expect(full.events.some(({ message }) => message.event === 'queue_delta')).toBe(false);
    const completes = (events: typeof full.events) => events.filter(({ message }) => message.event === 'qso_complete').map(({ message }) => Object.keys(message.data as object).sort());
    expect(completes(full.events)).toEqual([['qso', 'queue']]);
    expect(completes(delta.events)).toEqual([['qso', 'queue_delta']]);
    // Rebuilt from deltas, the queue is the server's, places and all.
    expect(delta.state().queue).toEqual(h.server.pileup.snapshot().queue);
    expect(full.state().queue).toEqual(h.server.pileup.snapshot().queue);
    full.close();
    delta.close();
  });

  it('with 1,000 queued, a join or a next QSO costs a delta client under 2 KB; the whole queue is hundreds of KB', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '2000', MIN_QSO_SECONDS: '0' });
    const operator = await h.connectAdmin();
    await operator.request('admin.set_system_status', { active: true });
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => operator.request('queue.register', { callsign: `K${(i + j) % 10}${String.fromCharCode(65 + Math.floor((i + j) / 10) % 26)}${String.fromCharCode(65 + Math.floor((i + j) / 260))}Z` })));
    }
    const full = await listener(h.url);
    const delta = await listener(withQueueDeltas(h.url));
    await operator.request('queue.register', { callsign: 'W1AW' });
    await operator.request('admin.next_qso');
    const seq = h.server.pileup.snapshot().seq;
    await until(() => full.events.at(-1)?.message.seq === seq && delta.events.at(-1)?.message.seq === seq);
    const queueBytes = (events: typeof full.events, name: string) => events.filter(({ message }) => message.event === name).map(({ bytes }) => bytes);
    expect(queueBytes(delta.events, 'queue_delta').length).toBe(2);
    for (const bytes of queueBytes(delta.events, 'queue_delta')) expect(bytes).toBeLessThan(2048);
    for (const bytes of queueBytes(full.events, 'queue_update')) expect(bytes).toBeGreaterThan(200_000);
    expect(delta.state().queue).toEqual(h.server.pileup.snapshot().queue);
    full.close();
    delta.close();
  }, 60_000);
});
