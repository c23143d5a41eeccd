import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  debounce,
  isTitleBarVisible,
  parseWindowState,
  readWindowState,
  resolveWindowPlacement,
  serializeWindowState,
  writeWindowState,
  type Rect,
  type SavedWindowState
} from '../../src/main/window-state.js';

const OPTIONS = { defaultSize: { width: 1280, height: 800 }, minSize: { width: 1024, height: 640 } };
// A 1920x1080 primary display with a 40 px taskbar, and a 2560x1440 one to its right.
const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
// A small laptop screen.
const LAPTOP: Rect = { x: 0, y: 0, width: 1366, height: 728 };

const saved = (bounds: Rect, maximized = false): SavedWindowState => ({ bounds, maximized });

describe('parseWindowState: only a well-formed saved state is used', () => {
  const good = { version: 1, bounds: { x: 10, y: 20, width: 1300, height: 900 }, maximized: true };

  it('accepts what serializeWindowState writes', () => {
    const state = saved({ x: -1500, y: 20, width: 1300, height: 900 }, true);
    expect(parseWindowState(JSON.parse(serializeWindowState(state)))).toEqual(state);
    expect(parseWindowState(good)).toEqual({ bounds: good.bounds, maximized: true });
  });

  it.each([
    ['null', null],
    ['a string', 'x'],
    ['an array', [1, 2]],
    ['no version', { ...good, version: undefined }],
    ['another version', { ...good, version: 2 }],
    ['no maximized flag', { version: 1, bounds: good.bounds }],
    ['a maximized flag that is not a boolean', { ...good, maximized: 'yes' }],
    ['no bounds', { version: 1, maximized: false }],
    ['a missing coordinate', { ...good, bounds: { x: 1, width: 1300, height: 900 } }],
    ['a coordinate as a string', { ...good, bounds: { ...good.bounds, x: '10' } }],
    ['a fractional size', { ...good, bounds: { ...good.bounds, width: 1300.5 } }],
    ['a zero size', { ...good, bounds: { ...good.bounds, height: 0 } }],
    ['a negative size', { ...good, bounds: { ...good.bounds, width: -5 } }],
    ['an absurd coordinate', { ...good, bounds: { ...good.bounds, x: 5_000_000 } }],
    ['NaN', { ...good, bounds: { ...good.bounds, y: Number.NaN } }],
    ['Infinity', { ...good, bounds: { ...good.bounds, y: Number.POSITIVE_INFINITY } }]
  ])('rejects %s', (_name, value) => {
    expect(parseWindowState(value)).toBeNull();
  });

  it('drops unknown fields', () => {
    expect(parseWindowState({ ...good, extra: 1, bounds: { ...good.bounds, z: 3 } })).toEqual({ bounds: good.bounds, maximized: true });
  });
});

