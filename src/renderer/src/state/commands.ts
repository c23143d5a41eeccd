/**
 * Every operator command, by name. Keyboard shortcuts, the desktop app's menu and the buttons
 * all call these, so each action has one implementation.
 */
import type { MenuCommand } from '../../../shared/console-boot';
import { actions, moveSelection, openDialog, requestFocus, toast, toggleTheme, useConsole } from './store';

let offAirArmedUntil = 0;

/** Going off the air clears the queue, so it takes a second press within 4 s. */
export function toggleOnAir(): void {
  const view = useConsole.getState().view;
  if (!view) return;
  if (!view.system.active) {
    void actions.setOnAir(true);
    return;
  }
  if (Date.now() < offAirArmedUntil) {
    offAirArmedUntil = 0;
    useConsole.setState({ offAirArmed: false });
    void actions.setOnAir(false);
    return;
  }
  offAirArmedUntil = Date.now() + 4000;
  useConsole.setState({ offAirArmed: true });
  toast(`Going off the air clears the queue (${view.queue.total} waiting). Press again to confirm.`, 'info');
  setTimeout(() => {
    if (Date.now() >= offAirArmedUntil) useConsole.setState({ offAirArmed: false });
  }, 4100);
}

function selectedCallsign(): string | null {
  const { view, selected } = useConsole.getState();
  return view?.queue.queue[selected]?.callsign ?? null;
}

export const commands = {
  next: () => void actions.next(),
  complete: () => void actions.complete(),
  cancel: () => void actions.cancelQso(),
  togglePause: () => {
    const view = useConsole.getState().view;
    if (view?.system.active) void actions.setRegistrationPaused(!view.system.registration_paused);
  },
  banSelected: () => {
    const callsign = selectedCallsign();
    if (callsign) useConsole.setState({ banning: callsign });
  },
  toggleOnAir,
  workSelected: () => {
    const callsign = selectedCallsign();
    if (callsign) void actions.workNow(callsign);
  },
  removeSelected: () => {
    const callsign = selectedCallsign();
    if (callsign) void actions.remove(callsign);
  },
  selectUp: () => moveSelection(-1),
  selectDown: () => moveSelection(1),
  editFrequency: () => requestFocus('frequency'),
  editSplit: () => requestFocus('split'),
  openSettings: () => openDialog('settings'),
  openLog: () => openDialog('log'),
  editMode: () => requestFocus('mode'),
  showShortcuts: () => openDialog('shortcuts'),
  closeDialog: () => {
    openDialog(null);
    useConsole.setState({ banning: null });
  },
  toggleTheme: () => toggleTheme(window.matchMedia('(prefers-color-scheme: dark)').matches)
};

export const MENU_HANDLERS: Record<MenuCommand, () => void> = {
  'next-qso': commands.next,
  'complete-qso': commands.complete,
  'toggle-on-air': commands.toggleOnAir,
  'edit-frequency': commands.editFrequency,
  'edit-split': commands.editSplit,
  'open-settings': commands.openSettings,
  'toggle-theme': commands.toggleTheme,
  'show-shortcuts': commands.showShortcuts
};

/** Shown in the shortcuts overlay; the keyboard hook binds exactly these. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; label: string; run: () => void }> = [
  { keys: ['n'], label: 'Next: log the current QSO, work the first in the queue', run: commands.next },
  { keys: ['c'], label: 'Complete and log the current QSO', run: commands.complete },
  { keys: ['u'], label: 'Cancel the current QSO without logging it; the station goes back to the head of the queue', run: commands.cancel },
  { keys: ['ArrowDown', 'j'], label: 'Select the next station in the queue', run: commands.selectDown },
  { keys: ['ArrowUp', 'k'], label: 'Select the previous station', run: commands.selectUp },
  { keys: ['w', 'Enter'], label: 'Work the selected station now', run: commands.workSelected },
  { keys: ['Delete', 'Backspace', 'x'], label: 'Remove the selected station', run: commands.removeSelected },
  { keys: ['b'], label: 'Ban the selected station (asks for a reason)', run: commands.banSelected },
  { keys: ['p'], label: 'Pause or resume registrations (the queue is kept)', run: commands.togglePause },
  { keys: ['a'], label: 'On air / off air (off asks twice: it clears the queue)', run: commands.toggleOnAir },
  { keys: ['f'], label: 'Edit the frequency (14.205, 14205, 14.205.00 ...)', run: commands.editFrequency },
  { keys: ['m'], label: 'Edit the mode (USB, CW, FT8 ...)', run: commands.editMode },
  { keys: ['l'], label: 'The log: search, correct RST and notes, delete, export ADIF or CSV', run: commands.openLog },
  { keys: ['s'], label: 'Edit the split', run: commands.editSplit },
  { keys: [','], label: 'Settings', run: commands.openSettings },
  { keys: ['t'], label: 'Theme: system, light, dark', run: commands.toggleTheme },
  { keys: ['?'], label: 'This list of shortcuts', run: commands.showShortcuts },
  { keys: ['Escape'], label: 'Close a dialog, leave a field', run: commands.closeDialog }
];
