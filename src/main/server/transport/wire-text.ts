/**
 * The JSON text of server messages. The big parts — the queue and pileup snapshots, frozen and shared
 * until the next change — are serialised once and spliced into each message, instead of once per
 * client and per request. The text is exactly what JSON.stringify gives for the whole message.
 */
import type { EventData } from '../../../shared/protocol/events.js';
import type { PileupSnapshot } from '../../../shared/protocol/entities.js';
import { PROTOCOL_VERSION, SERVER_NAME } from '../../../shared/protocol/operations.js';
import { eventMessage, successReply, type EventMessage, type MessageId } from '../../../shared/protocol/messages.js';
import { APP_VERSION } from '../app-info.js';

const texts = new WeakMap<object, string>();

/**
 * Stands where the shared part goes. Client data can contain the same text, so the splice takes the
 * last occurrence: in every message built here the shared part is the last value that is not the
 * server's own (only the timestamp follows it).
 */
const SLOT = '\u0000shared\u0000';
const SLOT_JSON = JSON.stringify(SLOT);

function isShared(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.isFrozen(value);
}

/** JSON of a value; a frozen object is serialised once and its text reused while it lives. */
export function jsonText(value: unknown): string {
  if (!isShared(value)) return JSON.stringify(value);
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** JSON.stringify(build(SLOT)) with the shared value's text where SLOT was. */
function spliced(shared: unknown, build: (slot: unknown) => object): string {
  if (!isShared(shared)) return JSON.stringify(build(shared));
  const text = JSON.stringify(build(SLOT));
  const at = text.lastIndexOf(SLOT_JSON);
  return text.slice(0, at) + jsonText(shared) + text.slice(at + SLOT_JSON.length);
}

export function successText(id: MessageId, operation: string, data: unknown): string {
  return spliced(data, (slot) => successReply(id, operation, slot));
}

export function eventText(message: EventMessage): string {
  return spliced(message.data, (slot) => ({ ...message, data: slot }));
}

export function welcomeData(connectionId: string, snapshot: PileupSnapshot): EventData<'connected'> {
  return {
    message: 'Connected to Pileup Buster',
    connection_id: connectionId,
    server: SERVER_NAME,
    version: APP_VERSION,
    protocol_version: PROTOCOL_VERSION,
    authenticated: false,
    snapshot
  };
}

/** The `connected` event that opens every WebSocket and SSE connection. */
export function welcomeText(seq: number, connectionId: string, snapshot: PileupSnapshot): string {
  return spliced(snapshot, (slot) => eventMessage('connected', seq, welcomeData(connectionId, slot as PileupSnapshot)));
}
