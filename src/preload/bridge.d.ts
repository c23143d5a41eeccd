import type { PileupBridge } from '../shared/console-boot';

declare global {
  interface Window {
    /** Present only inside the desktop app; absent when the console runs in a browser. */
    pileup?: PileupBridge;
  }
}
