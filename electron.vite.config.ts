import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/main/index.ts') }
      }
    }
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // Sandboxed renderers can only load a CommonJS preload.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    // Relative asset paths: the server serves the console under /console/.
    base: './',
    build: {
      // Served to phones and laptops on the LAN too, so ship it small.
      minify: true,
      rollupOptions: {
        // The operator console (served at /console/), the station page (served at /) and the stream overlay (/overlay).
        input: { index: resolve('src/renderer/index.html'), station: resolve('src/renderer/station.html'), overlay: resolve('src/renderer/overlay.html') }
      }
    },
    plugins: [react()]
  }
});
