/**
 * Every operator command, by name. Keyboard shortcuts, the desktop app's menu and the buttons
 * all call these, so each action has one implementation.
 */
import type { MenuCommand } from '../../../shared/console-boot';
import * as operating from './operating';
import { actions, closeConfirm, moveSelection, openDialog, refreshLog, requestFocus, selectedCallsign, toast, toggleTheme, useConsole } from './store';

/** Del and B act only on a station the operator picked: never on whatever happens to be first. */
function pickedCallsign(action: string): string | null {
  const picked = useConsole.getState().selected;
  if (!picked) toast(`Pick a station first (↑ ↓ or a click), then ${action}.`, 'info');
  return picked;
}

export const commands = {
  next: operating.next,
  complete: operating.complete,
  cancel: operating.cancel,
  togglePause: () => {
    const view = useConsole.getState().view;
    if (view?.system.active) void actions.setRegistrationPaused(!view.system.registration_paused);
  },
  banSelected: () => {
    const callsign = pickedCallsign('press B to ban it');
    if (callsign) useConsole.setState({ banning: callsign });
  },
  toggleOnAir: operating.toggleOnAir,
  workSelected: () => {
    const callsign = selectedCallsign();
    if (callsign) operating.workNow(callsign);
  },
  removeSelected: () => {
    const callsign = pickedCallsign('press Del to remove it');
    if (callsign) void operating.remove(callsign);
  },
  undo: operating.undoLast,
  clearSelection: () => useConsole.setState({ selected: null }),
  enterCall: () => requestFocus('call'),
  editReport: () => {
    if (useConsole.getState().view?.current) requestFocus('rst_rcvd');
    else toast('Nobody in QSO: N works the first in the queue, / a call heard on the air.', 'info');
  },
  selectUp: () => moveSelection(-1),
  selectDown: () => moveSelection(1),
  editFrequency: () => requestFocus('frequency'),
  editSplit: () => requestFocus('split'),
  openSettings: () => openDialog('settings'),
  openLog: () => openDialog('log'),
  toggleMap: () => {
    const mapOpen = !useConsole.getState().mapOpen;
    localStorage.setItem('pileup-buster.map', mapOpen ? 'on' : 'off');
    useConsole.setState({ mapOpen });
    void refreshLog();
  },
  editMode: () => requestFocus('mode'),
  showShortcuts: () => openDialog('shortcuts'),
  closeDialog: () => {
    openDialog(null);
    closeConfirm();
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
  { keys: ['n'], label: 'Next: log the current QSO, work the first in the queue (a QSO shorter than the minimum asks first)', run: commands.next },
  { keys: ['c'], label: 'Complete and log the current QSO', run: commands.complete },
  { keys: ['/', 'Insert'], label: 'Call entry: type a callsign heard on the air, Enter works it', run: commands.enterCall },
  { keys: ['r'], label: 'Type the report received for the QSO in progress (Tab: name, exchange, notes; Enter logs and works the next)', run: commands.editReport },
  { keys: ['u'], label: 'Cancel the current QSO without logging it; the station goes back to the head of the queue', run: commands.cancel },
  { keys: ['Control+z'], label: 'Undo: put back the station removed last, or take the last QSO out of the log (in QSO again)', run: commands.undo },
  { keys: ['ArrowDown', 'j'], label: 'Pick the next station in the queue', run: commands.selectDown },
  { keys: ['ArrowUp', 'k'], label: 'Pick the previous station', run: commands.selectUp },
  { keys: ['w', 'Enter'], label: 'Work the picked station now (none picked: the first in the queue)', run: commands.workSelected },
  { keys: ['Delete', 'x'], label: 'Remove the picked station (Undo puts it back in its place)', run: commands.removeSelected },
  { keys: ['b'], label: 'Ban the picked station (asks for a reason)', run: commands.banSelected },
  { keys: ['p'], label: 'Pause or resume registrations (the queue is kept)', run: commands.togglePause },
  { keys: ['a'], label: 'On air / off air (going off asks first when a QSO or the queue would be lost)', run: commands.toggleOnAir },
  { keys: ['f'], label: 'Edit the frequency (14.205, 14205, 14.205.00 ...)', run: commands.editFrequency },
  { keys: ['m'], label: 'Edit the mode (USB, CW, FT8 ...)', run: commands.editMode },
  { keys: ['l'], label: 'The log: search, correct RST and notes, delete, export ADIF or CSV', run: commands.openLog },
  { keys: ['g'], label: 'Map: the callers on a great-circle map centred on my grid, beside the queue (G again: the log)', run: commands.toggleMap },
  { keys: ['s'], label: 'Edit the split', run: commands.editSplit },
  { keys: [','], label: 'Settings', run: commands.openSettings },
  { keys: ['t'], label: 'Theme: system, light, dark, night (dim red)', run: commands.toggleTheme },
  { keys: ['?'], label: 'This list of shortcuts', run: commands.showShortcuts },
  { keys: ['Escape'], label: 'Close a dialog, leave a field, let go of the picked station', run: commands.closeDialog }
];
