/**
 * A real LAN between two hosts: a server host and a station host, each its own network namespace,
 * joined by a veth pair with private addresses and no routes beyond the link (a field LAN without
 * internet: no default route, no multicast route). Everything the stations do runs inside the station
 * namespace, and every packet stays on that veth pair (or on the namespaces' own loopback):
 *   1. the typed client joins the queue across the link;
 *   2. mDNS/DNS-SD discovery (`npm run discover`) finds the server's advertisement across the link,
 *      and a server started with --no-discovery is not advertised;
 *   3. Chromium, launched inside the station namespace, joins from the station page, follows its
 *      position live and leaves.
 *
 * Needs root and iproute2 (`ip netns`); without them it reports itself skipped with the reason
 * (in CI, which runs as root, a missing requirement is a failure).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { DiscoveredServer } from '../../src/main/server/discovery.js';
import { CHROMIUM_PATH, chromiumMissing } from '../helpers/chromium.js';
import { itRequires } from '../helpers/requirements.js';
import { SERVER_BUNDLE } from '../helpers/server-bundle.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'lan-operator-pw';
const tag = process.pid;
const SRV = `pb-srv-${tag}`;
const STA = `pb-sta-${tag}`;
const SRV_IF = `pbs${tag}`.slice(0, 15);
const STA_IF = `pbt${tag}`.slice(0, 15);
const NET = `10.231.${tag % 250}`;
const SERVER_IP = `${NET}.1`;
const STATION_IP = `${NET}.2`;
const PORT = 8000;
const QUIET_PORT = 8100;
const LOOPBACK_PORT = 8200;
const SERVER_URL = `ws://${SERVER_IP}:${PORT}/ws/connect`;
const LOCAL_URL = `ws://127.0.0.1:${PORT}/ws/connect`;

/** Whether this machine can make namespaces (checked by making and deleting one). */
function namespacesMissing(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  const probe = `pb-probe-${tag}`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (add.error) return `iproute2's ip is not available (${add.error.message})`;
  if (add.status !== 0) return `ip netns add failed: ${add.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

const missing = namespacesMissing();

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr.trim() || result.error?.message}`);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file of this project with Node on one of the test hosts. */
function runOn(ns: string, script: string, args: string[], timeoutMs = 15_000): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} on ${ns} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

type Step = { auth: [string, string] } | { op: string; data?: Record<string, unknown> };

/** Protocol steps with the typed client, from one host; resolves with each step's result. */
async function pileup(ns: string, url: string, steps: Step[]): Promise<any[]> {
  const run = await runOn(ns, 'tests/lan/pileup-ops.ts', [url, JSON.stringify(steps)]);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  let parsed: { ok: boolean; error?: string; results: unknown[] };
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`pileup-ops on ${ns} printed no result (exit ${run.code})\n${run.stdout}\n${run.stderr}`);
  }
  if (!parsed.ok) throw new Error(`pileup-ops on ${ns} failed: ${parsed.error}\n${run.stderr}`);
  return parsed.results as any[];
}

/** The operator, at the server host's own keyboard. */
const operator = (...steps: Step[]) => pileup(SRV, LOCAL_URL, [{ auth: ['admin', PASSWORD] }, ...steps]);
/** A station's software on the station host, across the LAN. */
const station = (...steps: Step[]) => pileup(STA, SERVER_URL, steps);

interface ServerProcess {
  child: ChildProcess;
  output(): string;
}

/** Started servers, so afterAll stops even one whose start-up failed half-way. */
const children: ChildProcess[] = [];

