import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  trace,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { CloudEvent } from '../events/cloudevent';

// W3C trace context whatever propagators the SDK was given: the traceparent in events is W3C by contract
const w3c = new W3CTraceContextPropagator();
let tracing = false;

/** Set by startTracing; when false no span is made, so the off-by-default path costs nothing. */
export function markTracing(on: boolean): void {
  tracing = on;
}

export const tracingActive = (): boolean => tracing;

export const tracer = (): Tracer => trace.getTracer('mmhub');

const outboxesWithout = new Set<string>();

/** Marks a service whose outbox has no traceparent column yet (its migration not run): its events go without. */
export function outboxWithoutTraceparent(service: string): void {
  outboxesWithout.add(service);
}

/** The trace context to store with an event of `service`, when tracing and its outbox can keep it. */
export function traceparentForOutbox(service: string): string | undefined {
  return tracing && !outboxesWithout.has(service) ? currentTraceparent() : undefined;
}

/** The active span as a W3C `traceparent`, for an outbox row or a header; undefined when not tracing. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const sc = trace.getSpanContext(ctx);
  if (!sc || !isSpanContextValid(sc)) return undefined;
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier.traceparent;
}

/** The context a remote `traceparent` (an event's, a request's) describes; the root context when absent or malformed. */
export function contextOf(carrier: Record<string, string | string[] | undefined> | undefined): Context {
  if (!carrier?.traceparent) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/** Adds the active span's context to outgoing headers. */
export function injectTraceparent(ctx: Context, headers: Record<string, string>): void {
  w3c.inject(ctx, headers, defaultTextMapSetter);
}

/** Fields pino adds to every line written while a span is active. */
export function traceFields(): Record<string, string> {
  const sc = trace.getActiveSpan()?.spanContext();
  return sc && isSpanContextValid(sc) ? { trace_id: sc.traceId, span_id: sc.spanId } : {};
}

/**
 * Runs a consumer's batch transaction with a span per traced event, each the child of the span that
 * recorded the event at its origin node, so both sides share one trace id. One such event: the work
 * runs inside its span (its SQL joins the trace); several: inside a batch span linked to them.
 * Events without a trace context (heartbeats, a node that does not trace) make no span.
 */
export async function traceEventBatch<T>(
  where: { node: string; service: string; consumer: string; topic: string },
  events: CloudEvent[],
  work: () => Promise<T>,
): Promise<T> {
  const traced = tracing ? events.filter((e) => e.traceparent) : [];
  if (!traced.length) return work();
  const t = tracer();
  const common = {
    'messaging.system': 'kafka',
    'messaging.destination.name': where.topic,
    'messaging.operation.type': 'process',
    'messaging.consumer.group.name': where.consumer,
    'mmhub.node': where.node,
    'mmhub.service': where.service,
  };
  const spans: Span[] = traced.map((e) =>
    t.startSpan(
      `process ${e.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...common,
          'messaging.message.id': e.id,
          'cloudevents.event_id': e.id,
          'cloudevents.event_type': e.type,
          'cloudevents.event_subject': e.subject,
          'cloudevents.event_source': e.source,
          'mmhub.origin_node': e.node,
          'mmhub.aggregate_version': e.aggregateVersion,
        },
      },
      contextOf({ traceparent: e.traceparent }),
    ),
  );
  let scope: Span;
  if (spans.length === 1) scope = spans[0];
  else {
    const links: Link[] = spans.map((s) => ({ context: s.spanContext() }));
    scope = t.startSpan(
      `process ${where.topic}`,
      { kind: SpanKind.CONSUMER, links, attributes: { ...common, 'messaging.batch.message_count': events.length } },
      ROOT_CONTEXT,
    );
    spans.push(scope);
  }
  try {
    return await context.with(trace.setSpan(ROOT_CONTEXT, scope), work);
  } catch (e) {
    for (const s of spans) {
      s.recordException(e as Error);
      s.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
    }
    throw e;
  } finally {
    for (const s of spans) s.end();
  }
}
