/**
 * Where the console window opens: the size and position it had last time, when they still make
 * sense on the displays this machine has now. Pure rules plus a tiny JSON file; no Electron here,
 * so all of it is unit-tested (tests/unit/window-state.test.ts).
 *
 * Rules:
 * - The saved state is used only if it is well formed: integer bounds within sane limits and a
 *   boolean `maximized`. Anything else (missing file, bad JSON, wrong types) means defaults.
 * - The saved position is kept only if the window's title bar would be reachable: a strip along
 *   its top edge must overlap some display's work area by at least TITLE_BAR_MIN_VISIBLE pixels
 *   across and half the strip's height. A window left on an unplugged monitor, or dragged so far
 *   that its title bar is off screen, is centred on the primary display instead.
 * - The size is never larger than the work area of the display the window will open on (the one
 *   it overlaps most) and never smaller than the minimum size; a window shrunk to fit, or hanging
 *   off that display's edge after shrinking, is moved back inside it.
 * - `maximized` is restored as saved; the saved bounds are the normal (unmaximized) bounds, so
 *   unmaximizing returns to them.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface SavedWindowState {
  /** The window's normal (not maximized, not full-screen) bounds. */
  bounds: Rect;
  maximized: boolean;
}

export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
}

export interface PlacementOptions {
  defaultSize: Size;
  minSize: Size;
}

export const WINDOW_STATE_FILE = 'window-state.json';
const FORMAT_VERSION = 1;

/** Height of the strip along the window's top that holds the title bar (or the top of the page). */
export const TITLE_BAR_HEIGHT = 32;
/** How much of the title bar must be on a display, across, for the saved position to be kept. */
export const TITLE_BAR_MIN_VISIBLE = 100;
/** Coordinates beyond this are nonsense (no desktop is a million pixels across). */
const COORDINATE_LIMIT = 100_000;

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The saved state if `value` (parsed JSON) is a well-formed one, else null. */
export function parseWindowState(value: unknown): SavedWindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, bounds, maximized } = value as Record<string, unknown>;
  if (version !== FORMAT_VERSION) return null;
  if (typeof maximized !== 'boolean') return null;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isInteger(x, -COORDINATE_LIMIT, COORDINATE_LIMIT) || !isInteger(y, -COORDINATE_LIMIT, COORDINATE_LIMIT)) return null;
  if (!isInteger(width, 1, COORDINATE_LIMIT) || !isInteger(height, 1, COORDINATE_LIMIT)) return null;
  return { bounds: { x, y, width, height }, maximized };
}

/** What is written to the file (with a format version, so a later format can ignore this one). */
export function serializeWindowState(state: SavedWindowState): string {
  const { x, y, width, height } = state.bounds;
  return `${JSON.stringify({ version: FORMAT_VERSION, bounds: { x, y, width, height }, maximized: state.maximized }, null, 2)}\n`;
}

function overlap(a: Rect, b: Rect): Size {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** Whether the title-bar strip of a window with these bounds is on one of the work areas. */
export function isTitleBarVisible(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const strip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(TITLE_BAR_HEIGHT, bounds.height) };
  const needAcross = Math.min(TITLE_BAR_MIN_VISIBLE, strip.width);
  const needDown = Math.ceil(strip.height / 2);
  return workAreas.some((area) => {
    const o = overlap(strip, area);
    return o.width >= needAcross && o.height >= needDown;
  });
}

/** The work area a window with these bounds is mostly on (the first one, when it is on none). */
function mostlyOn(bounds: Rect, workAreas: readonly Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestArea = -1;
  for (const area of workAreas) {
    const o = overlap(bounds, area);
    if (o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  return best;
}

function fitSize(size: Size, area: Rect, min: Size): Size {
  // The minimum wins over a display smaller than it: the window then cannot fit, and Electron
  // enforces the minimum anyway.
  return {
    width: Math.max(min.width, Math.min(size.width, area.width)),
    height: Math.max(min.height, Math.min(size.height, area.height))
  };
}

function centred(size: Size, area: Rect): Rect {
  return {
    x: area.x + Math.max(0, Math.round((area.width - size.width) / 2)),
    y: area.y + Math.max(0, Math.round((area.height - size.height) / 2)),
    width: size.width,
    height: size.height
  };
}

/** Moves `start` (of a window `length` long) so the window lies within [areaStart, areaStart + areaLength), if it can. */
function pullInside(start: number, length: number, areaStart: number, areaLength: number): number {
  if (length >= areaLength) return areaStart;
  return Math.min(Math.max(start, areaStart), areaStart + areaLength - length);
}

/**
 * Where to open the window, given what was saved (or null) and the displays' work areas, the
 * primary display's first.
 */
export function resolveWindowPlacement(
  saved: SavedWindowState | null,
  workAreas: readonly Rect[],
  options: PlacementOptions
): WindowPlacement {
  const primary = workAreas[0];
  const minSize = options.minSize;
  if (!primary) {
    // No display information at all: let the window manager decide where.
    const size = saved ? saved.bounds : options.defaultSize;
    return {
      bounds: { x: 0, y: 0, width: Math.max(minSize.width, size.width), height: Math.max(minSize.height, size.height) },
      maximized: saved?.maximized ?? false
    };
  }
  if (!saved) return { bounds: centred(fitSize(options.defaultSize, primary, minSize), primary), maximized: false };

  if (!isTitleBarVisible(saved.bounds, workAreas)) {
    return { bounds: centred(fitSize(saved.bounds, primary, minSize), primary), maximized: saved.maximized };
  }
  const area = mostlyOn(saved.bounds, workAreas) ?? primary;
  const size = fitSize(saved.bounds, area, minSize);
  let { x, y } = saved.bounds;
  if (size.width !== saved.bounds.width) x = pullInside(x, size.width, area.x, area.width);
  if (size.height !== saved.bounds.height) y = pullInside(y, size.height, area.y, area.height);
  return { bounds: { x, y, width: size.width, height: size.height }, maximized: saved.maximized };
}

/** The saved state in `file`, or null when it is missing, unreadable or not well formed. */
export function readWindowState(file: string): SavedWindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Writes the state atomically (a temporary file renamed over the old one), so a crash mid-write
 * never leaves a half-written file behind. Synchronous: it is small, and it runs while the
 * window closes, when nothing asynchronous is certain to finish.
 */
export function writeWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, serializeWindowState(state), 'utf8');
  renameSync(temporary, file);
}

export interface Debounced {
  /** Schedules a call `delayMs` after the last schedule. */
  schedule(): void;
  /** Runs a pending call now; does nothing if none is pending. */
  flush(): void;
  /** Drops a pending call. */
  cancel(): void;
}

/** Calls `fn` once things have been quiet for `delayMs` (window moves and resizes come in bursts). */
export function debounce(fn: () => void, delayMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    schedule() {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, delayMs);
    },
    flush() {
      if (timer === null) return;
      cancel();
      fn();
    },
    cancel
  };
}
