/**
 * The pileup's state is replaced on change, never edited in place: the queue projection caches
 * each entry's view by the entry object, and a snapshot by the values it was built from, so an
 * edit in place would leave stations looking at stale views. The types forbid such edits; the
 * `@ts-expect-error` lines below fail `npm run typecheck` the day one of them compiles.
 */
import { describe, expect, it } from 'vitest';
import { PileupState } from '../../src/main/server/pileup/pileup-state.js';

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
