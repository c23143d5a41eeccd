/**
 * The desktop app's life: start the same pileup server core the headless CLI uses, open the
 * console it serves in a locked-down window, answer the console's IPC calls, and on quit stop
 * the server with the data flushed. The state of one run lives in this function, not in module
 * globals; the window, IPC and hardening each have their own module.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, session, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ConsoleBootInfo } from '../shared/console-boot.js';
import { APP_ID, PRODUCT_NAME } from '../shared/product.js';
import { createAppLogger, logLevelFrom } from './app-logger.js';
import { handleConsoleCalls, pushToConsole, safeFileName } from './console-ipc.js';
import { createConsoleWindow, type ConsoleWindow } from './console-window.js';
import { hardenWebContents, lockDownSession } from './hardening.js';
import { buildMenuTemplate } from './menu.js';
import { startPileupServer, type PileupServer } from './server/pileup-server.js';
import { consoleEndpoints, consoleScope, isWithinConsole, type ConsoleScope } from './web-policy.js';

/** How long quitting waits for the server to close clients and flush the datastore. */
const STOP_TIMEOUT_MS = 10_000;

export function runDesktopApp(dataDir: string): void {
  const { logger, file: logFile } = createAppLogger({
    logDir: join(dataDir, 'logs'),
    level: logLevelFrom(process.env.LOG_LEVEL),
    toStderr: !(app.isPackaged && process.platform === 'win32')
  });
  let starting: Promise<PileupServer> | null = null;
  let consoleWindow: ConsoleWindow | null = null;
  /** Where the window may navigate: set once the server (or the dev server) is known. */
  let scope: ConsoleScope | null = null;
  let shutdown: 'running' | 'stopping' | 'stopped' = 'running';

  const liveWindow = (): BrowserWindow | null => (consoleWindow && !consoleWindow.window.isDestroyed() ? consoleWindow.window : null);
  const isFromConsole = (event: IpcMainInvokeEvent): boolean => {
    const window = liveWindow();
    const frame = event.senderFrame;
    return Boolean(window && event.sender === window.webContents && frame && frame.parent === null && isWithinConsole(frame.url, scope));
  };

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.setAboutPanelOptions({ applicationName: PRODUCT_NAME, applicationVersion: app.getVersion(), copyright: 'MIT License' });
  app.on('second-instance', () => {
    const window = liveWindow();
    if (!window || shutdown !== 'running') return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, () => scope, logger));
  // Closing the console window stops the server: a server left running with no window would
  // surprise an operator, so the app quits on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (shutdown === 'stopped') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    consoleWindow?.saveAndStopTracking();
    liveWindow()?.hide();
    void stopServer().finally(() => {
      shutdown = 'stopped';
      app.quit();
    });
  });
  // Ctrl+C in the terminal (`npm start`) or a service manager's SIGTERM: the same graceful quit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(start).catch(failStartup);

  async function start(): Promise<void> {
    lockDownSession(session.defaultSession, () => scope);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          isPackaged: app.isPackaged,
          appName: PRODUCT_NAME,
          sendCommand(command) {
            const window = liveWindow();
            if (window && isWithinConsole(window.webContents.getURL(), scope)) pushToConsole(window.webContents, 'console:menu-command', command);
          },
          openDataFolder
        })
      )
    );

    const operatorToken = randomBytes(32).toString('base64url');
    // electron-vite's dev server, in development only: a packaged app never loads a URL from its
    // environment, since the window holds the operator token.
    const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
    const consoleDir = join(import.meta.dirname, '../renderer');
    starting = startPileupServer({
      dataDir,
      localOperatorToken: operatorToken,
      consoleDir: existsSync(join(consoleDir, 'index.html')) ? consoleDir : null,
      logger,
      // The dev server's page is the console too, though it comes from another origin.
      ...(devUrl ? { trustedOrigins: [new URL(devUrl).origin] } : {})
    });
    const server = await starting;
    logger.level = server.config.logLevel;
    if (shutdown !== 'running') return;

    const endpoints = consoleEndpoints(server.bound.host, server.port);
    const url = devUrl ?? endpoints.consoleUrl;
    scope = consoleScope(url);
    const bootInfo: ConsoleBootInfo = { websocketUrl: endpoints.websocketUrl, operatorToken };
    handleConsoleCalls(ipcMain, isFromConsole, {
      'console:boot-info': () => bootInfo,
      'console:save-file': async (suggestedName, content) => {
        const options = { defaultPath: join(app.getPath('documents'), safeFileName(suggestedName)) };
        const window = liveWindow();
        const result = await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options));
        if (result.canceled || !result.filePath) return { saved: false };
        await writeFile(result.filePath, content, 'utf8');
        return { saved: true, path: result.filePath };
      }
    });

    consoleWindow = createConsoleWindow({ dataDir, logger, quitting: () => shutdown !== 'running' });
    try {
      await consoleWindow.window.loadURL(url);
    } catch (error) {
      // A navigation the console started itself before the first load finished is not a failure.
      if ((error as { code?: string }).code !== 'ERR_ABORTED') throw new Error(`The console did not load from ${url}: ${(error as Error).message}`);
    }
  }

  function openDataFolder(): void {
    void shell.openPath(dataDir).then((problem) => {
      if (problem) dialog.showErrorBox('Could not open the data folder', `${dataDir}\n\n${problem}`);
    });
  }

  async function stopServer(): Promise<void> {
    const running = await starting?.catch(() => null);
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
    dialog.showErrorBox(`${PRODUCT_NAME} could not start`, `${message}\n\nData folder: ${dataDir}${logFile ? `\nLog file: ${logFile}` : ''}`);
    await stopServer();
    shutdown = 'stopped';
    app.exit(1);
  }
}
