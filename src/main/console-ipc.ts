/**
 * The main process's side of the IPC contract (shared/ipc-contract.ts): one handler per call
 * channel, each refusing callers other than the console window and arguments the contract does
 * not accept, and typed pushes to the console.
 */
import { basename } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  CALL_ARGUMENTS,
  CONSOLE_CALL_CHANNELS,
  type CallArgs,
  type CallResult,
  type ConsoleCallChannel,
  type ConsolePushChannel,
  type ConsolePushes
} from '../shared/ipc-contract.js';

/** One handler per call channel: a channel the contract adds without a handler here is a type error. */
export type ConsoleCallHandlers = { readonly [C in ConsoleCallChannel]: (...args: CallArgs<C>) => CallResult<C> | Promise<CallResult<C>> };

export function handleConsoleCalls(ipcMain: IpcMain, isFromConsole: (event: IpcMainInvokeEvent) => boolean, handlers: ConsoleCallHandlers): void {
  for (const channel of CONSOLE_CALL_CHANNELS) {
    ipcMain.handle(channel, (event, ...raw: unknown[]) => {
      if (!isFromConsole(event)) throw new Error(`${channel} is only for the console window`);
      const args = CALL_ARGUMENTS[channel](raw);
      if (!args) throw new Error(`${channel} does not take these arguments`);
      // TypeScript cannot correlate a channel's handler with its arguments inside the loop;
      // the mapped types above make each pair agree.
      return (handlers[channel] as (...checked: readonly unknown[]) => unknown)(...args);
    });
  }
}

export function pushToConsole<C extends ConsolePushChannel>(contents: WebContents, channel: C, payload: ConsolePushes[C]): void {
  contents.send(channel, payload);
}

/** Only the file name is taken from what the console suggests, made safe; the folder is the operator's choice. */
export function safeFileName(suggested: string): string {
  return basename(suggested).replace(/[^\w.-]/g, '_');
}
