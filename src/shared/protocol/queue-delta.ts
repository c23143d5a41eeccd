/**
 * Queue deltas: what changed in the queue since the last announcement, instead of the whole queue.
 * A client that asked for them (`?queue=delta` on the WebSocket URL) gets `queue_delta` where
 * others get `queue_update`, with the same sequence number; applying every delta in order to the
 * queue of its snapshot gives the queue the server announced.
 *
 * A delta names the entries that left (`removed`, by id) and gives every entry that is new,
 * changed or moved with its 0-based place in the new queue (`upserts`, in ascending order).
 * Places (`position`) are not sent for the others: they follow from the order. Applying: drop the
 * removed and the upserted ids, insert each upsert at its index, number the places 1, 2, 3…; a
 * result whose length is not `total` means this client's queue had drifted: fetch a snapshot.
 */
import { z } from 'zod';
import { queueEntrySchema, queueSnapshotSchema, type QueueEntry, type QueueSnapshot } from './entities.js';

export const queueDeltaSchema = queueSnapshotSchema.omit({ queue: true }).extend({
  removed: z.array(z.string()).describe('Ids of the entries that left the queue'),
  upserts: z
    .array(z.object({ index: z.number().int().min(0), entry: queueEntrySchema }))
    .describe('Entries that are new, changed or moved, each with its 0-based place in the new queue, in ascending order of place')
});
export type QueueDelta = z.infer<typeof queueDeltaSchema>;

/** The query a WebSocket client adds to its URL to get deltas: `?queue=delta`. */
const QUEUE_DELTA_PARAM = ['queue', 'delta'] as const;

/** A WebSocket URL that asks for queue deltas. */
export function withQueueDeltas(url: string): string {
  const [name, value] = QUEUE_DELTA_PARAM;
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${value}`;
}

/** Whether the URL a client connected to asks for queue deltas. */
export function asksForQueueDeltas(url: string | undefined): boolean {
  const query = url?.split('?')[1];
  const [name, value] = QUEUE_DELTA_PARAM;
  return query !== undefined && new URLSearchParams(query).get(name) === value;
}

/** Two views of the same entry say the same, places aside (every place moves when the head leaves). */
function sameButPlace(a: QueueEntry, b: QueueEntry): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'position') continue;
    const left = (a as Record<string, unknown>)[key];
    const right = (b as Record<string, unknown>)[key];
    if (left !== right && JSON.stringify(left) !== JSON.stringify(right)) return false;
  }
  return true;
}

/** The delta from the queue `before` to `after` (server side). */
export function queueDelta(before: readonly QueueEntry[], after: QueueSnapshot): QueueDelta {
  const { queue, ...rest } = after;
  // The views the server reuses while an entry and its place stay the same: a queue that only grew
  // at the end, or lost a station near its end, is compared by identity up to the change, not
  // entry by entry. (An id met in that common start cannot be met again after it: ids are unique.)
  let start = 0;
  const shorter = Math.min(before.length, queue.length);
  while (start < shorter && before[start] === queue[start]) start++;
  const beforeRest = start === 0 ? before : before.slice(start);
  const old = new Map(beforeRest.map((entry) => [entry.id, entry]));
  const kept = new Set<string>();
  for (let index = start; index < queue.length; index++) kept.add(queue[index]!.id);
  const removed = beforeRest.filter((entry) => !kept.has(entry.id)).map((entry) => entry.id);
  // The entries that stay, in their old order: each one met in the new queue in that same order
  // stays put; any other is sent with its new place.
  const stayed = beforeRest.filter((entry) => kept.has(entry.id));
  const upserts: QueueDelta['upserts'] = [];
  const sent = new Set<string>();
  let next = 0;
  for (let index = start; index < queue.length; index++) {
    const entry = queue[index]!;
    while (next < stayed.length && sent.has(stayed[next]!.id)) next++;
    const previous = old.get(entry.id);
    if (previous && next < stayed.length && stayed[next]!.id === entry.id && sameButPlace(previous, entry)) {
      next++;
      continue;
    }
    upserts.push({ index, entry });
    sent.add(entry.id);
  }
  return { ...rest, removed, upserts };
}

/** Thrown when a delta does not fit the queue it is applied to: the client must fetch a snapshot. */
export class QueueDeltaMismatch extends Error {
  constructor(expected: number, got: number) {
    super(`The queue has ${got} stations after the delta, the server says ${expected}: fetch a snapshot`);
    this.name = 'QueueDeltaMismatch';
  }
}

/** The queue after `delta` (client side); throws QueueDeltaMismatch if it does not add up. */
export function applyQueueDelta(queue: QueueSnapshot, delta: QueueDelta): QueueSnapshot {
  const { removed, upserts, ...rest } = delta;
  const gone = new Set(removed);
  for (const { entry } of upserts) gone.add(entry.id);
  const entries = queue.queue.filter((entry) => !gone.has(entry.id));
  for (const { index, entry } of upserts) entries.splice(index, 0, entry);
  if (entries.length !== rest.total) throw new QueueDeltaMismatch(rest.total, entries.length);
  return { ...rest, queue: entries.map((entry, index) => (entry.position === index + 1 ? entry : { ...entry, position: index + 1 })) };
}
