/**
 * Ties the radio to the pileup: while following, the frequency, mode and split shown to every
 * station are the radio's. Owns the RigFollower for the configured rigctld address, has the
 * pileup announce `rig_status` whenever the link or the following switch changes, and restarts
 * the follower when the address changes in settings. It publishes nothing itself: every event
 * goes out through the pileup's serialised path, in order with every other change.
 */
import type { RigStatus } from '../../../shared/protocol/entities.js';
import { formatRigAddress, parseRigAddress } from '../integrations/rigctld-address.js';
import type { Logger } from '../logger.js';
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
          void this.announce();
        }
      });
      this.follower.start();
    }
    await this.announce();
  }

  /**
   * Switches following on or off. Switching on catches up at once with what the radio shows now,
   * before the answer, so the operation's events (frequency, split, queue) are its own.
   */
  async setFollowing(following: boolean): Promise<RigStatus> {
    this.following = following;
    await this.announce();
    const current = this.follower?.current;
    if (following && current) await this.apply(current);
    return this.status();
  }

  private announce(): Promise<void> {
    return this.pileup.announceRigStatus(this.status()).catch((error: unknown) => this.logger.warn({ err: error }, 'rig status not announced'));
  }

  private async apply(state: RigState): Promise<void> {
    if (!this.following) return;
    try {
      await this.pileup.setFrequency({ hz: state.frequencyHz, mode: state.mode });
      if (state.split && state.txFrequencyHz && state.txFrequencyHz !== state.frequencyHz) {
        await this.pileup.setSplit({ kind: 'absolute', hz: state.txFrequencyHz });
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
