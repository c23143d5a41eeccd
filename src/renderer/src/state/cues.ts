/**
 * Cues for a new caller: the row lights up briefly (always), and a short, quiet tone sounds when
 * the operator has switched it on for this console (off by default: the radio is what they
 * listen to).
 */
const SOUND_KEY = 'pileup-buster.sound-new-caller';

export function soundOn(): boolean {
  // The store also runs on plain Node (its tests), where there is no storage and no sound.
  return typeof localStorage !== 'undefined' && localStorage.getItem(SOUND_KEY) === 'on';
}

export function setSoundOn(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

let audio: AudioContext | null = null;

/** A 60 ms tone at 880 Hz, soft attack and release so it does not click. */
export function playNewCallerTone(): void {
  if (!soundOn()) return;
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.08, start + 0.01);
    gain.gain.linearRampToValueAtTime(0, start + 0.06);
    tone.connect(gain).connect(audio.destination);
    tone.start(start);
    tone.stop(start + 0.07);
  } catch {
    // No audio device: the highlight still shows the new caller.
  }
}

/** Ids in the new queue that were not in the old one (none on the first picture or a new server). */
export function arrivalsBetween(previous: { instanceId: string; ids: string[] } | null, next: { instanceId: string; ids: string[] }): string[] {
  if (!previous || previous.instanceId !== next.instanceId) return [];
  const before = new Set(previous.ids);
  return next.ids.filter((id) => !before.has(id));
}
