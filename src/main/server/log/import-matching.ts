/**
 * Which QSOs of an imported file the log has already: the same callsign, band and mode, started
 * within two minutes of one in the log (or earlier in the file). Programs write the same QSO with
 * TIME_ON to the minute or to the second, and this log's own QSOs come back from the operator's
 * logger that way, so matching on ids alone would let the same QSO in twice.
 */
import type { LoggedQso } from '../../../shared/protocol/entities.js';

const SAME_QSO_MS = 2 * 60_000;

type Keyed = Pick<LoggedQso, 'id' | 'callsign' | 'band' | 'mode' | 'started_at'>;

const keyOf = (qso: Keyed) => `${qso.callsign}|${qso.band ?? ''}|${qso.mode ?? ''}`;

export function splitKnown<Q extends Keyed>(log: readonly Keyed[], incoming: readonly Q[]): { fresh: Q[]; known: number } {
  const ids = new Set(log.map((qso) => qso.id));
  const starts = new Map<string, number[]>();
  const remember = (qso: Keyed) => {
    const key = keyOf(qso);
    const list = starts.get(key);
    if (list) list.push(Date.parse(qso.started_at));
    else starts.set(key, [Date.parse(qso.started_at)]);
  };
  for (const qso of log) remember(qso);
  const fresh: Q[] = [];
  for (const qso of incoming) {
    const at = Date.parse(qso.started_at);
    const seen = ids.has(qso.id) || (starts.get(keyOf(qso)) ?? []).some((other) => Math.abs(other - at) <= SAME_QSO_MS);
    if (seen) continue;
    fresh.push(qso);
    ids.add(qso.id);
    remember(qso);
  }
  return { fresh, known: incoming.length - fresh.length };
}
