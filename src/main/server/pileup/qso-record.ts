/**
 * The logged record of a QSO, built from the QSO in progress and what the station was tuned to
 * when it ended; and the way back (a logged QSO taken out of the log to be in progress again).
 * Pure: the service supplies the time and the settings.
 */
import type { CurrentQso, FrequencyState, LoggedQso, SplitState } from '../../../shared/protocol/entities.js';
import { bandOf } from '../../../shared/ham/frequency.js';
import { adifMode, defaultRst } from '../../../shared/ham/rst.js';
import { splitTxHz } from '../../../shared/ham/split.js';
import type { DxccInfo } from '../integrations/dxcc.js';

/** Station settings written into every logged QSO; read live so a change applies at once. */
export interface StationSettings {
  stationCallsign: string | null;
  operatorCallsign: string | null;
  myGrid: string | null;
}

export const NO_STATION: StationSettings = { stationCallsign: null, operatorCallsign: null, myGrid: null };

export interface QsoEnd {
  completedAt: string;
  completedBy: string;
  frequency: FrequencyState;
  split: SplitState;
  station: StationSettings;
  country: DxccInfo | null;
}

/** The ADIF mode and submode a rig or operator mode name logs as (the name itself when unknown). */
export function loggedMode(mode: string | null | undefined): { mode: string | null; submode: string | null } {
  if (!mode) return { mode: null, submode: null };
  const adif = adifMode(mode);
  return { mode: adif?.mode ?? mode, submode: adif?.submode ?? null };
}

/** The report logged when the operator typed none: 59 on phone, 599 on CW and digital. */
export function reportFor(mode: string | null | undefined): string {
  return defaultRst(loggedMode(mode).mode ?? 'SSB');
}

export function loggedRecord(current: CurrentQso, end: QsoEnd): LoggedQso {
  const hz = end.frequency.frequency_hz ?? null;
  const { mode, submode } = loggedMode(end.frequency.mode);
  const splitValue = end.split.value ?? null;
  const defaultReport = reportFor(end.frequency.mode);
  const qrz = current.qrz;
  const record: LoggedQso = {
    id: current.id,
    callsign: current.callsign,
    started_at: current.timestamp,
    completed_at: end.completedAt,
    completed_by: end.completedBy,
    registered_at: current.registered_at,
    frequency: end.frequency.frequency,
    split: end.split.split,
    qrz,
    frequency_hz: hz,
    band: hz ? bandOf(hz) : null,
    mode,
    submode,
    split_tx_hz: splitValue ? splitTxHz(splitValue, hz) : null,
    rst_sent: current.rst_sent || defaultReport,
    rst_rcvd: current.rst_rcvd || defaultReport,
    station_callsign: end.station.stationCallsign,
    operator: end.station.operatorCallsign ?? end.station.stationCallsign,
    my_grid: end.station.myGrid,
    name: current.name ?? qrz?.name ?? null,
    qth: qrz?.qth ?? null,
    grid: qrz?.grid ?? null,
    country: end.country?.entity ?? qrz?.country ?? null,
    dxcc: end.country?.dxcc ?? null,
    location: current.location ?? null,
    notes: current.notes ?? '',
    source: current.source ?? 'queue'
  };
  if (current.exchange) record.exchange = current.exchange;
  return record;
}

/**
 * A logged QSO in progress again (undo): same id and start, and what the operator had typed.
 * The reports come back as typed, so a changed mode does not leave a stale default behind.
 */
export function resumedQso(qso: LoggedQso, place: Pick<CurrentQso, 'country' | 'distance_km' | 'bearing_deg'>): CurrentQso {
  const defaultReport = reportFor(qso.mode);
  return {
    id: qso.id,
    callsign: qso.callsign,
    timestamp: qso.started_at,
    started_by: qso.completed_by,
    registered_at: qso.registered_at,
    qrz: qso.qrz,
    ...place,
    source: qso.source ?? (qso.registered_at ? 'queue' : 'air'),
    rst_sent: qso.rst_sent && qso.rst_sent !== defaultReport ? qso.rst_sent : null,
    rst_rcvd: qso.rst_rcvd && qso.rst_rcvd !== defaultReport ? qso.rst_rcvd : null,
    name: qso.name && qso.name !== qso.qrz?.name ? qso.name : null,
    notes: qso.notes ?? '',
    exchange: qso.exchange ?? ''
  };
}
