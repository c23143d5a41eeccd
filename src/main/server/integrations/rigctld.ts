/**
 * A small client for Hamlib's `rigctld` network daemon (TCP, default 127.0.0.1:4532), which
 * fronts almost every CAT-capable radio: the operator runs `rigctld -m <model> -r <serial port>`
 * (or a logger / WSJT-X / flrig chain that offers the same protocol) and we talk to it.
 *
 * Protocol choice: the EXTENDED response protocol. Every command is sent with a `+` prefix
 * (`+f`, `+F 14025000`, ...), one command per line; rigctld then answers with
 *
 *     get_freq:              <- echo of the command's long name (and its arguments, for sets)
 *     Frequency: 14025000    <- zero or more `Key: value` lines
 *     RPRT 0                 <- always last: 0 = success, -n = Hamlib error code n
 *
 * The plain protocol answers a get with bare value lines (`14025000`, or `CW\n500`) and only a
 * set or a failure with `RPRT n`, so a client must know how many lines each command returns and
 * any surprise (an error instead of values, a version that adds a line) leaves it reading the
 * wrong reply from then on. The extended reply always ends with `RPRT n`, so every reply is
 * framed whatever it contains, and values are found by their key rather than by position. The
 * extended format and these keys are the same in Hamlib 3.x and 4.x.
 *
 * Commands on one connection are strictly serialized (the next one is written only when the
 * previous `RPRT` line has arrived), each with its own timeout. A timeout leaves the stream in an
 * unknown state (a late reply would be read as the answer to the next command), so it closes the
 * connection: the caller reconnects. A closed or failed connection fails every pending and later
 * command with a `RigctldError`.
 *
 * Not supported: rigctld started with `--vfo` (`-o`), where every command needs a VFO argument.
 */
