/**
 * The status message of the Hydrogen status interface (seed 003), with every field it lists and
 * the pileup's own figures under `pileup`. Built fresh for every push, from real counters.
 */
import type { StatusDocument } from '../../../shared/protocol/entities.js';
import type { PileupService } from '../pileup/pileup-service.js';
import { processFigures, systemInfo, type SystemInfo } from './process-figures.js';
import type { Telemetry } from './telemetry.js';

export type { StatusDocument };

export interface StatusSources {
  telemetry: Telemetry;
  pileup: PileupService;
  shuttingDown: () => boolean;
}

// uname does not change while we run; read it once.
let cachedSystem: SystemInfo | null = null;

export async function buildStatusDocument({ telemetry, pileup, shuttingDown }: StatusSources): Promise<StatusDocument> {
  const clients = telemetry.openConnections();
  const queue = pileup.getQueue();
  return {
    server_start_time: telemetry.startedAt.toISOString(),
    active_connections: clients.websocket + clients.sse + clients.status,
    total_connections: telemetry.totalConnections,
    total_requests: telemetry.totalRequests,
    system: (cachedSystem ??= systemInfo()),
    status: { running: !shuttingDown(), shutting_down: shuttingDown(), ...processFigures() },
    pileup: {
      on_air: pileup.isActive,
      queue_length: queue.total,
      max_queue_size: queue.max_size,
      qsos_logged: pileup.qsosLogged,
      qsos_last_hour: await pileup.qsosInLastHour(),
      current_qso: pileup.getCurrentQso()?.callsign ?? null,
      clients,
      uptime_seconds: Math.round((Date.now() - telemetry.startedAt.getTime()) / 1000)
    }
  };
}
