/** Runs the headless server (the bundle `npm run serve` runs) as a real child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { SERVER_BUNDLE } from './server-bundle.js';

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `prefix` runs the server under another command, e.g. `prlimit --nofile=256:256 --`. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, options: { prefix?: string[] } = {}): CliProcess {
  const [command, ...prefixArgs] = [...(options.prefix ?? []), process.execPath];
  const child = spawn(command!, [...prefixArgs, '--enable-source-maps', SERVER_BUNDLE, ...args], {
    // DISCOVERY off: a test never advertises on the machine's real network (tests/lan does, in its own namespaces).
    // STATUS_PORT 0: an ephemeral status port, so parallel servers never compete for 5001-5010.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DISCOVERY: 'off', STATUS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const matched = typeof text === 'string' ? out.includes(text) : text.test(out);
          if (matched) return resolve(out);
          if (child.exitCode !== null) return reject(new Error(`CLI exited (${child.exitCode}) before printing ${text}\n${out}\n${err}`));
          if (Date.now() - started > timeoutMs) return reject(new Error(`CLI did not print ${text}\n${out}\n${err}`));
          setTimeout(check, 50);
        };
        check();
      });
    }
  };
}

/** A port that was free a moment ago, with the next `span - 1` ports free too. */
export async function freePortRange(span = 1): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const servers = [];
    let ok = true;
    for (let port = base; port < base + span; port++) {
      const server = createServer();
      const bound = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen({ port, host: '::', ipv6Only: false }, () => resolve(true));
      });
      if (!bound) {
        ok = false;
        break;
      }
      servers.push(server);
    }
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    if (ok) return base;
  }
  throw new Error('no free port range found');
}

/** Holds a port the way another program would. */
export async function occupyPort(port: number, host = '::'): Promise<() => Promise<void>> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, ipv6Only: false }, () => resolve());
  });
  return () => new Promise((resolve) => server.close(() => resolve()));
}
