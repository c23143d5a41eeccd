/**
 * Electron main process entry: names the app and its data folder, makes sure one instance owns
 * that folder, and runs the desktop app (desktop-app.ts). Kept thin on purpose: the rules live in
 * small modules next to this file and in ./server, which is plain Node.
 */
import { join, resolve } from 'node:path';
import { app } from 'electron';
import { PRODUCT_NAME } from '../shared/product.js';
import { runDesktopApp } from './desktop-app.js';
import { defaultDataDir } from './server/config.js';

// The data folder: PILEUP_USER_DATA_DIR (tests, or a second station on one machine), else the
// folder the headless server uses too (`npm run serve`), so both share one datastore however
// Electron was started. Must be set before anything reads it, including the single-instance lock.
app.setName(PRODUCT_NAME);
app.setPath('userData', process.env.PILEUP_USER_DATA_DIR ? resolve(process.env.PILEUP_USER_DATA_DIR) : defaultDataDir());
// Chromium's own files (caches, local storage) go in a subfolder, so the data folder an operator
// opens from Help shows the pileup's files and the log.
app.setPath('sessionData', join(app.getPath('userData'), 'Chromium'));

if (app.requestSingleInstanceLock()) {
  runDesktopApp(app.getPath('userData'));
} else {
  // Another instance owns this data folder: it gets the focus (see 'second-instance') and this
  // one leaves without touching anything.
  app.quit();
}
