/**
 * The UDP log feed as a setting switches it: on with the targets given, off when cleared, and
 * moved to new targets when they change (the old ones are told Close).
 */
import type { EventFeed } from '../../pileup/event-hub.js';
import type { Logger } from '../../logger.js';
import { UdpLogFeed } from './udp-log-feed.js';
import { formatUdpTargets, parseUdpTargets } from './udp-targets.js';

export class UdpLogLink {
  private feed: UdpLogFeed | null = null;

  constructor(private readonly options: { events: EventFeed; version: string; logger: Logger }) {}

  /** Where it sends now, as written back to the operator; null when off. */
  get targets(): string | null {
    return this.feed ? formatUdpTargets(this.feed.targets) : null;
  }

  /** Throws, changing nothing, when `text` is not a list of HOST:PORT. */
  async configure(text: string | null): Promise<void> {
    const targets = text ? parseUdpTargets(text) : null;
    if (this.feed && targets && formatUdpTargets(targets) === this.targets) return;
    await this.stop();
    if (!targets) return;
    this.feed = new UdpLogFeed({ ...this.options, targets });
    this.feed.start();
  }

  async stop(): Promise<void> {
    const feed = this.feed;
    this.feed = null;
    if (feed) {
      await feed.stop();
      this.options.logger.info({ sent: feed.sent }, 'UDP log feed off');
    }
  }
}
