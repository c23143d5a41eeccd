/** IPC channel names shared by the main process and the preload (nothing else crosses IPC). */
export const IPC = {
  /** invoke → ConsoleBootInfo */
  bootInfo: 'console:boot-info',
  /** main → console: a MenuCommand chosen from the application menu */
  menuCommand: 'console:menu-command',
  /** invoke(name, content) → { saved, path? }: the system save dialog, for log exports */
  saveFile: 'console:save-file'
} as const;