describe('resolveWindowPlacement', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(resolveWindowPlacement(null, [PRIMARY, RIGHT], OPTIONS)).toEqual({
      bounds: { x: 320, y: 120, width: 1280, height: 800 },
      maximized: false
    });
  });

  it('shrinks the default size to a display smaller than it, but not below the minimum', () => {
    const placement = resolveWindowPlacement(null, [LAPTOP], OPTIONS);
    expect(placement.bounds).toEqual({ x: 43, y: 0, width: 1280, height: 728 });
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 600 };
    expect(resolveWindowPlacement(null, [tiny], OPTIONS).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 640 });
  });

  it('restores a saved window that is on a display as it was', () => {
    const bounds = { x: 100, y: 50, width: 1400, height: 900 };
    expect(resolveWindowPlacement(saved(bounds), [PRIMARY, RIGHT], OPTIONS)).toEqual({ bounds, maximized: false });
    const onSecond = { x: 2200, y: 100, width: 2000, height: 1200 };
    expect(resolveWindowPlacement(saved(onSecond), [PRIMARY, RIGHT], OPTIONS).bounds).toEqual(onSecond);
  });

  it('restores a window spanning two displays, and one partly off screen whose title bar is reachable', () => {
    const spanning = { x: 1500, y: 100, width: 1300, height: 900 };
    expect(resolveWindowPlacement(saved(spanning), [PRIMARY, RIGHT], OPTIONS).bounds).toEqual(spanning);
    const hangingOffLeft = { x: -1100, y: 200, width: 1280, height: 800 }; // 180 px showing
    expect(resolveWindowPlacement(saved(hangingOffLeft), [PRIMARY], OPTIONS).bounds).toEqual(hangingOffLeft);
    const hangingOffBottom = { x: 200, y: 900, width: 1280, height: 800 };
    expect(resolveWindowPlacement(saved(hangingOffBottom), [PRIMARY], OPTIONS).bounds).toEqual(hangingOffBottom);
  });

  it('centres a window left on a display that is gone on the primary display, keeping its size', () => {
    const onUnplugged = { x: 2200, y: 100, width: 1400, height: 900 };
    expect(resolveWindowPlacement(saved(onUnplugged, true), [PRIMARY], OPTIONS)).toEqual({
      bounds: { x: 260, y: 70, width: 1400, height: 900 },
      maximized: true
    });
  });

  it('centres a window whose title bar is off screen', () => {
    const aboveTop = { x: 100, y: -700, width: 1280, height: 800 }; // body visible, title bar not
    expect(resolveWindowPlacement(saved(aboveTop), [PRIMARY], OPTIONS).bounds).toEqual({ x: 320, y: 120, width: 1280, height: 800 });
    const barelyOnLeft = { x: -1230, y: 100, width: 1280, height: 800 }; // 50 px across
    expect(resolveWindowPlacement(saved(barelyOnLeft), [PRIMARY], OPTIONS).bounds).toEqual({ x: 320, y: 120, width: 1280, height: 800 });
    const belowBottom = { x: 100, y: 1030, width: 1280, height: 800 }; // 10 px of the title bar
    expect(resolveWindowPlacement(saved(belowBottom), [PRIMARY], OPTIONS).bounds).toEqual({ x: 320, y: 120, width: 1280, height: 800 });
  });

  it('does not count the gap between two displays of different heights as visible', () => {
    const short: Rect = { x: 1920, y: 0, width: 1280, height: 700 };
    const inTheGap = { x: 2000, y: 800, width: 1100, height: 700 };
    expect(isTitleBarVisible(inTheGap, [PRIMARY, short])).toBe(false);
    expect(resolveWindowPlacement(saved(inTheGap), [PRIMARY, short], OPTIONS).bounds).toEqual({ x: 410, y: 170, width: 1100, height: 700 });
  });

  it('shrinks a window saved on a big display to the smaller one it now opens on, and moves it inside', () => {
    const big = { x: 100, y: 50, width: 2400, height: 1300 };
    expect(resolveWindowPlacement(saved(big), [LAPTOP], OPTIONS).bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    const wideOnly = { x: 300, y: 40, width: 1800, height: 650 };
    expect(resolveWindowPlacement(saved(wideOnly), [LAPTOP], OPTIONS).bounds).toEqual({ x: 0, y: 40, width: 1366, height: 650 });
  });

  it('fits the window to the display it is mostly on', () => {
    // Mostly on the right-hand display, which is large enough: unchanged.
    const mostlyRight = { x: 1800, y: 10, width: 2500, height: 1350 };
    expect(resolveWindowPlacement(saved(mostlyRight), [PRIMARY, RIGHT], OPTIONS).bounds).toEqual(mostlyRight);
    // Mostly on the primary display, and too tall for it: shrunk and pulled inside.
    const mostlyLeft = { x: 200, y: 100, width: 1800, height: 1300 };
    expect(resolveWindowPlacement(saved(mostlyLeft), [PRIMARY, RIGHT], OPTIONS).bounds).toEqual({ x: 200, y: 0, width: 1800, height: 1040 });
  });

  it('raises a saved size below the minimum to the minimum', () => {
    const small = { x: 100, y: 100, width: 300, height: 200 };
    expect(resolveWindowPlacement(saved(small), [PRIMARY], OPTIONS).bounds).toEqual({ x: 100, y: 100, width: 1024, height: 640 });
  });

  it('handles displays with negative coordinates (a monitor left of or above the primary one)', () => {
    const left: Rect = { x: -1680, y: -200, width: 1680, height: 1010 };
    const bounds = { x: -1500, y: -150, width: 1200, height: 800 };
    expect(resolveWindowPlacement(saved(bounds), [PRIMARY, left], OPTIONS).bounds).toEqual(bounds);
    expect(resolveWindowPlacement(saved(bounds), [PRIMARY], OPTIONS).bounds).toEqual({ x: 360, y: 120, width: 1200, height: 800 });
  });

  it('keeps the maximized flag, with the normal bounds for when it is unmaximized', () => {
    const bounds = { x: 100, y: 50, width: 1300, height: 850 };
    expect(resolveWindowPlacement(saved(bounds, true), [PRIMARY], OPTIONS)).toEqual({ bounds, maximized: true });
  });

  it('leaves the position to the window manager when there is no display information', () => {
    expect(resolveWindowPlacement(null, [], OPTIONS)).toEqual({ bounds: { x: 0, y: 0, width: 1280, height: 800 }, maximized: false });
  });
});

describe('the window-state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pileup-window-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips, creating the folder, and leaves no temporary file behind', async () => {
    const file = join(dir, 'nested', 'window-state.json');
    const state = saved({ x: 12, y: 34, width: 1111, height: 777 }, true);
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, bounds: state.bounds, maximized: true });
    expect(await readdir(join(dir, 'nested'))).toEqual(['window-state.json']);
    writeWindowState(file, saved({ x: 1, y: 2, width: 1200, height: 700 }));
    expect(readWindowState(file)?.bounds).toEqual({ x: 1, y: 2, width: 1200, height: 700 });
  });

  it('reads a missing, empty, corrupt or foreign file as "nothing saved"', async () => {
    expect(readWindowState(join(dir, 'missing.json'))).toBeNull();
    const file = join(dir, 'window-state.json');
    for (const content of ['', '{"version":1,"bounds":', 'null', '{"x":1}', '\u0000\u0001']) {
      await writeFile(file, content);
      expect(readWindowState(file)).toBeNull();
    }
    expect(readWindowState(dir)).toBeNull(); // a folder where the file should be
  });
});

describe('debounce (saving after a burst of moves and resizes)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, after the burst is over', () => {
    const fn = vi.fn();
    const saveLater = debounce(fn, 500);
    for (let i = 0; i < 10; i++) {
      saveLater.schedule();
      vi.advanceTimersByTime(100);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending call now (on close), and only a pending one', () => {
    const fn = vi.fn();
    const saveLater = debounce(fn, 500);
    saveLater.flush();
    expect(fn).not.toHaveBeenCalled();
    saveLater.schedule();
    saveLater.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('cancel drops a pending call', () => {
    const fn = vi.fn();
    const saveLater = debounce(fn, 500);
    saveLater.schedule();
    saveLater.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
