// Fetches the Electron runtime after `npm install`.
// npm is told not to run electron's own postinstall (package.json "allowScripts"), because on a
// machine without internet access that download fails and would abort the whole install. Here a
// failed download is only a warning: the headless server, the tests and the build all work
// without the runtime, and `npm start` explains what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('[pileup-buster] ELECTRON_SKIP_BINARY_DOWNLOAD is set: not fetching the Electron runtime.');
  process.exit(0);
}

let installScript;
try {
  installScript = require.resolve('electron/install.js');
} catch {
  // Production installs (npm ci --omit=dev) have no electron package: nothing to do.
  process.exit(0);
}

const result = spawnSync(process.execPath, [installScript], { stdio: 'inherit', timeout: 300_000 });
const electronDir = installScript.replace(/install\.js$/, '');
if (result.status === 0 && existsSync(`${electronDir}path.txt`)) {
  console.log('[pileup-buster] Electron runtime installed.');
} else {
  console.warn(
    '[pileup-buster] WARNING: the Electron runtime could not be downloaded (no internet access?).\n' +
      '  Everything else is installed: `npm run serve` runs the server headless and `npm test` works.\n' +
      '  `npm start` will run the headless server until the runtime is present.\n' +
      '  To fetch it later on a connected machine: node node_modules/electron/install.js'
  );
}
process.exit(0);
