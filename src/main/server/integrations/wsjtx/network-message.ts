/**
 * The WSJT-X UDP messages the log feed sends, laid out as WSJT-X's Network/NetworkMessage.hpp
 * defines them: a header (magic, schema), the message type and the sender's id, then the fields.
 * Loggers (N1MM+, Log4OM, JTAlert/DXKeeper, GridTracker, CQRLOG, KLog) read these as if from WSJT-X.
 */
import { QtDataStream } from './qt-data-stream.js';

export const WSJTX_MAGIC = 0xadbccbda;
/** Schema 3 is QDataStream Qt_5_4, what WSJT-X 2.x speaks. */
export const WSJTX_SCHEMA = 3;
/** WSJT-X's own default port for its UDP server. */
export const WSJTX_DEFAULT_PORT = 2237;
/** How often a client says it is alive (NetworkMessage::pulse). */
export const HEARTBEAT_SECONDS = 15;

export const MESSAGE_TYPE = { heartbeat: 0, qsoLogged: 5, close: 6, loggedAdif: 12 } as const;

function message(type: number, id: string): QtDataStream {
  return new QtDataStream().quint32(WSJTX_MAGIC).quint32(WSJTX_SCHEMA).quint32(type).utf8(id);
}

export function heartbeat(id: string, version: string, revision: string): Buffer {
  return message(MESSAGE_TYPE.heartbeat, id).quint32(WSJTX_SCHEMA).utf8(version).utf8(revision).toBuffer();
}

export function close(id: string): Buffer {
  return message(MESSAGE_TYPE.close, id).toBuffer();
}

/** A QSO as the "QSO Logged" message carries it; empty strings where nothing is known. */
export interface QsoLoggedFields {
  timeOff: Date;
  dxCall: string;
  dxGrid: string;
  txFrequencyHz: number;
  mode: string;
  reportSent: string;
  reportReceived: string;
  txPower: string;
  comments: string;
  name: string;
  timeOn: Date;
  operatorCall: string;
  myCall: string;
  myGrid: string;
  exchangeSent: string;
  exchangeReceived: string;
  propagationMode: string;
}

export function qsoLogged(id: string, qso: QsoLoggedFields): Buffer {
  return message(MESSAGE_TYPE.qsoLogged, id)
    .dateTime(qso.timeOff)
    .utf8(qso.dxCall)
    .utf8(qso.dxGrid)
    .quint64(BigInt(Math.max(0, Math.round(qso.txFrequencyHz))))
    .utf8(qso.mode)
    .utf8(qso.reportSent)
    .utf8(qso.reportReceived)
    .utf8(qso.txPower)
    .utf8(qso.comments)
    .utf8(qso.name)
    .dateTime(qso.timeOn)
    .utf8(qso.operatorCall)
    .utf8(qso.myCall)
    .utf8(qso.myGrid)
    .utf8(qso.exchangeSent)
    .utf8(qso.exchangeReceived)
    .utf8(qso.propagationMode)
    .toBuffer();
}

/** "Logged ADIF": a whole ADIF file with one record, so a receiver can treat it as one. */
export function loggedAdif(id: string, adifText: string): Buffer {
  return message(MESSAGE_TYPE.loggedAdif, id).utf8(adifText).toBuffer();
}
