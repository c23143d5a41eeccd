/**
 * Queue deltas: applying the delta between two queues to the first always gives the second
 * (property-tested over joins, leaves, moves and changed entries), a delta is small when little
 * changed, and a client whose queue drifted is told to fetch a snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueueEntry, QueueSnapshot } from '../../src/shared/protocol/entities.js';
import { applyQueueDelta, asksForQueueDeltas, queueDelta, QueueDeltaMismatch, withQueueDeltas } from '../../src/shared/protocol/queue-delta.js';

function entry(n: number, present = true): QueueEntry {
  return {
    id: `id-${n}`,
    callsign: `K${n % 10}A${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}`,
    timestamp: '2026-12-02T16:00:00.000Z',
    position: 1,
    qrz: null,
    country: { entity: 'United States', dxcc: 291, continent: 'NA', cq_zone: 5, itu_zone: 8, flag: '🇺🇸' },
    distance_km: 1234,
    bearing_deg: 45,
    location: { lat: 38.5, lon: -97.5 },
    worked_before: false,
    present,
    last_seen: null
  };
}

function snapshot(entries: QueueEntry[]): QueueSnapshot {
  return { queue: entries.map((e, i) => ({ ...e, position: i + 1 })), total: entries.length, max_size: 10_000, system_active: true };
}

/** One change to a queue, as the pileup makes them. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), at: fc.nat(), n: fc.integer({ min: 1000, max: 1_000_000 }) }),
  fc.record({ kind: fc.constant('leave' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('away' as const), at: fc.nat() })
);

function applyChange(queue: QueueEntry[], c: { kind: string; at: number; n?: number; to?: number }): QueueEntry[] {
  const next = [...queue];
  if (c.kind === 'join') {
    if (next.some((e) => e.id === `id-${c.n}`)) return next;
    next.splice(next.length ? c.at % (next.length + 1) : 0, 0, entry(c.n!));
  } else if (next.length > 0) {
    const at = c.at % next.length;
    if (c.kind === 'leave') next.splice(at, 1);
    if (c.kind === 'move') next.splice(c.to! % next.length, 0, next.splice(at, 1)[0]!);
    if (c.kind === 'away') next[at] = { ...next[at]!, present: !next[at]!.present };
  }
  return next;
}

describe('queue deltas', () => {
  it('applied to the queue before, give the queue after, whatever changed in between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(change, { maxLength: 12 }), fc.boolean(), (size, changes, shareViews) => {
        const before = snapshot(Array.from({ length: size }, (_, i) => entry(i)));
        const after = snapshot(changes.reduce(applyChange, before.queue.map((e) => ({ ...e }))));
        // As the server does: an entry whose view is unchanged, place included, is the same object.
        if (shareViews) after.queue = after.queue.map((e, i) => (JSON.stringify(before.queue[i]) === JSON.stringify(e) ? before.queue[i]! : e));
        const delta = queueDelta(before.queue, after);
        expect(applyQueueDelta(before, delta)).toEqual(after);
      }),
      { numRuns: 500 }
    );
  });

  it('are small when little changed: a join or the head leaving a 1,000-station queue is well under 2 KB', () => {
    const queue = snapshot(Array.from({ length: 1000 }, (_, i) => entry(i)));
    const joined = snapshot([...queue.queue, entry(5000)]);
    const headLeft = snapshot(queue.queue.slice(1));
    const bytes = (s: QueueSnapshot) => Buffer.byteLength(JSON.stringify(queueDelta(queue.queue, s)));
    expect(bytes(joined)).toBeLessThan(2048);
    expect(bytes(headLeft)).toBeLessThan(2048);
    // Every place moved up, yet nothing but the one that left is sent.
    expect(queueDelta(queue.queue, headLeft)).toMatchObject({ removed: ['id-0'], upserts: [] });
    expect(Buffer.byteLength(JSON.stringify(headLeft))).toBeGreaterThan(200_000);
  });

  it('say so when the queue they are applied to has drifted from the server’s', () => {
    const before = snapshot([entry(1), entry(2)]);
    const after = snapshot([entry(1), entry(2), entry(3)]);
    const delta = queueDelta(before.queue, after);
    const drifted = snapshot([entry(1), entry(2), entry(9)]);
    expect(() => applyQueueDelta(drifted, delta)).toThrow(QueueDeltaMismatch);
  });

  it('are asked for with ?queue=delta on the WebSocket URL', () => {
    expect(withQueueDeltas('ws://10.0.0.5:8000/ws/connect')).toBe('ws://10.0.0.5:8000/ws/connect?queue=delta');
    expect(asksForQueueDeltas('/ws/connect?queue=delta')).toBe(true);
    expect(asksForQueueDeltas('/ws/connect?x=1&queue=delta')).toBe(true);
    expect(asksForQueueDeltas('/ws/connect')).toBe(false);
    expect(asksForQueueDeltas('/ws/connect?queue=full')).toBe(false);
  });
});
