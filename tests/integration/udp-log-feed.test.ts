/**
 * The log feed against WSJT-X's own UDP message server (Debian's wsjtx package ships it as
 * udp_daemon), which prints every message it decodes: each QSO logged here must come out of it
 * field by field as a logger would read it, for SSB, FT8, and CW with split.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { itRequires } from '../helpers/requirements.js';
import { makeDataDir, startHarness, type Harness } from '../helpers/pileup-harness.js';
import { freePortRange, runCli } from '../helpers/cli-process.js';
import { SERVER_BUNDLE } from '../helpers/server-bundle.js';

const udpDaemonMissing = spawnSync('udp_daemon', ['--version']).error ? 'WSJT-X udp_daemon is not installed (apt-get install wsjtx)' : null;
/** Multicast is tried in a network namespace of the test's own, so nothing leaves this machine. */
const namespaceMissing = udpDaemonMissing ?? (spawnSync('unshare', ['-n', 'true']).status === 0 ? null : 'cannot make a network namespace (unshare -n needs root)');

let h: Harness | undefined;
let daemon: ChildProcess | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  daemon?.kill();
  daemon = undefined;
});

/** A UDP port nobody is using now. */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function startDaemon(port: number): Promise<{ output: () => string }> {
  let output = '';
  daemon = spawn('udp_daemon', ['-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  daemon.stdout!.on('data', (chunk) => (output += chunk));
  daemon.stderr!.on('data', (chunk) => (output += chunk));
  // It prints nothing until a message arrives; give it a moment to bind.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { output: () => output };
}

/** The fields udp_daemon printed for the "QSO Logged" of `call` (its "time_on:" line). */
function qsoLoggedLine(output: string, call: string): Record<string, string> {
  const line = output.split('\n').find((l) => l.startsWith('time_on:') && l.includes(`dx_call: "${call}"`));
  expect(line, `udp_daemon printed no QSO Logged for ${call}:\n${output}`).toBeDefined();
  const fields: Record<string, string> = {};
  for (const match of line!.matchAll(/(\w+): (QDateTime\(([^)]*)\)|"([^"]*)"|(\S+))/g)) fields[match[1]!] = match[3] ?? match[4] ?? match[5] ?? '';
  return fields;
}

describe('UDP log feed (WSJT-X protocol)', () => {
  itRequires(udpDaemonMissing, 'WSJT-X’s udp_daemon decodes every QSO field by field: SSB, CW with split, FT8; heartbeats, Logged ADIF, and Close', async () => {
    const port = await freeUdpPort();
    const udp = await startDaemon(port);
    h = await startHarness();
    const admin = await h.connectAdmin();
    // Switched on from the console's settings.
    await admin.request('admin.update_settings', { station_callsign: 'VP8PJ', operator: 'K1ABC', my_grid: 'GD18', udp_log: `127.0.0.1:${port}` });
    await admin.request('admin.set_system_status', { active: true });
    await expect.poll(udp.output).toContain('Discovered WSJT-X instance: PileupBuster');

    // SSB, from the queue, with what the operator typed.
    await admin.request('admin.set_frequency', { frequency: '14.195', mode: 'USB' });
    await admin.request('queue.register', { callsign: 'W1AW' });
    const ssb = await admin.request('admin.next_qso');
    await admin.request('admin.update_current_qso', { id: ssb.current_qso!.id, rst_sent: '59', rst_rcvd: '57', name: 'Hiram', notes: 'good signal' });
    const ssbLogged = (await admin.request('admin.complete_qso')).completed_qso!;

    // FT8, a station heard on the air.
    await admin.request('admin.set_frequency', { frequency: '14.074', mode: 'FT8' });
    const ft8 = await admin.request('admin.work_heard', { callsign: 'DL1ABC' });
    await admin.request('admin.update_current_qso', { id: ft8.current_qso.id, rst_sent: '-10', rst_rcvd: '-12' });
    const ft8Logged = (await admin.request('admin.complete_qso')).completed_qso!;

    // CW working split (up 1): the log has our transmit frequency.
    await admin.request('admin.set_frequency', { frequency: '7.005', mode: 'CW' });
    await admin.request('admin.set_split', { split: 'up 1' });
    await admin.request('queue.register', { callsign: 'JA1XYZ' });
    const cw = await admin.request('admin.next_qso');
    await admin.request('admin.update_current_qso', { id: cw.current_qso!.id, rst_sent: '599', rst_rcvd: '579', exchange: '25' });
    const cwLogged = (await admin.request('admin.complete_qso')).completed_qso!;

    const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC Qt::UTC`;
    for (const [qso, expected] of [
      [ssbLogged, { freq: '14195000', mode: 'SSB', rpt_sent: '59', rpt_rcvd: '57', name: 'Hiram', comments: 'good signal', exchange_rcvd: '' }],
      [cwLogged, { freq: '7005000', mode: 'CW', rpt_sent: '599', rpt_rcvd: '579', name: '', comments: '', exchange_rcvd: '25' }],
      [ft8Logged, { freq: '14074000', mode: 'FT8', rpt_sent: '-10', rpt_rcvd: '-12', name: '', comments: '', exchange_rcvd: '' }]
    ] as const) {
      await expect.poll(udp.output).toContain(`dx_call: "${qso.callsign}"`);
      expect(qsoLoggedLine(udp.output(), qso.callsign)).toEqual({
        time_on: utc(qso.started_at),
        time_off: utc(qso.completed_at),
        dx_call: qso.callsign,
        grid: '',
        ...expected,
        Tx_pwr: '',
        operator_call: 'K1ABC',
        my_call: 'VP8PJ',
        my_grid: 'GD18',
        exchange_sent: '',
        prop_mode: ''
      });
      // Logged ADIF: the same QSO as an ADIF record.
      expect(udp.output()).toMatch(new RegExp(`<CALL:${qso.callsign.length}>${qso.callsign} <QSO_DATE:8>${qso.started_at.slice(0, 10).replace(/-/g, '')}`));
    }
    expect(udp.output()).toMatch(/<FREQ:8>7\.005000 <FREQ_RX:8>7\.006000 <BAND_RX:3>40m <MODE:2>CW/);

    // Switched off from the settings: Close, and nothing more is sent.
    await admin.request('admin.update_settings', { udp_log: null });
    await expect.poll(udp.output).toContain('Removed WSJT-X instance: PileupBuster');
  }, 30_000);

  itRequires(udpDaemonMissing, 'from the environment (UDP_LOG), several targets; a stop says Close to each', async () => {
    const [first, second] = [await freeUdpPort(), await freeUdpPort()];
    const one = await startDaemon(first);
    const daemonOne = daemon!;
    const two = await startDaemon(second);
    try {
      h = await startHarness({ UDP_LOG: `127.0.0.1:${first}, 127.0.0.1:${second}` });
      await expect.poll(one.output).toContain('Discovered WSJT-X instance: PileupBuster');
      await expect.poll(two.output).toContain('Discovered WSJT-X instance: PileupBuster');
      await h.close();
      h = undefined;
      await expect.poll(one.output).toContain('Removed WSJT-X instance: PileupBuster');
      await expect.poll(two.output).toContain('Removed WSJT-X instance: PileupBuster');
    } finally {
      daemonOne.kill();
    }
  }, 30_000);

  it('a target that is not HOST:PORT is refused from the console and stops start-up with where it came from', async () => {
    h = await startHarness();
    const admin = await h.connectAdmin();
    await expect(admin.request('admin.update_settings', { udp_log: '127.0.0.1:99999' })).rejects.toThrow(/udp_log: UDP log target "127.0.0.1:99999": port 99999 is out of range/);
    await h.close();
    h = undefined;
    await expect(startHarness({ UDP_LOG: 'logger.lan:2237, http://x' })).rejects.toThrow(/UDP_LOG: UDP log target "http:\/\/x" is not host:port/);
  });

  it('--udp-log given twice on the command line sends to both (a heartbeat from WSJT-X’s id, schema 3)', async () => {
    const listeners = await Promise.all(
      [0, 1].map(async () => {
        const socket = createSocket('udp4');
        const received: Buffer[] = [];
        socket.on('message', (datagram) => received.push(datagram));
        await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
        return { socket, received, port: socket.address().port };
      })
    );
    const cli = runCli(['--data-dir', await makeDataDir(), '--host', '127.0.0.1', '--port', String(await freePortRange(1)), ...listeners.flatMap((l) => ['--udp-log', `127.0.0.1:${l.port}`])]);
    try {
      await cli.waitFor('Press Ctrl+C to stop.');
      for (const { received } of listeners) {
        await expect.poll(() => received.length).toBeGreaterThan(0);
        const datagram = received[0]!;
        expect([datagram.readUInt32BE(0), datagram.readUInt32BE(4), datagram.readUInt32BE(8)]).toEqual([0xadbccbda, 3, 0]);
        expect(datagram.subarray(16, 16 + datagram.readUInt32BE(12)).toString()).toBe('PileupBuster');
      }
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
      for (const { socket } of listeners) socket.close();
    }
  });

  itRequires(namespaceMissing, 'to a multicast group: a udp_daemon that joined it hears the heartbeat and the Close (in a network namespace of its own)', async () => {
    const dataDir = await makeDataDir();
    const group = '239.255.77.1';
    const script = [
      'set -e',
      'ip link set lo up',
      'ip link set lo multicast on',
      'ip route add 224.0.0.0/4 dev lo',
      `udp_daemon -p 2237 -g ${group} -i lo & daemon=$!`,
      'sleep 0.5',
      `"${process.execPath}" "${SERVER_BUNDLE}" --data-dir "${dataDir}" --host 127.0.0.1 --port 0 --udp-log ${group}:2237 >/dev/null 2>&1 & server=$!`,
      'sleep 3',
      'kill -TERM $server; wait $server || true',
      'sleep 0.5',
      'kill $daemon'
    ].join('\n');
    const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, DISCOVERY: 'off', STATUS_PORT: '0', ADMIN_PASSWORD: 'multicast-test-password-1' } });
    expect(run.stdout).toContain('Discovered WSJT-X instance: PileupBuster');
    expect(run.stdout).toContain('Removed WSJT-X instance: PileupBuster');
  }, 30_000);

  it('a QSO logged just before a stop reaches the logger whole, before Close', async () => {
    const socket = createSocket('udp4');
    const types: number[] = [];
    socket.on('message', (datagram) => types.push(datagram.readUInt32BE(8)));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      const { UdpLogFeed } = await import('../../src/main/server/integrations/wsjtx/udp-log-feed.js');
      const { parseUdpTargets } = await import('../../src/main/server/integrations/wsjtx/udp-targets.js');
      const { silentLogger } = await import('../../src/main/server/logger.js');
      const feed = new UdpLogFeed({ targets: parseUdpTargets(`127.0.0.1:${socket.address().port}`), events: { subscribe: () => () => undefined } as never, version: 'test', logger: silentLogger() });
      feed.start();
      feed.sendQso({ id: 'q', callsign: 'W1AW', started_at: '2026-12-01T08:01:00.000Z', completed_at: '2026-12-01T08:02:00.000Z', completed_by: 'admin', registered_at: null, frequency: '14.195', split: null, qrz: null, frequency_hz: 14_195_000, band: '20m', mode: 'SSB' });
      await feed.stop();
      await expect.poll(() => types).toEqual([0, 5, 12, 6]);
    } finally {
      socket.close();
    }
  });
});
