/**
 * Follows the operator's radio through rigctld: polls frequency, mode and split about once a
 * second, reports changes, and keeps reconnecting (with backoff) while the rig is unreachable.
 *
 * Lifecycle: `start()` reports `connecting`; each successful (re)connection reports `connected`
 * once the first full read has worked, followed by `onChange` with that read (the first read
 * after every (re)connection counts as a change, so a consumer that blanked the rig display
 * on `lost` gets the state again). After that `onChange` fires only when a field changed. Any
 * failure - connection refused or closed, a command timing out, rigctld answering `RPRT -n`
 * to a read (e.g. the radio is off or its cable is out) - closes the connection and reports
 * `lost` with the delay before the next attempt: `retryInitialMs` doubling up to `retryMaxMs`,
 * back to `retryInitialMs` after a success.
 *
 * Never throws out of its timers (callbacks that throw are logged and ignored); one connection
 * at a time; `stop()` closes it and leaves no timers behind.
 */
import type { Logger } from '../logger.js';
import { RigctldClient } from '../integrations/rigctld.js';
import { formatRigAddress, type RigAddress } from '../integrations/rigctld-address.js';
import { RIG_UNSUPPORTED_CODES, RigctldError } from '../integrations/rigctld-errors.js';

export interface RigState {
  frequencyHz: number;
  mode: string;
  passbandHz: number;
  split: boolean;
  /** The transmit frequency when split is on (and the radio reports it), otherwise null. */
  txFrequencyHz: number | null;
}

export type RigLinkStatus =
  | { kind: 'connecting' }
  | { kind: 'connected'; rig?: string }
  | { kind: 'lost'; reason: string; retryInMs: number; attempt: number }
  | { kind: 'stopped' };

export interface RigFollowerOptions {
  address: RigAddress;
  /** Time between the end of one poll and the start of the next. Default 1000. */
  pollIntervalMs?: number;
  /** First reconnect delay after a loss. Default 1000. */
  retryInitialMs?: number;
  /** Reconnect delays double up to this. Default 30000. */
  retryMaxMs?: number;
  /** Per-command budget (see RigctldClient). Default 1500. */
  commandTimeoutMs?: number;
  /** TCP connect budget. Default 3000. */
  connectTimeoutMs?: number;
  logger: Logger;
  onChange?: (state: RigState) => void;
  onStatus?: (status: RigLinkStatus) => void;
}

const DEFAULT_POLL_INTERVAL_MS = 1000;
const DEFAULT_RETRY_INITIAL_MS = 1000;
const DEFAULT_RETRY_MAX_MS = 30_000;

export class RigFollower {
  readonly address: RigAddress;
  private readonly pollIntervalMs: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly commandTimeoutMs: number | undefined;
  private readonly connectTimeoutMs: number | undefined;
  private readonly logger: Logger;
  private readonly onChange: (state: RigState) => void;
  private readonly onStatus: (status: RigLinkStatus) => void;

  private running = false;
  /** Bumped by start() and stop(): async work from an older run drops its results. */
  private generation = 0;
  private client: RigctldClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private cycle: Promise<void> | null = null;
  /** Aborts a connect in progress when stop() is called. */
  private connectAbort: AbortController | null = null;
  private state: RigState | null = null;
  private linkStatus: RigLinkStatus = { kind: 'stopped' };
  private failures = 0;
  /** Set per connection: the first good read after connecting reports connected + a change. */
  private freshConnection = false;
  private rigName: string | undefined;
  /** Learned once: this rigctld cannot name its rig, or cannot report split / the TX frequency. */
  private nameUnsupported = false;
  private splitUnsupported = false;
  private splitFrequencyUnsupported = false;

  constructor(options: RigFollowerOptions) {
    this.address = { host: options.address.host, port: options.address.port };
    this.pollIntervalMs = positive(options.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS, 'pollIntervalMs');
    this.retryInitialMs = positive(options.retryInitialMs, DEFAULT_RETRY_INITIAL_MS, 'retryInitialMs');
    this.retryMaxMs = Math.max(this.retryInitialMs, positive(options.retryMaxMs, DEFAULT_RETRY_MAX_MS, 'retryMaxMs'));
    this.commandTimeoutMs = options.commandTimeoutMs;
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.logger = options.logger;
    this.onChange = options.onChange ?? (() => {});
    this.onStatus = options.onStatus ?? (() => {});
  }

  /** The last state read from the rig (kept while the link is lost), or null before the first read. */
  get current(): RigState | null {
    return this.state;
  }

  /** The last status reported through onStatus. */
  get status(): RigLinkStatus {
    return this.linkStatus;
  }

  /** Starts following; does nothing if already started. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation++;
    this.connectAbort = new AbortController();
    this.failures = 0;
    this.report({ kind: 'connecting' });
    this.schedule(0);
  }

  /** Stops following: no timer, no socket and no callback after the returned promise resolves. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.connectAbort?.abort();
    this.connectAbort = null;
    this.dropClient();
    // Connect aborted and client closed, so an in-flight cycle fails at once; wait for it to unwind.
    await this.cycle;
    if (!this.running) this.report({ kind: 'stopped' });
  }

  /** `F <hz>` on the followed rig; rejects if it is not connected. The change shows on the next poll, which is brought forward. */
  async setFrequency(hz: number): Promise<void> {
    await this.connectedClient().setFrequency(hz);
    this.pollSoon();
  }

