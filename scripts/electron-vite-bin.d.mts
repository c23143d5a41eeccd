/** Types for scripts/electron-vite-bin.mjs. */
export declare const ELECTRON_VITE_BIN: string;
