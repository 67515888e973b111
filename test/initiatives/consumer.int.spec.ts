import { Kafka, logLevel, type Producer } from 'kafkajs';
import { initiativesService } from '../../services/initiatives/src/service';
import { proposeInitiative, updateInitiative } from '../../services/initiatives/src/initiative/initiative';
import { Axis, newId } from '../../services/kernel/src/domain';
import { sourceOf, toRecord, type CloudEvent } from '../../services/kernel/src/events';
import { eventually, kafkaBrokers, readTopic, startTestService, type TestNode } from '../support/node';
import { code } from './fixtures';

const TOPIC = 'mmhub.initiatives.v1';
let hub: TestNode;
let producer: Producer;

beforeAll(async () => {
  hub = await startTestService(initiativesService, { node: 'ministry' });
  producer = new Kafka({ clientId: 'test-producer', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await hub?.stop();
});

/** A riyadh initiative at versions 1 and 2, as riyadh's service would publish them. */
function riyadhEvents() {
  const now = new Date();
  const proposed = proposeInitiative(
    { code: code('RUH'), titleAr: 'مبادرة من الرياض', axis: Axis.INFRASTRUCTURE, plannedStart: '2026-01-01', plannedEnd: '2026-06-30' },
    null,
    { id: newId(), node: 'riyadh', by: 'riyadh-editor', now },
  );
  const updated = updateInitiative(proposed.data.state, { titleEn: 'From Riyadh' }, null, { by: 'riyadh-editor', now });
  const envelope = (e: typeof proposed): CloudEvent => ({
    id: newId(),
    source: sourceOf('riyadh', 'initiatives'),
    type: e.type,
    subject: e.subject,
    time: now.toISOString(),
    node: 'riyadh',
    aggregateVersion: e.aggregateVersion,
    data: e.data,
  });
  return { v1: envelope(proposed), v2: envelope(updated), id: proposed.subject };
}

const send = (records: ReturnType<typeof toRecord>[]) =>
  producer.send({ topic: TOPIC, messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });

const replica = async (id: string) =>
  (
    await hub.sql<{ version: number; title_en: string | null; node: string }>('select version, title_en, node from initiatives.initiative where id = $1', [id])
  )[0];

describe('the hub applying riyadh’s events', () => {
  it('applies the same event delivered twice once', async () => {
    const { v1, id } = riyadhEvents();
    await send([toRecord(TOPIC, v1), toRecord(TOPIC, v1)]);
    await eventually(async () => (await replica(id)) ?? undefined, 20_000, 'replica created');
    const inbox = await hub.sql<{ n: number }>("select count(*)::int as n from initiatives.inbox where event_id = $1 and consumer like '%.replicas'", [v1.id]);
    expect(inbox[0].n).toBe(1);
    expect(await replica(id)).toEqual({ version: 1, title_en: null, node: 'riyadh' });
    const consumer = hub.service.consumers[0];
    await eventually(async () => (consumer.stats.duplicates >= 1 ? true : undefined), 10_000, 'duplicate counted');
  });

  it('sends an event its schema refuses to the DLQ with the validation errors, and applies the record after it in the partition', async () => {
    // the bad and the good record of one initiative: one key, so one partition, the bad one first
    const { v1: good, id } = riyadhEvents();
    const data = good.data as { state: Record<string, unknown> };
    const bad: CloudEvent = { ...good, id: newId(), data: { ...data, state: { ...data.state, status: 'LOST', titleAr: undefined } } };
    const [sent] = await send([toRecord(TOPIC, bad), toRecord(TOPIC, good)]);
    await eventually(async () => (await replica(id)) ?? undefined, 20_000, 'the record after the invalid one applied');
    expect(await replica(id)).toEqual({ version: 1, title_en: null, node: 'riyadh' });
    const consumer = hub.service.consumers[0].name;
    const [applied] = await hub.sql<{ event_id: string; applied_at: Date }>(
      'select event_id, applied_at from initiatives.inbox where consumer = $1 and event_id = any($2)',
      [consumer, [bad.id, good.id]],
    );
    expect(applied.event_id).toBe(good.id);

    const [dead] = await readTopic(`${TOPIC}.dlq`, (rs) => rs.length >= 1, {
      filter: (r) => r.headers.ce_id === bad.id && r.headers.dlq_consumer === consumer,
    });
    expect(dead.headers.dlq_reason).toMatch(/^invalid: /);
    expect(dead.headers.dlq_reason).toContain('state.titleAr: missing');
    expect(dead.headers.dlq_reason).toContain('state.status: "LOST" is not one of');
    // the bad record is the one just before the good one in their partition, dead-lettered before the good one was applied
    expect(dead.headers.dlq_partition).toBe(String(sent.partition));
    expect(dead.headers.dlq_offset).toBe(sent.baseOffset);
    expect(Date.parse(dead.headers.dlq_time)).toBeLessThanOrEqual(applied.applied_at.getTime());
  });

  it('sends an event that fails to apply to the DLQ as not applied, and applies the record after it', async () => {
    // two initiatives of riyadh with one code: the second breaks the replica's unique (node, code)
    const first = riyadhEvents();
    const clash = riyadhEvents();
    const state = (e: CloudEvent) => (e.data as { state: { code: string } }).state;
    state(clash.v1).code = state(first.v1).code;
    const after = riyadhEvents();
    // one key for the three: one partition, in this order
    await producer.send({
      topic: TOPIC,
      messages: [first.v1, clash.v1, after.v1].map((e) => {
        const r = toRecord(TOPIC, e);
        return { key: first.id, value: r.value, headers: r.headers };
      }),
    });
    await eventually(async () => (await replica(after.id)) ?? undefined, 20_000, 'the record after the failing one applied');
    expect(await replica(first.id)).toEqual({ version: 1, title_en: null, node: 'riyadh' });
    expect(await replica(clash.id)).toBeUndefined();
    const consumer = hub.service.consumers[0].name;
    const [dead] = await readTopic(`${TOPIC}.dlq`, (rs) => rs.length >= 1, {
      filter: (r) => r.headers.ce_id === clash.v1.id && r.headers.dlq_consumer === consumer,
    });
    expect(dead.headers.dlq_reason).toMatch(/^not applied: duplicate key value violates unique constraint "initiative_node_code_unique"/);
    // its inbox row went with the failed transaction: it may be delivered again
    expect(await hub.sql('select 1 from initiatives.inbox where consumer = $1 and event_id = $2', [consumer, clash.v1.id])).toEqual([]);
  });

  it('sends an undecodable record to the DLQ with its reason and applies the next record', async () => {
    const { v1, id } = riyadhEvents();
    const marker = newId();
    await producer.send({
      topic: TOPIC,
      messages: [{ key: marker, value: '{"not": "an event"}', headers: { 'content-type': 'application/json', probe: marker } }],
    });
    await send([toRecord(TOPIC, v1)]);
    await eventually(async () => (await replica(id)) ?? undefined, 20_000, 'the record after the bad one applied');
    const consumer = hub.service.consumers[0].name;
    // every consumer of the topic dead-letters the record: take this hub's
    const [dead] = await readTopic(`${TOPIC}.dlq`, (rs) => rs.length >= 1, {
      filter: (r) => r.headers.probe === marker && r.headers.dlq_consumer === consumer,
    });
    expect(dead.headers.dlq_reason).toMatch(/^undecodable: missing CloudEvents headers: ce_specversion, ce_id/);
    expect(dead.headers.dlq_topic).toBe(TOPIC);
    expect(consumer).toMatch(/\.ministry\.initiatives\.replicas$/);
    expect(dead.value).toBe('{"not": "an event"}');
  });

  it('keeps the newest version when an older one arrives after it', async () => {
    const { v1, v2, id } = riyadhEvents();
    await send([toRecord(TOPIC, v1), toRecord(TOPIC, v2)]);
    await eventually(async () => ((await replica(id))?.version === 2 ? true : undefined), 20_000, 'version 2 applied');
    const late = { ...v1, id: newId() };
    await send([toRecord(TOPIC, late)]);
    await eventually(
      async () => ((await hub.sql('select 1 from initiatives.inbox where event_id = $1', [late.id])).length ? true : undefined),
      20_000,
      'late event seen',
    );
    expect(await replica(id)).toEqual({ version: 2, title_en: 'From Riyadh', node: 'riyadh' });
  });

  it('refuses a write to the replica, naming its owner', async () => {
    const { v1, id } = riyadhEvents();
    await send([toRecord(TOPIC, v1)]);
    await eventually(async () => (await replica(id)) ?? undefined, 20_000, 'replica created');
    const r = await hub.graphql(
      `mutation($id: ID!) { changeInitiativeStatus(id: $id, version: 1, status: APPROVED) { id } }`,
      { id },
      await hub.token(['editor', 'admin'], 'ministry'),
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_OWNER', owner: 'riyadh' });
    expect(r.errors?.[0]?.message).toContain('riyadh');
  });
});
