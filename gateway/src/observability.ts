import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { Histogram } from 'prom-client';
import { context, trace, SpanKind, SpanStatusCode, ROOT_CONTEXT, type Context, type Span } from '@opentelemetry/api';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  contextOf,
  createRegistry,
  GraphQLRequestMetrics,
  injectTraceparent,
  outcomeOf,
  startTracing,
  tracer,
  tracingActive,
  type Logger,
} from '../../services/kernel/src/observability';
import type { Config } from '../../services/kernel/src/config';
import type { SubgraphSource } from './compose';

export interface GatewayObservability {
  plugin: GatewayPlugin;
  /** Answers GET /metrics and returns true; false for any other request, or when metrics are off. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** A GraphQL request refused before its operation was read (over the rate limit): counted and logged all the same. */
  refused(request: Request, code: string): void;
}

interface RequestState {
  started: number;
  ctx: Context;
  span?: Span;
  graphql: boolean;
  operation?: string;
  /** The operation ran for a verified caller: only then may its name take one of the metrics' places. */
  verified: boolean;
  type: string;
  errors: Array<{ extensions?: Record<string, unknown> }>;
}

type ResultLike = { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> };

const subgraphKey = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
};

/** The operation a document runs: named, else the only one. */
function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops[0];
}

/**
 * The gateway's metrics (requests by operation and outcome, subgraph fetch durations, process),
 * its request span — the parent of every subgraph call, whose `traceparent` it sends along — and
 * one log line per request with the operation, the outcome and the duration: never the query,
 * its variables or the caller's token.
 */
