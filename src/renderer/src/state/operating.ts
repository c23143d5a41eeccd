/**
 * The operator's actions that can cost a QSO, with the console's safeguards around the domain's
 * rules: nothing is logged that the operator did not mean to log, and what is removed or logged
 * can be taken back (Ctrl+Z).
 *
 * - Logging actions (N, C, W, a heard call) first send what was typed into the QSO, then ask the
 *   server to refuse a QSO shorter than its minimum; on that refusal the operator is asked.
 * - A second logging key within a second of the new QSO appearing is ignored: it would log a QSO
 *   that has only just begun.
 * - Removals and QSOs logged here go on an undo list; Ctrl+Z takes back the newest.
 */
import { PileupRequestError, type PileupClient } from '../../../shared/client/pileup-client';
import type { LoggedQso } from '../../../shared/protocol/entities';
import { shortDuration, utcTime } from '../lib/format';
import { flushEdits } from './qso-edits';
import { act, actions, askToConfirm, closeConfirm, toast, useConsole, type UndoItem } from './store';

/** How long a removal can be undone: as long as the server keeps removed stations. */
const REMOVAL_UNDO_MS = 15 * 60_000;
/** Ctrl+Z reaches back to a QSO another console logged only this recently. */
const QSO_UNDO_MS = 5 * 60_000;
const REPEAT_GUARD_MS = 1000;

/**
 * The QSO this console started last, and when, so that a repeated key cannot log it straight
 * away. Once that QSO is no longer in progress (logged, cancelled, ended by going off the air or
 * by another console) a key cannot log it by mistake, so the guard lets go.
 */
let started: { id: string; at: number } | null = null;

/**
 * The QSO in progress this console shows, and since when. The guard runs from the moment the
 * operator saw the QSO begin: its event can come well before the reply (a flush later, slow on an
 * SD card), and a key pressed a second after the new callsign appeared is meant.
 */
let shown: { id: string; at: number } | null = null;
useConsole.subscribe((state) => {
  const id = state.view?.current?.id;
  if (id && shown?.id !== id) shown = { id, at: Date.now() };
});

type LoggingResult = { completed_qso: LoggedQso | null; current_qso?: { id: string; callsign: string } | null };

function remember(item: UndoItem): void {
  useConsole.setState((s) => ({ undo: [...s.undo.filter((u) => Date.now() - u.at < REMOVAL_UNDO_MS).slice(-49), item] }));
}

function rememberLogged(qso: LoggedQso | null | undefined): void {
  if (qso) remember({ kind: 'qso', id: qso.id, callsign: qso.callsign, at: Date.now() });
}

function tooShort(error: unknown): { callsign: string; elapsedMs: number; minSeconds: number } | null {
  if (!(error instanceof PileupRequestError) || error.code !== 'QSO_TOO_SHORT') return null;
  const details = (error.reply?.details ?? {}) as { callsign?: string; elapsed_ms?: number; min_seconds?: number };
  return { callsign: details.callsign ?? 'this station', elapsedMs: details.elapsed_ms ?? 0, minSeconds: details.min_seconds ?? 0 };
}

/**
 * Runs a logging action: edits first, then the request with the minimum-length check. On a QSO
 * that is too short the operator chooses: log it anyway (Enter) or keep working (Esc).
 */
async function logging(
  key: string,
  what: string,
  request: (client: PileupClient, checkDuration: boolean) => Promise<LoggingResult>,
  startsQso: boolean,
  onDone: () => void = () => undefined
): Promise<void> {
  const done = (result: LoggingResult) => {
    rememberLogged(result.completed_qso);
    const id = result.current_qso?.id;
    started = startsQso && id ? { id, at: shown?.id === id ? shown.at : Date.now() } : null;
    onDone();
  };
  if (!(await flushEdits())) {
    toast('Nothing was logged: fix what you typed in the QSO first.');
    return;
  }
  let refused: ReturnType<typeof tooShort> = null;
  const result = await act(key, (c) => request(c, true), (error) => (refused = tooShort(error)) !== null);
  if (result) return done(result);
  if (!refused) return;
  const { callsign, elapsedMs, minSeconds } = refused;
  askToConfirm({
    title: `Log ${callsign} after only ${shortDuration(elapsedMs)}?`,
    lines: [
      `The QSO with ${callsign} began ${shortDuration(elapsedMs)} ago; QSOs shorter than ${minSeconds} s are not logged without asking.`,
      `${what} would log it now.`
    ],
    choices: [
      {
        label: `Log ${callsign} anyway`,
        tone: 'primary',
        run: () => {
          closeConfirm();
          void act(key, (c) => request(c, false)).then((again) => again && done(again));
        }
      },
      { label: `Keep working ${callsign}`, run: closeConfirm }
    ]
  });
}

/** True (and says so) when a logging key comes right after one that started the QSO still in progress. */
function isRepeat(): boolean {
  if (!started || Date.now() - started.at >= REPEAT_GUARD_MS) return false;
  if (useConsole.getState().view?.current?.id !== started.id) return false;
  toast('Pressed again within a second: ignored, so the QSO that just began is not logged.', 'info');
  return true;
}

