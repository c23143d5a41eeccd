/**
 * A station's software, in one file: joins a pileup and follows it live.
 *
 *   npm run example -- W1AW                                  # server on this machine
 *   npm run example -- ws://192.168.1.20:8000/ws/connect W1AW
 *   node --import tsx examples/station.ts [URL] CALLSIGN
 *
 * It connects (and reconnects on its own if the link drops), registers CALLSIGN in the queue,
 * prints its position whenever it changes, and says when the operator is working it. Ctrl+C
 * leaves the queue with the leave token the registration returned, then exits.
 *
 * Exit codes: 0 after a clean Ctrl+C, 1 when registering or leaving failed, 2 for bad usage.
 */
import WebSocket from 'ws';
import {
  PileupRequestError,
  PileupSession,
  type CurrentQso,
  type QueueEntry,
  type WebSocketConstructor
} from '../src/shared/client/index.js';

const DEFAULT_URL = 'ws://127.0.0.1:8000/ws/connect';

const args = process.argv.slice(2);
const url = args.find((arg) => /^wss?:\/\//i.test(arg)) ?? DEFAULT_URL;
const requested = args.find((arg) => !/^wss?:\/\//i.test(arg));
if (!requested || args.length > 2) {
  console.error('Usage: tsx examples/station.ts [ws://HOST:PORT/ws/connect] CALLSIGN');
  process.exit(2);
}

const session = new PileupSession({ url, WebSocketImpl: WebSocket as unknown as WebSocketConstructor });

/** The callsign as the server spelled it (upper case), once registered. */
let callsign = requested.toUpperCase();
let leaveToken: string | null = null;
let lastReport = '';
let registering = false;
let shuttingDown = false;

function say(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)}  ${line}`);
}

/** Prints where we stand, but only when that changed. */
function report(queue: QueueEntry[], current: CurrentQso | null): void {
  if (!leaveToken) return;
  const mine = queue.find((entry) => entry.callsign === callsign);
  let line: string;
  if (current?.callsign === callsign) line = `${callsign} is being worked now. Call the operator!`;
  else if (mine) line = `Position ${mine.position} of ${queue.length}${mine.position === 1 ? ' - you are next' : ''}`;
  else line = `${callsign} is not in the queue any more.`;
  if (line !== lastReport) say(line);
  lastReport = line;
}

function currentQueue(): QueueEntry[] {
  return session.state?.queue.queue ?? [];
}

session.onStatus((status) => {
  if (status.kind === 'offline') {
    say(`Connection lost (${status.reason}); retrying in ${(status.retryInMs / 1000).toFixed(1)} s (attempt ${status.attempt})`);
  } else if (status.kind === 'online') {
    say(`Connected to ${url}`);
    if (!leaveToken) void register();
  }
});

// Each event carries what changed: the queue (with positions) or the station being worked.
session.on('queue_update', (queue) => report(queue.queue, session.state?.current_qso ?? null));
session.on('current_qso', (qso) => report(currentQueue(), qso));
// After a reconnect, catch up from the welcome snapshot (events missed while offline are not replayed).
session.on('connected', (welcome) => report(welcome.snapshot.queue.queue, welcome.snapshot.current_qso));

async function register(): Promise<void> {
  if (registering) return;
  registering = true;
  try {
    const result = await session.request('queue.register', { callsign });
    callsign = result.entry.callsign;
    leaveToken = result.leave_token;
    say(`Registered ${callsign}. Press Ctrl+C to leave the queue.`);
    // The queue_update for our registration arrived before this reply, so the state has us.
    report(currentQueue(), session.state?.current_qso ?? null);
  } catch (error) {
    if (error instanceof PileupRequestError && error.code === 'DISCONNECTED') {
      registering = false; // the next time the session is online, try again
      return;
    }
    const why = error instanceof PileupRequestError ? `${error.message} (${error.code})` : String(error);
    console.error(`Could not register ${callsign}: ${why}`);
    await finish(1);
  } finally {
    registering = false;
  }
}

async function leave(): Promise<number> {
  if (!leaveToken) return 0;
  if (!currentQueue().some((entry) => entry.callsign === callsign)) {
    say(`${callsign} is not in the queue; nothing to leave.`);
    return 0;
  }
  say('Leaving the queue...');
  try {
    await session.request('queue.leave', { callsign, token: leaveToken });
    say(`Left the queue. 73!`);
    return 0;
  } catch (error) {
    if (error instanceof PileupRequestError && error.code === 'NOT_FOUND') {
      say(`${callsign} was not in the queue any more.`);
      return 0;
    }
    console.error(`Could not leave the queue: ${(error as Error).message}`);
    return 1;
  }
}

async function finish(code: number): Promise<void> {
  process.exitCode = code;
  await session.close();
  // Everything is closed, so Node exits by itself; this only guards against a hung socket.
  setTimeout(() => process.exit(code), 3000).unref();
}

process.on('SIGINT', () => {
  if (shuttingDown) process.exit(130); // a second Ctrl+C: give up at once
  shuttingDown = true;
  void leave().then(finish);
});
process.on('SIGTERM', () => {
  if (shuttingDown) return;
  shuttingDown = true;
  void leave().then(finish);
});

say(`Connecting to ${url} as ${callsign}...`);
session.start();
