/**
 * GET /healthz: liveness (the process answers) and readiness (the datastore folder takes a
 * write, the listeners are up) as JSON; 503 when not ready, so a supervisor can act on it.
 * GET /metrics: the Prometheus text exposition of the telemetry registry.
 */
import { randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Telemetry } from './telemetry.js';

export interface HealthSources {
  dataDir: string;
  listeners: () => Record<string, boolean>;
  shuttingDown: () => boolean;
}

async function datastoreWritable(dataDir: string): Promise<{ ok: boolean; error?: string }> {
  const probe = join(dataDir, `.healthz-${randomUUID()}`);
  try {
    await writeFile(probe, 'ok', { mode: 0o600 });
    await unlink(probe);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}

export async function serveHealth(sources: HealthSources, response: ServerResponse): Promise<void> {
  const datastore = await datastoreWritable(sources.dataDir);
  const listeners = sources.listeners();
  const ready = datastore.ok && Object.values(listeners).every(Boolean) && !sources.shuttingDown();
  const body = JSON.stringify({
    status: ready ? 'ok' : 'unavailable',
    live: true,
    ready,
    shutting_down: sources.shuttingDown(),
    checks: { datastore: { writable: datastore.ok, ...(datastore.error ? { error: datastore.error } : {}) }, listeners }
  });
  response.writeHead(ready ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(body);
}

export async function serveMetrics(telemetry: Telemetry, response: ServerResponse): Promise<void> {
  const text = await telemetry.metricsText();
  response.writeHead(200, { 'Content-Type': telemetry.contentType, 'Cache-Control': 'no-store' });
  response.end(text);
}
