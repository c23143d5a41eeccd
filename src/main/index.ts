/**
 * Electron main process: starts the same pileup server core the headless CLI uses, with its data
 * in the app's user-data folder, then opens the operator console the server serves. Kept thin on
 * purpose: the rules live in small pure modules next to this file (window-state, web-policy,
 * menu) and in ./server.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  screen,
  session,
  shell,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents
} from 'electron';
import windowIconDataUrl from '../../resources/icons/256x256.png?inline';
import type { ConsoleBootInfo, MenuCommand } from '../shared/console-boot.js';
import { createAppLogger, logLevelFrom } from './app-logger.js';
import { IPC } from './ipc-channels.js';
import { buildMenuTemplate } from './menu.js';
import { defaultDataDir } from './server/config.js';
import type { Logger } from './server/logger.js';
import { startPileupServer, type PileupServer } from './server/pileup-server.js';
import {
  consoleEndpoints,
  consoleScope,
  externalLinkTarget,
  isPermissionAllowed,
  isWithinConsole,
  type ConsoleScope
} from './web-policy.js';
import {
  debounce,
  readWindowState,
  resolveWindowPlacement,
  WINDOW_STATE_FILE,
  writeWindowState,
  type Rect,
  type SavedWindowState
} from './window-state.js';

const APP_ID = 'org.pileupbuster.desktop';
const PRODUCT_NAME = 'Pileup Buster Desktop';
const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN_SIZE = { width: 1024, height: 640 };
/** How long quitting waits for the server to close clients and flush the datastore. */
const STOP_TIMEOUT_MS = 10_000;
const WINDOW_STATE_SAVE_DELAY_MS = 500;
const MAX_CRASH_RELOADS = 3;

// The data folder: PILEUP_USER_DATA_DIR (tests, or a second station on one machine), else the
// folder the headless server uses too (`npm run serve`), so both share one datastore however
// Electron was started. Must be set before anything reads it, including the single-instance lock.
app.setName(PRODUCT_NAME);
app.setPath('userData', process.env.PILEUP_USER_DATA_DIR ? resolve(process.env.PILEUP_USER_DATA_DIR) : defaultDataDir());
// Chromium's own files (caches, local storage) go in a subfolder, so the data folder an operator
// opens from Help shows the pileup's files and the log.
app.setPath('sessionData', join(app.getPath('userData'), 'Chromium'));

const dataDir = app.getPath('userData');

let logger: Logger;
let logFile: string | null = null;
let server: PileupServer | null = null;
let starting: Promise<PileupServer> | null = null;
let mainWindow: BrowserWindow | null = null;
let windowState: WindowStateTracker | null = null;
/** Where the window may navigate: set once the server (or the dev server) is known. */
let scope: ConsoleScope | null = null;
let bootInfo: ConsoleBootInfo | null = null;
let shutdown: 'running' | 'stopping' | 'stopped' = 'running';

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this data folder: it gets the focus (see 'second-instance') and this
  // one leaves without touching anything.
  app.quit();
} else {
  run();
}

function run(): void {
  ({ logger, file: logFile } = createAppLogger({
    logDir: join(dataDir, 'logs'),
    level: logLevelFrom(process.env.LOG_LEVEL),
    toStderr: !(app.isPackaged && process.platform === 'win32')
  }));
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.setAboutPanelOptions({ applicationName: PRODUCT_NAME, applicationVersion: app.getVersion(), copyright: 'MIT License' });

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed() || shutdown !== 'running') return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  // Closing the console window stops the server: a server left running with no window would
  // surprise an operator, so the app quits on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (shutdown === 'stopped') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    windowState?.saveNow();
    windowState?.stop();
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.hide();
    void stopServer().finally(() => {
      shutdown = 'stopped';
      app.quit();
    });
  });
  // Ctrl+C in the terminal (`npm start`) or a service manager's SIGTERM: the same graceful quit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app.whenReady().then(start).catch(failStartup);
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isPackaged: app.isPackaged,
        appName: PRODUCT_NAME,
        sendCommand,
        openDataFolder
      })
    )
  );

  const operatorToken = randomBytes(32).toString('base64url');
  const consoleDir = join(import.meta.dirname, '../renderer');
  starting = startPileupServer({
    dataDir,
    localOperatorToken: operatorToken,
    consoleDir: existsSync(join(consoleDir, 'index.html')) ? consoleDir : null,
    logger
  });
  server = await starting;
  logger.level = server.config.logLevel;
  if (shutdown !== 'running') return;

  const endpoints = consoleEndpoints(server.bound.host, server.port);
  // electron-vite's dev server, in development only: a packaged app never loads a URL from its
  // environment, since the window holds the operator token.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const url = devUrl ?? endpoints.consoleUrl;
  scope = consoleScope(url);
  bootInfo = { websocketUrl: endpoints.websocketUrl, operatorToken };
  ipcMain.handle(IPC.bootInfo, (event): ConsoleBootInfo => {
    if (!bootInfo || !isFromConsole(event)) throw new Error('The boot info is only for the console window');
    return bootInfo;
  });

  ipcMain.handle(IPC.saveFile, async (event, suggestedName: unknown, content: unknown) => {
    if (!isFromConsole(event) || typeof suggestedName !== 'string' || typeof content !== 'string') throw new Error('Not allowed');
    // Only the file name is taken from the console; the folder is the operator's choice.
    const name = basename(suggestedName).replace(/[^\w.-]/g, '_');
    const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: join(app.getPath('documents'), name) });
    if (result.canceled || !result.filePath) return { saved: false };
    await writeFile(result.filePath, content, 'utf8');
    return { saved: true, path: result.filePath };
  });

  const window = createWindow();
  try {
    await window.loadURL(url);
  } catch (error) {
    // A navigation the console started itself before the first load finished is not a failure.
    if ((error as { code?: string }).code !== 'ERR_ABORTED') throw new Error(`The console did not load from ${url}: ${(error as Error).message}`);
  }
}

