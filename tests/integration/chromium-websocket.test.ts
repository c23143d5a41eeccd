/**
 * Chromium's own WebSocket stack drives the server: the same protocol a browser-based station
 * page or console will speak.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Browser } from '@playwright/test';
import { itRequires } from '../helpers/requirements.js';
import { ADMIN, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { chromiumMissing, launchChromium } from '../helpers/chromium.js';

const missing = chromiumMissing();
let browser: Browser | undefined;
let h: Harness | undefined;

beforeAll(async () => {
  if (missing) return;
  browser = await launchChromium();
  h = await startHarness();
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('the protocol from Chromium', () => {
  itRequires(missing, 'an operator tab and a station tab work the pileup together', async () => {
    const origin = `http://127.0.0.1:${h!.server.port}/`;
    const operator = await browser!.newPage();
    const station = await browser!.newPage();
    await operator.goto(origin);
    await station.goto(origin);

    // A tiny protocol client in page context, using the browser's WebSocket.
    const install = () => {
      const w = globalThis as any;
      w.pb = {
        events: [] as any[],
        async open(url: string) {
          const ws = new (globalThis as any).WebSocket(url);
          const pending = new Map<string, (m: any) => void>();
          let n = 0;
          const welcome = await new Promise<any>((resolve, reject) => {
            ws.onerror = () => reject(new Error('socket error'));
            ws.onmessage = (e: any) => {
              const m = JSON.parse(e.data);
              if (m.type === 'event' && m.event === 'connected') resolve(m);
            };
          });
          ws.onmessage = (e: any) => {
            const m = JSON.parse(e.data);
            if (m.type === 'event') w.pb.events.push(m);
            else pending.get(m.id)?.(m);
          };
          w.pb.send = (message: any) =>
            new Promise((resolve) => {
              const id = `b${++n}`;
              pending.set(id, resolve);
              ws.send(JSON.stringify({ ...message, id }));
            });
          return welcome;
        }
      };
    };
    await operator.evaluate(install);
    await station.evaluate(install);
    const url = `ws://127.0.0.1:${h!.server.port}/ws/connect`;
    expect((await operator.evaluate((u) => (globalThis as any).pb.open(u), url)).data.snapshot.system.active).toBe(false);
    await station.evaluate((u) => (globalThis as any).pb.open(u), url);

    const auth = await operator.evaluate((creds) => (globalThis as any).pb.send({ type: 'auth', data: creds }), ADMIN);
    expect(auth).toMatchObject({ success: true, data: { authenticated: true } });
    await operator.evaluate(() => (globalThis as any).pb.send({ type: 'request', operation: 'admin.set_system_status', data: { active: true } }));

    const registered = await station.evaluate(() =>
      (globalThis as any).pb.send({ type: 'request', operation: 'queue.register', data: { callsign: 'vp2e/k1abc' } })
    );
    expect(registered).toMatchObject({ success: true, data: { entry: { callsign: 'VP2E/K1ABC', position: 1 } } });

    const refused = await station.evaluate(() => (globalThis as any).pb.send({ type: 'request', operation: 'admin.next_qso' }));
    expect(refused).toMatchObject({ type: 'error', success: false, error_code: 'UNAUTHORIZED' });

    await operator.evaluate(() => (globalThis as any).pb.send({ type: 'request', operation: 'admin.next_qso' }));
    await station.waitForFunction(() => (globalThis as any).pb.events.length >= 5);
    const seen = await station.evaluate(() => (globalThis as any).pb.events.map((e: any) => [e.event, e.seq, e.data?.callsign ?? null]));
    expect(seen).toEqual([
      ['system_status', 1, null],
      ['queue_update', 2, null],
      ['queue_update', 3, null],
      ['current_qso', 4, 'VP2E/K1ABC'],
      ['queue_update', 5, null]
    ]);
  });
});
