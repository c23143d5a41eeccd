/**
 * Ties the radio to the pileup: while following, the frequency, mode and split shown to every
 * station are the radio's. Owns the RigFollower for the configured rigctld address, publishes
 * `rig_status` whenever the link or the following switch changes, and restarts the follower when
 * the address changes in settings.
 */
import { formatFrequency, bandOf } from '../../../shared/ham/frequency.js';
import { formatSplit } from '../../../shared/ham/split.js';
import type { RigStatus } from '../../../shared/protocol/entities.js';
import { formatRigAddress, parseRigAddress } from '../integrations/rigctld.js';
import type { Logger } from '../logger.js';
import type { EventHub } from '../pileup/event-hub.js';
import type { PileupService } from '../pileup/pileup-service.js';
import { RigFollower, type RigLinkStatus, type RigState } from './rig-follower.js';

export class RigLink {
  private follower: RigFollower | null = null;
  private address: string | null = null;
  private link: RigLinkStatus = { kind: 'stopped' };
  private following = true;
  /** Whether the split now shown came from the radio (so the radio may clear it). */
  private splitFromRig = false;

  constructor(
    private readonly pileup: PileupService,
    private readonly hub: EventHub,
    private readonly logger: Logger,
    private readonly pollIntervalMs = 1000
  ) {}

  status(): RigStatus {
    const base = { address: this.address, following: this.following };
    switch (this.link.kind) {
      case 'connected':
        return { ...base, state: 'connected', rig: this.link.rig ?? null };
      case 'lost':
        return { ...base, state: 'lost', reason: this.link.reason, retry_in_ms: this.link.retryInMs };
      case 'connecting':
        return { ...base, state: 'connecting' };
      default:
        return { ...base, state: this.address ? 'connecting' : 'off' };
    }
  }

  /** Starts, restarts or stops following for `address` (host:port), or null for no rig. */
  async configure(address: string | null): Promise<void> {
    const normalized = address ? formatRigAddress(parseRigAddress(address)) : null;
    if (normalized === this.address) return;
    await this.follower?.stop();
    this.follower = null;
    this.address = normalized;
    this.link = { kind: 'stopped' };
    if (normalized) {
      this.follower = new RigFollower({
        address: parseRigAddress(normalized),
        pollIntervalMs: this.pollIntervalMs,
        logger: this.logger,
        onChange: (state) => void this.apply(state),
        onStatus: (status) => {
          this.link = status;
          this.hub.publish('rig_status', this.status());
        }
      });
      this.follower.start();
    }
    this.hub.publish('rig_status', this.status());
  }

  setFollowing(following: boolean): RigStatus {
    this.following = following;
    this.hub.publish('rig_status', this.status());
    // Catch up at once with what the radio shows now.
    const current = this.follower?.current;
    if (following && current) void this.apply(current);
    return this.status();
  }

  private async apply(state: RigState): Promise<void> {
    if (!this.following) return;
    try {
      await this.pileup.setFrequency({ display: formatFrequency(state.frequencyHz), hz: state.frequencyHz, band: bandOf(state.frequencyHz), mode: state.mode });
      if (state.split && state.txFrequencyHz && state.txFrequencyHz !== state.frequencyHz) {
        const value = { kind: 'absolute' as const, hz: state.txFrequencyHz };
        await this.pileup.setSplit({ display: formatSplit(value), value });
        this.splitFromRig = true;
      } else if (!state.split && this.splitFromRig) {
        await this.pileup.setSplit(null);
        this.splitFromRig = false;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not apply the radio state');
    }
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
    this.follower = null;
  }
}
