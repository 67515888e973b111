import { Kafka, logLevel, type Producer } from 'kafkajs';
import { initiativesService } from '../../services/initiatives/src/service';
import { proposeInitiative } from '../../services/initiatives/src/initiative/initiative';
import { Axis, newId } from '../../services/kernel/src/domain';
import { samplesOf, sumOf, type Exposition } from '../../services/kernel/src/observability';
import { sourceOf, toRecord, type CloudEvent } from '../../services/kernel/src/events';
import { eventually, kafkaBrokers } from '../support/node';
import { PROPOSE, code, proposal } from '../initiatives/fixtures';
import { growth, startObservedNode, type ObservedNode } from './support';

const TOPIC = 'mmhub.initiatives.v1';
let riyadh: ObservedNode;
let hub: ObservedNode;
let producer: Producer;

beforeAll(async () => {
  [riyadh, hub] = await Promise.all([
    startObservedNode('riyadh', { services: [initiativesService] }),
    startObservedNode('ministry', { services: [initiativesService] }),
  ]);
  producer = new Kafka({ clientId: 'test-producer', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await Promise.all([riyadh?.stop(), hub?.stop()]);
});

const lagOf = (m: Exposition) => sumOf(m, 'mmhub_consumer_lag', { consumer: 'replicas', topic: TOPIC });

/** A riyadh initiative's first event, as riyadh's relay would publish it. */
function riyadhEvent(): CloudEvent {
  const proposed = proposeInitiative(
    { code: code('RUH'), titleAr: 'مبادرة من الرياض', axis: Axis.INFRASTRUCTURE, plannedStart: '2026-01-01', plannedEnd: '2026-06-30' },
    null,
    { id: newId(), node: 'riyadh', by: 'riyadh-editor', now: new Date() },
  );
  return {
    id: newId(),
    source: sourceOf('riyadh', 'initiatives'),
    type: proposed.type,
    subject: proposed.subject,
    time: new Date().toISOString(),
    node: 'riyadh',
    aggregateVersion: proposed.aggregateVersion,
    data: proposed.data,
  };
}

describe('/metrics', () => {
  it('is Prometheus text on the gateway and on each service, every sample labelled with its own node and service', async () => {
    for (const [n, target] of [
      [riyadh, 'gateway'],
      [riyadh, 'initiatives'],
      [hub, 'initiatives'],
    ] as const) {
      const m = await n.metrics(target);
      expect(m.samples.length).toBeGreaterThan(30);
      for (const s of m.samples) expect(s.labels).toMatchObject({ node: n.node, service: target });
      // process metrics, once per process, in every registry of it
      expect(sumOf(m, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(sumOf(m, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
      expect(m.types.get('mmhub_graphql_request_duration_seconds')).toBe('histogram');
    }
    const service = await riyadh.metrics('initiatives');
    expect(sumOf(service, 'mmhub_database_up')).toBe(1);
    expect(sumOf(service, 'mmhub_bus_up')).toBe(1);
    expect(sumOf(service, 'mmhub_db_pool_max')).toBe(10);
    for (const state of ['used', 'free', 'pending']) expect(samplesOf(service, 'mmhub_db_pool_connections', { state })).toHaveLength(1);
    expect(service.types.get('mmhub_consumer_lag')).toBe('gauge');
    expect((await riyadh.metrics('gateway')).types.get('mmhub_subgraph_request_duration_seconds')).toBe('histogram');
  });

  it('has every consumer’s counters from the start, so that an alarm fires on their first increment', async () => {
    for (const n of [riyadh, hub]) {
      const m = await n.metrics('initiatives');
      for (const c of initiativesService.consumers ?? []) {
        for (const topic of c.topics) {
          for (const counter of ['mmhub_consumer_dead_lettered_total', 'mmhub_consumer_duplicates_total'])
            expect(samplesOf(m, counter, { consumer: c.name, topic })).toHaveLength(1);
          expect(samplesOf(m, 'mmhub_consumer_events_applied_total', { consumer: c.name, topic, origin_node: 'ministry' })).toHaveLength(1);
        }
      }
    }
    // the hub takes in every node's events: a series for each from the start
    expect(samplesOf(await hub.metrics('initiatives'), 'mmhub_consumer_events_applied_total', { origin_node: 'hafr-albatin' }).length).toBeGreaterThan(0);
  });

  it('moves with a mutation at riyadh: requests and subgraph calls at its gateway, requests and the relay at its service, the consumer at the hub', async () => {
    const before = { gateway: await riyadh.metrics('gateway'), service: await riyadh.metrics('initiatives'), hub: await hub.metrics('initiatives') };
    const started = Date.now();
    const r = await riyadh.graphql(PROPOSE, { input: proposal() }, await riyadh.token(['editor']));
    expect(r.errors).toBeUndefined();

    const gateway = await riyadh.metrics('gateway');
    expect(growth(gateway, before.gateway, 'mmhub_graphql_requests_total', { operation: 'Propose', type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(growth(gateway, before.gateway, 'mmhub_graphql_request_duration_seconds_count', { operation: 'Propose', type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(growth(gateway, before.gateway, 'mmhub_graphql_request_duration_seconds_sum', { operation: 'Propose' })).toBeGreaterThan(0);
    expect(growth(gateway, before.gateway, 'mmhub_subgraph_request_duration_seconds_count', { subgraph: 'initiatives', outcome: 'ok' })).toBeGreaterThanOrEqual(
      1,
    );

    const service = await eventually(
      async () => {
        const m = await riyadh.metrics('initiatives');
        return growth(m, before.service, 'mmhub_relay_published_total') >= 1 && sumOf(m, 'mmhub_outbox_backlog') === 0 ? m : undefined;
      },
      20_000,
      'the event published by riyadh',
    );
    expect(growth(service, before.service, 'mmhub_graphql_requests_total', { type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(sumOf(service, 'mmhub_outbox_oldest_age_seconds')).toBe(0);
    expect(growth(service, before.service, 'mmhub_relay_publish_failures_total')).toBe(0);
    expect(sumOf(service, 'mmhub_relay_last_publish_timestamp_seconds')).toBeGreaterThanOrEqual(Math.floor(started / 1000));

    const atHub = await eventually(
      async () => {
        const m = await hub.metrics('initiatives');
        return (sumOf(m, 'mmhub_origin_last_event_timestamp_seconds', { origin_node: 'riyadh', topic: TOPIC }) ?? 0) * 1000 >= started - 1000 ? m : undefined;
      },
      30_000,
      'riyadh’s event applied at the hub',
    );
    expect(
      growth(atHub, before.hub, 'mmhub_consumer_events_applied_total', { consumer: 'replicas', topic: TOPIC, origin_node: 'riyadh' }),
    ).toBeGreaterThanOrEqual(1);
    expect(growth(atHub, before.hub, 'mmhub_consumer_event_delay_seconds_count', { consumer: 'replicas', origin_node: 'riyadh' })).toBeGreaterThanOrEqual(1);
    expect(sumOf(atHub, 'mmhub_origin_last_applied_timestamp_seconds', { origin_node: 'riyadh', topic: TOPIC })! * 1000).toBeGreaterThanOrEqual(started - 1000);
    const partitions = samplesOf(atHub, 'mmhub_consumer_lag', { consumer: 'replicas', topic: TOPIC });
    expect(partitions.length).toBeGreaterThanOrEqual(1);
    for (const p of partitions) {
      expect(p.labels.partition).toMatch(/^\d+$/);
      expect(p.value).toBeGreaterThanOrEqual(0);
    }
  });

  it('labels requests by operation name only for operations run for a verified caller: others cannot use up the names', async () => {
    const names = (m: Exposition) => new Set(samplesOf(m, 'mmhub_graphql_requests_total').map((x) => x.labels.operation));
    const viewer = await riyadh.token(['viewer']);
    const refused = [
      // no token, a token that is no token, a document that does not validate, a mutation of a role the caller lacks
      await riyadh.graphql('query ProbeNoToken { initiatives(first: 1) { totalCount } }'),
      await riyadh.graphql('query ProbeBadToken { initiatives(first: 1) { totalCount } }', {}, 'not-a-jwt'),
      await riyadh.graphql('query ProbeInvalid { initiatives(first: 1) { noSuchField } }', {}, viewer),
      await riyadh.graphql('mutation ProbeForbidden { defineIntegrationCriterion(input: { nameAr: "معيار", weight: 1 }) { id } }', {}, viewer),
    ];
    expect(refused.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'FORBIDDEN']);
    const ran = await riyadh.graphql('query CountedByName { initiatives(first: 1) { totalCount } }', {}, viewer);
    expect(ran.errors).toBeUndefined();

    const seen = names(await riyadh.metrics('gateway'));
    expect([...seen].filter((n) => n?.startsWith('Probe'))).toEqual([]);
    expect(seen.has('CountedByName')).toBe(true);
    expect(seen.has('other')).toBe(true);
    // a name admitted once keeps its label when a later request of it is refused
    await riyadh.graphql('query CountedByName { initiatives(first: 1) { totalCount } }');
    const after = await riyadh.metrics('gateway');
    expect(sumOf(after, 'mmhub_graphql_requests_total', { operation: 'CountedByName', outcome: 'client_error' })).toBe(1);
  });

  it('names no operation of a caller without a token, where anonymous reading lets it run', async () => {
    const open = await startObservedNode('jeddah', { services: [initiativesService], env: { MMHUB_ALLOW_ANONYMOUS_READ: 'true' } });
    try {
      const ran = await open.graphql('query ProbeAnonymousRead { initiatives(first: 1) { totalCount } }');
      expect(ran.errors).toBeUndefined();
      for (const target of ['gateway', 'initiatives']) {
        const operations = samplesOf(await open.metrics(target), 'mmhub_graphql_requests_total').map((x) => x.labels.operation);
        expect({ target, named: operations.some((o) => o?.includes('ProbeAnonymousRead')), other: operations.includes('other') }).toEqual({
          target,
          named: false,
          other: true,
        });
      }
    } finally {
      await open.stop();
    }
  }, 120_000);

  it('asks no service when a read comes without a token', async () => {
    const calls = (m: Exposition) => sumOf(m, 'mmhub_subgraph_request_duration_seconds_count') ?? 0;
    const before = calls(await riyadh.metrics('gateway'));
    const r = await riyadh.graphql('query Anonymous { initiatives(first: 1) { totalCount } }');
    expect(r.status).toBe(401);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(calls(await riyadh.metrics('gateway'))).toBe(before);
    // the same read with a token is one call
    expect((await riyadh.graphql('query Anonymous { initiatives(first: 1) { totalCount } }', {}, await riyadh.token(['viewer']))).errors).toBeUndefined();
    expect(calls(await riyadh.metrics('gateway'))).toBe(before + 1);
  });

  it('counts duplicates and dead letters at the hub', async () => {
    const before = await hub.metrics('initiatives');
    const e = riyadhEvent();
    const record = toRecord(TOPIC, e);
    const message = { key: record.key, value: record.value, headers: record.headers };
    await producer.send({
      topic: TOPIC,
      messages: [message, message, { key: newId(), value: '{"not": "an event"}', headers: { 'content-type': 'application/json' } }],
    });
    await eventually(
      async () => {
        const m = await hub.metrics('initiatives');
        return growth(m, before, 'mmhub_consumer_duplicates_total', { consumer: 'replicas', topic: TOPIC }) >= 1 &&
          growth(m, before, 'mmhub_consumer_dead_lettered_total', { consumer: 'replicas', topic: TOPIC }) >= 1
          ? m
          : undefined;
      },
      30_000,
      'duplicate and dead letter counted',
    );
  });

  it('shows the lag growing while the hub’s consumer is stopped and back to zero once it runs again', async () => {
    const consumer = hub.running.services[0].consumers[0];
    await eventually(async () => (lagOf(await hub.metrics('initiatives')) === 0 ? true : undefined), 30_000, 'the hub caught up');
    await consumer.stop();
    try {
      const events = Array.from({ length: 5 }, riyadhEvent).map((e) => toRecord(TOPIC, e));
      await producer.send({ topic: TOPIC, messages: events.map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });
      const stalled = await eventually(
        async () => {
          const lag = lagOf(await hub.metrics('initiatives')) ?? 0;
          return lag >= 5 ? lag : undefined;
        },
        10_000,
        'lag of the stopped consumer',
      );
      expect(stalled).toBeGreaterThanOrEqual(5);
    } finally {
      await consumer.start();
    }
    await eventually(async () => (lagOf(await hub.metrics('initiatives')) === 0 ? true : undefined), 30_000, 'the lag back to zero');
  });
});
