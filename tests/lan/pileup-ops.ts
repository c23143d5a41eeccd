/**
 * A station's (or the operator's) software for the LAN test, run on a test host with
 * `ip netns exec NS node --import tsx tests/lan/pileup-ops.ts URL STEPS`: connects with the typed
 * client over `ws`, runs the steps in order and prints one JSON line with every result.
 *
 * STEPS is a JSON array of `{ "auth": ["user", "password"] }` or
 * `{ "op": "queue.register", "data": { "callsign": "W1AW" } }`.
 * Exits 1 (with the error as JSON) when a step fails.
 */
import WebSocket from 'ws';
import { PileupClient, type WebSocketConstructor } from '../../src/shared/client/pileup-client.js';

type Step = { auth: [string, string] } | { op: string; data?: Record<string, unknown> };

const [url, stepsJson] = process.argv.slice(2);
if (!url || !stepsJson) {
  console.error('usage: pileup-ops.ts URL STEPS_JSON');
  process.exit(2);
}
const steps = JSON.parse(stepsJson) as Step[];

const client = await PileupClient.connect(url, { WebSocketImpl: WebSocket as unknown as WebSocketConstructor, connectTimeoutMs: 10_000 });
const request = client.request.bind(client) as (operation: string, data?: unknown) => Promise<unknown>;
const results: unknown[] = [];
try {
  for (const step of steps) {
    if ('auth' in step) results.push(await client.auth(step.auth[0], step.auth[1]));
    else results.push(await request(step.op, step.data ?? {}));
  }
  console.log(JSON.stringify({ ok: true, welcome: { server: client.welcome.server, version: client.welcome.version }, results }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: (error as Error).message, results }));
  process.exitCode = 1;
} finally {
  await client.close().catch(() => undefined);
}
