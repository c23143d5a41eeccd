// Shared helpers for the performance harness (bench/perf/run.ts). Linux only: reads /proc.
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Wall clock in ms with sub-ms precision, comparable across processes on one machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** Resident set size of a process in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

let clkTck: number | undefined;
/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  clkTck ??= Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the ")" of the command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clkTck;
}

export function openFileLimit(): string {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
  return line ? line.replace(/\s+/g, ' ').trim() : 'unknown';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Unique valid-looking US callsigns: PREFIX + digit + three letters (175,760 per prefix). */
export function callsign(prefix: string, i: number): string {
  const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${prefix}${i % 10}${L[Math.floor(i / 6760) % 26]}${L[Math.floor(i / 260) % 26]}${L[Math.floor(i / 10) % 26]}`;
}

/** Byte sizes of our server's messages, measured at run time and copied by the reference server. */
export interface WireSizes {
  greeting: number;
  auth: number;
  event: number;
  replies: Record<string, number>;
}

// Messages between run.ts and client-worker.ts over the IPC channel.
export type WorkerCommand =
  | { cmd: 'connect'; url: string; count: number; concurrency: number; password?: string }
  | { cmd: 'arm'; round: number }
  | { cmd: 'count'; total: number }
  | { cmd: 'load'; operation: string; durationMs: number }
  | { cmd: 'register'; callsigns: string[] }
  | { cmd: 'close' };

export type WorkerReply =
  | { kind: 'connected'; opened: number; failed: number; firstError?: string; startedAt: number; endedAt: number; extensions: string }
  | { kind: 'armed'; round: number }
  | { kind: 'round'; round: number; first: number; last: number; received: number }
  | { kind: 'counted'; received: number }
  | { kind: 'loaded'; completed: number; errors: number; ms: number }
  | { kind: 'registered'; ok: number; errors: number; firstError?: string; ms: number }
  | { kind: 'closed' };
