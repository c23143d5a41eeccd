/**
 * Keeps open sockets from using up the process's file descriptors. Every socket accepted by the
 * pileup port or the status port passes this gate: beyond a budget (the open-file limit less a
 * reserve) or beyond one address's share, it is closed at once. The reserve is what the
 * datastore, the log and the rig link need, so a save never fails for want of a descriptor
 * while a flood of idle connections is refused instead.
 *
 * Node raises the soft open-file limit to the hard one at start on its own; the budget is read
 * from what is in force then (Linux: /proc/self/limits; elsewhere `ulimit -n`; Windows has no
 * such limit for sockets).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { isLoopback } from '../abuse/abuse-guard.js';
import type { Logger } from '../logger.js';

/** Descriptors kept back from sockets for files, logs, the rig link, discovery and Node itself. */
export const DESCRIPTOR_RESERVE = 128;
/** How often refusals are summed up in the log, rather than one line per socket in a flood. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/** The soft limit on open files in force for this process, or null where there is none to read. */
export function openFileLimit(platform = process.platform): number | null {
  if (platform === 'win32') return null;
  try {
    if (platform === 'linux') {
      const line = readFileSync('/proc/self/limits', 'utf8')
        .split('\n')
        .find((l) => l.startsWith('Max open files'));
      const soft = line?.split(/\s{2,}/)[1];
      return soft && /^\d+$/.test(soft) ? Number(soft) : null;
    }
    const text = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** How long a refused client gets to read its error answer before its socket is closed anyway. */
const CUT_OFF_GRACE_MS = 1000;

/**
 * Answers a client the HTTP parser gave up on (malformed, too slow, headers too large) and closes
 * its socket soon after, whether or not it closes its side: Node's own answer would wait for the
 * client, keeping the descriptor for as long as the client likes.
 */
export function cutOffBadClient(error: Error & { code?: string }, socket: Duplex): void {
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  answerAndClose(socket, `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Sends a raw HTTP answer (a refused upgrade, a bad request) and closes the socket a moment
 * later, whether or not the client closes its side: no timeout applies to a socket taken out of
 * HTTP for an upgrade, so one left open would hold its descriptor for as long as the client likes.
 */
export function answerAndClose(socket: Duplex, answer: string): void {
  if (socket.writable) socket.end(answer);
  setTimeout(() => socket.destroy(), CUT_OFF_GRACE_MS).unref();
}

export class SocketGate {
  private open = 0;
  private readonly byAddress = new Map<string, number>();
  private refused = { budget: 0, address: 0 };
  private lastLogged = 0;
  /** Sockets that may be open at once, all ports together. */
  readonly budget: number;

  constructor(private readonly options: { limit: number | null; perAddress: number; logger: Logger }) {
    this.budget = options.limit === null ? Number.POSITIVE_INFINITY : Math.max(16, options.limit - DESCRIPTOR_RESERVE);
  }

  get openSockets(): number {
    return this.open;
  }

  /** Passes every socket `server` accepts through the gate. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => this.admit(socket));
  }

  private admit(socket: Socket): void {
    const address = socket.remoteAddress;
    const counted = address !== undefined && !isLoopback(address);
    if (this.open >= this.budget) return this.refuse(socket, 'budget');
    if (counted && (this.byAddress.get(address) ?? 0) >= this.options.perAddress) return this.refuse(socket, 'address');
    this.open++;
    if (counted) this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    socket.once('close', () => {
      this.open--;
      if (!counted) return;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.byAddress.delete(address);
      else this.byAddress.set(address, left);
    });
  }

  private refuse(socket: Socket, why: 'budget' | 'address'): void {
    socket.destroy();
    this.refused[why]++;
    const now = Date.now();
    if (now - this.lastLogged < REFUSAL_LOG_INTERVAL_MS) return;
    this.lastLogged = now;
    this.options.logger.warn(
      { refusedOverBudget: this.refused.budget, refusedOverAddressShare: this.refused.address, openSockets: this.open, budget: this.budget },
      'refusing connections: too many open at once (descriptors are kept for saving the data)'
    );
    this.refused = { budget: 0, address: 0 };
  }
}
