// `npm run serve`: the headless pileup server, which also serves the operator console at
// /console/. The console is built on first use so a fresh clone works with this one command; the
// server runs from a bundle (out/server/cli.mjs), rebuilt whenever its source has changed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SERVER_BUNDLE, buildServer, serverBundleIsFresh } from './build-server.mjs';

const require = createRequire(import.meta.url);

if (!existsSync('out/renderer/index.html')) {
  console.log('Building the operator console (first run only)...');
  const build = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The console could not be built; starting the server without it.');
  }
}

const bundle = serverBundleIsFresh() ? SERVER_BUNDLE : await buildServer();
const child = spawn(process.execPath, ['--enable-source-maps', bundle, ...process.argv.slice(2)], { stdio: 'inherit' });
// The child shares the terminal, so Ctrl+C reaches it directly; a supervisor's SIGTERM is passed on.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => undefined);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
