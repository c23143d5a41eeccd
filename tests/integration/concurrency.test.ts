/** Mutations are serialised: a rush of registrations never overfills the queue. */
import { afterEach, describe, expect, it } from 'vitest';
import { PileupRequestError } from '../../src/shared/client/pileup-client.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

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
});
