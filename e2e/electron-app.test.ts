/**
 * The desktop app itself: Electron starts the embedded server, the window shows where stations
 * connect, the server speaks the protocol, and quitting stops it gracefully. Needs the Electron
 * binary, which cannot be downloaded on machines without internet access: there it is skipped.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import WebSocket from 'ws';
import { _electron as electron } from '@playwright/test';
import { PileupClient, type WebSocketConstructor } from '../src/shared/client/pileup-client.js';
import { PileupStore } from '../src/main/server/store/pileup-store.js';
import { itRequires } from '../tests/helpers/requirements.js';
import { electronMissing } from './helpers/electron.js';

describe('desktop app', () => {
  itRequires(
    electronMissing(),
    'starts the embedded server with its data in the user-data folder and stops it on quit',
    async () => {
      const userData = await mkdtemp(join(tmpdir(), 'pileup-electron-'));
      const app = await electron.launch({
        args: ['out/main/index.js'],
        env: { ...process.env, PILEUP_USER_DATA_DIR: userData, PORT: '0', ADMIN_PASSWORD: 'desk-pw', LOG_LEVEL: 'warn' }
      });
      const window = await app.firstWindow();
      await window.waitForSelector('code');
      const url = (await window.locator('code').allTextContents()).find((u) => u.includes('127.0.0.1'))!;
      const client = await PileupClient.connect(url, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
      await client.auth('admin', 'desk-pw');
      await client.request('admin.set_frequency', { frequency: '14.205' });
      await app.close();
      expect((await client.closed).code).toBe(1001);
      const store = await PileupStore.open(userData);
      expect((await store.getState('frequency'))?.frequency).toBe('14.205');
    },
    60_000,
    { unavailableInCi: true }
  );
});
