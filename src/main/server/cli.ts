/**
 * Headless entry point: `npm run serve -- --host H --port P --status-port S --data-dir D`.
 * Prints where stations can connect, runs until SIGINT/SIGTERM, then stops gracefully.
 */
import { parseArgs } from 'node:util';
import { APP_VERSION } from './app-info.js';
import { CONSOLE_PATH, websocketUrl } from '../../shared/protocol/endpoints.js';
import { FLAG_OPTIONS, configurationHelp, type Flags } from './config.js';
import { startPileupServer, type PileupServer } from './pileup-server.js';

const USAGE = `Pileup Buster Desktop ${APP_VERSION} - headless pileup server

Usage: npm run serve -- ${Object.entries(FLAG_OPTIONS)
  .map(([flag, { type }]) => (type === 'boolean' ? `[--${flag}]` : `[--${flag} ${flag.toUpperCase().replace(/-/g, '_')}]`))
  .join(' ')}

Flags beat environment variables, which beat settings stored from the console, which beat defaults.

${configurationHelp()
  .map((row) => [row.flag ? `${row.flag} / ${row.env}` : row.env, row.help, row.default].map((cell) => cell.replace(/`|¹/g, '')))
  .map(([names, help, fallback]) => `  ${names!.padEnd(38)} ${help} (default: ${fallback})`)
  .join('\n')}
`;

function parseFlags(argv: string[]): Flags | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: { ...FLAG_OPTIONS, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false
  });
  if (values.help) return 'help';
  const { help: _help, ...flags } = values;
  return flags as Flags;
}

export function describeStart(server: PileupServer): string {
  const { config, bound, credentials } = server;
  const lines = [`Pileup Buster Desktop ${APP_VERSION} - headless server`, `Data folder: ${config.dataDir}`];
  const where = config.host ?? 'all interfaces (IPv4 and IPv6)';
  lines.push(
    bound.fellBack
      ? `Port ${bound.requestedPort} is in use; listening on port ${bound.port} instead, on ${where}`
      : `Listening on port ${bound.port}, on ${where}`
  );
  lines.push('Stations can connect at:');
  for (const address of server.lanAddresses()) {
    const url = websocketUrl(address.address, bound.port);
    lines.push(`  ${url.padEnd(46)} ${address.internal ? '(this machine only)' : `(${address.interface})`}`);
  }
  const consoleUrl = server.consoleUrls()[0];
  if (server.consoleDir) lines.push(`Station page: ${server.stationPageUrls()[0]}  (stations join from a phone or a browser)`);
  lines.push(
    server.consoleDir && consoleUrl
      ? `Operator console: ${consoleUrl}  (sign in with the admin login below)`
      : `Operator console: not built (run npm run build to serve it at ${CONSOLE_PATH})`
  );
  const { discovery } = server;
  lines.push(
    discovery.state === 'advertised'
      ? `Discovery: advertised on the LAN as ${discovery.type} ("${discovery.name}")`
      : discovery.state === 'off'
        ? `Discovery: off${discovery.reason ? ` (${discovery.reason})` : ''}`
        : `Discovery: not advertised (${discovery.reason}); stations can still connect by address`
  );
  const { status } = server;
  if (status.port === null) {
    lines.push(`Status stream: not started (${status.error})`);
  } else {
    const requested = server.config.statusPort;
    const where = status.fellBack ? `port ${status.port} (${requested} is in use)` : `port ${status.port}`;
    lines.push(`Status stream: ${where}, subprotocol hydrogen-protocol, Authorization: Key <key>`);
    if (status.key.source === 'generated') lines.push(`  key: ${status.key.key}  (new: saved in ${status.key.file} and not shown again)`);
    else if (status.key.source === 'stored') lines.push(`  key: saved in ${status.key.file}`);
    else lines.push('  key: from STATUS_KEY');
  }
  lines.push(`Admin username: ${credentials.username}`);
  if (credentials.source === 'generated') {
    lines.push(`Admin password: ${credentials.password}`);
    lines.push(`  (new: saved in ${credentials.file} and not shown again)`);
  } else if (credentials.source === 'stored') {
    lines.push(`Admin password: saved in ${credentials.file}`);
  } else {
    lines.push('Admin password: from ADMIN_PASSWORD');
  }
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  let flags: Flags | 'help';
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (flags === 'help') {
    console.log(USAGE);
    return;
  }

  let server: PileupServer;
  try {
    server = await startPileupServer({ flags });
  } catch (error) {
    const known = ['ConfigError', 'ListenError', 'DataFolderError'].includes((error as Error).name);
    console.error(`Cannot start the pileup server: ${known ? (error as Error).message : (error as Error).stack}`);
    process.exit(1);
  }
  console.log(describeStart(server));

  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    console.log(`${signal} received: closing connections and saving data...`);
    server
      .stop()
      .then(() => {
        console.log('Stopped. All data saved.');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(`Error while stopping: ${(error as Error).stack}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
