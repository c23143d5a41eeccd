// Reference server for bench/perf/run.ts: bare `ws`, the same wire work as the pileup server and no
// application logic. It greets each connection with a message the size of our `connected` event,
// answers each request with a reply the size of ours for that operation, and on the trigger
// (`admin.set_frequency`) serialises one event the size of our `frequency_update` once and sends it
// to every client. Sizes come from the REF_SIZES environment variable (JSON WireSizes).
// Usage: node --import tsx bench/perf/reference-server.ts --port P   (binds 127.0.0.1 only)
import { WebSocketServer } from 'ws';
import type { WireSizes } from './common.js';

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
const sizes = JSON.parse(process.env.REF_SIZES ?? '{}') as Partial<WireSizes>;
const PAD = 'x'.repeat(1 << 20);

/** A JSON text of exactly `target` bytes (when target is larger than the bare message). */
function padded(prefix: string, target: number): string {
  const suffix = '"}}';
  const bare = prefix + '"data":{"pad":"' + suffix;
  const need = Math.max(0, target - Buffer.byteLength(bare));
  return prefix + '"data":{"pad":"' + PAD.slice(0, need) + suffix;
}

const greeting = padded(`{"type":"event","event":"connected","event_type":"connected","seq":0,`, sizes.greeting ?? 100);
let seq = 0;

const wss = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.send(greeting);
  ws.on('message', (raw) => {
    let message: { type?: string; id?: string; operation?: string };
    try {
      message = JSON.parse(raw.toString()) as typeof message;
    } catch {
      return;
    }
    const timestamp = new Date().toISOString();
    if (message.type === 'auth') {
      ws.send(padded(`{"type":"response","success":true,"authenticated":true,"timestamp":"${timestamp}",`, sizes.auth ?? 100));
      return;
    }
    if (message.type !== 'request') return;
    const operation = String(message.operation);
    const head = `{"type":"response","id":${JSON.stringify(message.id ?? null)},"operation":${JSON.stringify(operation)},"success":true,"timestamp":"${timestamp}",`;
    if (operation === 'admin.set_frequency') {
      seq++;
      const event = padded(`{"type":"event","event":"frequency_update","event_type":"frequency_update","seq":${seq},"timestamp":"${timestamp}",`, sizes.event ?? 200);
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(event);
    }
    ws.send(padded(head, sizes.replies?.[operation] ?? 100));
  });
});
wss.on('listening', () => {
  const address = wss.address();
  console.log(`reference listening on ${typeof address === "object" && address ? address.port : address}`);
});
const stop = () => {
  for (const client of wss.clients) client.terminate();
  wss.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
