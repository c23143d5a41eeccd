// Loaded with `node --import` before the built main bundle: every `import ... from 'electron'`
// then gets the stand-in (electron.mjs) instead of the Electron binary's path.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
