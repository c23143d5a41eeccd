/**
 * Some tests need a peer from outside npm (Debian's Chromium, python3-websockets, the Electron
 * runtime). Where one is missing the test reports itself as skipped with the reason in its name -
 * never as passed. In CI, where .ci/run installs these, a missing one is a failure instead,
 * except for peers CI cannot have (named in `unavailableInCi`).
 */
import { it } from 'vitest';

export function itRequires(missing: string | null, title: string, fn: () => Promise<void>, timeout?: number, options: { unavailableInCi?: boolean } = {}): void {
  if (missing === null) {
    it(title, fn, timeout);
  } else if (process.env.CI && !options.unavailableInCi) {
    it(title, () => {
      throw new Error(`${missing} - .ci/run should have installed it`);
    });
  } else {
    it.skip(`${title} [skipped: ${missing}]`, fn);
  }
}
