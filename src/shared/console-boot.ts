/** What the Electron main process hands the console through the preload bridge. */
export interface ConsoleBootInfo {
  websocketUrl: string;
  lanUrls: string[];
  dataDir: string;
}

export interface PileupBridge {
  bootInfo(): Promise<ConsoleBootInfo>;
}
