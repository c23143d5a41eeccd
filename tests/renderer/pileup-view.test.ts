import { describe, expect, it } from 'vitest';
import type { PileupSnapshot } from '../../src/shared/protocol/entities.js';
import { eventMessage } from '../../src/shared/protocol/messages.js';
import { applyEvent, applySnapshot, viewFromSnapshot } from '../../src/renderer/src/state/pileup-view.js';

function snapshot(seq: number, overrides: Partial<PileupSnapshot> = {}): PileupSnapshot {
  return {
    seq,
    instance_id: 'i1',
    system: { active: true, last_updated: null, updated_by: null },
    queue: { queue: [], total: 0, max_size: 4, system_active: true },
    current_qso: null,
    frequency: { frequency: null, last_updated: null },
    split: { split: null, last_updated: null },
    qsos_logged: 0,
    ...overrides
  };
}

const freq = (seq: number, frequency: string) => eventMessage('frequency_update', seq, { frequency, last_updated: 't' });

describe('the console view of the pileup', () => {
  it('applies consecutive events', () => {
    let view = viewFromSnapshot(snapshot(3));
    view = applyEvent(view, freq(4, '14.205')).view;
    view = applyEvent(view, eventMessage('current_qso', 5, { id: 'a', callsign: 'W1AW', timestamp: 't', started_by: 'op', registered_at: null, qrz: null })).view;
    expect(view.seq).toBe(5);
    expect(view.frequency.frequency).toBe('14.205');
    expect(view.current?.callsign).toBe('W1AW');
  });

  it('ignores an event already included in the snapshot', () => {
    const view = viewFromSnapshot(snapshot(5, { frequency: { frequency: '7.074', last_updated: 't' } }));
    const outcome = applyEvent(view, freq(5, '1.840'));
    expect(outcome.view.frequency.frequency).toBe('7.074');
    expect(outcome.needsResync).toBe(false);
  });

  it('asks for a resync on a gap, holds events meanwhile, and replays the newer ones on the snapshot', () => {
    let view = viewFromSnapshot(snapshot(1));
    const gap = applyEvent(view, freq(4, '14.200'));
    expect(gap.needsResync).toBe(true);
    view = gap.view;
    expect(view.resyncing).toBe(true);
    view = applyEvent(view, freq(5, '14.201')).view; // arrives before the snapshot reply
    expect(view.frequency.frequency).toBeNull(); // nothing applied while resyncing

    // The snapshot was taken at seq 4: event 4 is inside it, event 5 must be replayed on top.
    const repaired = applySnapshot(view, snapshot(4, { frequency: { frequency: '14.200', last_updated: 't' } }));
    expect(repaired).toMatchObject({ seq: 5, resyncing: false, held: [] });
    expect(repaired.frequency.frequency).toBe('14.201');
  });

  it('keeps qsosLogged and the queue in step with qso_complete', () => {
    const view = viewFromSnapshot(snapshot(0, { qsos_logged: 7 }));
    const queue = { queue: [], total: 0, max_size: 6, system_active: true };
    const next = applyEvent(view, eventMessage('qso_complete', 1, { qso: {} as never, queue })).view;
    expect(next.qsosLogged).toBe(8);
    expect(next.queue.max_size).toBe(6);
  });

  it('going off the air shows in the system status and the queue', () => {
    let view = viewFromSnapshot(snapshot(0));
    view = applyEvent(view, eventMessage('system_status', 1, { active: false, last_updated: 't', updated_by: 'op', queue_cleared: true, cleared_count: 2 })).view;
    expect(view.system.active).toBe(false);
    view = applyEvent(view, eventMessage('queue_update', 2, { queue: [], total: 0, max_size: 4, system_active: false })).view;
    expect(view.queue.system_active).toBe(false);
  });
});
