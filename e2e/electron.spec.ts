/**
 * The desktop app itself, launched for real through Playwright's Electron support: Electron
 * starts the embedded server, the window shows the console signed in with the local operator
 * token, the console gets the bridge and nothing else, windows and navigation stay locked down,
 * menu commands reach the console, and quitting stops the server with the data on disk.
 *
 * Needs the Electron runtime (downloaded by electron's install script, which needs internet
 * access) and, on Linux, a display (xvfb-run works). Without them every test here is reported as
 * skipped with the reason - never as passed. Run `npm run build` first: it launches out/.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { MenuItem } from 'electron';
import WebSocket from 'ws';
import { PileupStore } from '../src/main/server/store/pileup-store';
import { readWindowState } from '../src/main/window-state';
import { PileupClient, type WebSocketConstructor } from '../src/shared/client/pileup-client';

const MAIN_SCRIPT = resolve('out/main/index.js');

function whyElectronCannotRun(): string | null {
  if (!existsSync(resolve('node_modules/electron/path.txt'))) {
    return 'the Electron runtime is not downloaded on this machine (node_modules/electron/path.txt is missing; fetching it needs internet access: node node_modules/electron/install.js)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display on this Linux machine (DISPLAY and WAYLAND_DISPLAY are unset; run under xvfb-run)';
  }
  return null;
}

interface BridgeInPage {
  pileup?: {
    bootInfo(): Promise<{ websocketUrl: string; operatorToken: string }>;
    onMenuCommand(handler: (command: string) => void): () => void;
  };
}

async function launch(userData: string): Promise<ElectronApplication> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Either would make this something other than the packaged-style run being tested.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.ELECTRON_RENDERER_URL;
  // Discovery off: a test must never advertise on the machine's real network.
  Object.assign(env, { PILEUP_USER_DATA_DIR: userData, PORT: '0', ADMIN_PASSWORD: 'x', LOG_LEVEL: 'warn', DISCOVERY: 'off' });
  // Chromium refuses to start as root with its sandbox on (CI containers often run as root).
  const chromiumArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return _electron.launch({ args: [...chromiumArgs, MAIN_SCRIPT], env });
}

async function consoleReady(app: ElectronApplication): Promise<Page> {
  const page = await app.firstWindow();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/console\/$/);
  await expect(page).toHaveTitle(/Pileup Buster/);
  // Shown only once the console has connected and authenticated with the boot-info token.
  await expect(page.getByTestId('console-root')).toBeVisible({ timeout: 20_000 });
  return page;
}

const cannotRun = whyElectronCannotRun();

test.describe('desktop app (Electron)', () => {
  if (cannotRun !== null) test.skip(true, cannotRun);

  let userData: string;
  let app: ElectronApplication | null = null;

  test.beforeEach(async () => {
    expect(existsSync(MAIN_SCRIPT), `${MAIN_SCRIPT} is missing: run npm run build first`).toBe(true);
    userData = await mkdtemp(join(tmpdir(), 'pileup-electron-'));
  });

  test.afterEach(async () => {
    await app?.close().catch(() => undefined);
    app = null;
    await rm(userData, { recursive: true, force: true });
  });

  test('opens the console on the embedded server, locked down, and stops the server on quit', async () => {
    app = await launch(userData);
    const page = await consoleReady(app);
    const port = new URL(page.url()).port;

    // The bridge is exactly a PileupBridge; Node stays out of the page.
    const surface = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown> & BridgeInPage;
      return {
        bridge: Object.keys(scope.pileup ?? {}).sort(),
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        Buffer: typeof scope.Buffer
      };
    });
    expect(surface).toEqual({ bridge: ['bootInfo', 'onMenuCommand', 'saveFile'], require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
    const boot = await page.evaluate(() => (globalThis as unknown as BridgeInPage).pileup!.bootInfo());
    expect(boot.websocketUrl).toBe(`ws://127.0.0.1:${port}/ws/connect`);
    expect(boot.operatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

    // No new windows, not even of the console itself; no navigating away.
    const opened = await page.evaluate(() => [window.open('http://example.invalid/') === null, window.open(location.href) === null]);
    expect(opened).toEqual([true, true]);
    await page.evaluate(() => {
      location.href = 'http://example.invalid/elsewhere';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(`http://127.0.0.1:${port}/console/`);
    expect(app.windows()).toHaveLength(1);
    await expect(page.getByTestId('console-root')).toBeVisible();

    // A menu item reaches the console through the preload (View > Toggle Theme).
    const themeBefore = await page.evaluate(() => document.documentElement.dataset.theme);
    await app.evaluate(({ Menu }) => {
      const find = (items: MenuItem[]): MenuItem | undefined => {
        for (const item of items) {
          if (item.label === 'Toggle Theme') return item;
          const inner = item.submenu ? find(item.submenu.items) : undefined;
          if (inner) return inner;
        }
        return undefined;
      };
      const item = find(Menu.getApplicationMenu()?.items ?? []);
      if (!item) throw new Error('no Toggle Theme menu item');
      item.click();
    });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).not.toBe(themeBefore);

    // A station on the server the app started, then a graceful stop on quit.
    const client = await PileupClient.connect(boot.websocketUrl, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
    await client.authWithToken(boot.operatorToken);
    await client.request('admin.set_frequency', { frequency: '14.205' });
    await app.close();
    app = null;
    expect((await client.closed).code).toBe(1001);

    expect(existsSync(join(userData, 'state.db'))).toBe(true);
    const store = await PileupStore.open(userData);
    expect((await store.getState('frequency'))?.frequency).toBe('14.205');
    await store.flush();
    expect(readWindowState(join(userData, 'window-state.json'))).not.toBeNull();
    expect(existsSync(join(userData, 'logs', 'pileup-buster.log'))).toBe(true);
  });

  test('remembers the window size across restarts', async () => {
    app = await launch(userData);
    await consoleReady(app);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 30, width: 1100, height: 700 }));
    await app.close();
    app = null;
    expect(readWindowState(join(userData, 'window-state.json'))).toMatchObject({ bounds: { width: 1100, height: 700 }, maximized: false });

    app = await launch(userData);
    await consoleReady(app);
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
    // The position is the window manager's to adjust (decorations); the size must come back.
    expect({ width: bounds.width, height: bounds.height }).toEqual({ width: 1100, height: 700 });
  });
});
