/** Mutations are serialised: a rush of registrations never overfills the queue. */
import { afterEach, describe, expect, it } from 'vitest';
import { PileupRequestError } from '../../src/shared/client/pileup-client.js';
import { rawSocket, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

function callsignFor(i: number): string {
  // Distinct, valid calls: K0AA .. K9ZZ style
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `K${i % 10}${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
}

describe('200 stations registering at once', () => {
  it('gives exactly 4 entries with positions 1-4 and QUEUE_FULL to every other', async () => {
    h = await startHarness({ WEBSOCKET_MAX_CONNECTIONS: '250' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const stations = await Promise.all(Array.from({ length: 200 }, () => h.connect()));

    const outcomes = await Promise.all(
      stations.map((client, i) =>
        client.request('queue.register', { callsign: callsignFor(i) }).then(
          (result) => ({ ok: true as const, position: result.entry.position, callsign: result.entry.callsign }),
          (error: unknown) => ({ ok: false as const, code: (error as PileupRequestError).code })
        )
      )
    );

    const accepted = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    expect(accepted).toHaveLength(4);
    expect(accepted.map((o) => o.position).sort()).toEqual([1, 2, 3, 4]);
    expect(refused).toHaveLength(196);
    expect(new Set(refused.map((o) => o.code))).toEqual(new Set(['QUEUE_FULL']));

    const list = await admin.request('queue.list');
    expect(list.total).toBe(4);
    expect(list.queue.map((e) => e.callsign).sort()).toEqual(accepted.map((o) => o.callsign).sort());
    // What is on disk agrees with what was acknowledged.
    expect((await h.server.store.loadQueue()).map((e) => e.callsign).sort()).toEqual(accepted.map((o) => o.callsign).sort());
  });

  it('the same callsign from many connections at once is registered once', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '50' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const stations = await Promise.all(Array.from({ length: 20 }, () => h.connect()));
    const outcomes = await Promise.allSettled(stations.map((c) => c.request('queue.register', { callsign: 'W1AW' })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const codes = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as PileupRequestError).code] : []));
    expect(codes).toEqual(Array(19).fill('DUPLICATE_CALLSIGN'));
  });

  it('a burst is announced with fewer queue_updates, in order and without gaps, and the last one holds everyone', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '100', WEBSOCKET_MAX_CONNECTIONS: '100' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const watcher = await rawSocket(`ws://127.0.0.1:${h.server.port}/ws/connect`);
    const welcome = await watcher.next();
    const stations = await Promise.all(Array.from({ length: 60 }, () => h.connect()));

    const entries = await Promise.all(stations.map((client, i) => client.request('queue.register', { callsign: callsignFor(i) }).then((r) => r.entry)));
    await admin.request('admin.set_frequency', { frequency: '14.195' });

    const events: any[] = [];
    for (;;) {
      const message = await watcher.next();
      events.push(message);
      if (message.event === 'frequency_update') break;
    }
    // Every event numbered, none missing.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => welcome.seq + 1 + i));
    const updates = events.filter((e) => e.event === 'queue_update');
    console.log(`60 registrations at once were announced in ${updates.length} queue_update events`);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(60);
    // The queue is announced before the event that followed the burst, and holds every station at the position its reply gave.
    expect(events.at(-2).event).toBe('queue_update');
    const last = events.at(-2).data;
    expect(last.total).toBe(60);
    expect(new Map(last.queue.map((e: any) => [e.callsign, e.position]))).toEqual(new Map(entries.map((e) => [e.callsign, e.position])));
    // Each update shows a queue that only grows: nothing announced is taken back.
    const totals = updates.map((u) => u.data.total);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    watcher.socket.close();
  });
});
