/**
 * The server's counters, in one place: what the status stream reports and what /metrics
 * exposes come from here, so the two always agree. Prometheus types come from prom-client,
 * on a registry of our own (a second server in the same process - the tests - must not clash).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type LabelValues, type MetricObjectWithValues, type MetricValueWithName } from 'prom-client';

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
  /** Messages by type, then operation: counted here, read into the counter below when scraped. */
  private readonly messageCounts = new Map<MessageKind, Map<string, number>>();
  private readonly latency = new OperationLatency(this.registry);
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
    const messageCounts = this.messageCounts;
    new Counter({
      name: 'pileup_messages_total',
      help: 'Messages received, by message type and operation',
      labelNames: ['type', 'operation'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [type, byOperation] of messageCounts) for (const [operation, count] of byOperation) this.inc({ type, operation }, count);
      }
    });
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

  // These two run for every message, so they count in plain maps (both label sets are bounded:
  // known types and operations). prom-client hashes and checks the labels on every call: about
  // 4 µs of the 30 µs a `system.ping` cost the server.
  message(type: MessageKind, operation = ''): void {
    this.totalRequests++;
    let byOperation = this.messageCounts.get(type);
    if (!byOperation) this.messageCounts.set(type, (byOperation = new Map()));
    byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
  }

  operation(operation: string, seconds: number): void {
    this.latency.record(operation, seconds);
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

/** Upper bounds of the operation-latency buckets, in seconds. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface LatencySeries {
  /** Observations in each bucket alone (not cumulative); the last is above every bound. */
  counts: number[];
  sum: number;
  count: number;
}

/** prom-client's own reading of a histogram (not in its typings; the registry calls it for /metrics). */
const baseGetForPromString = (Histogram.prototype as unknown as { getForPromString(this: Histogram<'operation'>): Promise<MetricObjectWithValues<MetricValueWithName<'operation'>>> }).getForPromString;

/**
 * The operation-latency histogram, counted in plain arrays per operation and handed to the
 * registry in prom-client's form when /metrics is read (prom-client's own `observe` looks the
 * labels up and checks them on every call).
 */
class OperationLatency extends Histogram<'operation'> {
  private readonly series = new Map<string, LatencySeries>();

  constructor(registry: Registry) {
    super({
      name: 'pileup_operation_duration_seconds',
      help: 'Time to run an operation, from validated request to result',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [registry]
    });
  }

  record(operation: string, seconds: number): void {
    let series = this.series.get(operation);
    if (!series) this.series.set(operation, (series = { counts: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0), sum: 0, count: 0 }));
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]!) bucket++;
    series.counts[bucket]!++;
    series.sum += seconds;
    series.count++;
  }

  override async get(): Promise<MetricObjectWithValues<MetricValueWithName<'operation'>>> {
    // The name, help and type as prom-client gives them (with no observations of its own, no
    // values); the values from the counts kept here. Its text form is read through
    // getForPromString, which its `get` calls in turn, hence the base one called directly.
    const base = await baseGetForPromString.call(this);
    const name = base.name;
    const values: MetricValueWithName<'operation'>[] = [];
    // prom-client's typings leave out the `le` label its histograms carry.
    const labels = (le: number | string, operation: string) => ({ le, operation }) as LabelValues<'operation'>;
    for (const [operation, series] of this.series) {
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((bound, i) => {
        cumulative += series.counts[i]!;
        values.push({ metricName: `${name}_bucket`, labels: labels(bound, operation), value: cumulative });
      });
      values.push({ metricName: `${name}_bucket`, labels: labels('+Inf', operation), value: series.count });
      values.push({ metricName: `${name}_sum`, labels: { operation }, value: series.sum });
      values.push({ metricName: `${name}_count`, labels: { operation }, value: series.count });
    }
    return { ...base, values };
  }

  /** What the registry reads for the text form (prom-client's Histogram has it; it gives the same as `get`). */
  getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<'operation'>>> {
    return this.get();
  }

  override reset(): void {
    super.reset();
    // prom-client's constructor resets the histogram before this class's fields exist.
    (this.series as Map<string, LatencySeries> | undefined)?.clear();
  }
}
