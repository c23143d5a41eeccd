/**
 * The server's counters, in one place: what the status stream reports and what /metrics
 * exposes come from here, so the two always agree. Prometheus types come from prom-client,
 * on a registry of our own (a second server in the same process - the tests - must not clash).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type ConnectionKind = 'websocket' | 'sse' | 'status';
/** Every message a client sends counts, whatever endpoint it arrives on. */
export type MessageKind = 'request' | 'auth' | 'ping' | 'status' | 'http' | 'invalid';

/** The pileup's own figures, read when a status or a scrape asks. */
export interface PileupFigures {
  readonly queueLength: number;
  readonly qsosLogged: number;
}

export class Telemetry {
  readonly registry = new Registry();
  readonly startedAt = new Date();
  /** Connections ever opened, every kind. */
  totalConnections = 0;
  /** Messages ever received, every endpoint. */
  totalRequests = 0;
  private readonly open: Record<ConnectionKind, number> = { websocket: 0, sse: 0, status: 0 };
  /** WebSocket sessions signed in as the operator, open now. */
  private signedIn = 0;
  /** Where the pileup's own figures are read from, once the pileup exists (see countPileup). */
  private figures: PileupFigures = { queueLength: 0, qsosLogged: 0 };

  private readonly connections = new Gauge({
    name: 'pileup_connections',
    help: 'Open connections by kind',
    labelNames: ['kind'],
    registers: [this.registry]
  });
  private readonly connectionsTotal = new Counter({
    name: 'pileup_connections_opened_total',
    help: 'Connections opened since start, by kind',
    labelNames: ['kind'],
    registers: [this.registry]
  });
  private readonly messages = new Counter({
    name: 'pileup_messages_total',
    help: 'Messages received, by message type and operation',
    labelNames: ['type', 'operation'],
    registers: [this.registry]
  });
  private readonly latency = new Histogram({
    name: 'pileup_operation_duration_seconds',
    help: 'Time to run an operation, from validated request to result',
    labelNames: ['operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry]
  });
  private readonly errors = new Counter({
    name: 'pileup_errors_total',
    help: 'Failed replies, by error code',
    labelNames: ['code'],
    registers: [this.registry]
  });
  private readonly fanout = new Histogram({
    name: 'pileup_event_fanout_seconds',
    help: 'Time to hand one event to every connected client',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [this.registry]
  });

  constructor() {
    const figures = () => this.figures;
    new Gauge({
      name: 'pileup_queue_length',
      help: 'Stations waiting in the queue',
      registers: [this.registry],
      collect() {
        this.set(figures().queueLength);
      }
    });
    new Gauge({
      name: 'pileup_qsos_logged',
      help: 'QSOs in the log',
      registers: [this.registry],
      collect() {
        this.set(figures().qsosLogged);
      }
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'pileup_' });
  }

  connectionOpened(kind: ConnectionKind): void {
    this.open[kind]++;
    this.totalConnections++;
    this.connections.set({ kind }, this.open[kind]);
    this.connectionsTotal.inc({ kind });
  }

  connectionClosed(kind: ConnectionKind): void {
    this.open[kind] = Math.max(0, this.open[kind] - 1);
    this.connections.set({ kind }, this.open[kind]);
  }

  openConnections(): Record<ConnectionKind, number> {
    return { ...this.open };
  }

  /**
   * The pileup is opened after telemetry (its event hub reports fan-out times here), so its
   * figures are attached once it exists; until then they read as zero.
   */
  countPileup(figures: PileupFigures): void {
    this.figures = figures;
  }

  operatorSignedIn(): void {
    this.signedIn++;
  }

  operatorSignedOut(): void {
    this.signedIn = Math.max(0, this.signedIn - 1);
  }

  /** Protocol clients connected now (WebSocket and event stream; monitors are counted apart), and how many are signed in. */
  clientConnections(): { total: number; authenticated: number } {
    return { total: this.open.websocket + this.open.sse, authenticated: this.signedIn };
  }

  // Label children are looked up once per label set: prom-client hashes the labels on every call otherwise,
  // and these two run for every message. Both label sets are bounded (known types and operations).
  private readonly messageCounters = new Map<string, { inc(): void }>();
  private readonly latencyHistograms = new Map<string, { observe(value: number): void }>();

  message(type: MessageKind, operation = ''): void {
    this.totalRequests++;
    const key = `${type}|${operation}`;
    let counter = this.messageCounters.get(key);
    if (!counter) this.messageCounters.set(key, (counter = this.messages.labels({ type, operation })));
    counter.inc();
  }

  operation(operation: string, seconds: number): void {
    let histogram = this.latencyHistograms.get(operation);
    if (!histogram) this.latencyHistograms.set(operation, (histogram = this.latency.labels({ operation })));
    histogram.observe(seconds);
  }

  error(code: string): void {
    this.errors.inc({ code });
  }

  eventFanout(seconds: number): void {
    this.fanout.observe(seconds);
  }

  metricsText(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
