/** The headless server as an operator runs it: a real process, real ports, real signals. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../../src/shared/client/pileup-client.js';
import { PileupStore } from '../../src/main/server/store/pileup-store.js';
import { freePortRange, occupyPort, runCli, type CliProcess } from '../helpers/cli-process.js';
import { SERVER_BUNDLE } from '../helpers/server-bundle.js';
import { closeCode, makeDataDir } from '../helpers/pileup-harness.js';

const running: CliProcess[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

function start(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const cli = runCli(args, env);
  running.push(cli);
  return cli;
}

const connect = (port: number) =>
  PileupClient.connect(`ws://127.0.0.1:${port}/ws/connect`, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });

describe('npm run serve', () => {
  it('prints the addresses stations can use, serves IPv4 and IPv6, and stops on SIGTERM with 1001 and exit 0', async () => {
    const port = await freePortRange(1);
    const dataDir = await makeDataDir();
    const cli = start(['--port', String(port), '--data-dir', dataDir], { ADMIN_PASSWORD: 'pw' });
    const out = await cli.waitFor('Press Ctrl+C to stop.');
    expect(out).toContain(`Listening on port ${port}, on all interfaces (IPv4 and IPv6)`);
    expect(out).toContain(`ws://127.0.0.1:${port}/ws/connect`);
    expect(out).toContain(`ws://[::1]:${port}/ws/connect`);
    expect(out).toContain(`Data folder: ${dataDir}`);

    const v4 = await connect(port);
    await v4.auth('admin', 'pw');
    await v4.request('admin.set_system_status', { active: true });
    await v4.request('queue.register', { callsign: 'W1AW' });
    const v6 = await PileupClient.connect(`ws://[::1]:${port}/ws/connect`, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor });
    expect((await v6.request('queue.list')).queue[0]?.callsign).toBe('W1AW');

    cli.child.kill('SIGTERM');
    expect((await v4.closed).code).toBe(1001);
    expect((await v6.closed).code).toBe(1001);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stdout()).toContain('Stopped. All data saved.');

    const store = await PileupStore.open(dataDir);
    expect((await store.loadQueue()).map((e) => e.callsign)).toEqual(['W1AW']);
  });

  it('stops on SIGINT too', async () => {
    const port = await freePortRange(1);
    const cli = start(['--port', String(port), '--host', '127.0.0.1', '--data-dir', await makeDataDir()], { ADMIN_PASSWORD: 'pw' });
    await cli.waitFor('Press Ctrl+C to stop.');
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/connect`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = closeCode(socket);
    cli.child.kill('SIGINT');
    expect((await closed).code).toBe(1001);
    expect((await cli.exited).code).toBe(0);
  });

  it('moves to the next free port when the port is taken, and says so', async () => {
    const port = await freePortRange(3);
    const release = [await occupyPort(port), await occupyPort(port + 1)];
    try {
      const cli = start(['--port', String(port), '--data-dir', await makeDataDir()], { ADMIN_PASSWORD: 'pw' });
      const out = await cli.waitFor('Press Ctrl+C to stop.');
      expect(out).toContain(`Port ${port} is in use; listening on port ${port + 2} instead`);
      const client = await connect(port + 2);
      expect(await client.request('system.ping')).toMatchObject({ pong: true });
      await client.close();
    } finally {
      await Promise.all(release.map((r) => r()));
    }
  });

  it('generates an admin password on first run, prints it once and stores it readable only by the user', async () => {
    const dataDir = await makeDataDir();
    const port = await freePortRange(1);
    const first = start(['--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir]);
    const out = await first.waitFor('Press Ctrl+C to stop.');
    const password = /Admin password: (\S+)/.exec(out)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(24);
    const file = join(dataDir, 'admin-credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).password).toBe(password);

    const client = await connect(port);
    expect(await client.auth('admin', password)).toMatchObject({ authenticated: true });
    await client.close();
    first.child.kill('SIGTERM');
    await first.exited;
    expect(first.stderr()).not.toContain(password);

    const second = start(['--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir]);
    const again = await second.waitFor('Press Ctrl+C to stop.');
    expect(again).not.toContain(password);
    expect(again).toContain(`Admin password: saved in ${file}`);
    const client2 = await connect(port);
    expect(await client2.auth('admin', password)).toMatchObject({ authenticated: true });
    await client2.close();
  });

  it('a flag beats the environment, which beats a stored setting', async () => {
    const dataDir = await makeDataDir();
    const [stored, fromEnv, fromFlag] = [await freePortRange(1), await freePortRange(1), await freePortRange(1)];
    const store = await PileupStore.open(dataDir);
    await store.updateSettings({ port: stored, max_queue_size: 7 });
    await store.flush();
    const base = { ADMIN_PASSWORD: 'pw', HOST: '127.0.0.1' };

    const withFlag = start(['--port', String(fromFlag), '--data-dir', dataDir], { ...base, PORT: String(fromEnv) });
    expect(await withFlag.waitFor('Press Ctrl+C')).toContain(`Listening on port ${fromFlag}`);
    const client = await connect(fromFlag);
    expect((await client.request('queue.list')).max_size).toBe(7); // stored setting, nothing overrides it
    await client.close();
    withFlag.child.kill('SIGTERM');
    await withFlag.exited;

    const withEnv = start([], { ...base, PORT: String(fromEnv), DATA_DIR: dataDir, MAX_QUEUE_SIZE: '2' });
    expect(await withEnv.waitFor('Press Ctrl+C')).toContain(`Listening on port ${fromEnv}`);
    const client2 = await connect(fromEnv);
    expect((await client2.request('queue.list')).max_size).toBe(2);
    await client2.close();
    withEnv.child.kill('SIGTERM');
    await withEnv.exited;

    const withStored = start(['--data-dir', dataDir], base);
    expect(await withStored.waitFor('Press Ctrl+C')).toContain(`Listening on port ${stored}`);
  });

  it('refuses bad configuration with a message naming the setting, and exits non-zero', async () => {
    const cli = start(['--data-dir', await makeDataDir()], { PORT: 'eighty', ADMIN_PASSWORD: 'pw' });
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');

    const unknown = start(['--prot', '8000']);
    expect((await unknown.exited).code).toBe(2);
    expect(unknown.stderr()).toContain("Unknown option '--prot'");
    expect(unknown.stderr()).toContain('Usage: npm run serve');
  });

  it('--help lists every setting', async () => {
    const cli = start(['--help']);
    expect((await cli.exited).code).toBe(0);
    for (const name of ['--host', '--port', '--status-port', '--data-dir', 'ADMIN_USERNAME', 'MAX_QUEUE_SIZE', 'WEBSOCKET_MAX_CONNECTIONS', 'WEBSOCKET_HEARTBEAT_INTERVAL', 'QRZ_USERNAME']) {
      expect(cli.stdout()).toContain(name);
    }
  });

  it('finds countries from the country file the package ships as JSON; the bundle and its source map carry no copy of it', async () => {
    // The same data as a JavaScript object literal costs the server about 30 MiB to compile, and its
    // text in the source map about as much again (npm run bench, app.rss_idle_bytes).
    const bundle = await readFile(SERVER_BUNDLE, 'utf8');
    expect(bundle).not.toContain('Sov Mil Order of Malta');
    const map = JSON.parse(await readFile(`${SERVER_BUNDLE}.map`, 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
    expect(map.sources.some((source) => source.endsWith('src/main/server/cli.ts'))).toBe(true);

    const port = await freePortRange(1);
    const cli = start(['--port', String(port), '--host', '127.0.0.1', '--data-dir', await makeDataDir()], { ADMIN_PASSWORD: 'pw' });
    await cli.waitFor('Press Ctrl+C to stop.');
    const client = await connect(port);
    await client.auth('admin', 'pw');
    await client.request('admin.set_system_status', { active: true });
    await client.request('queue.register', { callsign: 'KH6/W1AW' });
    await client.request('queue.register', { callsign: '4U1UN' });
    const queue = (await client.request('queue.list')).queue;
    expect(queue.map((entry) => entry.country?.entity)).toEqual(['Hawaii', 'United Nations HQ']);
    client.close();
  });
});
