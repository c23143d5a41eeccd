/**
 * Figures about this process and machine for the status document: the operating system's
 * uname fields, threads and memory. On Linux they come from /proc (what `ps` shows); elsewhere
 * Node's own numbers stand in.
 */
import { readFileSync } from 'node:fs';
import { hostname, machine, release, type, version } from 'node:os';

export interface SystemInfo {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
}

export function systemInfo(): SystemInfo {
  return { sysname: type(), nodename: hostname(), release: release(), version: version(), machine: machine() };
}

export interface ProcessFigures {
  totalThreads: number;
  totalVirtualMemoryBytes: number;
  totalResidentMemoryBytes: number;
}

function procStatus(): Map<string, string> | null {
  try {
    const text = readFileSync('/proc/self/status', 'utf8');
    return new Map(text.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
  } catch {
    return null;
  }
}

const kib = (value: string | undefined) => (value ? Number.parseInt(value, 10) * 1024 : Number.NaN);

export function processFigures(): ProcessFigures {
  const status = procStatus();
  const memory = process.memoryUsage();
  const threads = Number.parseInt(status?.get('Threads') ?? '', 10);
  const virtual = kib(status?.get('VmSize'));
  const resident = kib(status?.get('VmRSS'));
  return {
    // Node's main thread plus the libuv pool (4 by default) when /proc cannot tell.
    totalThreads: Number.isFinite(threads) ? threads : 1 + Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    totalVirtualMemoryBytes: Number.isFinite(virtual) ? virtual : memory.rss + memory.external,
    totalResidentMemoryBytes: Number.isFinite(resident) ? resident : memory.rss
  };
}
