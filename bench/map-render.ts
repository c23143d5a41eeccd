// How the console keeps up with a big pileup on the map: 2,000 stations queued from all over the
// world, the console open in Chromium (Debian's, through Playwright) against the headless server,
// and the time from a queue change reaching the page to the next frame painted with it, with the
// map open and with it closed. Also the time G takes to draw the map, and the frames during a
// burst of registrations. Real server, real socket, real browser; prints figures, asserts none.
//   npm run build && npm run bench-map [-- --callers 2000] [--profile FILE]
// --profile writes the console's CPU profile over the whole run, --trace a Chromium trace of the
// first step (open either in Chrome DevTools; the trace shows style, layout and paint).
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../src/shared/client/pileup-client.js';
import { websocketUrl } from '../src/shared/protocol/endpoints.js';
import { freePortRange, runCli } from '../tests/helpers/cli-process.js';
import { callsign, percentile, sleep } from './perf/common.js';

const argv = process.argv.slice(2);
const CALLERS = Number(argv[argv.indexOf('--callers') + 1] ?? 0) || 2000;
const PASSWORD = 'bench-map-password-1';
const PROFILE = argv.includes('--profile') ? argv[argv.indexOf('--profile') + 1] : undefined;
const TRACE = argv.includes('--trace') ? argv[argv.indexOf('--trace') + 1] : undefined;
const ROUNDS = 40;
/** Prefixes on every continent, so the dots cover the map as a real DXpedition's callers do. */
const PREFIXES = ['K', 'W', 'N', 'VE', 'XE', 'PY', 'LU', 'CE', 'HK', 'YV', 'OA', 'CX', 'DL', 'G', 'F', 'I', 'EA', 'CT', 'ON', 'PA', 'OE', 'HB', 'SM', 'LA', 'OH', 'OZ', 'SP', 'OK', 'HA', 'YO', 'LZ', 'SV', 'UA', 'UR', 'YL', 'ES', 'JA', 'BV', 'HL', 'VU', 'HS', 'YB', 'DU', 'VK', 'ZL', 'ZS', 'CN', 'SU', '5Z', 'TZ', '9J', 'A6', '4X', 'TA', 'EK', 'UN', 'KH6', 'KL7', 'VP9', 'ZD8'];

// The page-side parts are plain script text: they run in Chromium, not in this process.

/**
 * Installed before the console loads. Each queue change is stamped as it reaches the page (before
 * the console's own handler), then checked at every frame until the console shows its new count;
 * the first task after that frame's paint stamps it painted. A change overtaken by the next one
 * before it showed is dropped.
 */
const STAMP_CHANGES = `
window.__changes = [];
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(url, protocols) {
    super(url, protocols);
    this.addEventListener('message', (event) => {
      if (typeof event.data !== 'string' || !event.data.includes('"queue_update"')) return;
      let total;
      try { total = JSON.parse(event.data).data.total; } catch { return; }
      const change = { arrived: performance.now(), painted: null };
      const index = window.__changes.push(change);
      const check = () => {
        const count = document.querySelector('[data-testid="queue-count"]');
        if (count && count.textContent.trim().startsWith(total + ' /')) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { change.painted = performance.now(); };
          channel.port2.postMessage(null);
        } else if (window.__changes.length === index) requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }
};`;

/** Started once the console is up: every frame's time, and every task over 50 ms. */
const WATCH_FRAMES = `
window.__frames = [];
window.__longTasks = [];
(function frame(t) { window.__frames.push(t); requestAnimationFrame(frame); })(performance.now());
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); }).observe({ type: 'longtask' });`;

interface Marks {
  changes: { arrived: number; painted: number | null }[];
  frames: number[];
  longTasks: number[];
}

