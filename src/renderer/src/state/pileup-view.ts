/**
 * The console's picture of the pileup. The SDK's session keeps the state current (sequence
 * numbers, resync on a gap, a fresh snapshot after a reconnect); this only renames its fields
 * for the screens.
 */
import type { CurrentQso, FrequencyState, PileupSnapshot, QueueSnapshot, SplitState, StationIdentity, SystemStatus } from '../../../shared/protocol/entities';

export interface PileupView {
  seq: number;
  instanceId: string;
  system: SystemStatus;
  queue: QueueSnapshot;
  current: CurrentQso | null;
  frequency: FrequencyState;
  split: SplitState;
  qsosLogged: number;
  /** Whose pileup it is. */
  station: StationIdentity;
  /** True while a missed event is being repaired from a snapshot. */
  resyncing: boolean;
}

export function toView(snapshot: PileupSnapshot, resyncing: boolean): PileupView {
  return {
    seq: snapshot.seq,
    instanceId: snapshot.instance_id,
    system: snapshot.system,
    queue: snapshot.queue,
    current: snapshot.current_qso,
    frequency: snapshot.frequency,
    split: snapshot.split,
    qsosLogged: snapshot.qsos_logged,
    station: snapshot.station,
    resyncing
  };
}