import { connect, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { formatRigAddress, type RigAddress } from './rigctld-address.js';
import { HAMLIB_ERRORS, RigctldError, describeConnectError } from './rigctld-errors.js';

const DEFAULT_COMMAND_TIMEOUT_MS = 1500;
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
// A reply is a handful of lines (`dump_caps`, the longest we send, is ~9 kB); anything far larger
// is not rigctld talking.
const MAX_REPLY_CHARS = 256 * 1024;


export interface RigctldClientOptions {
  /** Budget for one command from the moment it is written. Default 1500. */
  commandTimeoutMs?: number;
  /** Budget for the TCP connect. Default 3000. */
  connectTimeoutMs?: number;
  /** Aborting gives up a connect still in progress (kind 'closed'); it does not close an open client. */
  signal?: AbortSignal;
  logger?: Logger;
}

export interface RigMode {
  mode: string;
  passbandHz: number;
}

export interface RigSplit {
  split: boolean;
  txVfo: string;
}

type Pending = {
  line: string;
  resolve: (lines: string[]) => void;
  reject: (error: RigctldError) => void;
};

export class RigctldClient {
  /** Opens a TCP connection to rigctld; rejects with a RigctldError of kind 'connect'. */
  static connect(address: RigAddress, options: RigctldClientOptions = {}): Promise<RigctldClient> {
    const where = formatRigAddress(address);
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new RigctldError('closed', `connect to ${where} aborted`));
    return new Promise((resolve, reject) => {
      const socket = connect({ host: address.host, port: address.port });
      const onAbort = () => fail(new RigctldError('closed', `connect to ${where} aborted`));
      signal?.addEventListener('abort', onAbort, { once: true });
      const fail = (error: RigctldError) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.removeAllListeners();
        socket.on('error', () => {});
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new RigctldError('connect', `no answer from rigctld at ${where} within ${connectTimeoutMs} ms`)),
        connectTimeoutMs
      );
      socket.once('error', (error: NodeJS.ErrnoException) => fail(new RigctldError('connect', describeConnectError(error, where))));
      socket.once('close', () => fail(new RigctldError('connect', `rigctld at ${where} closed the connection`)));
      socket.once('connect', () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.removeAllListeners();
        resolve(new RigctldClient(socket, address, options));
      });
    });
  }

  readonly address: RigAddress;
  private readonly socket: Socket;
  private readonly commandTimeoutMs: number;
  private readonly logger: Logger | undefined;
  private readonly queue: Pending[] = [];
  private inFlight: Pending | null = null;
  private inFlightTimer: NodeJS.Timeout | null = null;
  private replyLines: string[] = [];
  private replyChars = 0;
  private buffer = '';
  private closedWith: RigctldError | null = null;

  private constructor(socket: Socket, address: RigAddress, options: RigctldClientOptions) {
    this.socket = socket;
    this.address = address;
    this.commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.logger = options.logger;
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.shutdown(new RigctldError('closed', `connection to rigctld at ${this.where} failed: ${error.message}`)));
    socket.on('end', () => this.shutdown(new RigctldError('closed', `rigctld at ${this.where} closed the connection`)));
    socket.on('close', () => this.shutdown(new RigctldError('closed', `connection to rigctld at ${this.where} closed`)));
  }

  /** False once the connection has closed for any reason; every command then fails. */
  get isOpen(): boolean {
    return this.closedWith === null;
  }

  /** Closes the connection; pending commands fail with kind 'closed'. Safe to call twice. */
  close(): void {
    this.shutdown(new RigctldError('closed', 'connection to rigctld closed by us'));
  }

  /**
   * Sends one command in the extended protocol (`+` is added) and resolves with the reply's
   * body lines: the echo line and the closing `RPRT 0` left out. `RPRT -n` rejects (kind 'rig').
   */
  command(line: string): Promise<string[]> {
    if (/[\r\n]/.test(line) || line.trim() === '') {
      return Promise.reject(new RigctldError('argument', 'a rigctld command is one non-empty line'));
    }
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise((resolve, reject) => {
      this.queue.push({ line: line.trim(), resolve, reject });
      this.sendNext();
    });
  }

  /** `f`: the current (RX) VFO frequency in Hz. */
  async getFrequency(): Promise<number> {
    return parseHz(field(await this.command('f'), 'Frequency'), 'frequency');
  }

  /** `F <hz>`. */
  async setFrequency(hz: number): Promise<void> {
    await this.command(`F ${checkHz(hz)}`);
  }

  /** `m`: mode (Hamlib name: USB, CW, PKTUSB, ...) and passband in Hz. */
  async getMode(): Promise<RigMode> {
    const lines = await this.command('m');
    const mode = field(lines, 'Mode');
    if (!/^\S+$/.test(mode)) throw new RigctldError('protocol', `rigctld reported mode "${mode}"`);
    return { mode, passbandHz: parseHz(field(lines, 'Passband'), 'passband') };
  }

  /**
   * `M <mode> <passband>`. `mode` is a Hamlib mode name (case does not matter). Passband in Hz;
   * 0 (the default) asks for the radio's normal passband for that mode, -1 keeps the current
   * one (Hamlib 4 and later).
   */
  async setMode(mode: string, passbandHz = 0): Promise<void> {
    await this.command(`M ${checkToken(mode, 'mode').toUpperCase()} ${checkPassband(passbandHz)}`);
  }

  /** `s`: whether split is on, and which VFO transmits. */
  async getSplit(): Promise<RigSplit> {
    const lines = await this.command('s');
    const flag = field(lines, 'Split');
    if (flag !== '0' && flag !== '1') throw new RigctldError('protocol', `rigctld reported split "${flag}"`);
    return { split: flag === '1', txVfo: field(lines, 'TX VFO') };
  }

  /** `S <0|1> <vfo>`: split on/off, transmitting on `txVfo` (default VFOB). */
  async setSplit(split: boolean, txVfo = 'VFOB'): Promise<void> {
    await this.command(`S ${split ? 1 : 0} ${checkToken(txVfo, 'VFO')}`);
  }

  /** `i`: the split (TX) frequency in Hz. */
  async getSplitFrequency(): Promise<number> {
    return parseHz(field(await this.command('i'), 'TX Frequency'), 'TX frequency');
  }

  /** `I <hz>`. */
  async setSplitFrequency(hz: number): Promise<void> {
    await this.command(`I ${checkHz(hz)}`);
  }

  /**
   * `\dump_caps`, reduced to "<manufacturer> <model>" (e.g. "Hamlib Dummy", "Icom IC-7300").
   * Answered by rigctld from the backend's table, without talking to the radio.
   */
  async getRigName(): Promise<string> {
    const lines = await this.command('\\dump_caps');
    const name = [optionalField(lines, 'Mfg name'), optionalField(lines, 'Model name')].filter(Boolean).join(' ');
    if (name === '') throw new RigctldError('protocol', 'rigctld dump_caps has no model name');
    return name;
  }

  private get where(): string {
    return formatRigAddress(this.address);
  }

  private sendNext(): void {
    if (this.inFlight || this.closedWith) return;
    const next = this.queue.shift();
    if (!next) return;
    this.inFlight = next;
    this.replyLines = [];
    this.replyChars = 0;
    this.inFlightTimer = setTimeout(() => {
      this.shutdown(new RigctldError('timeout', `rigctld at ${this.where} did not answer "${next.line}" within ${this.commandTimeoutMs} ms`));
    }, this.commandTimeoutMs);
    this.logger?.trace({ command: next.line }, 'rigctld command');
    this.socket.write(`+${next.line}\n`);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      this.onLine(line);
      if (this.closedWith) return;
    }
    if (this.buffer.length > MAX_REPLY_CHARS) {
      this.shutdown(new RigctldError('protocol', `rigctld at ${this.where} sent an over-long line; is it really rigctld?`));
    }
  }

  private onLine(line: string): void {
    const pending = this.inFlight;
    // Nothing asked: not a reply to anything we sent (there is none in this protocol); drop it.
    if (!pending) return;
    const report = /^RPRT (-?\d+)$/.exec(line.trim());
    if (!report) {
      this.replyLines.push(line);
      this.replyChars += line.length;
      if (this.replyChars > MAX_REPLY_CHARS) {
        this.shutdown(new RigctldError('protocol', `rigctld at ${this.where} sent an over-long reply to "${pending.line}"`));
      }
      return;
    }
    clearTimeout(this.inFlightTimer!);
    this.inFlightTimer = null;
    this.inFlight = null;
    const code = Math.abs(Number(report[1]));
    const body = stripEcho(this.replyLines);
    this.replyLines = [];
    if (code === 0) {
      pending.resolve(body);
    } else {
      const meaning = HAMLIB_ERRORS[code] ?? 'unknown Hamlib error';
      pending.reject(new RigctldError('rig', `rigctld refused "${pending.line}": ${meaning} (RPRT -${code})`, code));
    }
    this.sendNext();
  }

  private shutdown(reason: RigctldError): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    if (this.inFlightTimer) clearTimeout(this.inFlightTimer);
    this.inFlightTimer = null;
    this.socket.on('error', () => {}); // an error after destroy must not become an uncaught exception
    this.socket.destroy();
    const failed = [...(this.inFlight ? [this.inFlight] : []), ...this.queue.splice(0)];
    this.inFlight = null;
    if (reason.kind !== 'closed' || failed.length > 0) this.logger?.debug({ reason: reason.message }, 'rigctld connection closed');
    for (const pending of failed) pending.reject(reason);
  }
}


