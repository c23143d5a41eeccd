/**
 * The desktop app's main process wiring, run against a STAND-IN for Electron
 * (tests/helpers/electron-stand-in/electron.mjs): the Electron binary cannot run on these machines,
 * so the built main bundle (out/main/index.js, exactly what Electron would load) runs on plain
 * Node with the stand-in answering its `import ... from 'electron'`. What is real: the bundle, the
 * server it starts, the datastore on disk, the sockets, the HTTP fetch of the console. What is
 * not: windows, menus and dialogs, which the stand-in only records. The real Electron spec
 * (e2e/electron.spec.ts) stays, skipped with its reason where Electron cannot run; this never
 * replaces it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, vi } from 'vitest';
import WebSocket from 'ws';
import { PileupStore } from '../../src/main/server/store/pileup-store.js';
import { PileupClient, type WebSocketConstructor } from '../../src/shared/client/pileup-client.js';
import { MENU_COMMANDS, type ConsoleBootInfo } from '../../src/shared/console-boot.js';
import { CONSOLE_CALL_CHANNELS, CONSOLE_PUSH_CHANNELS, type CallArgs, type ConsoleCallChannel } from '../../src/shared/ipc-contract.js';
import { itRequires } from '../helpers/requirements.js';

const MAIN_BUNDLE = resolve('out/main/index.js');
const STAND_IN = resolve('tests/helpers/electron-stand-in/register.mjs');
const missing = existsSync(MAIN_BUNDLE) && existsSync(resolve('out/preload/index.cjs')) ? null : 'out/main and out/preload are not built (npm run build)';

/** A valid call for every channel of the contract: a channel added without one here is a type error. */
const SAMPLE_CALLS: { [C in ConsoleCallChannel]: CallArgs<C> } = {
  'console:boot-info': [],
  'console:save-file': ['../../secret/pileup log.adi', '<EOH>\nW1AW <EOR>\n']
};

interface Report {
  type: string;
  [key: string]: unknown;
}

class DesktopApp {
  readonly reports: Report[] = [];
  readonly output: string[] = [];
  private nextId = 1;
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: Report) => this.reports.push(message));
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
  }

  /** The first report of this type (and shape), waiting for it if it has not come yet. */
  async report(type: string, match: (report: Report) => boolean = () => true): Promise<Report> {
    return vi.waitFor(
      () => {
        const found = this.reports.find((r) => r.type === type && match(r));
        if (!found) throw new Error(`no ${type} report yet; app output:\n${this.output.join('')}`);
        return found;
      },
      { timeout: 20_000, interval: 20 }
    );
  }

  /** Runs a stand-in command in the app's process; rejects with the app's error message. */
  async command(command: string, input: Record<string, unknown> = {}): Promise<any> {
    const id = this.nextId++;
    this.child.send({ id, command, ...input });
    const done = await this.report('done', (r) => r.id === id);
    if (!done.ok) throw new Error(String(done.error));
    return done.result;
  }
}

let dataDir: string;
let saveDir: string;
let running: DesktopApp | null = null;

function launch(env: Record<string, string> = {}): DesktopApp {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // Either would make this something other than the packaged-style run being tested.
  delete childEnv.ELECTRON_RUN_AS_NODE;
  delete childEnv.ELECTRON_RENDERER_URL;
  // Discovery off: a test must never advertise on the machine's real network.
  Object.assign(childEnv, {
    PILEUP_USER_DATA_DIR: dataDir,
    STAND_IN_SAVE_DIR: saveDir,
    STAND_IN_DOCUMENTS: saveDir,
    PORT: '0',
    STATUS_PORT: '0',
    ADMIN_PASSWORD: 'stand-in-password',
    LOG_LEVEL: 'warn',
    DISCOVERY: 'off',
    ...env
  });
  running = new DesktopApp(fork(MAIN_BUNDLE, [], { execArgv: ['--import', STAND_IN], env: childEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
  return running;
}

async function consoleUrl(app: DesktopApp): Promise<string> {
  return String((await app.report('window-loaded')).url);
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pileup-desktop-'));
  saveDir = await mkdtemp(join(tmpdir(), 'pileup-desktop-save-'));
});

afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = null;
  await rm(dataDir, { recursive: true, force: true });
  await rm(saveDir, { recursive: true, force: true });
});

