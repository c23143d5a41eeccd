/**
 * The station's tuning as a calling station reads it: the frequency with its unit, the band and
 * mode beside it, and the split with its unit (an offset is in kHz, a transmit frequency in MHz).
 */
import type { FrequencyState, SplitState } from '../../../shared/protocol/entities';

export interface Reading {
  /** The figure, or null when not set. */
  value: string | null;
  unit: string | null;
}

export function frequencyReading(frequency: FrequencyState): Reading & { detail: string | null } {
  const detail = [frequency.band, frequency.mode].filter(Boolean).join(' · ');
  return { value: frequency.frequency, unit: frequency.frequency ? 'MHz' : null, detail: detail || null };
}

export function splitReading(split: SplitState): Reading {
  if (!split.split) return { value: null, unit: null };
  const unit = split.value?.kind === 'absolute' ? 'MHz' : split.value?.kind === 'offset' ? 'kHz' : null;
  return { value: split.split, unit };
}
