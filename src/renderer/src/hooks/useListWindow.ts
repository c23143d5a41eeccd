import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** Up to this many rows, every row is drawn (and a browser's find sees them all). */
const DRAW_ALL_UP_TO = 150;
/** Rows drawn beyond each edge of the visible part, so scrolling shows rows already there. */
const OVERSCAN = 20;

export interface ListWindow {
  /** The rows to draw: `start` up to, not including, `end`. */
  start: number;
  end: number;
  /** Height of the undrawn rows above and below (0 when every row is drawn). */
  spaceAbove: number;
  spaceBelow: number;
  /** Rows whose middle is below the visible edge: callers waiting out of sight. */
  below: number;
  /** Scrolls just enough to show row `index`. */
  reveal(index: number): void;
}

/**
 * A scrolling list of equal rows (one row's height plus the gap between rows, measured from the
 * page) that draws only what is in sight once it is long: a queue of two thousand costs what the
 * screen shows, not two thousand rows on every change.
 */
export function useListWindow(list: RefObject<HTMLElement | null>, count: number, fallbackPitch: number): ListWindow {
  const [view, setView] = useState({ top: 0, height: 0, pitch: fallbackPitch, gap: 0 });
  const measure = useCallback(() => {
    const element = list.current;
    if (!element) return;
    const first = element.querySelector<HTMLElement>(':scope > [data-row]');
    const gap = parseFloat(getComputedStyle(element).rowGap) || 0;
    const pitch = first ? first.offsetHeight + gap : fallbackPitch;
    setView((old) =>
      old.top === element.scrollTop && old.height === element.clientHeight && old.pitch === pitch && old.gap === gap ? old : { top: element.scrollTop, height: element.clientHeight, pitch, gap }
    );
  }, [list, fallbackPitch]);

  useEffect(() => {
    const element = list.current;
    if (!element) return undefined;
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      resize.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [list, measure, count > 0]);
  // A row's height can change with the window (wrapping, zoom): measured again after each draw of a new length.
  useLayoutEffect(measure, [measure, count]);

  const { top, height, pitch, gap } = view;
  const drawAll = count <= DRAW_ALL_UP_TO;
  const start = drawAll ? 0 : Math.max(0, Math.min(count, Math.floor(top / pitch)) - OVERSCAN);
  const end = drawAll ? count : Math.min(count, Math.ceil((top + height) / pitch) + OVERSCAN);
  const edge = top + height;
  const inSight = height === 0 ? count : Math.min(count, Math.max(0, Math.floor((edge - (pitch - gap) / 2) / pitch) + 1));
  const reveal = useCallback(
    (index: number) => {
      const element = list.current;
      if (!element || index < 0) return;
      const rowTop = index * view.pitch;
      const rowBottom = rowTop + view.pitch - view.gap;
      if (rowTop < element.scrollTop) element.scrollTop = rowTop;
      else if (rowBottom > element.scrollTop + element.clientHeight) element.scrollTop = rowBottom - element.clientHeight;
    },
    [list, view.pitch, view.gap]
  );
  return {
    start,
    end,
    // The gap between a spacer and the next row is the list's own.
    spaceAbove: start > 0 ? start * pitch - gap : 0,
    spaceBelow: end < count ? (count - end) * pitch - gap : 0,
    below: count - inSight,
    reveal
  };
}
