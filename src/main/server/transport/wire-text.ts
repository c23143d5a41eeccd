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
import { unpooled, type FramePool, type FrameBytes } from './frame-pool.js';

const texts = new WeakMap<object, string>();
const buffers = new WeakMap<object, Buffer>();

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

/**
 * JSON of a value; a frozen object is serialised once and its text reused while it lives. Frozen
 * arrays and plain objects are assembled from their members' texts, so a queue that gained one
 * entry reuses the text of all the others.
 */
export function jsonText(value: unknown): string {
  if (!isShared(value)) return JSON.stringify(value);
  let text = texts.get(value);
  if (text === undefined) {
    text = assemble(value);
    texts.set(value, text);
  }
  return text;
}

/** What JSON.stringify gives, built from the members' (possibly cached) texts. */
function assemble(value: object): string {
  if (Array.isArray(value)) {
    // JSON.stringify writes null for the values it cannot represent in an array.
    // Array.from visits holes too (as undefined), which map would skip.
    return `[${Array.from(value, (item: unknown) => (representable(item) ? jsonText(item) : 'null')).join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.stringify(value);
  }
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (representable(member)) members.push(`${JSON.stringify(key)}:${jsonText(member)}`);
  }
  return `{${members.join(',')}}`;
}

function representable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** The text around the shared part: JSON.stringify(build(SLOT)) cut where SLOT is. */
function around(build: (slot: unknown) => object): [string, string] {
  const text = JSON.stringify(build(SLOT));
  const at = text.lastIndexOf(SLOT_JSON);
  return [text.slice(0, at), text.slice(at + SLOT_JSON.length)];
}

/** JSON.stringify(build(shared)), with a shared value's text reused. */
function spliced(shared: unknown, build: (slot: unknown) => object): string {
  if (!isShared(shared)) return JSON.stringify(build(shared));
  const [head, tail] = around(build);
  return head + jsonText(shared) + tail;
}

/**
 * The same bytes as Buffer.from(spliced(...)), with the shared part's UTF-8 encoded once and copied
 * into a block from `pool`.
 */
function splicedFrame(shared: unknown, build: (slot: unknown) => object, pool: FramePool): FrameBytes {
  if (!isShared(shared)) return unpooled(Buffer.from(JSON.stringify(build(shared))));
  let bytes = buffers.get(shared);
  if (bytes === undefined) {
    bytes = Buffer.from(jsonText(shared));
    buffers.set(shared, bytes);
  }
  const [head, tail] = around(build);
  const headLength = Buffer.byteLength(head);
  const frame = pool.take(headLength + bytes.length + Buffer.byteLength(tail));
  frame.bytes.write(head, 0);
  bytes.copy(frame.bytes, headLength);
  frame.bytes.write(tail, headLength + bytes.length);
  return frame;
}

export function successText(id: MessageId, operation: string, data: unknown): string {
  return spliced(data, (slot) => successReply(id, operation, slot));
}

/** successText as the UTF-8 bytes a WebSocket frame carries. */
export function successFrame(id: MessageId, operation: string, data: unknown, pool: FramePool): FrameBytes {
  return splicedFrame(data, (slot) => successReply(id, operation, slot), pool);
}

export function eventText(message: EventMessage): string {
  return spliced(message.data, (slot) => ({ ...message, data: slot }));
}

function welcomeData(connectionId: string, snapshot: PileupSnapshot): EventData<'connected'> {
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

export function welcomeFrame(seq: number, connectionId: string, snapshot: PileupSnapshot, pool: FramePool): FrameBytes {
  return splicedFrame(snapshot, (slot) => eventMessage('connected', seq, welcomeData(connectionId, slot as PileupSnapshot)), pool);
}
