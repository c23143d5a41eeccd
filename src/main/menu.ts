/**
 * The application menu, as plain data (only Electron's types are imported, so it can be checked
 * without the Electron runtime).
 *
 * Items that act on the console send a MenuCommand to it; the console does the work. Keys the
 * console binds itself as single letters (N, C) are shown in the label only, never registered as
 * accelerators: a menu accelerator would fire while the operator types a callsign into a field.
 * Accelerators here always use Ctrl/Cmd, a function key, or are Electron's standard roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/console-boot.js';

export interface MenuActions {
  platform: NodeJS.Platform;
  /** Development tools are offered only when the app is not packaged. */
  isPackaged: boolean;
  appName: string;
  sendCommand(command: MenuCommand): void;
  openDataFolder(): void;
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = actions.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.sendCommand(name)
  });
  // Windows and Linux underline the letter after '&' for Alt navigation; macOS has no such thing.
  const top = (label: string) => (mac ? label.replace('&', '') : label);
  const settings = command('Settings…', 'open-settings', 'CmdOrCtrl+,');

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: actions.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' }
          ]
        }
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: top('&File'),
    submenu: mac ? [{ role: 'close' }] : [settings, { type: 'separator' }, { role: 'quit', accelerator: 'CmdOrCtrl+Q' }]
  };

  const pileup: MenuItemConstructorOptions = {
    label: top('&Pileup'),
    submenu: [
      command('Next QSO (N)', 'next-qso'),
      command('Complete QSO (C)', 'complete-qso'),
      { type: 'separator' },
      command('Toggle On Air', 'toggle-on-air'),
      { type: 'separator' },
      command('Edit Frequency…', 'edit-frequency'),
      command('Edit Split…', 'edit-split')
    ]
  };

  // Copy and paste in text fields need these roles on macOS; elsewhere they are the usual menu.
  const edit: MenuItemConstructorOptions = { label: top('&Edit'), role: 'editMenu' };

  const view: MenuItemConstructorOptions = {
    label: top('&View'),
    submenu: [
      command('Toggle Theme', 'toggle-theme'),
      { type: 'separator' },
      { role: 'reload' },
      ...(actions.isPackaged ? [] : ([{ role: 'forceReload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  };

  const window: MenuItemConstructorOptions = { label: top('&Window'), role: 'windowMenu' };

  const help: MenuItemConstructorOptions = {
    label: top('&Help'),
    role: 'help',
    submenu: [
      command('Keyboard Shortcuts', 'show-shortcuts', 'F1'),
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'about' }] satisfies MenuItemConstructorOptions[]))
    ]
  };

  return [...appMenu, file, edit, pileup, view, window, help];
}