export function gatewayObservability(config: Config, subgraphs: SubgraphSource[], log: Logger): GatewayObservability {
  const tracing = startTracing({ endpoint: config.observability.otlpEndpoint, serviceName: config.observability.serviceName });
  const registry = createRegistry({ node: config.node, service: 'gateway' });
  const requests = new GraphQLRequestMetrics(registry);
  const fetches = new Histogram({
    name: 'mmhub_subgraph_request_duration_seconds',
    help: 'Time from the gateway’s call to a subgraph until its answer is read (an event stream: until its headers), by subgraph and outcome',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const names = new Map(subgraphs.map((s) => [subgraphKey(s.url), s.name]));
  const states = new WeakMap<Request, RequestState>();
  const attributes = { 'mmhub.node': config.node, 'mmhub.service': 'gateway' };

  const begin = (request: Request): RequestState => {
    let state = states.get(request);
    if (state) return state;
    const parent = tracingActive() ? contextOf(Object.fromEntries(request.headers)) : ROOT_CONTEXT;
    const span = tracingActive()
      ? tracer().startSpan('graphql', { kind: SpanKind.SERVER, attributes: { ...attributes, 'http.request.method': request.method } }, parent)
      : undefined;
    state = {
      started: performance.now(),
      ctx: span ? trace.setSpan(parent, span) : parent,
      span,
      graphql: false,
      verified: false,
      type: 'unknown',
      errors: [],
    };
    states.set(request, state);
    return state;
  };

  const named = (state: RequestState, op: OperationDefinitionNode | undefined, name: string | null | undefined, verified: boolean) => {
    if (!op) return;
    state.verified = verified;
    state.type = op.operation;
    state.operation = name ?? op.name?.value ?? state.operation;
    state.span?.updateName(`${state.type} ${state.operation ?? 'anonymous'}`);
    state.span?.setAttributes({ 'graphql.operation.name': state.operation ?? 'anonymous', 'graphql.operation.type': state.type });
  };

  const plugin: GatewayPlugin = {
    // the whole request runs in its span's context, so whatever logs inside carries the trace id; without
    // tracing there is no span, and an instrumented runtime wraps every phase and every subgraph call for nothing
    ...(tracing
      ? { instrumentation: { request: ({ request }, wrapped) => context.with(begin(request).ctx, wrapped) } satisfies GatewayPlugin['instrumentation'] }
      : {}),
    onRequest({ request }) {
      begin(request);
    },
    onParams({ request, params }) {
      const state = begin(request);
      state.graphql = true;
      // a first guess from the text, for requests refused before execution (no token, no permission)
      // the parameters are as the client sent them: not necessarily strings
      const text = typeof params.query === 'string' ? params.query : '';
      const declared = /^(?:\s|#[^\n]*\n)*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/.exec(text);
      state.operation ??= (typeof params.operationName === 'string' ? params.operationName : undefined) ?? declared?.[2];
      if (declared) state.type = declared[1];
      else if (text.trim().startsWith('{')) state.type = 'query';
    },
    onExecute({ args }) {
      const { request, caller } = args.contextValue as { request?: Request; caller?: unknown };
      if (request) named(begin(request), operationOf(args.document, args.operationName), args.operationName, !!caller);
    },
    onSubscribe({ args }) {
      const { request, caller } = args.contextValue as { request?: Request; caller?: unknown };
      if (request) named(begin(request), operationOf(args.document, args.operationName), args.operationName, !!caller);
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (!state) return;
      const results: ResultLike[] = Array.isArray(result) ? result : Symbol.asyncIterator in (result as object) ? [] : [result as ResultLike];
      for (const r of results) state.errors.push(...(r.errors ?? []));
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      states.delete(request);
      if (!state.graphql) {
        state.span?.end();
        return;
      }
      const seen = requests.observe({
        operation: state.operation ?? 'anonymous',
        verified: state.verified,
        type: state.type,
        outcome: outcomeOf(state.errors, response.status),
        seconds: (performance.now() - state.started) / 1000,
      });
      const codes = [...new Set(state.errors.map((e) => String(e.extensions?.code ?? 'NONE')))];
      const sc = state.span?.spanContext();
      if (state.span) {
        state.span.setAttribute('http.response.status_code', response.status);
        if (codes.length) state.span.setAttribute('graphql.error.codes', codes);
        if (seen.outcome === 'server_error') state.span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
        state.span.end();
      }
      log.info(
        {
          operation: seen.operation,
          operationType: state.type,
          outcome: seen.outcome,
          status: response.status,
          ...(codes.length ? { codes } : {}),
          durationMs: Math.round(seen.seconds * 10000) / 10,
          ...(sc ? { trace_id: sc.traceId, span_id: sc.spanId } : {}),
        },
        'graphql request',
      );
    },
    onFetch({ url, context: fetchContext, fetchFn, setFetchFn }) {
      const subgraph = names.get(subgraphKey(url));
      if (!subgraph) return;
      const request = (fetchContext as { request?: Request } | undefined)?.request;
      const parent = (request && states.get(request)?.ctx) || context.active();
      setFetchFn((u, options, ctx, info) => {
        const started = performance.now();
        const span = tracingActive()
          ? tracer().startSpan(
              `subgraph ${subgraph}`,
              { kind: SpanKind.CLIENT, attributes: { ...attributes, 'mmhub.subgraph': subgraph, 'url.full': u } },
              parent,
            )
          : undefined;
        let init = options;
        if (span) {
          const headers: Record<string, string> = { ...(options?.headers ?? {}) };
          injectTraceparent(trace.setSpan(parent, span), headers);
          init = { ...options, headers };
        }
        const done = (outcome: string, status?: number) => {
          fetches.observe({ subgraph, outcome }, (performance.now() - started) / 1000);
          if (span) {
            if (status) span.setAttribute('http.response.status_code', status);
            if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
            span.end();
          }
        };
        return Promise.resolve(span ? context.with(trace.setSpan(parent, span), () => fetchFn(u, init, ctx, info)) : fetchFn(u, init, ctx, info)).then(
          (res) => {
            done(res.ok ? 'ok' : 'http_error', res.status);
            return res;
          },
          (e: unknown) => {
            done('network_error');
            throw e;
          },
        );
      });
    },
  };

  return {
    plugin,
    refused(request, code) {
      const state = begin(request);
      state.graphql = true;
      state.errors.push({ extensions: { code } });
    },
    serve(req, res) {
      if (!config.observability.metrics || req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return false;
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (e: unknown) => {
          log.warn({ err: (e as Error).message }, 'metrics could not be collected');
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('metrics could not be collected\n');
        },
      );
      return true;
    },
  };
}