function createWindow(): BrowserWindow {
  const stateFile = join(dataDir, WINDOW_STATE_FILE);
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
  mainWindow = window;
  windowState = trackWindowState(window, stateFile, placement.maximized);

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
    if (details.reason === 'clean-exit' || shutdown !== 'running' || crashReloads >= MAX_CRASH_RELOADS) return;
    crashReloads += 1;
    window.webContents.reload();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  return window;
}

/** Work areas of every display, the primary one first. */
function displayWorkAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

interface WindowStateTracker {
  saveNow(): void;
  stop(): void;
}

/** Saves the window's normal bounds and maximized state: shortly after it moves or resizes, and on close. */
function trackWindowState(window: BrowserWindow, file: string, initiallyMaximized: boolean): WindowStateTracker {
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

function isFromConsole(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return Boolean(mainWindow && event.sender === mainWindow.webContents && frame && frame.parent === null && isWithinConsole(frame.url, scope));
}

function sendCommand(command: MenuCommand): void {
  const window = mainWindow;
  if (!window || window.isDestroyed() || !isWithinConsole(window.webContents.getURL(), scope)) return;
  window.webContents.send(IPC.menuCommand, command);
}

function openDataFolder(): void {
  void shell.openPath(dataDir).then((problem) => {
    if (problem) dialog.showErrorBox('Could not open the data folder', `${dataDir}\n\n${problem}`);
  });
}

/** Hands a link to the operator's browser if the link policy allows it (https only). */
function openExternally(url: string): void {
  const target = externalLinkTarget(url);
  if (!target) {
    logger.warn({ url }, 'blocked a link the console tried to open');
    return;
  }
  shell.openExternal(target).catch((error: unknown) => logger.warn({ err: error, url: target }, 'could not open a link in the browser'));
}

/** Applied to every web contents the app creates (the console window, DevTools, anything else). */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isWithinConsole(event.url, scope)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isWithinConsole(event.url, scope)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isWithinConsole(event.url, scope)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function lockDownSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, scope));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, scope));
  target.setDevicePermissionHandler(() => false);
}

async function stopServer(): Promise<void> {
  const running = server ?? (await starting?.catch(() => null)) ?? null;
  if (!running) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((done) => {
    timer = setTimeout(() => {
      logger.warn({ timeoutMs: STOP_TIMEOUT_MS }, 'the server did not stop in time; quitting anyway');
      done();
    }, STOP_TIMEOUT_MS);
  });
  const stopped = running.stop().catch((error: unknown) => logger.error({ err: error }, 'the server did not stop cleanly'));
  await Promise.race([stopped, timedOut]);
  clearTimeout(timer);
}

async function failStartup(error: unknown): Promise<void> {
  if (shutdown !== 'running') return;
  shutdown = 'stopping';
  logger.fatal({ err: error }, 'start-up failed');
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(
    `${PRODUCT_NAME} could not start`,
    `${message}\n\nData folder: ${dataDir}${logFile ? `\nLog file: ${logFile}` : ''}`
  );
  await stopServer();
  shutdown = 'stopped';
  app.exit(1);
}