/** Drops the extended protocol's echo line (`get_freq:`, `set_freq: 14025000`), lowercase by construction. */
function stripEcho(lines: string[]): string[] {
  return lines.length > 0 && /^[a-z_][a-z0-9_]*:/.test(lines[0]!) ? lines.slice(1) : lines;
}

function optionalField(lines: string[], key: string): string | undefined {
  const prefix = `${key}:`;
  const line = lines.find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : line.slice(prefix.length).trim();
}

function field(lines: string[], key: string): string {
  const value = optionalField(lines, key);
  if (value === undefined) throw new RigctldError('protocol', `rigctld reply has no "${key}:" line: ${JSON.stringify(lines)}`);
  return value;
}

function parseHz(text: string, what: string): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw new RigctldError('protocol', `rigctld reported ${what} "${text}"`);
  return Math.round(value);
}

function checkHz(hz: number): number {
  if (!Number.isFinite(hz) || hz <= 0 || hz > 1e12) throw new RigctldError('argument', `frequency ${hz} Hz is not a positive frequency`);
  return Math.round(hz);
}

function checkPassband(hz: number): number {
  if (!Number.isInteger(hz) || hz < -1 || hz > 1e7) throw new RigctldError('argument', `passband ${hz} Hz is not 0, -1 or a positive whole number`);
  return hz;
}

function checkToken(value: string, what: string): string {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(value)) throw new RigctldError('argument', `${what} "${value}" is not a Hamlib ${what} name`);
  return value;
}
