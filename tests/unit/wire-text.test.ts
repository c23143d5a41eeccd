/** The texts the server sends are exactly JSON.stringify of the messages, shared parts or not. */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventMessage, successReply } from '../../src/shared/protocol/messages.js';
import { eventText, jsonText, successFrame, successText, welcomeFrame, welcomeText } from '../../src/main/server/transport/wire-text.js';
import type { PileupSnapshot } from '../../src/shared/protocol/entities.js';
import { FramePool } from '../../src/main/server/transport/frame-pool.js';

/** Every frame from the pool, so the test also shows a reused block carries nothing of its last frame. */
const pool = new FramePool({ minFrameBytes: 0 });

function frameText(frame: { bytes: Buffer; release: () => void }): string {
  const text = frame.bytes.toString('utf8');
  frame.release();
  return text;
}

const MARKER = '\u0000shared\u0000';
/** Strings that try to break the splice: the marker itself, and replacement patterns. */
const tricky = fc.oneof(fc.string(), fc.constantFrom(MARKER, JSON.stringify(MARKER), '$&', "$'", '$`', '$$', '"\\u0000shared\\u0000"'));
const value = fc.jsonValue().chain((v) => fc.oneof(fc.constant(v), tricky.map((t) => ({ t, v }))));

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const inner of Object.values(v)) deepFreeze(inner);
    Object.freeze(v);
  }
  return v;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('wire text', () => {
  it('a reply is JSON.stringify of the reply, whether its data is shared (frozen) or not', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.integer(), fc.constant(null)), tricky, value, fc.boolean(), (id, operation, data, frozen) => {
        const shared = frozen && typeof data === 'object' && data !== null ? deepFreeze(structuredClone(data)) : data;
        const text = successText(id, operation, shared);
        expect(text).toBe(JSON.stringify(successReply(id, operation, data)));
        expect(successText(id, operation, shared)).toBe(text);
        expect(frameText(successFrame(id, operation, shared, pool))).toBe(text);
      }),
      { numRuns: 500 }
    );
  });

  it('a frozen value, nested or sparse, is assembled into exactly the text JSON.stringify gives', () => {
    const anything = fc.anything({ maxDepth: 4, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withDate: true, withMap: true });
    fc.assert(
      fc.property(anything, fc.boolean(), (value, freezeTopOnly) => {
        const expected = JSON.stringify(value);
        const shared = freezeTopOnly && typeof value === 'object' && value !== null ? Object.freeze(value) : deepFreeze(value);
        expect(jsonText(shared)).toBe(expected);
        expect(jsonText(shared)).toBe(expected);
      }),
      { numRuns: 1000 }
    );
    // A member's text is reused when the same frozen member sits in a new container.
    const entry = deepFreeze({ callsign: 'W1AW', position: 1 });
    jsonText(entry);
    const spy = vi.spyOn(JSON, 'stringify');
    expect(jsonText(Object.freeze([entry, entry]))).toBe('[{"callsign":"W1AW","position":1},{"callsign":"W1AW","position":1}]');
    expect(spy.mock.calls.every(([v]) => v !== entry && v !== 'W1AW')).toBe(true);
    spy.mockRestore();
  });

  it('an event is JSON.stringify of the event', () => {
    fc.assert(
      fc.property(value, fc.nat(), (data, seq) => {
        const message = eventMessage('queue_update', seq, deepFreeze(structuredClone(data)));
        expect(eventText(message)).toBe(JSON.stringify(message));
      }),
      { numRuns: 300 }
    );
  });

  it('the welcome carries the snapshot, and a snapshot is serialised once while it lives', () => {
    const snapshot = deepFreeze({ seq: 3, queue: { queue: [{ callsign: MARKER }], total: 1 } }) as unknown as PileupSnapshot;
    const parsed = JSON.parse(welcomeText(3, 'conn-1', snapshot));
    expect(frameText(welcomeFrame(3, 'conn-1', snapshot, pool))).toBe(welcomeText(3, 'conn-1', snapshot));
    expect(parsed).toMatchObject({ type: 'event', event: 'connected', seq: 3, data: { connection_id: 'conn-1', authenticated: false, snapshot } });
    const spy = vi.spyOn(JSON, 'stringify');
    welcomeText(3, 'conn-2', snapshot);
    jsonText(snapshot);
    // Only the small envelope is serialised again; the snapshot's text is reused.
    expect(spy.mock.calls.every(([v]) => v !== snapshot)).toBe(true);
    spy.mockRestore();
  });
});
