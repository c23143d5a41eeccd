/** The only surface the sandboxed console gets from Electron: a typed, read-only bridge. */
import { contextBridge, ipcRenderer } from 'electron';
import type { ConsoleBootInfo, PileupBridge } from '../shared/console-boot.js';

const bridge: PileupBridge = {
  bootInfo: () => ipcRenderer.invoke('console:boot-info') as Promise<ConsoleBootInfo>
};

contextBridge.exposeInMainWorld('pileup', bridge);
