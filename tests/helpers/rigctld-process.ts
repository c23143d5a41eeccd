/**
 * Runs Hamlib's real `rigctld` (Debian: libhamlib-utils) with the dummy radio (`-m 1`) on a
 * loopback port, for tests that talk the real rigctld protocol.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePortRange } from './cli-process.js';

/** Why rigctld cannot run here, or null when it can (for `itRequires`). */
export function rigctldMissing(): string | null {
  const probe = spawnSync('rigctld', ['--version'], { stdio: 'ignore', timeout: 5000 });
  if (probe.error) return 'rigctld not installed (apt-get install libhamlib-utils)';
  return null;
}

export interface RigctldProcess {
  host: string;
  port: number;
  /** The running child, or null between kill() and restart(). */
  readonly child: ChildProcess | null;
  /** Everything rigctld wrote to stderr (over all of its runs). */
  stderr(): string;
  /** Kills rigctld (SIGKILL by default, like a crash) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a fresh rigctld (a new dummy radio) on the same port and waits until it accepts connections. */
  restart(): Promise<void>;
  /** Stops rigctld for good (SIGTERM, then SIGKILL after 2 s). Safe to call twice. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const running = new Set<ChildProcess>();
// A test run that dies without its afterEach must not leave radios running.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `rigctld -m <model> -T 127.0.0.1 -t <port>` (default: the dummy radio on a free port). */
export async function startRigctld(options: { port?: number; model?: number } = {}): Promise<RigctldProcess> {
  const model = options.model ?? 1;
  let port = options.port ?? (await freePortRange());
  let stderr = '';
  let child: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    const started = spawn('rigctld', ['-m', String(model), '-T', HOST, '-t', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(started);
    started.stderr!.on('data', (chunk) => (stderr += chunk));
    started.once('exit', () => running.delete(started));
    child = started;
    await waitUntilListening(started, port, () => stderr);
  };

  // A port free a moment ago may be taken before rigctld binds it: pick another (unless fixed).
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      await stop(child);
      if (options.port !== undefined || attempt >= 3) throw error;
      port = await freePortRange();
    }
  }

  return {
    host: HOST,
    get port() {
      return port;
    },
    get child() {
      return child;
    },
    stderr: () => stderr,
    async kill(signal = 'SIGKILL') {
      await stop(child, signal);
      child = null;
    },
    async restart() {
      await stop(child);
      await launch();
    },
    async close() {
      await stop(child);
      child = null;
    }
  };
}

async function stop(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const escalate = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(escalate);
}

async function waitUntilListening(child: ChildProcess, port: number, stderr: () => string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`rigctld exited (${child.exitCode ?? child.signalCode}) before listening on ${HOST}:${port}\n${stderr()}`);
    }
    if ((await answersRigctld(port)) && child.exitCode === null && child.signalCode === null) return;
    if (Date.now() > deadline) throw new Error(`rigctld did not listen on ${HOST}:${port} within ${timeoutMs} ms\n${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** True when the port answers a rigctld `+f` (so a stranger that grabbed the port does not count). */
function answersRigctld(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    let reply = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 1000);
    socket.once('connect', () => socket.write('+f\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (/^RPRT -?\d+$/m.test(reply)) done(reply.startsWith('get_freq:'));
    });
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}
