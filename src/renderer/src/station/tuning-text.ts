/**
 * The station's tuning as a calling station reads it: the frequency with its unit, the band and
 * mode beside it, and the split with its unit (an offset is in kHz, a transmit frequency in MHz).
 */
import { formatFrequency } from '../../../shared/ham/frequency';
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

/**
 * Where a caller transmits when the split is an offset ("up 5" on 14.195 is 14.200; "up 5–10" is
 * 14.200–14.205), worked out so nobody does sums on a phone while being called. Null when the split
 * already is a frequency, or the listening frequency is not known.
 */
export function callOnText(frequency: FrequencyState, split: SplitState): string | null {
  const value = split.value;
  const rx = frequency.frequency_hz;
  if (!value || value.kind !== 'offset' || typeof rx !== 'number') return null;
  const from = formatFrequency(rx + value.fromKHz * 1000);
  return value.toKHz === null ? from : `${from}\u2013${formatFrequency(rx + value.toKHz * 1000)}`;
}
