/**
 * The console window: placed where the operator left it (window-state.ts decides where), shown
 * once it has something to show, reloaded if its renderer crashes, and its place saved as it
 * moves. Locked down by its web preferences; navigation rules are in hardening.ts.
 */
import { join } from 'node:path';
import { BrowserWindow, nativeImage, screen } from 'electron';
import windowIconDataUrl from '../../resources/icons/256x256.png?inline';
import { PRODUCT_NAME } from '../shared/product.js';
import type { Logger } from './server/logger.js';
import {
  debounce,
  readWindowState,
  resolveWindowPlacement,
  WINDOW_STATE_FILE,
  writeWindowState,
  type Rect,
  type SavedWindowState
} from './window-state.js';

const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN_SIZE = { width: 1024, height: 640 };
const WINDOW_STATE_SAVE_DELAY_MS = 500;
const MAX_CRASH_RELOADS = 3;

export interface ConsoleWindow {
  readonly window: BrowserWindow;
  /** Saves the window's place now and stops following it (quitting). */
  saveAndStopTracking(): void;
}

export function createConsoleWindow(options: { dataDir: string; logger: Logger; quitting: () => boolean }): ConsoleWindow {
  const { logger } = options;
  const stateFile = join(options.dataDir, WINDOW_STATE_FILE);
  const placement = resolveWindowPlacement(readWindowState(stateFile), displayWorkAreas(), { defaultSize: DEFAULT_SIZE, minSize: MIN_SIZE });
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#0f172a',
    // Windows and macOS take the icon from the installed app; Linux needs it on the window. It
    // is inlined in the bundle, so no file outside out/ has to be packaged for it.
    ...(process.platform === 'linux' ? { icon: nativeImage.createFromDataURL(windowIconDataUrl) } : {}),
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Callsigns are not words, and the spellchecker would download dictionaries.
      spellcheck: false
    }
  });
  const tracker = trackWindowState(window, stateFile, placement.maximized, logger);

  let shown = false;
  const reveal = () => {
    if (shown || window.isDestroyed()) return;
    shown = true;
    if (placement.maximized) window.maximize();
    window.show();
  };
  window.once('ready-to-show', reveal);
  window.webContents.once('did-finish-load', reveal);

  let crashReloads = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error({ reason: details.reason, exitCode: details.exitCode }, 'the console renderer went away');
    if (details.reason === 'clean-exit' || options.quitting() || crashReloads >= MAX_CRASH_RELOADS) return;
    crashReloads += 1;
    window.webContents.reload();
  });
  return {
    window,
    saveAndStopTracking() {
      tracker.saveNow();
      tracker.stop();
    }
  };
}

/** Work areas of every display, the primary one first. */
function displayWorkAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/** Saves the window's normal bounds and maximized state: shortly after it moves or resizes, and on close. */
function trackWindowState(window: BrowserWindow, file: string, initiallyMaximized: boolean, logger: Logger): { saveNow(): void; stop(): void } {
  let maximized = initiallyMaximized;
  let stopped = false;
  const save = () => {
    if (stopped || window.isDestroyed()) return;
    // While minimized or full screen the "maximized" flag says nothing; keep the last one seen.
    if (!window.isMinimized() && !window.isFullScreen()) maximized = window.isMaximized();
    const state: SavedWindowState = { bounds: window.getNormalBounds(), maximized };
    try {
      writeWindowState(file, state);
    } catch (error) {
      logger.warn({ err: error, file }, 'could not save the window position');
    }
  };
  const later = debounce(save, WINDOW_STATE_SAVE_DELAY_MS);
  const onChange = () => {
    if (window.isVisible()) later.schedule();
  };
  window.on('resize', onChange);
  window.on('move', onChange);
  window.on('maximize', onChange);
  window.on('unmaximize', onChange);
  window.on('close', () => {
    later.cancel();
    save();
  });
  return {
    saveNow() {
      later.cancel();
      save();
    },
    stop() {
      later.cancel();
      stopped = true;
    }
  };
}
