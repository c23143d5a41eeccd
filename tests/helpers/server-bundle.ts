/**
 * Tests start the headless server from out/server/cli.mjs, the bundle `npm run serve` runs, so they
 * test what operators run. This global setup (for vitest and Playwright) rebuilds it when its source
 * has changed, so a test never runs a stale copy.
 */
import { SERVER_BUNDLE, buildServer, serverBundleIsFresh } from '../../scripts/build-server.mjs';

export { SERVER_BUNDLE };

export default async function ensureServerBundle(): Promise<void> {
  if (!serverBundleIsFresh()) await buildServer();
}
