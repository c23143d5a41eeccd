/**
 * The console's zustand store connected the way the console connects (as the signed-in
 * operator), to a real server started for the test; for tests of the console's state on Node.
 */
import { vi } from 'vitest';
import WebSocket from 'ws';
import { connectConsole } from '../../src/renderer/src/state/console-session.js';
import type { SessionBinding } from '../../src/renderer/src/state/session-binding.js';
import { resetStore, useConsole } from '../../src/renderer/src/state/store.js';
import { freePortRange } from '../helpers/cli-process.js';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';

export interface ConnectedConsole {
  h: Harness;
  connection: SessionBinding;
  /** Stops the console's connection, empties the store and stops the server. */
  close(): Promise<void>;
}

export async function connectedConsole(env: NodeJS.ProcessEnv = {}): Promise<ConnectedConsole> {
  resetStore();
  // Node 20 has no global WebSocket; the console's session finds this one like a browser's.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  const h = await startHarness({ ...env, PORT: String(await freePortRange(1)) });
  const connected = {
    h,
    connection: connectConsole({ username: ADMIN.username, password: ADMIN.password }, h.url),
    async close() {
      connected.connection.stop();
      resetStore();
      await h.close();
    }
  };
  await until(() => useConsole.getState().link.kind === 'online' && useConsole.getState().view !== null, 'the console to connect');
  return connected;
}

/** Waits until `check` holds, or fails naming `what` it waited for. */
export function until(check: () => boolean, what: string, timeout = 5000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!check()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout, interval: 5 }
  );
}
