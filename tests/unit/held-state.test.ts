/**
 * The pileup's state is replaced on change, never edited in place: the queue projection caches
 * each entry's view by the entry object, and a snapshot by the values it was built from, so an
 * edit in place would leave stations looking at stale views. The types forbid such edits; the
 * `@ts-expect-error` lines below fail `npm run typecheck` the day one of them compiles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PileupState, type HeldEntry } from '../../src/main/server/pileup/pileup-state.js';

describe('held pileup state', () => {
  it('cannot be edited in place (checked by the type checker)', () => {
    const state = new PileupState();
    const edits = [
      // @ts-expect-error a queue entry is replaced, never edited
      () => (state.queue[0]!.callsign = 'W1AW'),
      // @ts-expect-error the queue is replaced, never pushed to
      () => state.queue.push(state.queue[0]!),
      // @ts-expect-error the frequency is replaced, never edited
      () => (state.frequency.frequency = '14.205'),
      // @ts-expect-error the on-air status is replaced, never edited
      () => (state.system.active = true),
      // @ts-expect-error the split is replaced, never edited
      () => (state.split.split = 'up 5')
    ];
    // Not run: the assertions are the compile errors above.
    expect(edits).toHaveLength(5);
  });
});

describe("the queue's callsigns", () => {
  const entry = (callsign: string, order: number) => ({ id: `${callsign}-${order}`, callsign, timestamp: '2026-12-01T00:00:00.000Z', qrz: null, order }) as HeldEntry;
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('append' as const), callsign: fc.constantFrom('W1AW', 'DL1ABC', 'JA1XYZ', 'VK3ABC', 'G4ABC') }),
    fc.record({ kind: fc.constant('insert' as const), callsign: fc.constantFrom('W1AW', 'K1ABC', 'EA8ABC'), at: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), callsign: fc.constantFrom('W1AW', 'DL1ABC', 'G4ABC'), ahead: fc.boolean() }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('filter' as const), callsign: fc.constantFrom('W1AW', 'DL1ABC', 'K1ABC') }),
    fc.record({ kind: fc.constant('replace' as const), callsigns: fc.array(fc.constantFrom('W1AW', 'DL1ABC', 'JA1XYZ'), { maxLength: 5 }) }),
    fc.constant({ kind: 'clear' as const }),
    fc.constant({ kind: 'same' as const })
  );

  it('are known without walking the queue, whatever replaced it (as a walk would find them)', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 40 }), (edits) => {
        const state = new PileupState();
        let order = 0;
        for (const change of edits) {
          const queue = state.queue;
          if (change.kind === 'append') state.queue = [...queue, entry(change.callsign, ++order)];
          else if (change.kind === 'add') state.addEntry(entry(change.callsign, change.ahead ? (queue[0]?.order ?? 0) - 1 : ++order));
          else if (change.kind === 'insert') {
            const at = queue.length === 0 ? 0 : change.at % (queue.length + 1);
            state.queue = [...queue.slice(0, at), entry(change.callsign, ++order), ...queue.slice(at)];
          } else if (change.kind === 'remove') {
            if (queue.length > 0) state.removeEntryAt(change.at % queue.length);
          } else if (change.kind === 'filter') state.queue = queue.filter((e) => e.callsign !== change.callsign);
          else if (change.kind === 'replace') state.queue = change.callsigns.map((c) => entry(c, ++order));
          else if (change.kind === 'clear') state.queue = [];
          else state.queue = queue;
          for (const callsign of ['W1AW', 'DL1ABC', 'JA1XYZ', 'VK3ABC', 'G4ABC', 'K1ABC', 'EA8ABC']) {
            expect(state.holds(callsign), `${callsign} after ${change.kind}`).toBe(state.queue.some((e) => e.callsign === callsign));
          }
        }
      }),
      { numRuns: 300 }
    );
  });

  it('an added entry takes its place by order: at the end, at the head, or between', () => {
    const state = new PileupState();
    for (const [callsign, order] of [['W1AW', 2], ['DL1ABC', 5], ['JA1XYZ', 1], ['VK3ABC', 3], ['G4ABC', 9]] as const) state.addEntry(entry(callsign, order));
    expect(state.queue.map((e) => e.callsign)).toEqual(['JA1XYZ', 'W1AW', 'VK3ABC', 'DL1ABC', 'G4ABC']);
    state.removeEntryAt(1);
    expect(state.queue.map((e) => e.callsign)).toEqual(['JA1XYZ', 'VK3ABC', 'DL1ABC', 'G4ABC']);
    expect(state.holds('W1AW')).toBe(false);
  });
});
