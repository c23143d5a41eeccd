/**
 * The console's picture of the pileup, kept current from events. Pure functions, so the rules
 * for sequence numbers and resync are unit-tested without a browser:
 *   - an event whose seq is not newer than what we hold is already included: ignored;
 *   - an event that skips a number means events were missed: flag a resync;
 *   - while a snapshot is being fetched, events are held back and replayed on top of it.
 */
import type { CurrentQso, FrequencyState, PileupSnapshot, QueueSnapshot, SplitState, SystemStatus } from '../../../shared/protocol/entities';
import type { EventMessage } from '../../../shared/protocol/messages';

export interface PileupView {
  seq: number;
  instanceId: string;
  system: SystemStatus;
  queue: QueueSnapshot;
  current: CurrentQso | null;
  frequency: FrequencyState;
  split: SplitState;
  qsosLogged: number;
  /** True between noticing a gap and applying the snapshot that repairs it. */
  resyncing: boolean;
  held: EventMessage[];
}

export function viewFromSnapshot(snapshot: PileupSnapshot): PileupView {
  return {
    seq: snapshot.seq,
    instanceId: snapshot.instance_id,
    system: snapshot.system,
    queue: snapshot.queue,
    current: snapshot.current_qso,
    frequency: snapshot.frequency,
    split: snapshot.split,
    qsosLogged: snapshot.qsos_logged,
    resyncing: false,
    held: []
  };
}

export type EventOutcome = { view: PileupView; needsResync: boolean };

function applyData(view: PileupView, message: EventMessage): PileupView {
  const data = message.data as never;
  switch (message.event) {
    case 'queue_update':
      return { ...view, queue: data as QueueSnapshot, system: { ...view.system, active: (data as QueueSnapshot).system_active } };
    case 'current_qso':
      return { ...view, current: data as CurrentQso | null };
    case 'frequency_update':
      return { ...view, frequency: data as FrequencyState };
    case 'split_update':
      return { ...view, split: data as SplitState };
    case 'system_status': {
      const status = data as SystemStatus;
      return { ...view, system: { active: status.active, last_updated: status.last_updated, updated_by: status.updated_by } };
    }
    case 'qso_complete':
      return { ...view, qsosLogged: view.qsosLogged + 1, queue: (data as { queue: QueueSnapshot }).queue };
    default:
      return view;
  }
}

export function applyEvent(view: PileupView, message: EventMessage): EventOutcome {
  if (view.resyncing) return { view: { ...view, held: [...view.held, message] }, needsResync: false };
  if (message.seq <= view.seq) return { view, needsResync: false };
  if (message.seq > view.seq + 1) {
    return { view: { ...view, resyncing: true, held: [message] }, needsResync: true };
  }
  return { view: { ...applyData(view, message), seq: message.seq }, needsResync: false };
}

/** Replaces the view with a fresh snapshot, then replays what arrived meanwhile and is newer. */
export function applySnapshot(view: PileupView | null, snapshot: PileupSnapshot): PileupView {
  const held = view?.held ?? [];
  let next = viewFromSnapshot(snapshot);
  for (const message of [...held].sort((a, b) => a.seq - b.seq)) {
    if (message.seq === next.seq + 1) next = { ...applyData(next, message), seq: message.seq };
  }
  return next;
}

export function startResync(view: PileupView): PileupView {
  return { ...view, resyncing: true };
}
