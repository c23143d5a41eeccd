/**
 * What the operator types into the QSO in progress (reports, name, exchange, notes). Edits are
 * sent a moment after typing stops, and always before the QSO is logged (`flushEdits`), so the
 * logged record holds what was typed. Each edit names its QSO by id: if another console logged
 * that QSO meanwhile, the edit goes to the logged record instead of being lost or landing on the
 * next station. An edit the server refused stays pending while its QSO is in progress, so that
 * logging keeps refusing until the operator fixes it: the field still shows what was typed, and
 * logging the server's older value would log something the operator never saw.
 */
import { PileupRequestError } from '../../../shared/client/pileup-client';
import { describeError, toast, useConsole } from './store';

export type QsoField = 'rst_sent' | 'rst_rcvd' | 'name' | 'exchange' | 'notes';
type Edits = Partial<Record<QsoField, string>>;

const SEND_AFTER_MS = 400;

let pending: { id: string; edits: Edits } | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let sending: Promise<boolean> = Promise.resolve(true);
let inFlight = 0;

/** Records a typed value; reports left empty mean "the default for the mode" and are not sent. */
export function editCurrentQso(id: string, field: QsoField, value: string): void {
  if (pending && pending.id !== id) void flushEdits();
  const edits = pending?.id === id ? pending.edits : {};
  if ((field === 'rst_sent' || field === 'rst_rcvd') && value.trim() === '') delete edits[field];
  else edits[field] = value;
  pending = { id, edits };
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flushEdits(), SEND_AFTER_MS);
}

/** Sends what is still pending. False when the server refused it (the reason is shown). */
export function flushEdits(): Promise<boolean> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = pending;
  pending = null;
  if (!batch || Object.keys(batch.edits).length === 0) return inFlight > 0 ? sending : Promise.resolve(true);
  inFlight += 1;
  sending = sending.then(() => send(batch.id, batch.edits)).finally(() => (inFlight -= 1));
  return sending;
}

async function send(id: string, edits: Edits): Promise<boolean> {
  const client = useConsole.getState().client;
  if (!client) {
    toast('Not connected to the server: what you typed in the QSO was not saved.');
    return false;
  }
  try {
    await client.request('admin.update_current_qso', { id, ...edits });
    return true;
  } catch (error) {
    if (error instanceof PileupRequestError && error.code === 'NOT_FOUND') {
      // Logged already (by this console a moment ago, or another): correct the log entry.
      try {
        await client.request('admin.update_qso', { id, ...edits });
        return true;
      } catch (inner) {
        toast(`Not saved: ${describeError(inner)}`);
        return false;
      }
    }
    toast(`Not saved: ${describeError(error)}`);
    keepRefused(id, edits);
    return false;
  }
}

/** Puts refused edits back under anything typed since, unless their QSO has ended or another has begun. */
function keepRefused(id: string, edits: Edits): void {
  if (useConsole.getState().view?.current?.id !== id) return;
  if (pending && pending.id !== id) return;
  pending = { id, edits: { ...edits, ...(pending?.edits ?? {}) } };
}
