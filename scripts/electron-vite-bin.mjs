// The electron-vite command line, run with this Node. The package does not export its bin file,
// so it is found next to its package.json (which it does export).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const ELECTRON_VITE_BIN = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
