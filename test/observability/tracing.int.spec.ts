import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { initiativesService } from '../../services/initiatives/src/service';
import { startTracing, stopTracing } from '../../services/kernel/src/observability';
import { eventually, readTopic } from '../support/node';
import { PROPOSE, proposal } from '../initiatives/fixtures';
import { startObservedNode, type ObservedNode } from './support';

const exporter = new InMemorySpanExporter();
let riyadh: ObservedNode;
let hub: ObservedNode;

beforeAll(async () => {
  // before the nodes start, as a process would with OTEL_EXPORTER_OTLP_ENDPOINT set
  startTracing({ exporter, instrument: false });
  [riyadh, hub] = await Promise.all([
    startObservedNode('riyadh', { services: [initiativesService] }),
    startObservedNode('ministry', { services: [initiativesService] }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([riyadh?.stop(), hub?.stop()]);
  await stopTracing();
});

const attr = (s: ReadableSpan, name: string) => s.attributes[name];

function one(spans: ReadableSpan[], what: string, match: (s: ReadableSpan) => boolean): ReadableSpan {
  const found = spans.filter(match);
  if (found.length !== 1) throw new Error(`${found.length} spans for ${what}: ${spans.map((s) => s.name).join(', ')}`);
  return found[0];
}

describe('one trace from a mutation at riyadh to its application at the hub', () => {
  it('shares the trace id across the gateway, the subgraph, the outbox row, the Kafka record and the hub’s consumer', async () => {
    const r = await riyadh.graphql(PROPOSE, { input: proposal() }, await riyadh.token(['editor']));
    expect(r.errors).toBeUndefined();
    const id = r.data!.proposeInitiative.id as string;

    const applied = await eventually(
      async () => exporter.getFinishedSpans().find((s) => attr(s, 'cloudevents.event_subject') === id && attr(s, 'mmhub.node') === 'ministry'),
      30_000,
      'the hub’s span for the event',
    );
    const traceId = applied.spanContext().traceId;
    expect(applied.kind).toBe(SpanKind.CONSUMER);
    expect(applied.name).toBe('process mmhub.initiative.proposed.v1');
    expect(attr(applied, 'mmhub.origin_node')).toBe('riyadh');
    expect(attr(applied, 'messaging.destination.name')).toBe('mmhub.initiatives.v1');

    const spans = exporter.getFinishedSpans();
    const gateway = one(spans, 'the gateway request', (s) => attr(s, 'mmhub.service') === 'gateway' && s.name === 'mutation Propose');
    expect(gateway.spanContext().traceId).toBe(traceId);
    expect(gateway.kind).toBe(SpanKind.SERVER);
    const call = one(spans, 'the subgraph call', (s) => s.name === 'subgraph initiatives' && s.spanContext().traceId === traceId);
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.parentSpanContext?.spanId).toBe(gateway.spanContext().spanId);
    const subgraph = one(
      spans,
      'the subgraph request',
      (s) => attr(s, 'mmhub.node') === 'riyadh' && attr(s, 'mmhub.service') === 'initiatives' && s.name === 'mutation proposeInitiative',
    );
    expect(subgraph.spanContext().traceId).toBe(traceId);
    expect(subgraph.parentSpanContext?.spanId).toBe(call.spanContext().spanId);

    // the event itself carries the context: in the outbox row, then as the ce_traceparent header
    const [row] = await riyadh.sql<{ traceparent: string }>('select traceparent from initiatives.outbox where subject = $1', [id]);
    expect(row.traceparent).toBe(`00-${traceId}-${subgraph.spanContext().spanId}-01`);
    const [record] = await readTopic('mmhub.initiatives.v1', (rs) => rs.length >= 1, { filter: (rec) => rec.headers.ce_subject === id });
    expect(record.headers.ce_traceparent).toBe(row.traceparent);
    expect(applied.parentSpanContext?.spanId).toBe(subgraph.spanContext().spanId);

    // the log lines of the request name the trace too
    const lines = riyadh.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'graphql request' && l.operationType === 'mutation');
    expect(lines.map((l) => [l.service, l.trace_id])).toEqual(
      expect.arrayContaining([
        ['gateway', traceId],
        ['initiatives', traceId],
      ]),
    );
  });
});
