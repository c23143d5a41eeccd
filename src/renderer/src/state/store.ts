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
import type { OperationResult } from '../../../shared/protocol/operations';
import { toView, type PileupView } from './pileup-view';

export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'online' }
  | { kind: 'offline'; retryAt: number; attempt: number; reason: string }
  | { kind: 'signed-out'; message: string | null };

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

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
  selected: number;
  dialog: 'settings' | 'shortcuts' | 'log' | null;
  /** The header editor to focus, bumped by the F and S shortcuts. */
  focusRequest: { field: 'frequency' | 'split' | 'mode'; at: number } | null;
  /** The first press of "off air" arms it; a second within a few seconds confirms. */
  offAirArmed: boolean;
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
  selected: 0,
  dialog: null,
  focusRequest: null,
  offAirArmed: false,
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

export function dismissToast(id: number): void {
  useConsole.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

function describeError(error: unknown): string {
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
export async function act<T>(key: string, run: (client: PileupClient) => Promise<T>): Promise<T | null> {
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
    toast(describeError(error));
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
  useConsole.setState((s) => ({
    view: toView(state, resyncing),
    selected: Math.min(s.selected, Math.max(0, state.queue.total - 1))
  }));
}

export function detachClient(link: LinkState): void {
  useConsole.setState({ client: null, link });
}

export async function refreshLog(): Promise<void> {
  const client = useConsole.getState().client;
  if (!client) return;
  try {
    useConsole.setState({ log: await client.request('admin.get_log', { limit: 12 }) });
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
  next: () => act('next', (c) => c.request('admin.next_qso')),
  complete: () => act('complete', (c) => c.request('admin.complete_qso')),
  workNow: (callsign: string) => act(`work:${callsign}`, (c) => c.request('admin.work_callsign', { callsign })),
  remove: (callsign: string) => act(`remove:${callsign}`, (c) => c.request('admin.remove_callsign', { callsign })),
  setOnAir: (active: boolean) => act('on-air', (c) => c.request('admin.set_system_status', { active })),
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
  updateQso: async (id: string, fields: { rst_sent?: string; rst_rcvd?: string; notes?: string }) => {
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
  exportLog: async (format: 'adif' | 'csv') => {
    const file = await act(`export:${format}`, (c) => c.request('admin.export_log', { format }));
    if (!file) return;
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

export function moveSelection(delta: number): void {
  useConsole.setState((s) => {
    const total = s.view?.queue.total ?? 0;
    if (total === 0) return { selected: 0 };
    return { selected: Math.min(total - 1, Math.max(0, s.selected + delta)) };
  });
}

export function openDialog(dialog: ConsoleState['dialog']): void {
  useConsole.setState({ dialog });
}

export function requestFocus(field: 'frequency' | 'split' | 'mode'): void {
  useConsole.setState({ focusRequest: { field, at: Date.now() } });
}

const THEME_KEY = 'pileup-buster.theme';

export function loadTheme(): void {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark' || saved === 'system') useConsole.setState({ theme: saved });
}

/** Cycles system -> the opposite of what the OS shows -> the other -> system. */
export function toggleTheme(osPrefersDark: boolean): void {
  const order: ThemeChoice[] = osPrefersDark ? ['system', 'light', 'dark'] : ['system', 'dark', 'light'];
  const current = useConsole.getState().theme;
  const next = order[(order.indexOf(current) + 1) % order.length]!;
  localStorage.setItem(THEME_KEY, next);
  useConsole.setState({ theme: next });
}

export function resetStore(): void {
  useConsole.setState({ ...initial });
}