describe('desktop main process (built bundle, Electron stood in)', () => {
  itRequires(missing, 'starts the server and points a locked-down window at the console it serves', async () => {
    const app = launch();
    const created = await app.report('window-created');
    expect(created.title).toBe('Pileup Buster Desktop');
    expect(created.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(existsSync(String((created.webPreferences as { preload: string }).preload))).toBe(true);
    const loaded = await app.report('window-loaded');
    expect(loaded.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/$/);
    expect(loaded.status).toBe(200);
    expect(String(loaded.html)).toContain('<div id="root">');
    await app.report('window-shown');
    // Every channel of the contract is handled, and nothing else.
    await vi.waitFor(() => expect(app.reports.filter((r) => r.type === 'ipc-handle').map((r) => r.channel)).toEqual(CONSOLE_CALL_CHANNELS));
  });

  itRequires(missing, 'hands the operator token to the console window only, and the token signs the console in', async () => {
    const app = launch();
    const url = await consoleUrl(app);
    const boot = (await app.command('call', { channel: 'console:boot-info' })) as ConsoleBootInfo;
    expect(boot.websocketUrl).toBe(url.replace(/^http/, 'ws').replace(/\/console\/$/, '/ws/connect'));
    expect(boot.operatorToken).toMatch(/^[\w-]{43}$/);

    const client = await PileupClient.connect(boot.websocketUrl, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
    await client.authWithToken(boot.operatorToken);
    expect(await client.request('admin.set_frequency', { frequency: '14.205' })).toMatchObject({ frequency: '14.205' });
    await client.close();

    await expect(app.command('call', { channel: 'console:boot-info', frameUrl: 'https://evil.example/' })).rejects.toThrow(/only for the console window/);
    await expect(app.command('call', { channel: 'console:boot-info', fromOtherContents: true })).rejects.toThrow(/only for the console window/);
    await expect(app.command('call', { channel: 'console:boot-info', args: ['extra'] })).rejects.toThrow(/does not take these arguments/);
    await expect(app.command('call', { channel: 'console:save-file', args: ['log.adi', { not: 'text' }] })).rejects.toThrow(/does not take these arguments/);
  });

  itRequires(missing, 'answers every IPC call of the contract and pushes every menu command to the console', async () => {
    const app = launch();
    await consoleUrl(app);
    for (const channel of CONSOLE_CALL_CHANNELS) {
      await expect(app.command('call', { channel, args: SAMPLE_CALLS[channel] }), channel).resolves.toBeTruthy();
    }
    // The save dialog was offered the file name only, made safe; the file holds what the console sent.
    const dialog = await app.report('save-dialog');
    expect(dialog.defaultPath).toBe(join(saveDir, 'pileup_log.adi'));
    const saved = (await app.command('call', { channel: 'console:save-file', args: ['log.adi', 'QSO'] })) as { saved: boolean; path: string };
    expect(saved).toEqual({ saved: true, path: join(saveDir, 'chosen-log.adi') });
    expect(await readFile(saved.path, 'utf8')).toBe('QSO');

    const labels: Record<(typeof MENU_COMMANDS)[number], string> = {
      'next-qso': 'Next QSO (N)',
      'complete-qso': 'Complete QSO (C)',
      'toggle-on-air': 'Toggle On Air',
      'edit-frequency': 'Edit Frequency…',
      'edit-split': 'Edit Split…',
      'open-settings': 'Settings…',
      'toggle-theme': 'Toggle Theme',
      'show-shortcuts': 'Keyboard Shortcuts'
    };
    for (const command of MENU_COMMANDS) await app.command('clickMenu', { label: labels[command] });
    await vi.waitFor(() => {
      const pushes = app.reports.filter((r) => r.type === 'push');
      expect(new Set(pushes.map((p) => p.channel))).toEqual(new Set(CONSOLE_PUSH_CHANNELS));
      expect(pushes.map((p) => (p.args as string[])[0])).toEqual([...MENU_COMMANDS]);
    });
  });

  itRequires(missing, 'keeps the console on its own pages and sends other links to the browser', async () => {
    const app = launch();
    const url = await consoleUrl(app);
    expect(await app.command('navigate', { url: `${url}#settings` })).toEqual({ prevented: false });
    expect(await app.command('navigate', { url: 'https://www.qrz.com/db/W1AW' })).toEqual({ prevented: true });
    await app.report('open-external', (r) => r.url === 'https://www.qrz.com/db/W1AW');
    expect(await app.command('navigate', { url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    expect(await app.command('openWindow', { url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(await app.command('permission', { permission: 'media', origin: new URL(url).origin })).toBe(false);
    expect(app.reports.some((r) => r.type === 'open-external' && r.url === 'file:///etc/passwd')).toBe(false);
  });

  itRequires(missing, 'closing the window stops the server with the data on disk, and the app exits', async () => {
    const app = launch();
    await consoleUrl(app);
    const boot = (await app.command('call', { channel: 'console:boot-info' })) as ConsoleBootInfo;
    const port = Number(new URL(boot.websocketUrl).port);
    const client = await PileupClient.connect(boot.websocketUrl, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
    await client.authWithToken(boot.operatorToken);
    await client.request('admin.set_frequency', { frequency: '7.155' });

    app.child.send({ id: 0, command: 'closeWindow' });
    expect((await client.closed).code).toBe(1001);
    expect(await app.exited).toBe(0);
    expect(app.reports.some((r) => r.type === 'quit')).toBe(true);
    expect(await portRefuses(port)).toBe(true);
    const store = await PileupStore.open(dataDir);
    expect((await store.getState('frequency'))?.frequency).toBe('7.155');
    await store.flush();
    expect(existsSync(join(dataDir, 'window-state.json'))).toBe(true);
  });

  itRequires(missing, 'SIGTERM quits the same graceful way', async () => {
    const app = launch();
    const port = Number(new URL(await consoleUrl(app)).port);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(await portRefuses(port)).toBe(true);
  });

  itRequires(missing, 'a start-up failure is shown to the operator with the data folder, and the app exits with 1', async () => {
    const app = launch({ PORT: 'not-a-port' });
    const box = await app.report('error-box');
    expect(box.title).toBe('Pileup Buster Desktop could not start');
    expect(String(box.content)).toMatch(/PORT/);
    expect(String(box.content)).toContain(`Data folder: ${dataDir}`);
    expect(await app.exited).toBe(1);
    expect(app.reports.some((r) => r.type === 'window-created')).toBe(false);
  });
});