const marks = (page: Page) => page.evaluate('({ changes: window.__changes.map((c) => ({ ...c })), frames: [...window.__frames], longTasks: [...window.__longTasks] })') as Promise<Marks>;
/** Each change's arrival to the frame that showed it (ms). */
function latencies(before: Marks, after: Marks): number[] {
  return after.changes.slice(before.changes.length).flatMap((change) => (change.painted === null ? [] : [change.painted - change.arrived]));
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const summary = (values: number[]) => `p50 ${fmt(percentile(values, 50))}, p95 ${fmt(percentile(values, 95))}, max ${fmt(Math.max(...values))} (${values.length} changes)`;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-map-'));
  const port = await freePortRange(1);
  const server = runCli(['--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
    ADMIN_PASSWORD: PASSWORD,
    MAX_QUEUE_SIZE: String(CALLERS + 500),
    MIN_QSO_SECONDS: '0'
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await server.waitFor('Press Ctrl+C to stop.', 20_000);
    const operator = await PileupClient.connect(websocketUrl('127.0.0.1', port), { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
    await operator.auth('admin', PASSWORD);
    await operator.request('admin.update_settings', { station_callsign: 'VP2EPB', my_grid: 'FK88lf' });
    await operator.request('admin.set_system_status', { active: true });
    const calls = Array.from({ length: CALLERS + ROUNDS * 2 }, (_, i) => callsign(PREFIXES[i % PREFIXES.length]!, Math.floor(i / PREFIXES.length) * 7 + 3));
    const queued = calls.slice(0, CALLERS);
    const later = calls.slice(CALLERS);
    const started = Date.now();
    for (let i = 0; i < queued.length; i += 50) {
      await Promise.all(queued.slice(i, i + 50).map((call) => operator.request('queue.register', { callsign: call })));
    }
    console.log(`Queued ${CALLERS} callers from ${PREFIXES.length} prefixes in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

    // The figures come from script text run in the page, which the console's CSP (rightly) forbids.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    await page.addInitScript({ content: STAMP_CHANGES });
    await page.goto(`http://127.0.0.1:${port}/console/`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('console-root').waitFor();
    await page.keyboard.press('Escape');
    await page.evaluate(WATCH_FRAMES);
    const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }

    /** One change at a time, each waited for on screen: arrival to paint. */
    const stepThrough = async (change: () => Promise<unknown>): Promise<number[]> => {
      const before = await marks(page);
      for (let i = 0; i < ROUNDS; i++) {
        const seen = (await marks(page)).changes.length;
        await change();
        await page.waitForFunction(`window.__changes.length > ${seen} && window.__changes.slice(${seen}).every((c) => c.painted !== null)`);
        await sleep(30);
      }
      return latencies(before, await marks(page));
    };

    const isMapOpen = () => page.getByTestId('pileup-map').count().then((n) => n > 0);
    const results: Record<string, string> = {};
    for (const mapOpen of [false, true]) {
      if (TRACE && !mapOpen) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8'] });
      if ((await isMapOpen()) !== mapOpen) {
        const t0 = (await page.evaluate('performance.now()')) as number;
        await page.keyboard.press('g');
        await page.waitForFunction(`document.querySelectorAll('[data-testid="map-caller"]').length >= ${CALLERS - ROUNDS * 2}`);
        const t1 = (await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))))')) as number;
        results['G: map drawn with every caller'] = fmt(t1 - t0);
      }
      const label = mapOpen ? 'map open' : 'map closed';
      results[`Next QSO (every place moves up), ${label}`] = summary(await stepThrough(() => operator.request('admin.next_qso')));
      if (TRACE && !mapOpen) await browser.stopTracing();
      results[`A caller joins, ${label}`] = summary(await stepThrough(() => operator.request('queue.register', { callsign: later.shift()! })));
    }
    // The map open, a burst: ten changes a second for five seconds, not waited for.
    const before = await marks(page);
    for (let i = 0; i < 50; i++) {
      void operator.request('admin.next_qso');
      await sleep(100);
    }
    await sleep(500);
    const after = await marks(page);
    const frames = after.frames.slice(before.frames.length);
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
    const longTasks = after.longTasks.slice(before.longTasks.length);
    results['Burst, 10 changes/s for 5 s, map open: arrival to paint'] = summary(latencies(before, after));
    results['Burst: frame intervals'] = `p50 ${fmt(percentile(gaps, 50))}, p95 ${fmt(percentile(gaps, 95))}, max ${fmt(Math.max(...gaps))}; frames over 50 ms: ${gaps.filter((g) => g > 50).length} of ${gaps.length}`;
    results['Burst: long tasks (over 50 ms)'] = `${longTasks.length}, longest ${longTasks.length ? fmt(Math.max(...longTasks)) : '–'}`;
    if (cdp && PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(PROFILE, JSON.stringify(profile));
      console.log(`CPU profile of the console: ${PROFILE}`);
    }
    const dots = await page.locator('[data-testid="map-caller"]').count();
    console.log(`\nConsole at 1366×768, ${dots} callers on the map, Chromium ${browser.version()} (software rendering, no GPU):`);
    for (const [name, value] of Object.entries(results)) console.log(`  ${name.padEnd(56)} ${value}`);
    await operator.close();
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
