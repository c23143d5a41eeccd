/**
 * `npm run discover`: lists the pileup servers that answer on the LAN (DNS-SD/mDNS,
 * `_pileup-buster._tcp`) within about 3 seconds.
 *
 *   npm run discover                       a table: name, WebSocket URL, console URL
 *   npm run discover -- --json             the same as JSON (for scripts)
 *   npm run discover -- --timeout 5000     listen longer
 *   npm run discover -- --interface 10.0.0.5   ask on one interface only (its IPv4 address)
 */
import { parseArgs } from 'node:util';
import { discoverServers, SERVICE_TYPE_LABEL, type DiscoveredServer } from '../src/main/server/discovery.js';

const USAGE = `Usage: npm run discover -- [--timeout MS] [--interface IPV4] [--json]`;

function table(servers: DiscoveredServer[]): string {
  const rows = [['Name', 'WebSocket URL', 'Console URL'], ...servers.map((s) => [s.name, s.websocketUrl, s.consoleUrl])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  let values: { timeout?: string; interface?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { timeout: { type: 'string' }, interface: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeoutMs = values.timeout === undefined ? 3000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) {
    console.error(`--timeout must be a whole number of milliseconds from 100 to 60000, got "${values.timeout}"`);
    return 2;
  }

  if (!values.json) console.log(`Looking for pileup servers (${SERVICE_TYPE_LABEL}) on the LAN for ${(timeoutMs / 1000).toFixed(1)} s...`);
  const servers = await discoverServers({
    timeoutMs,
    ...(values.interface ? { interfaceAddress: values.interface } : {}),
    logger: { warn: (object, message) => console.error(`warning: ${message}: ${String((object as { err?: Error }).err?.message ?? '')}`) }
  });
  servers.sort((a, b) => a.name.localeCompare(b.name));

  if (values.json) {
    console.log(JSON.stringify(servers, null, 2));
  } else if (servers.length === 0) {
    console.log('No pileup servers found. Check that the server is running with discovery on, and that this machine is on the same LAN.');
  } else {
    console.log(`Found ${servers.length} pileup server${servers.length === 1 ? '' : 's'}:\n`);
    console.log(table(servers));
    const others = servers.filter((s) => s.websocketUrls.length > 1);
    for (const s of others) console.log(`\n${s.name} also answers at: ${s.websocketUrls.slice(1).join(', ')}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Discovery failed: ${(error as Error).message}`);
    process.exit(1);
  }
);
