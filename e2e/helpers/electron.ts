/** Whether the Electron runtime can run here: it needs its downloaded binary and a display. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronMissing(): string | null {
  const packageDir = require.resolve('electron/package.json').replace(/package\.json$/, '');
  if (!existsSync(`${packageDir}path.txt`)) {
    return 'the Electron runtime is not downloaded on this machine (no internet access for its binary)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (run under xvfb-run)';
  }
  return null;
}
