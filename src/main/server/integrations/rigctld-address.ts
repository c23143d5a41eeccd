/**
 * Where rigctld listens, as the operator writes it in settings (`host:port`, IPv6 in brackets)
 * and as the server shows it back.
 */
import { formatHostPort, parseHostPort, type HostPort } from './host-port.js';

/** Hamlib's own default port for rigctld. */
export const DEFAULT_RIGCTLD_PORT = 4532;

export type RigAddress = HostPort;

/** `host:port`, `host` (port 4532), `[v6addr]:port` or `[v6addr]`; throws with what is wrong. */
export function parseRigAddress(text: string): RigAddress {
  return parseHostPort(text, 'rig address', DEFAULT_RIGCTLD_PORT);
}

export const formatRigAddress = formatHostPort;
