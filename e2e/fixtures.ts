/**
 * Each test gets its own headless server (out/server/cli.mjs, as `npm run serve` runs it)
 * with a fresh data folder and port, plus a way to connect station clients to it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type BrowserContextOptions, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../src/shared/client/pileup-client';
import { freePortRange, runCli, type CliProcess } from '../tests/helpers/cli-process';
import { websocketUrl } from '../src/shared/protocol/endpoints';

export const ADMIN_PASSWORD = 'e2e-operator-pw';
export const STATUS_KEY = 'e2e-status-key-0123456789abcdefgh';

export interface PileupFixture {
  port: number;
  /** The status stream's port, as the server printed it. */
  statusPort: number;
  consoleUrl: string;
  /** A station's own software: a protocol client, optionally signed in as the operator. */
  station(options?: { admin?: boolean }): Promise<PileupClient>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export const test = base.extend<{ pileup: PileupFixture; serverEnv: Record<string, string>; extraPage: (options?: BrowserContextOptions) => Promise<Page> }>({
  /** Extra environment for the server, e.g. `test.use({ serverEnv: { MIN_QSO_SECONDS: '0' } })`. */
  serverEnv: [{}, { option: true }],
  pileup: async ({ serverEnv }, use) => {
    const port = await freePortRange(1);
    const dataDir = await mkdtemp(join(tmpdir(), 'pileup-e2e-'));
    let cli: CliProcess | null = null;
    const clients: PileupClient[] = [];
    const fixture: PileupFixture = {
      port,
      statusPort: 0,
      consoleUrl: `http://127.0.0.1:${port}/console/`,
      async start() {
        cli = runCli(['--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
          ADMIN_PASSWORD,
          STATUS_KEY,
          MAX_QUEUE_SIZE: '10',
          WEBSOCKET_HEARTBEAT_INTERVAL: '2',
          // Left to the stored setting, so the console can switch it; bound to loopback, the server never advertises.
          DISCOVERY: undefined,
          ...serverEnv
        });
        const banner = await cli.waitFor('Press Ctrl+C to stop.');
        fixture.statusPort = Number(/Status stream: port (\d+)/.exec(banner)?.[1]);
      },
      async stop() {
        if (!cli) return;
        cli.child.kill('SIGTERM');
        await cli.exited;
        cli = null;
      },
      async station({ admin = false } = {}) {
        const client = await PileupClient.connect(websocketUrl('127.0.0.1', port), { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
        if (admin) await client.auth('admin', ADMIN_PASSWORD);
        clients.push(client);
        return client;
      }
    };
    await fixture.start();
    await use(fixture);
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await fixture.stop();
  },
  /**
   * A page in a browser context of its own (another size, another station), closed when the test
   * ends. `browser.newPage()` pages outlive their test: a console left open after its server has
   * stopped animates its offline dot for ever and slows every later test in that browser.
   */
  extraPage: async ({ browser }, use) => {
    const pages: Page[] = [];
    await use(async (options) => {
      const page = await browser.newPage(options);
      pages.push(page);
      return page;
    });
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
  }
});

export { expect };

export async function signIn(page: Page, pileup: PileupFixture): Promise<void> {
  await page.goto(pileup.consoleUrl);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('console-root')).toBeVisible();
}

/** Presses A and waits until the server has confirmed the station is on the air. */
export async function goOnAir(page: Page): Promise<void> {
  await page.keyboard.press('a');
  await expect(page.getByRole('switch', { name: 'On air' })).toHaveAttribute('aria-checked', 'true');
}