export function next(): void {
  if (isRepeat()) return;
  void logging('next', 'Next', (c, check) => c.request('admin.next_qso', { check_duration: check }), true);
}

export function complete(): void {
  if (isRepeat()) return;
  void logging('complete', 'Complete', (c, check) => c.request('admin.complete_qso', { check_duration: check }), false);
}

export function workNow(callsign: string): void {
  if (isRepeat()) return;
  void logging(`work:${callsign}`, `Working ${callsign}`, (c, check) => c.request('admin.work_callsign', { callsign, check_duration: check }), true);
}

/** Works a station heard on the air (from the queue if it is waiting there); `onStarted` once it is in QSO. */
export async function workHeard(callsign: string, onStarted: () => void): Promise<void> {
  await logging(`heard:${callsign}`, `Working ${callsign}`, (c, check) => c.request('admin.work_heard', { callsign, check_duration: check }), true, onStarted);
}

/** U: the station goes back to the head of the queue, unlogged. */
export function cancel(): void {
  started = null;
  void actions.cancelQso();
}

export async function remove(callsign: string): Promise<void> {
  const result = await act(`remove:${callsign}`, (c) => c.request('admin.remove_callsign', { callsign }));
  if (result) remember({ kind: 'removal', callsign: result.removed.callsign, at: Date.now() });
}

/** Puts a removed station back in its old place. */
export async function restore(callsign: string): Promise<void> {
  const result = await act(`restore:${callsign}`, (c) => c.request('admin.restore_callsign', { callsign }));
  useConsole.setState((s) => ({ undo: s.undo.filter((u) => !(u.kind === 'removal' && u.callsign === callsign)) }));
  if (result) toast(`${callsign} is back in the queue at #${result.restored.position}.`, 'info');
}

async function undoQso(id: string | undefined, callsign: string): Promise<void> {
  const result = await act('undo-qso', (c) => c.request('admin.undo_last_qso', id ? { id } : {}));
  useConsole.setState((s) => ({ undo: s.undo.filter((u) => !(u.kind === 'qso' && u.id === id)) }));
  if (!result) return;
  toast(
    result.current_qso
      ? `Took the QSO with ${callsign} out of the log: in QSO again.`
      : `Took the QSO with ${callsign} out of the log: back at the head of the queue.`,
    'info'
  );
}

/** Ctrl+Z: takes back the newest removal or QSO of this console, else the log's last QSO if recent. */
export function undoLast(): void {
  const now = Date.now();
  const items = useConsole.getState().undo.filter((u) => now - u.at < REMOVAL_UNDO_MS);
  const last = items.at(-1);
  if (last?.kind === 'removal') return void restore(last.callsign);
  if (last?.kind === 'qso') return void undoQso(last.id, last.callsign);
  const latest = useConsole.getState().log?.qsos[0];
  if (latest && now - Date.parse(latest.completed_at) < QSO_UNDO_MS) return void undoQso(latest.id, latest.callsign);
  toast('Nothing to undo.', 'info');
}

/**
 * Going off the air ends the session's queue and any QSO in progress. When there is something to
 * lose the operator is told exactly what, and chooses; otherwise it just happens.
 */
export function toggleOnAir(): void {
  const view = useConsole.getState().view;
  if (!view) return;
  if (!view.system.active) {
    void act('on-air', (c) => c.request('admin.set_system_status', { active: true }));
    return;
  }
  const current = view.current;
  const waiting = view.queue.total;
  const goOff = (logCurrent: boolean) => () => {
    closeConfirm();
    void flushEdits().then(() =>
      act('on-air', (c) => c.request('admin.set_system_status', { active: false, log_current: logCurrent })).then((result) => {
        rememberLogged(result?.logged_qso);
        if (result?.logged_qso) toast(`Logged ${result.logged_qso.callsign} and went off the air.`, 'info');
      })
    );
  };
  if (!current && waiting === 0) return goOff(false)();
  const lines = [
    ...(current ? [`The QSO with ${current.callsign} is in progress (since ${utcTime(current.timestamp)}, ${shortDuration(Date.now() - Date.parse(current.timestamp))}).`] : []),
    ...(waiting > 0 ? [`${waiting} ${waiting === 1 ? 'station leaves' : 'stations leave'} the queue; their pages say the station went off the air.`] : []),
    'Registration closes until you go on the air again. The log is kept.'
  ];
  askToConfirm({
    title: 'Go off the air?',
    lines,
    choices: current
      ? [
          { label: `Log ${current.callsign}, then go off the air`, tone: 'primary', run: goOff(true) },
          { label: `Go off without logging ${current.callsign}`, tone: 'danger', run: goOff(false) },
          { label: 'Stay on the air', run: closeConfirm }
        ]
      : [
          { label: 'Go off the air', tone: 'danger', run: goOff(false) },
          { label: 'Stay on the air', run: closeConfirm }
        ]
  });
}
