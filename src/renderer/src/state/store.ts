/**
 * The console's state (zustand). Everything shown comes from the server: the pileup from events
 * and snapshots, the log, server figures and settings from requests. Operator actions go through
 * `act`, which refuses to start an action that is still in flight, so a double click or a held
 * key never performs it twice.
 */
import { create } from 'zustand';
import type { PileupClient } from '../../../shared/client/pileup-client';
import { PileupRequestError } from '../../../shared/client/pileup-client';
import type { Ban, LoggedQso, PileupSnapshot, QsoLogPage, RigStatus, SettingsChanges, SettingsView } from '../../../shared/protocol/entities';
import { LOG_PAGE_MAX } from '../../../shared/protocol/endpoints';
import type { OperationResult } from '../../../shared/protocol/operations';
import { arrivalsBetween, playNewCallerTone } from './cues';
import { toView, type PileupView } from './pileup-view';

export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'online' }
  | { kind: 'offline'; retryAt: number; attempt: number; reason: string }
  | { kind: 'signed-out'; message: string | null };

export type ThemeChoice = 'system' | 'light' | 'dark' | 'night';

/** A question the console must ask before it acts; Esc always picks the last, safe choice. */
export interface ConfirmRequest {
  title: string;
  lines: string[];
  choices: Array<{ label: string; run: () => void; tone?: 'primary' | 'danger' }>;
}

/** Something this console did that Ctrl+Z can take back, newest last. */
export type UndoItem = { kind: 'removal'; callsign: string; at: number } | { kind: 'qso'; id: string; callsign: string; at: number };

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export type FocusField = 'frequency' | 'split' | 'mode' | 'call' | 'rst_rcvd';

export type ServerStatus = OperationResult<'admin.get_system_status'>;

export interface ConsoleState {
  link: LinkState;
  client: PileupClient | null;
  view: PileupView | null;
  log: QsoLogPage | null;
  server: ServerStatus | null;
  settings: SettingsView | null;
  busy: Record<string, boolean>;
  toasts: Toast[];
  theme: ThemeChoice;
  /** The station the operator picked, by callsign, so it stays picked when the queue moves; null means the head. */
  selected: string | null;
  dialog: 'settings' | 'shortcuts' | 'log' | null;
  /** The map in place of the side column (G). */
  mapOpen: boolean;
  confirm: ConfirmRequest | null;
  undo: UndoItem[];
  /** When each queue entry that joined during this session arrived, for the new-caller cue. */
  arrivals: Record<string, number>;
  /** The header editor to focus, bumped by the F and S shortcuts. */
  focusRequest: { field: FocusField; at: number } | null;
  bans: Ban[];
  /** The station the ban dialog is open for. */
  banning: string | null;
  /** What the log dialog shows, and the search it shows (read again when the log changes). */
  logSearch: QsoLogPage | null;
  logQuery: string;
  /** The QSO deleted last, until it is restored or the log closes: what Undo brings back. */
  deletedQso: LoggedQso | null;
  rig: RigStatus | null;
}

const initial: ConsoleState = {
  link: { kind: 'connecting' },
  client: null,
  view: null,
  log: null,
  server: null,
  settings: null,
  busy: {},
  toasts: [],
  theme: 'system',
  selected: null,
  dialog: null,
  // Read where there is a browser's storage (the store is also tested on plain Node).
  mapOpen: typeof localStorage !== 'undefined' && localStorage.getItem('pileup-buster.map') === 'on',
  confirm: null,
  undo: [],
  arrivals: {},
  focusRequest: null,
  bans: [],
  banning: null,
  logSearch: null,
  logQuery: '',
  deletedQso: null,
  rig: null
};

export const useConsole = create<ConsoleState>(() => ({ ...initial }));

let toastId = 0;

export function toast(text: string, kind: Toast['kind'] = 'error'): void {
  const id = ++toastId;
  useConsole.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, text }] }));
  setTimeout(() => dismissToast(id), kind === 'error' ? 8000 : 4000);
}

export function askToConfirm(request: ConfirmRequest): void {
  useConsole.setState({ confirm: request });
}

export function closeConfirm(): void {
  useConsole.setState({ confirm: null });
}

