import { context, propagation, trace } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { markTracing } from './trace-context';

export interface TracingOptions {
  /** OTLP/HTTP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** An exporter of the caller's instead, sent each span at once: tests pass an in-memory one. */
  exporter?: SpanExporter;
  /** The resource's service.name (OTEL_SERVICE_NAME); "mmhub" by default. */
  serviceName?: string;
  /** Patch pg for SQL spans (default true); it hooks `require`, so start before the database opens. */
  instrument?: boolean;
}

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry once per process; returns whether tracing is on. Off (and the SDK not even
 * loaded) unless an endpoint or an exporter is given; a second call changes nothing.
 */
export function startTracing(o: TracingOptions): boolean {
  if (sdk) return true;
  if (!o.endpoint && !o.exporter) return false;
  // loaded here, not at import: the SDK takes about a second to load and most processes trace nothing
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { BatchSpanProcessor, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const instrumentations = [];
  if (o.instrument !== false) {
    // the HTTP spans (gateway, subgraph calls, services) are mmhub's own: they work whatever loaded first
    const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
    // only inside a request or an event: not the relay's and the consumers' polling
    instrumentations.push(new PgInstrumentation({ requireParentSpan: true }));
  }
  let processor;
  if (o.exporter) processor = new SimpleSpanProcessor(o.exporter);
  else {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${o.endpoint!.replace(/\/+$/, '')}/v1/traces` }));
  }
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': o.serviceName ?? 'mmhub', 'service.namespace': 'mmhub' }),
    autoDetectResources: false,
    spanProcessors: [processor],
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations,
  });
  sdk.start();
  markTracing(true);
  return true;
}

/** Flushes and stops tracing; the next startTracing starts afresh. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  markTracing(false);
  if (!running) return;
  await running.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}
