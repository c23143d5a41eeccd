// `npm start`: the desktop app when this machine can show it; otherwise, with the reason said
// plainly, the same server headless (stations can still connect and the data is the same).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ELECTRON_VITE_BIN } from './electron-vite-bin.mjs';

const require = createRequire(import.meta.url);

function whyNoDesktop() {
  let electronDir;
  try {
    electronDir = require.resolve('electron/package.json').replace(/package\.json$/, '');
  } catch {
    return 'the electron package is not installed (run npm install)';
  }
  if (!existsSync(`${electronDir}path.txt`)) {
    return 'the Electron runtime is not downloaded (it needs internet access: node node_modules/electron/install.js)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return null;
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  // The child shares our terminal, so Ctrl+C reaches it directly; SIGTERM from a supervisor is passed on.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => undefined);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const reason = whyNoDesktop();
const extraArgs = process.argv.slice(2);
if (reason === null) {
  // `preview` builds main, preload and console first, so the app always runs the current code.
  run(process.execPath, [ELECTRON_VITE_BIN, 'preview']);
} else {
  console.log(`Pileup Buster Desktop cannot open its window: ${reason}.`);
  console.log('Running the pileup server headless instead (the same server and data as the desktop app).\n');
  run(process.execPath, ['scripts/serve.mjs', ...extraArgs]);
}
