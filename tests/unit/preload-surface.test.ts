/**
 * The built preload (out/preload/index.cjs) exposes exactly the typed bridge and nothing else.
 * Electron itself cannot run here, so its two preload APIs are stood in for by recorders; what is
 * checked is our bundle: what it hands to the page, and which IPC channels it can reach.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect } from 'vitest';
import { itRequires } from '../helpers/requirements.js';
import { CONSOLE_CALL_CHANNELS, CONSOLE_PUSH_CHANNELS } from '../../src/shared/ipc-contract.js';

const require = createRequire(import.meta.url);
const PRELOAD = 'out/preload/index.cjs';

describe('preload surface', () => {
  itRequires(existsSync(PRELOAD) ? null : `${PRELOAD} is not built (npm run build)`, 'exposes window.pileup with only bootInfo, onMenuCommand and saveFile, over known channels only', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: string[] = [];
    const listened: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
      ipcRenderer: {
        invoke: async (channel: string) => {
          invoked.push(channel);
          return { saved: false };
        },
        on: (channel: string) => listened.push(channel)
      }
    };
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = Module._load;
    Module._load = (request: string, ...rest: unknown[]) => (request === 'electron' ? fakeElectron : original(request, ...rest));
    try {
      delete require.cache[require.resolve(`../../${PRELOAD}`)];
      require(`../../${PRELOAD}`);
    } finally {
      Module._load = original;
    }
    expect(Object.keys(exposed)).toEqual(['pileup']);
    const bridge = exposed.pileup as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['bootInfo', 'onMenuCommand', 'saveFile']);
    await bridge.bootInfo!();
    await bridge.saveFile!('log.adi', 'x');
    expect(() => bridge.onMenuCommand!('not a function')).toThrow(TypeError);
    expect(invoked).toEqual(['console:boot-info', 'console:save-file']);
    expect(invoked.sort()).toEqual([...CONSOLE_CALL_CHANNELS].sort());
    expect(listened).toEqual([...CONSOLE_PUSH_CHANNELS]);
  });
});
