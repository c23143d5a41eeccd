/**
 * Electron main process: starts the same pileup server core the headless CLI uses, with its
 * data in the app's user-data folder, then opens the operator console. Kept thin on purpose:
 * everything testable lives in ./server.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { startPileupServer, type PileupServer } from './server/pileup-server.js';
import type { ConsoleBootInfo } from '../shared/console-boot.js';

// Tests (and operators who want a second, separate station) point the app at another folder.
if (process.env.PILEUP_USER_DATA_DIR) app.setPath('userData', process.env.PILEUP_USER_DATA_DIR);

let server: PileupServer | null = null;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    server = await startPileupServer({ dataDir: app.getPath('userData') });
  } catch (error) {
    fail(error);
    return;
  }
  const running = server;
  ipcMain.handle('console:boot-info', (): ConsoleBootInfo => ({
    websocketUrl: `ws://127.0.0.1:${running.port}/ws/connect`,
    lanUrls: running.websocketUrls(),
    dataDir: running.config.dataDir
  }));
  createWindow();
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Pileup Buster Desktop',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    }
  });
  if (process.env.ELECTRON_RENDERER_URL) void mainWindow.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void mainWindow.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

function fail(error: unknown): void {
  dialog.showErrorBox('Pileup Buster could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !server) return;
  event.preventDefault();
  quitting = true;
  server.stop().finally(() => app.quit());
});

app.on('window-all-closed', () => app.quit());
