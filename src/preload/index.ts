/**
 * The only surface the sandboxed console gets from Electron: `window.pileup`, a PileupBridge and
 * nothing else. Built as CommonJS (sandboxed preloads cannot be ES modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { MENU_COMMANDS, type ConsoleBootInfo, type MenuCommand, type PileupBridge } from '../shared/console-boot.js';
import { IPC } from '../main/ipc-channels.js';

type Handler = (command: MenuCommand) => void;

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

// One record per subscription: every onMenuCommand call gets its own unsubscribe, even for a
// function subscribed twice (contextBridge hands the preload a new proxy for it each time anyway).
const subscriptions = new Set<{ handler: Handler }>();

ipcRenderer.on(IPC.menuCommand, (_event, command: unknown) => {
  if (!isMenuCommand(command)) return;
  for (const subscription of [...subscriptions]) {
    try {
      subscription.handler(command);
    } catch (error) {
      // One failing handler must not stop the others.
      console.error('pileup: a menu command handler failed', error);
    }
  }
});

const bridge: PileupBridge = {
  bootInfo: () => ipcRenderer.invoke(IPC.bootInfo) as Promise<ConsoleBootInfo>,
  saveFile: (suggestedName, content) => ipcRenderer.invoke(IPC.saveFile, String(suggestedName), String(content)) as Promise<{ saved: boolean; path?: string }>,
  onMenuCommand(handler) {
    if (typeof handler !== 'function') throw new TypeError('onMenuCommand needs a function');
    const subscription = { handler };
    subscriptions.add(subscription);
    return () => {
      subscriptions.delete(subscription);
    };
  }
};

contextBridge.exposeInMainWorld('pileup', bridge);
