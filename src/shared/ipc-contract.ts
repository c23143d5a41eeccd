/**
 * Everything that crosses Electron's IPC between the main process and the console, in one
 * typed map: each channel, what it carries and what it answers. The main process handles and
 * checks the calls, the preload makes them, the console sees them through PileupBridge; all
 * three take their types from here, and the checks below are what the main process trusts.
 */
import { MENU_COMMANDS, type ConsoleBootInfo, type MenuCommand } from './console-boot.js';

export interface SaveFileResult {
  saved: boolean;
  /** Where the operator chose to save it. */
  path?: string;
}

/** Calls the console makes (ipcRenderer.invoke → ipcMain.handle): channel → arguments → result. */
export interface ConsoleCalls {
  /** The embedded server's address and the operator token, for the console window only. */
  'console:boot-info': { args: []; result: ConsoleBootInfo };
  /** The system save dialog, then the file written where the operator chose (log exports). */
  'console:save-file': { args: [suggestedName: string, content: string]; result: SaveFileResult };
}

/** Messages the main process pushes to the console (webContents.send → ipcRenderer.on): channel → payload. */
export interface ConsolePushes {
  /** A command chosen from the application menu. */
  'console:menu-command': MenuCommand;
}

export type ConsoleCallChannel = keyof ConsoleCalls;
export type ConsolePushChannel = keyof ConsolePushes;
export type CallArgs<C extends ConsoleCallChannel> = ConsoleCalls[C]['args'];
export type CallResult<C extends ConsoleCallChannel> = ConsoleCalls[C]['result'];

/**
 * The arguments of each call as the main process accepts them: anything else from the renderer
 * is refused. One entry per channel, so this also lists every channel at run time.
 */
export const CALL_ARGUMENTS: { readonly [C in ConsoleCallChannel]: (args: readonly unknown[]) => CallArgs<C> | null } = {
  'console:boot-info': (args) => (args.length === 0 ? [] : null),
  'console:save-file': (args) => (args.length === 2 && typeof args[0] === 'string' && typeof args[1] === 'string' ? [args[0], args[1]] : null)
};

/** What the preload accepts on each push channel before handing it to the console. */
export const PUSH_PAYLOADS: { readonly [C in ConsolePushChannel]: (payload: unknown) => payload is ConsolePushes[C] } = {
  'console:menu-command': (payload): payload is MenuCommand => typeof payload === 'string' && (MENU_COMMANDS as readonly string[]).includes(payload)
};

export const CONSOLE_CALL_CHANNELS = Object.keys(CALL_ARGUMENTS) as ConsoleCallChannel[];
export const CONSOLE_PUSH_CHANNELS = Object.keys(PUSH_PAYLOADS) as ConsolePushChannel[];
