import type { CallArgs, CallResult, ConsolePushes } from './ipc-contract.js';

/** What the Electron main process hands the console through the preload bridge. */
export interface ConsoleBootInfo {
  /** The embedded server's protocol endpoint on this machine. */
  websocketUrl: string;
  /** Presented in an `auth` message ({ token }) so the local operator never types a password. */
  operatorToken: string;
}

/** Commands the application menu sends to the console (the console binds the same keys). */
export const MENU_COMMANDS = ['next-qso', 'complete-qso', 'toggle-on-air', 'edit-frequency', 'edit-split', 'open-settings', 'toggle-theme', 'show-shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * `window.pileup` inside the desktop app; absent when the console runs in a browser. Each
 * method is one channel of the IPC contract (ipc-contract.ts), typed from it.
 */
export interface PileupBridge {
  bootInfo(...args: CallArgs<'console:boot-info'>): Promise<CallResult<'console:boot-info'>>;
  onMenuCommand(handler: (command: ConsolePushes['console:menu-command']) => void): () => void;
  /** Shows the system's save dialog and writes `content` there (log exports). */
  saveFile?(...args: CallArgs<'console:save-file'>): Promise<CallResult<'console:save-file'>>;
}
