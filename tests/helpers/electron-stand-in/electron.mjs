/**
 * A STAND-IN for the `electron` module, not Electron: the Electron binary cannot run on these
 * machines, so the built main bundle (out/main/index.js) is run on plain Node with this in its
 * place. It implements only what the main process calls, as plain objects, and reports what the
 * app does with them to the test over Node's IPC channel (process.send). The test drives it back
 * with commands: call an IPC channel as a frame would, click a menu item, navigate, close the
 * window. Windows load their URL with fetch, so the server really has to serve the console.
 */
import { EventEmitter } from 'node:events';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';

const report = (message) => process.send?.(message);
const preventable = (extra = {}) => ({
  ...extra,
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  }
});

class StandInApp extends EventEmitter {
  isPackaged = false;
  #name = 'Electron';
  #paths = new Map([['documents', process.env.STAND_IN_DOCUMENTS ?? tmpdir()]]);
  setName(name) {
    this.#name = name;
  }
  getName() {
    return this.#name;
  }
  setPath(name, path) {
    this.#paths.set(name, path);
  }
  getPath(name) {
    const path = this.#paths.get(name);
    if (!path) throw new Error(`stand-in electron: no path named ${name}`);
    return path;
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  requestSingleInstanceLock() {
    return true;
  }
  setAppUserModelId() {}
  setAboutPanelOptions() {}
  whenReady() {
    return new Promise((resolve) => setImmediate(resolve));
  }
  quit() {
    const event = preventable();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.emit('will-quit', preventable());
    report({ type: 'quit' });
    setImmediate(() => process.exit(0));
  }
  exit(code = 0) {
    report({ type: 'exit', code });
    process.exit(code);
  }
}
export const app = new StandInApp();

let nextContentsId = 1;
class StandInWebContents extends EventEmitter {
  id = nextContentsId++;
  url = '';
  windowOpenHandler = null;
  send(channel, ...args) {
    report({ type: 'push', channel, args });
  }
  getURL() {
    return this.url;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  reload() {}
}

const windows = [];
export class BrowserWindow extends EventEmitter {
  #destroyed = false;
  #visible = false;
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new StandInWebContents();
    windows.push(this);
    app.emit('web-contents-created', preventable(), this.webContents);
    report({ type: 'window-created', title: options.title, webPreferences: options.webPreferences });
  }
  static getAllWindows() {
    return windows.filter((w) => !w.isDestroyed());
  }
  async loadURL(url) {
    const response = await fetch(url);
    const body = await response.text();
    if (!response.ok) throw new Error(`stand-in electron: ${url} answered ${response.status}`);
    this.webContents.url = url;
    report({ type: 'window-loaded', url, status: response.status, html: body.slice(0, 2000) });
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }
  isDestroyed() {
    return this.#destroyed;
  }
  isVisible() {
    return this.#visible;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  show() {
    this.#visible = true;
    report({ type: 'window-shown' });
  }
  hide() {
    this.#visible = false;
  }
  focus() {}
  restore() {}
  maximize() {}
  getNormalBounds() {
    const { x = 0, y = 0, width, height } = this.options;
    return { x, y, width, height };
  }
  close() {
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.#destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

const handlers = new Map();
export const ipcMain = {
  handle(channel, handler) {
    // Electron refuses a second handler for one channel; so does the stand-in.
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
    report({ type: 'ipc-handle', channel });
  },
  removeHandler(channel) {
    handlers.delete(channel);
  }
};

let applicationMenu = null;
export const Menu = {
  buildFromTemplate: (template) => ({ items: template }),
  setApplicationMenu(menu) {
    applicationMenu = menu;
  },
  getApplicationMenu: () => applicationMenu
};

export const nativeImage = { createFromDataURL: (dataUrl) => ({ dataUrl }) };

const primaryDisplay = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
export const screen = { getPrimaryDisplay: () => primaryDisplay, getAllDisplays: () => [primaryDisplay] };

const permissionHandlers = {};
export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      permissionHandlers.request = handler;
    },
    setPermissionCheckHandler(handler) {
      permissionHandlers.check = handler;
    },
    setDevicePermissionHandler(handler) {
      permissionHandlers.device = handler;
    }
  }
};

export const dialog = {
  async showSaveDialog(windowOrOptions, maybeOptions) {
    const options = maybeOptions ?? windowOrOptions;
    report({ type: 'save-dialog', defaultPath: options.defaultPath });
    return { canceled: false, filePath: join(process.env.STAND_IN_SAVE_DIR ?? tmpdir(), `chosen-${basename(options.defaultPath)}`) };
  },
  showErrorBox(title, content) {
    report({ type: 'error-box', title, content });
  }
};

export const shell = {
  async openExternal(url) {
    report({ type: 'open-external', url });
  },
  async openPath(path) {
    report({ type: 'open-path', path });
    return '';
  }
};

function findMenuItem(items, label) {
  for (const item of items ?? []) {
    if (item.label === label) return item;
    const inner = findMenuItem(Array.isArray(item.submenu) ? item.submenu : item.submenu?.items, label);
    if (inner) return inner;
  }
  return null;
}

// Commands from the test: each is answered with { type: 'done', id, ok, result | error }.
const commands = {
  async call({ channel, args = [], frameUrl, fromOtherContents = false }) {
    const window = BrowserWindow.getAllWindows()[0];
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const sender = fromOtherContents || !window ? new StandInWebContents() : window.webContents;
    return handler({ sender, senderFrame: { url: frameUrl ?? sender.getURL(), parent: null } }, ...args);
  },
  clickMenu({ label }) {
    const item = findMenuItem(applicationMenu?.items, label);
    if (!item?.click) throw new Error(`No menu item labelled ${label}`);
    item.click();
  },
  navigate({ url }) {
    const contents = BrowserWindow.getAllWindows()[0].webContents;
    const event = preventable({ url });
    contents.emit('will-navigate', event);
    return { prevented: event.defaultPrevented };
  },
  openWindow({ url }) {
    return BrowserWindow.getAllWindows()[0].webContents.windowOpenHandler({ url });
  },
  permission({ permission, origin }) {
    return permissionHandlers.check(null, permission, origin);
  },
  closeWindow() {
    BrowserWindow.getAllWindows()[0].close();
  }
};

process.on('message', async ({ id, command, ...input }) => {
  try {
    const run = commands[command];
    if (!run) throw new Error(`stand-in electron: unknown command ${command}`);
    report({ type: 'done', id, ok: true, result: await run(input) });
  } catch (error) {
    report({ type: 'done', id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
