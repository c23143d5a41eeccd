// `npm run serve`: the headless pileup server, which also serves the operator console at
// /console/. The console is built on first use so a fresh clone works with this one command; the
// server runs from a bundle (out/server/cli.mjs), rebuilt whenever its source has changed, in this
// same process (a second Node process would only add to the start-up time). It reads the flags
// from process.argv and handles Ctrl+C and SIGTERM itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SERVER_BUNDLE, buildServer, serverBundleIsFresh } from './build-server.mjs';
import { ELECTRON_VITE_BIN } from './electron-vite-bin.mjs';

if (!existsSync('out/renderer/index.html')) {
  console.log('Building the operator console (first run only)...');
  const build = spawnSync(process.execPath, [ELECTRON_VITE_BIN, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The console could not be built; starting the server without it.');
  }
}

const bundle = serverBundleIsFresh() ? SERVER_BUNDLE : await buildServer();
// Stack traces in the log point at the TypeScript source.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
