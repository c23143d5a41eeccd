/**
 * The queue view reuses the last snapshot's entries where nothing that goes into them changed, so
 * a registration at the end of a long queue does not build every view again. Property-tested: after
 * any sequence of joins, leaves, moves, presence changes, band changes, new QSOs and grid changes,
 * the snapshot is exactly the one a fresh projection builds from the same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrequencyState, SystemStatus } from '../../src/shared/protocol/entities.js';
import { LogIndex } from '../../src/main/server/pileup/log-index.js';
import type { HeldEntry } from '../../src/main/server/pileup/pileup-state.js';
import { Presence } from '../../src/main/server/pileup/presence.js';
import { QueueProjection, type ProjectionSources } from '../../src/main/server/pileup/queue-projection.js';
import { lookupDxcc } from '../../src/main/server/integrations/dxcc.js';

const CALLS = ['W1AW', 'G4ABC', 'JA1XYZ', 'DL1ABC', 'VK2AB', 'PY2AA', 'ZS6AB', 'K1ABC', 'F5ABC', 'EA8AB'];

function held(n: number): HeldEntry {
  return { id: `id-${n}`, callsign: CALLS[n % CALLS.length]!, timestamp: '2026-12-02T16:00:00.000Z', qrz: null, order: n };
}

interface World {
  queue: readonly HeldEntry[];
  frequency: FrequencyState;
  log: LogIndex;
  presence: Presence;
  myGrid: string | null;
  nextId: number;
  qsos: number;
}

function sources(world: World): ProjectionSources {
  const system: SystemStatus = { active: true } as SystemStatus;
  return {
    queue: () => world.queue,
    frequency: () => world.frequency,
    system: () => system,
    log: () => world.log,
    presence: world.presence,
    maxQueueSize: () => 1000,
    myGrid: () => world.myGrid,
    country: lookupDxcc
  };
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('join' as const) }),
  fc.record({ kind: fc.constant('leave' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('attach' as const), at: fc.nat(), connection: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('close' as const), connection: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('touch' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('band' as const), band: fc.constantFrom('20m', '40m') }),
  fc.record({ kind: fc.constant('qso' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('grid' as const), grid: fc.constantFrom('FN31', 'JO62', null) })
);

function apply(world: World, s: { kind: string; at?: number; to?: number; connection?: number; band?: string; grid?: string | null }): void {
  const q = [...world.queue];
  const pick = () => q[(s.at ?? 0) % q.length]!;
  switch (s.kind) {
    case 'join':
      world.queue = [...q, held(world.nextId++)];
      return;
    case 'leave':
      if (q.length) {
        const gone = q.splice((s.at ?? 0) % q.length, 1)[0]!;
        world.presence.forget(gone.id);
        world.queue = q;
      }
      return;
    case 'move':
      if (q.length) {
        q.splice((s.to ?? 0) % q.length, 0, q.splice((s.at ?? 0) % q.length, 1)[0]!);
        world.queue = q;
      }
      return;
    case 'attach':
      if (q.length) world.presence.attach(pick().id, `conn-${s.connection}`);
      return;
    case 'close':
      world.presence.connectionClosed(`conn-${s.connection}`, `2026-12-02T16:${String(10 + world.nextId % 50).padStart(2, '0')}:00.000Z`);
      return;
    case 'touch':
      if (q.length) world.presence.touch(pick().id, '2026-12-02T17:00:00.000Z');
      return;
    case 'band':
      world.frequency = { ...world.frequency, band: s.band ?? null };
      return;
    case 'qso':
      if (q.length) {
        world.qsos++;
        world.log.add({ id: `qso-${world.qsos}`, callsign: pick().callsign, band: world.frequency.band ?? '20m', mode: 'SSB', started_at: '2026-12-02T16:00:00.000Z', completed_at: '2026-12-02T16:01:00.000Z' });
      }
      return;
    case 'grid':
      world.myGrid = s.grid ?? null;
      return;
  }
}

describe('queue projection', () => {
  it('after any changes, its snapshot is the one a fresh projection builds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { maxLength: 25 }), (size, rounds) => {
        const world: World = {
          queue: Array.from({ length: size }, (_, i) => held(i)),
          frequency: { frequency: '14.205', band: '20m', mode: 'SSB', last_updated: null },
          log: LogIndex.from([]),
          presence: new Presence(),
          myGrid: 'FN31',
          nextId: size,
          qsos: 0
        };
        const projection = new QueueProjection(sources(world));
        projection.snapshot();
        for (const round of rounds) {
          for (const s of round) apply(world, s);
          expect(projection.snapshot()).toEqual(new QueueProjection(sources(world)).snapshot());
        }
      }),
      { numRuns: 300 }
    );
  });

  it('a join at the end of a long queue keeps every other entry’s view, and one presence change rebuilds only that entry', () => {
    const world: World = {
      queue: Array.from({ length: 500 }, (_, i) => held(i)),
      frequency: { frequency: '14.205', band: '20m', mode: 'SSB', last_updated: null },
      log: LogIndex.from([]),
      presence: new Presence(),
      myGrid: 'FN31',
      nextId: 500,
      qsos: 0
    };
    const projection = new QueueProjection(sources(world));
    const before = projection.snapshot();
    world.queue = [...world.queue, held(world.nextId++)];
    world.presence.attach('id-7', 'conn-1');
    const after = projection.snapshot();
    expect(after.queue).toHaveLength(501);
    expect(after.queue.filter((view, i) => view !== before.queue[i]).map((view) => view.id)).toEqual(['id-7', 'id-500']);
    expect(after.queue[7]).toMatchObject({ id: 'id-7', present: true });
  });

  it('asks for every view again when the presence changes are too many to list', () => {
    const presence = new Presence();
    const start = presence.revision;
    for (let i = 0; i < 10_000; i++) presence.touch(`id-${i % 3}`, '2026-12-02T17:00:00.000Z');
    expect(presence.changedSince(start)).toBeNull();
    // The last two touches were of id-(9998 % 3) and id-(9999 % 3).
    expect([...presence.changedSince(presence.revision - 2)!]).toEqual(['id-2', 'id-0']);
    expect(presence.changedSince(presence.revision)!.size).toBe(0);
  });
});
