import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/config';
import { MINISTRY, SECTOR_NODES } from '../domain/sector';
import type { Logger } from './logger';
import type { EventBus } from '../events/bus';
import type { BusRecord } from '../events/cloudevent';
import type { OutboxRelay, RelayObserver } from '../events/relay';
import { eventTableSizes } from '../events/retention';
import type { ConsumerObserver } from '../events/consumer';
import { createRegistry, GraphQLRequestMetrics, outcomeOf, within } from './metrics';
import { KafkaLagProbe, type ConsumerGroup, type PartitionLag } from './consumer-lag';
import { contextOf, outboxWithoutTraceparent, traceEventBatch, tracer, tracingActive } from './trace-context';

export interface WatchedService {
  orm: MikroORM;
  schema: string;
  relay: OutboxRelay;
  bus: EventBus;
  consumers: ConsumerGroup[];
}

interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

// a scrape answers within this even when the database or the broker does not
const SCRAPE_BUDGET_MS = 2500;

/** One query for all the gauges of a scrape: they collect at once and share it while it runs. */
function shared<T>(fetch: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () =>
    (running ??= fetch().finally(() => {
      running = undefined;
    }));
}

const rootFields = (op: OperationDefinitionNode): string =>
  op.selectionSet.selections
    .filter((s) => s.kind === Kind.FIELD)
    .map((s) => (s.kind === Kind.FIELD ? s.name.value : ''))
    .sort()
    .slice(0, 3)
    .join(',');

/**
 * The metrics, request traces and request log of one service: its own registry (labels node and
 * service), observers for its relay and consumers, and gauges read at scrape time (outbox backlog,
 * database pool, consumer lag from the broker).
 */
export class ServiceTelemetry {
  readonly registry: Registry;
  private readonly requests: GraphQLRequestMetrics;
  private readonly relayPublished: Counter;
  private readonly relayFailures: Counter;
  private readonly relayLastPublish: Gauge;
  private readonly applied: Counter<'consumer' | 'topic' | 'origin_node'>;
  private readonly duplicates: Counter<'consumer' | 'topic'>;
  private readonly deadLettered: Counter<'consumer' | 'topic'>;
  private readonly delay: Histogram<'consumer' | 'origin_node'>;
  private readonly originLastEvent: Gauge<'topic' | 'origin_node'>;
  private readonly originLastApplied: Gauge<'topic' | 'origin_node'>;
  private readonly newestEvent = new Map<string, number>();
  private readonly closers: Array<() => Promise<void>> = [];

