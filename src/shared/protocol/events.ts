/** The events the server broadcasts, with their payloads. */
import { z } from 'zod';
import {
  currentQsoSchema,
  frequencyStateSchema,
  loggedQsoSchema,
  pileupSnapshotSchema,
  queueSnapshotSchema,
  rigStatusSchema,
  splitStateSchema,
  stationIdentitySchema,
  systemStatusSchema
} from './entities.js';
import { queueDeltaSchema } from './queue-delta.js';

/** The longest a queue change waits to be announced while a burst of changes goes on. */
export const QUEUE_ANNOUNCEMENT_MAX_DELAY_MS = 100;
/**
 * While changes overlap (many stations registering at once), the shortest time between two queue
 * announcements: a burst that ends sooner after the last one is announced when it has passed.
 * Each announcement goes to every client, and the disk's group commit ends a burst every
 * millisecond or so; nobody sees 20 ms, and clients and server handle a tenth of the messages.
 */
export const QUEUE_ANNOUNCEMENT_MIN_SPACING_MS = 20;

export const EVENTS = {
  connected: {
    summary: 'Sent once to a new connection: who the server is and the full pileup state',
    broadcast: false,
    data: z.object({
      message: z.string(),
      connection_id: z.string(),
      server: z.string(),
      version: z.string(),
      protocol_version: z.string(),
      authenticated: z.boolean(),
      snapshot: pileupSnapshotSchema
    })
  },
  queue_update: {
    summary:
      `The queue changed (registration, removal, clear, next). Carries the whole queue, so changes that arrive together are announced together: within a burst, at least every ${QUEUE_ANNOUNCEMENT_MAX_DELAY_MS} ms and after its last change (while changes overlap, bursts that end within ${QUEUE_ANNOUNCEMENT_MIN_SPACING_MS} ms of the last announcement are announced together when that time has passed; a change made alone is announced at once), and always before any other event that follows`,
    broadcast: true,
    data: queueSnapshotSchema
  },
  queue_delta: {
    summary:
      'Sent instead of queue_update, with the same sequence number, to a WebSocket client that asked for deltas (`?queue=delta` on its URL): the entries that left and those that are new, changed or moved, with their places. Applied in order to the queue of the last snapshot, it gives the queue the server announced; a result whose length is not `total` means the client missed something: fetch public.get_snapshot',
    broadcast: true,
    data: queueDeltaSchema
  },
  current_qso: {
    summary: 'The station being worked changed; null when nobody is being worked',
    broadcast: true,
    data: currentQsoSchema.nullable()
  },
  frequency_update: {
    summary: 'The operating frequency was set or cleared',
    broadcast: true,
    data: frequencyStateSchema
  },
  split_update: {
    summary: 'The split was set or cleared',
    broadcast: true,
    data: splitStateSchema
  },
  system_status: {
    summary: 'The station went on or off the air (off the air clears the queue and current QSO)',
    broadcast: true,
    data: systemStatusSchema.extend({
      queue_cleared: z.boolean().optional(),
      cleared_count: z.number().int().optional()
    })
  },
  rig_status: {
    summary: 'The link to the radio (Hamlib rigctld) changed: connected, lost (with the retry), off, or following switched',
    broadcast: true,
    data: rigStatusSchema
  },
  station_update: {
    summary: 'The station’s callsign or operator changed in the settings: whose pileup it is',
    broadcast: true,
    data: stationIdentitySchema
  },
  qso_complete: {
    summary: 'A QSO was completed and logged',
    broadcast: true,
    data: z.object({
      qso: loggedQsoSchema,
      queue: queueSnapshotSchema.optional().describe('The queue now; a client that asked for deltas gets queue_delta instead'),
      queue_delta: queueDeltaSchema.optional().describe('For a client that asked for deltas: the queue’s change since the last announcement')
    })
  },
  log_update: {
    summary:
      'An operator corrected, deleted, restored or undid a logged QSO. It names the QSO but carries none of its details (notes stay with the operators): consoles read the log again with admin.get_log',
    broadcast: true,
    data: z.object({
      action: z.enum(['updated', 'deleted', 'restored', 'undone', 'imported']).describe('undone: admin.undo_last_qso took it out of the log; imported: QSOs from an ADIF file were added'),
      id: z.string().describe('The QSO’s id in the log (for imported: the import’s id)'),
      qsos_logged: z.number().int().describe('QSOs in the log now')
    })
  }
} as const;

export type EventName = keyof typeof EVENTS;
export type BroadcastEventName = { [K in EventName]: (typeof EVENTS)[K]['broadcast'] extends true ? K : never }[EventName];
export type EventData<E extends EventName> = z.infer<(typeof EVENTS)[E]['data']>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
