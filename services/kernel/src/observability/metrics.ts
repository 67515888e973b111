import { collectDefaultMetrics, Counter, Histogram, Registry, type Metric } from 'prom-client';

/**
 * One registry per endpoint — each service and the gateway — labelled with its node and service, so
 * when several services share a process (`mmhub serve`, `npm start`) each /metrics shows its own
 * values. The process metrics are collected once per process and appear in every registry of it.
 */
let processRegistry: Registry | undefined;

export function createRegistry(labels: { node: string; service: string }): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  for (const metric of processRegistry.getMetricsAsArray()) registry.registerMetric(metric as unknown as Metric);
  return registry;
}

/** ok; client_error (a refusal: bad input, no permission, a conflict); server_error (ours to fix). */
export type Outcome = 'ok' | 'client_error' | 'server_error';

const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR', 'SUBREQUEST_HTTP_ERROR']);

/** The outcome of a GraphQL response from its errors' codes and its HTTP status. */
export function outcomeOf(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined, status = 200): Outcome {
  if (status >= 500) return 'server_error';
  if (errors?.length) {
    const codes = errors.map((e) => String(e.extensions?.code ?? ''));
    return codes.some((c) => !c || SERVER_CODES.has(c)) ? 'server_error' : 'client_error';
  }
  return status >= 400 ? 'client_error' : 'ok';
}

/**
 * Operation names come from clients: past `max` distinct ones, the rest count as "other". A name takes a
 * place only when `admit` says its operation ran for a verified caller: any other request (no token, over
 * a limit, not valid) keeps a name already admitted and counts as "other" otherwise, so anonymous callers
 * cannot use the places up.
 */
export class OperationNames {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 200) {}

  label(name: string | null | undefined, admit = true): string {
    const n = (name ?? '').trim().slice(0, 100) || 'anonymous';
    if (this.seen.has(n) || n === 'anonymous') return n;
    if (!admit || this.seen.size >= this.max) return 'other';
    this.seen.add(n);
    return n;
  }
}

export interface RequestObservation {
  operation: string;
  /** Whether the operation ran for a verified caller; a name not admitted so before counts as "other" otherwise. */
  verified?: boolean;
  type: string;
  outcome: Outcome;
  seconds: number;
}

/** GraphQL requests by operation, type and outcome: a count and a duration histogram. */
export class GraphQLRequestMetrics {
  private readonly names = new OperationNames();
  private readonly total: Counter<'operation' | 'type' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'type' | 'outcome'>;

  constructor(registry: Registry) {
    const labelNames = ['operation', 'type', 'outcome'] as const;
    this.total = new Counter({
      name: 'mmhub_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name, operation type and outcome',
      labelNames,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'mmhub_graphql_request_duration_seconds',
      help: 'Time to answer a GraphQL request, by operation name, operation type and outcome',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** Records one request; returns the labels used (the operation name as counted). */
  observe(o: RequestObservation): RequestObservation {
    const labels = { operation: this.names.label(o.operation, o.verified ?? true), type: o.type || 'unknown', outcome: o.outcome };
    this.total.inc(labels);
    this.duration.observe(labels, o.seconds);
    return { ...o, ...labels };
  }
}

/** Resolves to `fallback` when `p` takes longer than `ms`: a scrape must answer even when a dependency hangs. */
export function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.catch(() => fallback),
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
