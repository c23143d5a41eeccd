/**
 * Numbers every broadcast event and serialises it once; transports just forward the text.
 * Sequence numbers restart with the server, which is why `instanceId` travels with them.
 */
import { randomUUID } from 'node:crypto';
import type { BroadcastEventName, EventData } from '../../../shared/protocol/events.js';
import { eventMessage, type EventMessage } from '../../../shared/protocol/messages.js';
import { eventText } from '../transport/wire-text.js';

export type EventListener = (text: string, message: EventMessage) => void;

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

  publish<E extends BroadcastEventName>(event: E, data: EventData<E>): EventMessage<EventData<E>> {
    const started = process.hrtime.bigint();
    const message = eventMessage(event, ++this.sequence, data);
    const text = eventText(message);
    for (const listener of this.listeners) listener(text, message);
    this.onFanout(Number(process.hrtime.bigint() - started) / 1e9);
    return message;
  }
}
