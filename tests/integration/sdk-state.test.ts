/** The SDK's sequence-number rules (PileupStateTracker), on their own: no sockets. */
import { describe, expect, it } from 'vitest';
import { PileupStateTracker, applyEventToSnapshot, backoffDelay, type EventMessage, type PileupSnapshot, type QueueSnapshot } from '../../src/shared/client/index.js';

const T = '2025-01-01T00:00:00.000Z';

function snapshot(seq: number, callsigns: string[] = [], instance = 'run-1'): PileupSnapshot {
  return {
    seq,
    instance_id: instance,
    system: { active: true, registration_paused: false, last_updated: T, updated_by: 'admin' },
    queue: queue(callsigns),
    current_qso: null,
    frequency: { frequency: null, last_updated: null },
    split: { split: null, last_updated: null },
    qsos_logged: 0,
    station: { callsign: null, operator: null }
  };
}

function queue(callsigns: string[]): QueueSnapshot {
  return {
    queue: callsigns.map((callsign, i) => ({ id: callsign, callsign, timestamp: T, position: i + 1, qrz: null })),
    total: callsigns.length,
    max_size: 4,
    system_active: true
  };
}

function queueEvent(seq: number, callsigns: string[]): EventMessage {
  return { type: 'event', event: 'queue_update', event_type: 'queue_update', seq, data: queue(callsigns), timestamp: T };
}

describe('PileupStateTracker', () => {
  it('applies the next event, ignores what the state already includes', () => {
    const tracker = new PileupStateTracker();
    expect(tracker.receive(queueEvent(1, ['W1AW']))).toBe('ignored'); // no snapshot yet
    tracker.reset(snapshot(3));
    const start = tracker.state;
    expect(tracker.receive(queueEvent(3, ['OLD']))).toBe('ignored');
    expect(tracker.state).toBe(start);
    expect(tracker.receive(queueEvent(4, ['W1AW']))).toBe('applied');
    expect(tracker.state?.seq).toBe(4);
    expect(tracker.state?.queue.total).toBe(1);
    expect(start?.queue.total).toBe(0); // the previous state object is untouched
  });

  it('holds events after a gap and replays the newer ones on top of the snapshot', () => {
    const tracker = new PileupStateTracker();
    tracker.reset(snapshot(1));
    expect(tracker.receive(queueEvent(3, ['A', 'B']))).toBe('gap');
    expect(tracker.resyncing).toBe(true);
    expect(tracker.receive(queueEvent(5, ['A', 'B', 'C', 'D']))).toBe('held');
    expect(tracker.receive(queueEvent(4, ['A', 'B', 'C']))).toBe('held');
    // The snapshot already includes seq 3; 4 and 5 are replayed in order.
    expect(tracker.applySnapshot(snapshot(3, ['A', 'B']))).toBe(false);
    expect(tracker.resyncing).toBe(false);
    expect(tracker.state?.seq).toBe(5);
    expect(tracker.state?.queue.queue.map((e) => e.callsign)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('asks for another snapshot when the held events have a gap of their own', () => {
    const tracker = new PileupStateTracker();
    tracker.reset(snapshot(1));
    tracker.receive(queueEvent(3, ['A']));
    tracker.receive(queueEvent(6, ['A', 'B', 'C']));
    expect(tracker.applySnapshot(snapshot(3, ['A']))).toBe(true); // 4 and 5 are missing too
    expect(tracker.state?.seq).toBe(3);
    expect(tracker.applySnapshot(snapshot(6, ['A', 'B', 'C']))).toBe(false);
    expect(tracker.state?.seq).toBe(6);
  });

  it('takes a new welcome outright, even with a lower seq (the server restarted)', () => {
    const tracker = new PileupStateTracker();
    tracker.reset(snapshot(40, ['A']));
    tracker.receive(queueEvent(45, ['A', 'B'])); // a gap, mid-resync
    tracker.reset(snapshot(0, ['A'], 'run-2'));
    expect(tracker.resyncing).toBe(false);
    expect(tracker.state).toMatchObject({ seq: 0, instance_id: 'run-2' });
    expect(tracker.receive(queueEvent(1, ['A', 'C']))).toBe('applied');
  });

  it('turns each event into the snapshot fields it carries', () => {
    let state = snapshot(0, ['A']);
    state = applyEventToSnapshot(state, { type: 'event', event: 'system_status', event_type: 'system_status', seq: 1, timestamp: T, data: { active: false, last_updated: T, updated_by: 'op', queue_cleared: true, cleared_count: 1 } });
    expect(state.system).toEqual({ active: false, last_updated: T, updated_by: 'op' });
    state = applyEventToSnapshot(state, { type: 'event', event: 'qso_complete', event_type: 'qso_complete', seq: 2, timestamp: T, data: { qso: {}, queue: queue([]) } });
    expect(state).toMatchObject({ seq: 2, qsos_logged: 1, queue: { total: 0 } });
    state = applyEventToSnapshot(state, { type: 'event', event: 'frequency_update', event_type: 'frequency_update', seq: 3, timestamp: T, data: { frequency: '7.074', last_updated: T } });
    expect(state.frequency.frequency).toBe('7.074');
  });
});

describe('backoffDelay', () => {
  it('doubles from 500 ms up to 15 s, spread by the jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, {}, middle))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(backoffDelay(1, {}, () => 0)).toBe(400);
    expect(backoffDelay(1, {}, () => 1)).toBe(600);
    expect(backoffDelay(9, {}, () => 1)).toBe(15000); // never above the maximum
    expect(backoffDelay(2, { initialMs: 100, factor: 3, jitter: 0 })).toBe(300);
  });
});
