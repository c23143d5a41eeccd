/**
 * Numbers every broadcast event and serialises it once; transports just forward the text.
 * Sequence numbers restart with the server, which is why `instanceId` travels with them.
 */
import { randomUUID } from 'node:crypto';
import type { BroadcastEventName, EventData } from '../../../shared/protocol/events.js';
import { eventMessage, type EventMessage } from '../../../shared/protocol/messages.js';
import { eventText } from '../transport/wire-text.js';

/**
 * An event's wire text, made only when a listener reads it (and then once): with no client that
 * takes whole queues connected, the whole queue is never written out. `delta` is the text for
 * clients that asked for queue deltas (the same as `full` for events that carry no queue).
 */
export interface EventTexts {
  readonly full: string;
  readonly delta: string;
}

export type EventListener = (message: EventMessage, texts: EventTexts) => void;

/** The form of an event for clients that asked for queue deltas. */
export interface DeltaForm<E extends BroadcastEventName = BroadcastEventName> {
  event: E;
  /** Worked out only if a client that asked for deltas is there to take it. */
  data: () => EventData<E>;
}

/**
 * What transports and monitoring see of the hub: they follow events but cannot publish. Only the
 * pileup publishes, through its serialised mutation path, which keeps events in order.
 */
export type EventFeed = Pick<EventHub, 'instanceId' | 'seq' | 'subscribe'>;

export class EventHub {
  readonly instanceId = randomUUID();

  /** `onFanout` is told how long handing each event to every listener took (for metrics). */
  constructor(private readonly onFanout: (seconds: number) => void = () => undefined) {}

  private sequence = 0;
  private readonly listeners = new Set<EventListener>();

  get seq(): number {
    return this.sequence;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends BroadcastEventName>(event: E, data: EventData<E>, forDeltaClients?: DeltaForm): EventMessage<EventData<E>> {
    const started = process.hrtime.bigint();
    const message = eventMessage(event, ++this.sequence, data);
    const seq = this.sequence;
    let full: string | undefined;
    let delta: string | undefined;
    const texts: EventTexts = {
      get full() {
        return (full ??= eventText(message));
      },
      get delta() {
        return forDeltaClients ? (delta ??= eventText(eventMessage(forDeltaClients.event, seq, forDeltaClients.data()))) : this.full;
      }
    };
    for (const listener of this.listeners) listener(message, texts);
    this.onFanout(Number(process.hrtime.bigint() - started) / 1e9);
    return message;
  }
}
