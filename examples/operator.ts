/**
 * A minimal operator's terminal: signs in, shows the queue whenever it changes, and works it
 * from the keyboard, one command per line.
 *
 *   ADMIN_PASSWORD=... node --import tsx examples/operator.ts [ws://HOST:PORT/ws/connect]
 *
 * Commands: `on` / `off` (the air), `next`, `complete`, `work CALL`, `remove CALL`,
 * `freq 14.205`, `quit`. ADMIN_USERNAME defaults to `admin`.
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { PileupRequestError, PileupSession, type PileupSnapshot, type WebSocketConstructor } from '../src/shared/client/index.js';

const url = process.argv[2] ?? 'ws://127.0.0.1:8000/ws/connect';
const password = process.env.ADMIN_PASSWORD;
if (!password) {
  console.error('Set ADMIN_PASSWORD (the operator password; the server prints it on first start).');
  process.exit(2);
}

const session = new PileupSession({
  url,
  WebSocketImpl: WebSocket as unknown as WebSocketConstructor,
  credentials: { username: process.env.ADMIN_USERNAME ?? 'admin', password }
});

function show(state: PileupSnapshot): void {
  const air = state.system.active ? 'ON AIR' : 'off air';
  const freq = [state.frequency.frequency, state.split.split].filter(Boolean).join(', ') || 'no frequency set';
  console.log(`\n[${air}] ${freq} | QSOs logged: ${state.qsos_logged}`);
  console.log(`  working: ${state.current_qso?.callsign ?? '-'}`);
  for (const entry of state.queue.queue) console.log(`  ${entry.position}. ${entry.callsign}`);
  if (state.queue.total === 0) console.log('  (queue empty)');
}

session.onStatus((status) => {
  if (status.kind === 'offline') console.log(`offline (${status.reason}); retrying in ${Math.round(status.retryInMs / 100) / 10} s`);
});

const commands: Record<string, (arg: string) => Promise<unknown>> = {
  on: () => session.request('admin.set_system_status', { active: true }),
  off: () => session.request('admin.set_system_status', { active: false }),
  next: () => session.request('admin.next_qso'),
  complete: () => session.request('admin.complete_qso'),
  work: (callsign) => session.request('admin.work_callsign', { callsign }),
  remove: (callsign) => session.request('admin.remove_callsign', { callsign }),
  freq: (frequency) => (frequency ? session.request('admin.set_frequency', { frequency }) : session.request('admin.delete_frequency'))
};

session.start();
try {
  await session.ready();
} catch (error) {
  console.error(`Could not sign in: ${(error as Error).message}`);
  await session.close();
  process.exit(1);
}
console.log(`Signed in to ${url}. Commands: ${Object.keys(commands).join(', ')}, quit`);
show(session.state!);
session.onState(show);

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const [name = '', ...rest] = line.trim().split(/\s+/);
  if (name === 'quit') return input.close();
  const run = commands[name];
  if (!run) return name && console.log(`unknown command "${name}"; try: ${Object.keys(commands).join(', ')}, quit`);
  run(rest.join(' ')).catch((error: unknown) => {
    console.log(error instanceof PileupRequestError ? `${error.code}: ${error.message}` : String(error));
  });
});
input.on('close', () => void session.close());
