/** Types for scripts/build-server.mjs, which the benchmark imports. */
export declare const SERVER_BUNDLE: string;
export declare function buildServer(): Promise<string>;
export declare function serverBundleIsFresh(): boolean;