export function dismissToast(id: number): void {
  useConsole.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

export function describeError(error: unknown): string {
  if (error instanceof PileupRequestError) {
    if (error.code === 'DISCONNECTED' || error.code === 'TIMEOUT') return `Not done: the server did not answer (${error.message}).`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs an operator action once: ignored while the same action is in flight; failures become a
 * readable message. Resolves with the result, or null when it did not run or failed.
 */
export async function act<T>(
  key: string,
  run: (client: PileupClient) => Promise<T>,
  onError: (error: unknown) => boolean = () => false
): Promise<T | null> {
  const { client, busy } = useConsole.getState();
  if (busy[key]) return null;
  if (!client) {
    toast('Not connected to the server; the action was not sent.');
    return null;
  }
  useConsole.setState((s) => ({ busy: { ...s.busy, [key]: true } }));
  try {
    return await run(client);
  } catch (error) {
    // The caller may handle some failures itself (asking the operator, say); the rest are shown.
    if (!onError(error)) toast(describeError(error));
    return null;
  } finally {
    useConsole.setState((s) => {
      const { [key]: _done, ...rest } = s.busy;
      return { busy: rest };
    });
  }
}

// --- wiring a connected client into the store -------------------------------------------------

/** A connection came online (signed in): actions go through it from now on. */
export function attachClient(client: PileupClient): void {
  useConsole.setState({ client, link: { kind: 'online' } });
  client.on('qso_complete', () => void refreshLog());
  // Any console's correction, deletion or undo: this one reads the log again too.
  client.on('log_update', () => {
    void refreshLog();
    if (useConsole.getState().dialog === 'log') void actions.searchLog(useConsole.getState().logQuery);
  });
  client.on('rig_status', (rig) => useConsole.setState({ rig }));
  void refreshLog();
  void refreshServer();
}

/** The session's state changed: an event, a resync or a reconnect's fresh snapshot. */
export function applyState(state: PileupSnapshot, resyncing: boolean): void {
  const before = useConsole.getState().view;
  const ids = state.queue.queue.map((entry) => entry.id);
  const arrived = arrivalsBetween(before && { instanceId: before.instanceId, ids: before.queue.queue.map((e) => e.id) }, { instanceId: state.instance_id, ids });
  if (arrived.length > 0) playNewCallerTone();
  const now = Date.now();
  useConsole.setState((s) => ({
    view: toView(state, resyncing),
    arrivals: Object.fromEntries([...ids.filter((id) => s.arrivals[id]).map((id) => [id, s.arrivals[id]!]), ...arrived.map((id) => [id, now])]),
    // The pick follows the station, and lets go when it leaves the queue.
    selected: s.selected !== null && state.queue.queue.some((entry) => entry.callsign === s.selected) ? s.selected : null
  }));
}

export function detachClient(link: LinkState): void {
  useConsole.setState({ client: null, link });
}

/** QSOs the log column lists; the map asks for as many as the server gives, to fade the last hour's. */
const LOG_COLUMN_ROWS = 30;

export async function refreshLog(): Promise<void> {
  const { client, mapOpen } = useConsole.getState();
  if (!client) return;
  try {
    useConsole.setState({ log: await client.request('admin.get_log', { limit: mapOpen ? LOG_PAGE_MAX : LOG_COLUMN_ROWS }) });
  } catch {
    // Shown again at the next QSO or reconnect; not worth interrupting the operator for.
  }
}

export async function refreshServer(): Promise<void> {
  const client = useConsole.getState().client;
  if (!client) return;
  try {
    const server = await client.request('admin.get_system_status');
    useConsole.setState({ server, rig: server.rig });
  } catch {
    // Transient: the next poll tries again.
  }
}

// --- operator actions ---------------------------------------------------------------------------

export const actions = {
  setOnAir: (active: boolean, logCurrent = false) => act('on-air', (c) => c.request('admin.set_system_status', { active, log_current: logCurrent })),
  setRegistrationPaused: (paused: boolean) => act('pause', (c) => c.request('admin.set_registration_paused', { paused })),
  cancelQso: () => act('cancel', (c) => c.request('admin.cancel_qso', { requeue: true })),
  ban: async (callsign: string, reason: string) => {
    const result = await act(`ban:${callsign}`, (c) => c.request('admin.ban_callsign', { callsign, reason }));
    if (result) toast(result.message, 'info');
    return result !== null;
  },
  unban: async (callsign: string) => {
    const result = await act(`unban:${callsign}`, (c) => c.request('admin.unban_callsign', { callsign }));
    if (result) await actions.loadBans();
  },
  searchLog: async (search: string) => {
    const result = await act('log-search', (c) => c.request('admin.get_log', { limit: 200, ...(search.trim() ? { search: search.trim() } : {}) }));
    if (result) useConsole.setState({ logSearch: result, logQuery: search });
  },
  updateQso: async (id: string, fields: { rst_sent?: string; rst_rcvd?: string; notes?: string; name?: string; exchange?: string }) => {
    const result = await act(`qso:${id}`, (c) => c.request('admin.update_qso', { id, ...fields }));
    return result !== null;
  },
  deleteQso: async (id: string) => {
    const result = await act(`qso:${id}`, (c) => c.request('admin.delete_qso', { id }));
    if (!result) return;
    // The log_update event that follows reads the log again.
    useConsole.setState({ deletedQso: result.deleted });
  },
  /** Puts the QSO deleted last back into the log. */
  undoDelete: async () => {
    const qso = useConsole.getState().deletedQso;
    if (!qso) return;
    const result = await act(`restore:${qso.id}`, (c) => c.request('admin.restore_qso', { qso }));
    if (result) useConsole.setState({ deletedQso: null });
  },
  /** Exports the log: all of it, QSOs started on a range of UTC dates, or those since the last export. */
  exportLog: async (format: 'adif' | 'csv', range: { from?: string; to?: string; since_last_export?: boolean } = {}) => {
    const file = await act(`export:${format}`, (c) => c.request('admin.export_log', { format, ...range }));
    if (!file) return;
    // The log view shows when the last export was.
    void actions.searchLog(useConsole.getState().logQuery);
    if (file.count === 0) {
      toast(range.since_last_export ? 'Nothing new since the last export.' : 'No QSOs in those dates.', 'info');
      return;
    }
    const bridge = window.pileup;
    if (bridge?.saveFile) {
      const saved = await bridge.saveFile(file.filename, file.content);
      if (saved.saved) toast(`Saved ${file.count} QSOs to ${saved.path}`, 'info');
      return;
    }
    // In a browser: hand the file to the browser's own download.
    const url = URL.createObjectURL(new Blob([file.content], { type: file.content_type }));
    const link = Object.assign(document.createElement('a'), { href: url, download: file.filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    toast(`Exported ${file.count} QSOs as ${file.filename}`, 'info');
  },
  setRigFollow: (follow: boolean) => act('rig-follow', (c) => c.request('admin.set_rig_follow', { follow })),
  setMode: (mode: string) => act('mode', (c) => c.request('admin.set_mode', { mode })),
  loadBans: async () => {
    const result = await act('bans-load', (c) => c.request('admin.list_bans'));
    if (result) useConsole.setState({ bans: result.bans });
  },
  setFrequency: (frequency: string) =>
    act('frequency', (c) => (frequency.trim() ? c.request('admin.set_frequency', { frequency }) : c.request('admin.delete_frequency'))),
  setSplit: (split: string) => act('split', (c) => (split.trim() ? c.request('admin.set_split', { split }) : c.request('admin.delete_split'))),
  loadSettings: async () => {
    const settings = await act('settings-load', (c) => c.request('admin.get_settings'));
    if (settings) useConsole.setState({ settings });
  },
  saveSettings: async (changes: SettingsChanges) => {
    const result = await act('settings-save', (c) => c.request('admin.update_settings', changes));
    if (result) {
      useConsole.setState({ settings: result });
      toast(result.message, 'info');
    }
    return result !== null;
  }
};

// --- small UI state ---------------------------------------------------------------------------

/** The station W and Enter work: the one picked, or the head of the queue. */
export function selectedCallsign(): string | null {
  const { view, selected } = useConsole.getState();
  return selected ?? view?.queue.queue[0]?.callsign ?? null;
}

export function moveSelection(delta: number): void {
  useConsole.setState((s) => {
    const queue = s.view?.queue.queue ?? [];
    if (queue.length === 0) return { selected: null };
    const at = s.selected === null ? (delta > 0 ? -1 : 0) : queue.findIndex((entry) => entry.callsign === s.selected);
    const index = Math.min(queue.length - 1, Math.max(0, at + delta));
    return { selected: queue[index]!.callsign };
  });
}

export function openDialog(dialog: ConsoleState['dialog']): void {
  useConsole.setState({ dialog });
}

export function requestFocus(field: FocusField): void {
  useConsole.setState({ focusRequest: { field, at: Date.now() } });
}

const THEME_KEY = 'pileup-buster.theme';

export function loadTheme(): void {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark' || saved === 'system' || saved === 'night') useConsole.setState({ theme: saved });
}

/**
 * Cycles system -> the opposite of what the OS shows -> the other -> night (dim red, for a dark
 * shack at 3 am) -> system.
 */
export function toggleTheme(osPrefersDark: boolean): void {
  const order: ThemeChoice[] = osPrefersDark ? ['system', 'light', 'dark', 'night'] : ['system', 'dark', 'light', 'night'];
  const current = useConsole.getState().theme;
  const next = order[(order.indexOf(current) + 1) % order.length]!;
  localStorage.setItem(THEME_KEY, next);
  useConsole.setState({ theme: next });
}

export function resetStore(): void {
  useConsole.setState({ ...initial });
}