  /** `M <mode> <passband>` (passband 0 = the radio's normal one for the mode). */
  async setMode(mode: string, passbandHz?: number): Promise<void> {
    await this.connectedClient().setMode(mode, passbandHz);
    this.pollSoon();
  }

  private connectedClient(): RigctldClient {
    if (!this.running || !this.client || !this.client.isOpen || this.linkStatus.kind !== 'connected') {
      throw new RigctldError('closed', `rig at ${formatRigAddress(this.address)} is not connected`);
    }
    return this.client;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    const generation = this.generation;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (generation !== this.generation || !this.running) return;
      const cycle: Promise<void> = this.runCycle(generation).finally(() => {
        if (this.cycle === cycle) this.cycle = null;
      });
      this.cycle = cycle;
    }, delayMs);
  }

  /** Runs the next poll now unless one is already running. */
  private pollSoon(): void {
    if (this.running && this.timer && !this.cycle) this.schedule(0);
  }

  /** One connect-if-needed + read; never rejects. Schedules the next cycle itself. */
  private async runCycle(generation: number): Promise<void> {
    try {
      if (!this.client || !this.client.isOpen) {
        this.dropClient();
        const client = await RigctldClient.connect(this.address, {
          commandTimeoutMs: this.commandTimeoutMs,
          connectTimeoutMs: this.connectTimeoutMs,
          signal: this.connectAbort?.signal,
          logger: this.logger
        });
        if (generation !== this.generation) {
          client.close();
          return;
        }
        this.client = client;
        this.freshConnection = true;
        this.rigName = await this.identify(client);
      }
      const state = await this.read(this.client);
      if (generation !== this.generation) return;
      this.onReadSucceeded(state);
      this.schedule(this.pollIntervalMs);
    } catch (error) {
      if (generation !== this.generation) return;
      this.onReadFailed(error);
    }
  }

  private async identify(client: RigctldClient): Promise<string | undefined> {
    if (this.nameUnsupported) return undefined;
    try {
      return await client.getRigName();
    } catch (error) {
      // Naming the rig is a nicety; a rigctld that cannot is asked no more. If the attempt cost
      // the connection (a timeout), the read below fails and the usual retry follows.
      this.nameUnsupported = true;
      this.logger.debug({ err: message(error) }, 'rigctld did not name its rig');
      return undefined;
    }
  }

  private async read(client: RigctldClient): Promise<RigState> {
    const frequencyHz = await client.getFrequency();
    const { mode, passbandHz } = await client.getMode();
    let split = false;
    if (!this.splitUnsupported) {
      try {
        split = (await client.getSplit()).split;
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        this.splitUnsupported = true;
        this.logger.info('the rig does not report split; following it as simplex');
      }
    }
    let txFrequencyHz: number | null = null;
    if (split && !this.splitFrequencyUnsupported) {
      try {
        txFrequencyHz = await client.getSplitFrequency();
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        this.splitFrequencyUnsupported = true;
        this.logger.info('the rig does not report its split frequency');
      }
    }
    return { frequencyHz, mode, passbandHz, split, txFrequencyHz };
  }

  private onReadSucceeded(state: RigState): void {
    const fresh = this.freshConnection;
    this.freshConnection = false;
    if (fresh) {
      if (this.failures > 0) this.logger.info({ rig: formatRigAddress(this.address), attempts: this.failures }, 'rig reconnected');
      else this.logger.info({ rig: formatRigAddress(this.address), model: this.rigName }, 'rig connected');
      this.failures = 0;
      this.report(this.rigName === undefined ? { kind: 'connected' } : { kind: 'connected', rig: this.rigName });
    }
    if (fresh || !this.state || !sameState(this.state, state)) {
      this.state = state;
      this.call('onChange', () => this.onChange({ ...state }));
    }
  }

  private onReadFailed(error: unknown): void {
    this.dropClient();
    this.failures++;
    const retryInMs = Math.min(this.retryMaxMs, this.retryInitialMs * 2 ** Math.min(this.failures - 1, 30));
    const reason = message(error);
    const fields = { rig: formatRigAddress(this.address), reason, attempt: this.failures, retryInMs };
    if (this.failures === 1) this.logger.warn(fields, 'rig link lost');
    else this.logger.debug(fields, 'rig still unreachable');
    this.report({ kind: 'lost', reason, retryInMs, attempt: this.failures });
    this.schedule(retryInMs);
  }

  private dropClient(): void {
    this.client?.close();
    this.client = null;
  }

  private report(status: RigLinkStatus): void {
    this.linkStatus = status;
    this.call('onStatus', () => this.onStatus({ ...status }));
  }

  private call(name: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error({ err: message(error) }, `rig follower ${name} callback threw`);
    }
  }
}

function sameState(a: RigState, b: RigState): boolean {
  return (
    a.frequencyHz === b.frequencyHz &&
    a.mode === b.mode &&
    a.passbandHz === b.passbandHz &&
    a.split === b.split &&
    a.txFrequencyHz === b.txFrequencyHz
  );
}

function isUnsupported(error: unknown): boolean {
  return error instanceof RigctldError && error.kind === 'rig' && RIG_UNSUPPORTED_CODES.includes(error.rigCode ?? 0);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`RigFollower ${name} must be a positive number of ms, got ${value}`);
  return value;
}
