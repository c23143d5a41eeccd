import { useEffect, useState, useSyncExternalStore } from 'react';

/** The current time, re-rendering every `intervalMs` (clocks and waiting times). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The current time to the second from one clock shared by every caller: a list of two thousand
 * waiting times ticks once a second with one timer, and each time redraws only its own text.
 */
const ticking = new Set<() => void>();
let secondNow = Date.now();
let secondTimer: ReturnType<typeof setInterval> | undefined;

function subscribeToSeconds(listener: () => void): () => void {
  ticking.add(listener);
  if (!secondTimer) {
    secondNow = Date.now();
    secondTimer = setInterval(() => {
      secondNow = Date.now();
      for (const tick of ticking) tick();
    }, 1000);
  }
  return () => {
    ticking.delete(listener);
    if (ticking.size === 0) {
      clearInterval(secondTimer);
      secondTimer = undefined;
    }
  };
}

export function useSecondClock(): number {
  return useSyncExternalStore(subscribeToSeconds, () => secondNow);
}