function startServer(port: number, extraArgs: string[], env: NodeJS.ProcessEnv, dataDir: string): Promise<ServerProcess> {
  const child = spawn(
    'ip',
    ['netns', 'exec', SRV, process.execPath, SERVER_BUNDLE, '--port', String(port), '--data-dir', dataDir, ...extraArgs],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ADMIN_PASSWORD: PASSWORD, MAX_QUEUE_SIZE: '10', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  children.push(child);
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const server = { child, output: () => out };
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const check = () => {
      if (out.includes('Press Ctrl+C to stop.')) return resolvePromise(server);
      if (child.exitCode !== null) return reject(new Error(`the server on ${SRV} exited (${child.exitCode}) before it was ready\n${out}`));
      if (Date.now() - started > 25_000) return reject(new Error(`the server on ${SRV} was not ready within 25 s\n${out}`));
      setTimeout(check, 100);
    };
    check();
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

let server: ServerProcess | undefined;
let quietServer: ServerProcess | undefined;
let loopbackServer: ServerProcess | undefined;
let browser: Browser | undefined;
const temporary: string[] = [];
let namespacesMade = false;

beforeAll(async () => {
  if (missing) return;
  namespacesMade = true;
  ip('netns', 'add', SRV);
  ip('netns', 'add', STA);
  // The pair is made inside the namespaces: it never exists on the machine's own network.
  ip('link', 'add', SRV_IF, 'netns', SRV, 'type', 'veth', 'peer', 'name', STA_IF, 'netns', STA);
  for (const [ns, dev, address] of [
    [SRV, SRV_IF, SERVER_IP],
    [STA, STA_IF, STATION_IP]
  ] as const) {
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', dev);
    ip('-n', ns, 'link', 'set', dev, 'multicast', 'on', 'up');
    // No default route and no multicast route, as on a field LAN without internet: mDNS must still
    // leave by the LAN link because the sockets name their interface.
  }

  const dataDirs = await Promise.all(['main', 'quiet', 'loopback'].map((name) => mkdtemp(join(tmpdir(), `pileup-lan-${name}-`))));
  temporary.push(...dataDirs);
  // Discovery on (inside the server namespace only) for all three; the second turns it off by
  // flag, and the third listens on loopback only, so there is nothing to advertise to the LAN.
  const started = await Promise.allSettled([
    startServer(PORT, ['--host', '0.0.0.0'], { DISCOVERY: 'on' }, dataDirs[0]!),
    startServer(QUIET_PORT, ['--host', '0.0.0.0', '--no-discovery'], { DISCOVERY: 'on' }, dataDirs[1]!),
    startServer(LOOPBACK_PORT, ['--host', '127.0.0.1'], { DISCOVERY: 'on' }, dataDirs[2]!)
  ]);
  const ready = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
  [server, quietServer, loopbackServer] = ready;
  for (const result of started) if (result.status === 'rejected') throw result.reason;
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await Promise.all(children.map(stop));
  if (namespacesMade) {
    // Deleting a namespace removes its end of the veth pair, and with it the pair.
    for (const ns of [SRV, STA]) spawnSync('ip', ['netns', 'del', ns]);
  }
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
}, 30_000);

describe('two hosts on a LAN (network namespaces joined by a veth pair)', () => {
  itRequires(
    missing,
    'a station joins the queue across the LAN with the typed client',
    async () => {
      expect(server!.output()).toContain(`ws://${SERVER_IP}:${PORT}/ws/connect`);
      expect(server!.output()).toContain('Discovery: advertised on the LAN as _pileup-buster._tcp');
      await operator({ op: 'admin.clear_queue' }, { op: 'admin.set_system_status', data: { active: true } }, { op: 'admin.set_frequency', data: { frequency: '14.025' } });

      const [registered, list] = await station({ op: 'queue.register', data: { callsign: 'dl1lan' } }, { op: 'queue.list' });
      expect(registered.entry).toMatchObject({ callsign: 'DL1LAN', position: 1 });
      expect(list).toMatchObject({ total: 1, system_active: true });
      expect(list.queue.map((e: { callsign: string }) => e.callsign)).toEqual(['DL1LAN']);

      // The operator sees the same queue on the server host.
      const [, queue] = await operator({ op: 'admin.get_queue' });
      expect(queue.queue.map((e: { callsign: string }) => e.callsign)).toEqual(['DL1LAN']);
    },
    30_000
  );

  itRequires(
    missing,
    'the station host discovers the server by mDNS/DNS-SD, and not one with discovery off or on loopback only',
    async () => {
      expect(quietServer!.output()).toContain('Discovery: off');
      expect(loopbackServer!.output()).toContain('Discovery: off (listening on this machine only)');
      const [json, table] = await Promise.all([
        runOn(STA, 'scripts/discover.ts', ['--json', '--timeout', '3000']),
        runOn(STA, 'scripts/discover.ts', [])
      ]);
      expect(json.code, json.stderr).toBe(0);
      const found = JSON.parse(json.stdout) as DiscoveredServer[];
      expect(found).toHaveLength(1);
      const [advertised] = found;
      expect(advertised).toMatchObject({
        port: PORT,
        websocketUrl: SERVER_URL,
        consoleUrl: `http://${SERVER_IP}:${PORT}/console/`,
        protocol: '1.0',
        txt: { path: '/ws/connect', console: '/console/' }
      });
      expect(advertised!.addresses).toContain(SERVER_IP);
      expect(advertised!.name).toMatch(/^Pileup Buster on /);
      expect(advertised!.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(found.some((s) => s.port === QUIET_PORT || s.port === LOOPBACK_PORT)).toBe(false);

      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toContain('Found 1 pileup server');
      expect(table.stdout).toContain(SERVER_URL);
      expect(table.stdout).toContain(`http://${SERVER_IP}:${PORT}/console/`);
    },
    30_000
  );

  const chromiumReason = missing ?? chromiumMissing();
  itRequires(
    chromiumReason,
    'the station page in Chromium on the station host follows its place live and leaves',
    async () => {
      const bundle = join(ROOT, 'out', 'renderer', 'station.html');
      if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build the web pages first (npm run build; npm test does it)`);

      // Chromium runs inside the station namespace: its only network is the LAN link.
      const dir = await mkdtemp(join(tmpdir(), 'pileup-lan-chromium-'));
      temporary.push(dir);
      const wrapper = join(dir, 'chromium-on-station-host');
      await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${STA} ${CHROMIUM_PATH} "$@"\n`);
      await chmod(wrapper, 0o755);
      browser = await chromium.launch({
        executablePath: wrapper,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
      });

      await operator(
        { op: 'admin.clear_queue' },
        { op: 'admin.set_system_status', data: { active: true } },
        { op: 'admin.set_frequency', data: { frequency: '7.012' } }
      );
      await station({ op: 'queue.register', data: { callsign: 'K1AAA' } }, { op: 'queue.register', data: { callsign: 'K2BBB' } });

      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      const text = (testId: string) =>
        page
          .getByTestId(testId)
          .textContent({ timeout: 500 })
          .catch(() => null);
      await page.goto(`http://${SERVER_IP}:${PORT}/`);
      await expect.poll(() => text('on-air'), { timeout: 10_000 }).toContain('On the air');
      await expect.poll(() => text('frequency'), { timeout: 10_000 }).toContain('7.012');

      await page.getByLabel('Callsign').fill('G4LAN');
      await page.getByRole('button', { name: 'Join the queue' }).click();
      await expect.poll(() => text('my-position'), { timeout: 10_000 }).toBe('3');

      // The operator works the next station: the page moves up without a reload.
      const [, next] = await operator({ op: 'admin.next_qso' });
      expect(next.current_qso.callsign).toBe('K1AAA');
      await expect.poll(() => text('my-position'), { timeout: 10_000 }).toBe('2');

      // Leaving takes a second tap.
      await page.getByRole('button', { name: 'Leave the queue' }).click();
      await page.getByRole('button', { name: 'Tap again to leave the queue' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Join the queue' }).count(), { timeout: 10_000 }).toBe(1);
      const [list] = await station({ op: 'queue.list' });
      expect(list.queue.map((e: { callsign: string }) => e.callsign)).toEqual(['K2BBB']);
    },
    45_000
  );
});
