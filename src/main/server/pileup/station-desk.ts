/**
 * The station's side of the pileup: where it listens (frequency, band, mode, split) and whether
 * it is on the air and taking registrations. What stations see of the tuning (the display text,
 * the band, the split's text) is derived here from the values alone, whoever set them: an
 * operation, or the radio through rig control.
 */
import { bandOf, formatFrequency } from '../../../shared/ham/frequency.js';
import { formatSplit, type SplitValue } from '../../../shared/ham/split.js';
import type { FrequencyState, LoggedQso, SplitState, SystemStatus } from '../../../shared/protocol/entities.js';
import { nowIso } from '../../../shared/protocol/messages.js';
import { PileupPart, type PileupParts } from './pileup-part.js';
import type { QsoDesk } from './qso-desk.js';

export type OnAirResult = SystemStatus & { queue_cleared?: boolean; cleared_count?: number; logged_qso?: LoggedQso | null };

export class StationDesk extends PileupPart {
  constructor(
    parts: PileupParts,
    private readonly qsoDesk: QsoDesk
  ) {
    super(parts);
  }

  /** Tunes to `hz` (or clears the frequency); the mode stays unless a new one is given. */
  setFrequency(tuning: { hz: number; mode?: string | null } | null): Promise<FrequencyState> {
    return this.announcer.change(async () => {
      const mode = tuning?.mode ?? this.s.frequency.mode ?? null;
      const next: FrequencyState = tuning
        ? { frequency: formatFrequency(tuning.hz), frequency_hz: tuning.hz, band: bandOf(tuning.hz), mode, last_updated: nowIso() }
        : { frequency: null, frequency_hz: null, band: null, mode, last_updated: nowIso() };
      await this.store.setState('frequency', next);
      this.publishTuning(next);
      return { ...this.s.frequency };
    });
  }

  setMode(mode: string | null): Promise<FrequencyState> {
    return this.announcer.change(async () => {
      const next: FrequencyState = { ...this.s.frequency, mode, last_updated: nowIso() };
      await this.store.setState('frequency', next);
      this.publishTuning(next);
      return { ...this.s.frequency };
    });
  }

  /** A new band or mode changes every worked-before marker, so the queue is sent again then. */
  private publishTuning(next: FrequencyState): void {
    const markersChanged = next.band !== this.s.frequency.band || next.mode !== this.s.frequency.mode;
    this.s.frequency = next;
    this.announcer.publish('frequency_update', { ...next });
    if (markersChanged && this.s.queue.length > 0) this.announcer.announceQueue();
  }

  setSplit(value: SplitValue | null): Promise<SplitState> {
    return this.announcer.change(async () => {
      const next: SplitState = value ? { split: formatSplit(value), value, last_updated: nowIso() } : { split: null, value: null, last_updated: nowIso() };
      await this.store.setState('split', next);
      this.s.split = next;
      this.announcer.publish('split_update', { ...next });
      return { ...next };
    });
  }

  /**
   * Going off the air closes registration and clears the queue and the current QSO; the log
   * stays. With `logCurrent`, the QSO in progress is logged first instead of dropped.
   */
  setActive(active: boolean, operator: string, options: { logCurrent?: boolean } = {}): Promise<OnAirResult> {
    return this.announcer.change(async () => {
      // Going off the air ends a pause too; coming on keeps whatever pause was set.
      const status: SystemStatus = { active, registration_paused: active ? this.s.system.registration_paused : false, last_updated: nowIso(), updated_by: operator };
      const clearedCount = active ? 0 : this.s.queue.length;
      const hadCurrent = this.s.current !== null;
      const logged = !active && options.logCurrent ? await this.qsoDesk.logCurrent(operator) : null;
      await this.store.setState('system', status);
      if (!active) {
        await this.store.clearQueue();
        await this.store.deleteState('current_qso');
      }
      this.s.system = status;
      const result = active ? { ...status } : { ...status, queue_cleared: true, cleared_count: clearedCount };
      if (logged) this.qsoDesk.publishCompletion(logged);
      this.announcer.publish('system_status', result);
      if (!active) {
        for (const entry of this.s.queue) this.s.presence.forget(entry.id);
        this.s.queue = [];
        this.s.current = null;
        if (hadCurrent) this.announcer.publish('current_qso', null);
      }
      // Always announce the queue: its system_active flag changed even when it holds nobody.
      this.announcer.announceQueue();
      return options.logCurrent ? { ...result, logged_qso: logged } : result;
    });
  }

  /** Pauses or resumes registrations without touching the queue. */
  setRegistrationPaused(paused: boolean, operator: string): Promise<SystemStatus> {
    return this.announcer.change(async () => {
      const status: SystemStatus = { ...this.s.system, registration_paused: paused, last_updated: nowIso(), updated_by: operator };
      await this.store.setState('system', status);
      this.s.system = status;
      this.announcer.publish('system_status', { ...status });
      return { ...status };
    });
  }
}
