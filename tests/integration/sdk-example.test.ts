/**
 * The runnable SDK example (examples/station.ts) as a real child process against the real
 * server: it registers, prints its position as it changes, says when it is being worked, and on
 * Ctrl+C (SIGINT) leaves the queue with its leave token and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

interface Station {
  child: ChildProcess;
  output(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runStation(url: string, callsign: string): Station {
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/station.ts', url, callsign], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => out,
    exited,
    waitFor(text, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (typeof text === 'string' ? out.includes(text) : text.test(out)) return resolve();
          if (child.exitCode !== null) return reject(new Error(`station exited (${child.exitCode}) before printing ${text}:\n${out}`));
          if (Date.now() - started > timeoutMs) return reject(new Error(`station did not print ${text}:\n${out}`));
          setTimeout(check, 25);
        };
        check();
      });
    }
  };
}

let h: Harness;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await h?.close();
});

describe('examples/station.ts', () => {
  it('prints its position live, says when it is being worked, and exits 0 on Ctrl+C', async () => {
    h = await startHarness();
    const operator = await h.connectAdmin();
    await operator.request('admin.set_system_status', { active: true });
    await operator.request('queue.register', { callsign: 'K1ABC' });

    const station = runStation(h.url, 'w1aw');
    children.push(station.child);
    await station.waitFor('Registered W1AW');
    await station.waitFor('Position 2 of 2');
    expect(h.server.pileup.findEntry('W1AW')?.position).toBe(2);

    await operator.request('admin.next_qso'); // works K1ABC: W1AW moves up
    await station.waitFor('Position 1 of 1 - you are next');
    await operator.request('admin.next_qso'); // works W1AW
    await station.waitFor('W1AW is being worked now');
    expect(station.output().indexOf('Position 2 of 2')).toBeLessThan(station.output().indexOf('being worked'));

    station.child.kill('SIGINT');
    expect(await station.exited).toEqual({ code: 0, signal: null });
    expect(station.output()).toContain('W1AW is not in the queue; nothing to leave.');
    expect(h.server.pileup.findEntry('W1AW')).toBeNull();
  });

  it('leaves the queue with its leave token on Ctrl+C', async () => {
    h = await startHarness();
    const operator = await h.connectAdmin();
    await operator.request('admin.set_system_status', { active: true });
    await operator.request('queue.register', { callsign: 'K1ABC' });

    const station = runStation(h.url, 'W1AW');
    children.push(station.child);
    await station.waitFor('Position 2 of 2');
    const queueBefore = h.server.pileup.snapshot().queue.queue.map((e) => e.callsign);
    expect(queueBefore).toEqual(['K1ABC', 'W1AW']);

    station.child.kill('SIGINT');
    expect(await station.exited).toEqual({ code: 0, signal: null });
    expect(station.output()).toContain('Left the queue.');
    expect(h.server.pileup.snapshot().queue.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
    expect(h.server.websocket.counts().total).toBe(1); // only the operator: the station closed its socket
  });

  it('exits 1 with the reason when registration is refused', async () => {
    h = await startHarness(); // off the air: registration is closed
    const station = runStation(h.url, 'W1AW');
    children.push(station.child);
    expect(await station.exited).toEqual({ code: 1, signal: null });
    expect(station.output()).toContain('Could not register W1AW');
    expect(station.output()).toContain('SYSTEM_INACTIVE');
  });
});
