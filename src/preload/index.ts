/**
 * The only surface the sandboxed console gets from Electron: `window.pileup`, a PileupBridge and
 * nothing else, over the channels of the IPC contract. Built as CommonJS (sandboxed preloads
 * cannot be ES modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { PileupBridge } from '../shared/console-boot.js';
import { PUSH_PAYLOADS, type CallArgs, type CallResult, type ConsoleCallChannel, type ConsolePushes } from '../shared/ipc-contract.js';

function call<C extends ConsoleCallChannel>(channel: C, ...args: CallArgs<C>): Promise<CallResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<CallResult<C>>;
}

type MenuHandler = (command: ConsolePushes['console:menu-command']) => void;

// One record per subscription: every onMenuCommand call gets its own unsubscribe, even for a
// function subscribed twice (contextBridge hands the preload a new proxy for it each time anyway).
const subscriptions = new Set<{ handler: MenuHandler }>();

ipcRenderer.on('console:menu-command', (_event, command: unknown) => {
  if (!PUSH_PAYLOADS['console:menu-command'](command)) return;
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
  bootInfo: () => call('console:boot-info'),
  saveFile: (suggestedName, content) => call('console:save-file', String(suggestedName), String(content)),
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
