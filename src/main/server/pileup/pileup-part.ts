/**
 * What every part of the pileup (queue-desk, qso-desk, qso-log-desk) works with: the shared state,
 * the storage, the announcer that runs and announces each change, the projection of the queue,
 * and the service's options.
 */
import type { CurrentQso } from '../../../shared/protocol/entities.js';
import type { PileupStorage } from '../store/storage.js';
import type { Announcer } from './announcer.js';
import type { PileupServiceOptions } from './pileup-service.js';
import type { PileupState } from './pileup-state.js';
import type { QueueProjection } from './queue-projection.js';

export interface PileupParts {
  s: PileupState;
  store: PileupStorage;
  announcer: Announcer;
  projection: QueueProjection;
  options: PileupServiceOptions;
}

export abstract class PileupPart {
  protected readonly s: PileupState;
  protected readonly store: PileupStorage;
  protected readonly announcer: Announcer;
  protected readonly projection: QueueProjection;
  protected readonly options: PileupServiceOptions;

  constructor(parts: PileupParts) {
    ({ s: this.s, store: this.store, announcer: this.announcer, projection: this.projection, options: this.options } = parts);
  }

  /** The QSO in progress as clients see it: a copy. */
  protected currentQso(): CurrentQso | null {
    return this.s.currentQso();
  }
}
