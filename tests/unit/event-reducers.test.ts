/** How each event changes a client's copy of the pileup (shared/client/pileup-state.ts). */
import { describe, expect, it } from 'vitest';
import { applyEventToSnapshot } from '../../src/shared/client/pileup-state.js';
import type { PileupSnapshot } from '../../src/shared/protocol/entities.js';
import { eventMessage, type EventMessage } from '../../src/shared/protocol/messages.js';

const base: PileupSnapshot = {
  seq: 4,
  instance_id: 'i',
  system: { active: true, registration_paused: false, last_updated: null, updated_by: null },
  queue: { queue: [], total: 0, max_size: 4, system_active: true },
  current_qso: null,
  frequency: { frequency: null, last_updated: null },
  split: { split: null, last_updated: null },
  qsos_logged: 7,
  station: { callsign: null, operator: null }
};

describe('applyEventToSnapshot', () => {
  it('applies each event to its part and moves seq on, leaving the input alone', () => {
    const frozen = Object.freeze({ ...base });
    const tuned = applyEventToSnapshot(frozen, eventMessage('frequency_update', 5, { frequency: '14.195', frequency_hz: 14_195_000, band: '20m', mode: 'USB', last_updated: 'x' }));
    expect(tuned).toMatchObject({ seq: 5, frequency: { frequency: '14.195', band: '20m' } });
    expect(frozen.frequency.frequency).toBeNull();
    const off = applyEventToSnapshot(tuned, eventMessage('queue_update', 6, { queue: [], total: 0, max_size: 4, system_active: false }));
    expect(off.system.active).toBe(false);
    expect(applyEventToSnapshot(off, eventMessage('log_update', 7, { action: 'deleted', id: 'q', qsos_logged: 6 })).qsos_logged).toBe(6);
    expect(applyEventToSnapshot(off, eventMessage('station_update', 8, { callsign: 'VP8PJ', operator: 'K1ABC' })).station).toEqual({ callsign: 'VP8PJ', operator: 'K1ABC' });
  });

  it('an event that is not part of the snapshot, or one from a newer server, changes only seq', () => {
    const rig = applyEventToSnapshot(base, eventMessage('rig_status', 5, { address: null, following: true, state: 'off' }));
    expect(rig).toEqual({ ...base, seq: 5 });
    const unknown = { ...eventMessage('rig_status', 6, {}), event: 'map_update', event_type: 'map_update' } as unknown as EventMessage;
    expect(applyEventToSnapshot(base, unknown)).toEqual({ ...base, seq: 6 });
  });
});
