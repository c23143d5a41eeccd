/**
 * Binds an HTTP server so LAN stations can reach it: every interface, IPv4 and IPv6, unless a
 * host is given. If the port is taken the next ones are tried, up to `attempts` in all.
 */
import type { Server } from 'node:http';
import { DEFAULT_PORT } from '../../../shared/protocol/endpoints.js';

export interface BoundAddress {
  host: string | null;
  port: number;
  /** True when the requested port was taken and a later one was used. */
  fellBack: boolean;
  requestedPort: number;
}

export class ListenError extends Error {
  override name = 'ListenError';
}

function listenOnce(server: Server, port: number, host: string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // '::' with ipv6Only false is one dual-stack socket that also accepts IPv4.
    if (host === null) server.listen({ port, host: '::', ipv6Only: false });
    else server.listen({ port, host });
  });
}

export async function listenWithFallback(
  server: Server,
  requestedPort: number,
  host: string | null,
  attempts = 10
): Promise<BoundAddress> {
  const tries = requestedPort === 0 ? 1 : attempts;
  let lastError: NodeJS.ErrnoException | undefined;
  for (let offset = 0; offset < tries && requestedPort + offset <= 65535; offset++) {
    const port = requestedPort + offset;
    try {
      await listenOnce(server, port, host).catch(async (error: NodeJS.ErrnoException) => {
        // A machine without IPv6 cannot open '::'; every IPv4 interface is the next best thing.
        if (host === null && (error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL')) {
          return listenOnce(server, port, '0.0.0.0');
        }
        throw error;
      });
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      return { host, port: boundPort, fellBack: offset > 0, requestedPort };
    } catch (error) {
      lastError = error as NodeJS.ErrnoException;
      if (lastError.code !== 'EADDRINUSE') break;
    }
  }
  const where = host ?? 'all interfaces';
  if (lastError?.code === 'EADDRINUSE') {
    throw new ListenError(
      `Ports ${requestedPort}-${requestedPort + tries - 1} are all in use on ${where}. Stop the other program or choose another port (--port / PORT).`
    );
  }
  if (lastError?.code === 'EACCES') {
    throw new ListenError(`Not allowed to listen on port ${requestedPort} on ${where}; ports below 1024 need privileges. Choose a port such as ${DEFAULT_PORT}.`);
  }
  if (lastError?.code === 'EADDRNOTAVAIL' || lastError?.code === 'ENOTFOUND') {
    throw new ListenError(`${where} is not an address of this machine (--host / HOST).`);
  }
  throw new ListenError(`Cannot listen on ${where} port ${requestedPort}: ${lastError?.message ?? 'unknown error'}`);
}