  constructor(private readonly s: { config: Config; service: string; log: Logger }) {
    const registry = (this.registry = createRegistry({ node: s.config.node, service: s.service }));
    this.requests = new GraphQLRequestMetrics(registry);
    this.relayPublished = new Counter({ name: 'mmhub_relay_published_total', help: 'Outbox events the relay published to the bus', registers: [registry] });
    this.relayFailures = new Counter({
      name: 'mmhub_relay_publish_failures_total',
      help: 'Relay attempts that failed (bus or database unreachable); the rows stay for the next try',
      registers: [registry],
    });
    this.relayLastPublish = new Gauge({
      name: 'mmhub_relay_last_publish_timestamp_seconds',
      help: 'When the relay last published a batch (Unix time)',
      registers: [registry],
    });
    const byConsumer = ['consumer', 'topic'] as const;
    this.applied = new Counter({
      name: 'mmhub_consumer_events_applied_total',
      help: 'Events applied for the first time, by consumer, topic and the node they came from',
      labelNames: [...byConsumer, 'origin_node'],
      registers: [registry],
    });
    this.duplicates = new Counter({
      name: 'mmhub_consumer_duplicates_total',
      help: 'Events skipped because the inbox had them already',
      labelNames: byConsumer,
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'mmhub_consumer_dead_lettered_total',
      help: 'Records sent to the dead-letter topic (undecodable or not applicable)',
      labelNames: byConsumer,
      registers: [registry],
    });
    this.delay = new Histogram({
      name: 'mmhub_consumer_event_delay_seconds',
      help: 'From the change at its origin node (the event time) to its application here',
      labelNames: ['consumer', 'origin_node'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    });
    this.originLastEvent = new Gauge({
      name: 'mmhub_origin_last_event_timestamp_seconds',
      help: 'Time of the newest event applied from each origin node (Unix time): its freshness',
      labelNames: ['topic', 'origin_node'],
      registers: [registry],
    });
    this.originLastApplied = new Gauge({
      name: 'mmhub_origin_last_applied_timestamp_seconds',
      help: 'When an event from each origin node was last applied here (Unix time)',
      labelNames: ['topic', 'origin_node'],
      registers: [registry],
    });
  }

  relayObserver(): RelayObserver {
    return {
      published: (count) => {
        this.relayPublished.inc(count);
        this.relayLastPublish.setToCurrentTime();
      },
      failed: () => this.relayFailures.inc(),
    };
  }

  consumerObserver(consumer: string, topics: readonly string[]): ConsumerObserver {
    const where = { node: this.s.config.node, service: this.s.service, consumer };
    // every series there from the start at 0: a series that first appears at 1 has no increase, and its alert never fires
    const config = this.s.config;
    const origins = config.role === 'hub' ? SECTOR_NODES.map((n) => n.code) : [...new Set([config.node, MINISTRY])];
    for (const topic of topics) {
      this.duplicates.inc({ consumer, topic }, 0);
      this.deadLettered.inc({ consumer, topic }, 0);
      for (const origin of origins) this.applied.inc({ consumer, topic, origin_node: origin }, 0);
    }
    return {
      around: (topic, events, work) => traceEventBatch({ ...where, topic }, events, work),
      applied: (topic, fresh, duplicates) => {
        if (duplicates) this.duplicates.inc({ consumer, topic }, duplicates);
        const now = Date.now();
        const byOrigin = new Map<string, { count: number; newest: number }>();
        for (const e of fresh) {
          const at = Date.parse(e.time);
          this.delay.observe({ consumer, origin_node: e.node }, Math.max(0, (now - at) / 1000));
          const o = byOrigin.get(e.node) ?? { count: 0, newest: 0 };
          o.count++;
          o.newest = Math.max(o.newest, at);
          byOrigin.set(e.node, o);
        }
        for (const [origin, { count, newest: at }] of byOrigin) {
          this.applied.inc({ consumer, topic, origin_node: origin }, count);
          const labels = { topic, origin_node: origin };
          const key = `${topic} ${origin}`;
          // a late, older event must not make a node look staler than it is
          const latest = Math.max(this.newestEvent.get(key) ?? 0, at);
          this.newestEvent.set(key, latest);
          this.originLastEvent.set(labels, latest / 1000);
          this.originLastApplied.set(labels, now / 1000);
        }
      },
      deadLettered: (records: BusRecord[]) => {
        for (const r of records) this.deadLettered.inc({ consumer, topic: r.headers.dlq_topic ?? 'unknown' });
      },
    };
  }

  /** With tracing on, an outbox whose traceparent column is not there yet makes events go without it rather than fail. */
  async checkOutbox(orm: MikroORM, schema: string): Promise<void> {
    if (!tracingActive()) return;
    const found = await orm.em
      .getConnection()
      .execute(`select 1 from information_schema.columns where table_schema = ? and table_name = 'outbox' and column_name = 'traceparent'`, [schema]);
    if (found.length) return;
    outboxWithoutTraceparent(this.s.service);
    this.s.log.warn({ schema }, 'the outbox has no traceparent column (a migration to run): this service’s events will not carry the trace context');
  }

  /** Registers the gauges read at scrape time. */
  watch(w: WatchedService): void {
    const registry = this.registry;
    const log = this.s.log;

    const backlog = shared(() => within(w.relay.backlog(), SCRAPE_BUDGET_MS, null));
    new Gauge({
      name: 'mmhub_outbox_backlog',
      help: 'Outbox rows committed but not yet published to the bus',
      registers: [registry],
      async collect() {
        const b = await backlog();
        if (b) this.set(b.pending);
      },
    });
    new Gauge({
      name: 'mmhub_outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none wait)',
      registers: [registry],
      async collect() {
        const b = await backlog();
        if (b) this.set(b.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'mmhub_database_up',
      help: 'Whether the service’s database answered at this scrape (1) or not (0); the outbox gauges keep their last value meanwhile',
      registers: [registry],
      async collect() {
        this.set((await backlog()) ? 1 : 0);
      },
    });

    const sizes = shared(() => within(eventTableSizes(w.orm, w.schema), SCRAPE_BUDGET_MS, null));
    new Gauge({
      name: 'mmhub_event_table_bytes',
      help: 'Size on disk of the outbox, the journal and the inbox, with their indexes',
      labelNames: ['table'],
      registers: [registry],
      async collect() {
        for (const t of (await sizes()) ?? []) this.set({ table: t.table }, t.bytes);
      },
    });
    new Gauge({
      name: 'mmhub_event_table_rows',
      help: 'Rows of the outbox, the journal and the inbox, as PostgreSQL last estimated them (autovacuum keeps it close)',
      labelNames: ['table'],
      registers: [registry],
      async collect() {
        for (const t of (await sizes()) ?? []) this.set({ table: t.table }, t.rows);
      },
    });

    const pool = () => (w.orm.em.getKnex().client as { pool?: TarnPool }).pool;
    new Gauge({
      name: 'mmhub_db_pool_connections',
      help: 'Database pool connections: used, free, and requests waiting for one (pending)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'used' }, p.numUsed());
        this.set({ state: 'free' }, p.numFree());
        this.set({ state: 'pending' }, p.numPendingAcquires() + p.numPendingCreates());
      },
    });
    new Gauge({
      name: 'mmhub_db_pool_max',
      help: 'Largest number of connections the pool opens',
      registers: [registry],
      collect() {
        const p = pool();
        if (p) this.set(p.max);
      },
    });

    const probe =
      w.bus.kind === 'kafka'
        ? new KafkaLagProbe(this.s.config.kafka.brokers, `${this.s.config.kafka.clientId}-${this.s.config.node}-${this.s.service}-metrics`, w.consumers)
        : null;
    if (probe) this.closers.push(() => probe.close());
    const lags = shared(async (): Promise<PartitionLag[] | null> => {
      if (!probe) return (await within(w.bus.reachable(), SCRAPE_BUDGET_MS, false)) ? [] : null;
      return within(probe.lag(), SCRAPE_BUDGET_MS, null);
    });
    new Gauge({
      name: 'mmhub_bus_up',
      help: 'Whether the event bus answered at this scrape (1) or not (0)',
      registers: [registry],
      async collect() {
        this.set((await lags()) ? 1 : 0);
      },
    });
    if (probe && w.consumers.length) {
      new Gauge({
        name: 'mmhub_consumer_lag',
        help: 'Records on each partition that the consumer group has not committed yet (absent while the broker is unreachable)',
        labelNames: ['consumer', 'topic', 'partition'],
        registers: [registry],
        async collect() {
          const found = await lags();
          this.reset();
          for (const l of found ?? []) this.set({ consumer: l.consumer, topic: l.topic, partition: String(l.partition) }, l.lag);
        },
      });
    }
    log.debug({ consumers: w.consumers.map((c) => c.name) }, 'metrics ready');
  }

  /** Counts and times each GraphQL request, names its span, and writes one log line for it. */
  apolloPlugin(): ApolloServerPlugin {
    const requests = this.requests;
    const log = this.s.log;
    return {
      async requestDidStart({ request }) {
        const started = performance.now();
        const span = tracingActive() ? trace.getActiveSpan() : undefined;
        let operation = request.operationName ?? undefined;
        let type = 'unknown';
        return {
          async didResolveOperation({ operation: op, operationName }) {
            if (!op) return;
            type = op.operation;
            operation = operationName ?? (rootFields(op) || undefined);
            span?.updateName(`${type} ${operation ?? 'anonymous'}`);
            span?.setAttributes({ 'graphql.operation.name': operation ?? 'anonymous', 'graphql.operation.type': type });
          },
          async willSendResponse({ response, contextValue }) {
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            const seen = requests.observe({
              operation: operation ?? 'anonymous',
              // a caller without a token (anonymous reading) names no operation of its own into the metrics
              verified: Boolean((contextValue as { caller?: unknown } | undefined)?.caller),
              type,
              outcome: outcomeOf(errors, response.http.status ?? 200),
              seconds: (performance.now() - started) / 1000,
            });
            const codes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'NONE')))];
            if (seen.outcome !== 'ok') span?.setAttribute('graphql.error.codes', codes);
            if (seen.outcome === 'server_error') span?.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
            log.info(
              {
                operation: seen.operation,
                operationType: type,
                outcome: seen.outcome,
                ...(codes.length ? { codes } : {}),
                durationMs: Math.round(seen.seconds * 10000) / 10,
              },
              'graphql request',
            );
          },
        };
      },
    };
  }

  /**
   * A span for each request to /graphql, the child of the gateway's (the `traceparent` header), active
   * while the request runs: the outbox rows it records carry it. Mounted after the body parser, whose
   * stream callbacks would lose the context.
   */
  traceRequests(): RequestHandler {
    const attributes = { 'mmhub.node': this.s.config.node, 'mmhub.service': this.s.service, 'http.route': '/graphql' };
    return (req, res, next) => {
      if (!tracingActive()) return next();
      const active = context.active();
      const inServerSpan = Boolean(trace.getSpan(active));
      const parent = inServerSpan ? active : contextOf(req.headers);
      const span = tracer().startSpan('graphql', { kind: inServerSpan ? SpanKind.INTERNAL : SpanKind.SERVER, attributes }, parent);
      res.once('finish', () => {
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      context.with(trace.setSpan(parent, span), next);
    };
  }

  metricsRoute(): RequestHandler {
    return async (_req, res) => {
      const text = await this.registry.metrics();
      res.set('content-type', this.registry.contentType).send(text);
    };
  }

  async close(): Promise<void> {
    for (const close of this.closers) await close().catch(() => undefined);
    this.registry.clear();
  }
}
