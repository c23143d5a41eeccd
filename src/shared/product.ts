/**
 * The product's name and identity: the app's window and menus, its data folder, system.info and
 * the installer (electron-builder.yml, checked against this by tests/unit/one-home.test.ts).
 */
export const PRODUCT_NAME = 'Pileup Buster Desktop';
/** The installed app's identity on Windows and macOS. */
export const APP_ID = 'org.pileupbuster.desktop';
