import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { migrate, openDatabase } from '../../services/kernel/src/db';
import { newId } from '../../services/kernel/src/domain';
import { KafkaBus, MAX_EVENT_BYTES, OutboxEntry, OutboxRelay, toRecord } from '../../services/kernel/src/events';
import { createLogger } from '../../services/kernel/src/observability';
import { initiativesService } from '../../services/initiatives/src/service';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { eventually, kafkaBrokers, readTopicToEnd, uniqueSuffix } from '../support/node';

// the relay on a fresh outbox and the test broker, with a topic of its own
let db: TestDatabase;
let orm: MikroORM;
let bus: KafkaBus;
const log = createLogger('warn');

beforeAll(async () => {
  db = await createTestDatabase('relay');
  orm = await openDatabase({
    url: db.url,
    schema: 'initiatives',
    entities: [...initiativesService.entities, OutboxEntry],
    migrations: initiativesService.migrations,
    poolMax: 2,
  });
  await migrate(orm);
  bus = new KafkaBus({ brokers: kafkaBrokers().split(','), clientId: `relay-test-${uniqueSuffix()}`, partitions: 3, replicationFactor: 1, log });
});
afterAll(async () => {
  await bus?.close();
  await orm?.close();
  await db?.drop();
});

/** `count` outbox rows of one aggregate, versions 1…count, with `data` of about `dataBytes`; returns their topic and subject. */
async function fillOneAggregate(count: number, dataBytes: number, times: (i: number) => string): Promise<{ topic: string; subject: string }> {
  const topic = `mmhub.relaytest-${uniqueSuffix()}.v1`;
  const subject = newId();
  await bus.ensureTopics([topic]);
  await query(
    db.url,
    `insert into initiatives.outbox (id, topic, type, source, subject, node, aggregate_version, time, data)
     select gen_random_uuid(), $1, 'mmhub.initiative.updated.v1', '/nodes/riyadh/initiatives', $2, 'riyadh', v, (($3::text[])[v])::timestamptz,
            jsonb_build_object('change', jsonb_build_object('percentComplete', v % 100, 'note', repeat('م', $4::int / 2), 'ratio', v / 8.0))
     from generate_series(1, $5::int) v`,
    [topic, subject, Array.from({ length: count }, (_, i) => times(i)), dataBytes, count],
  );
  return { topic, subject };
}

const relayOf = (batchSize: number) => new OutboxRelay({ orm, schema: 'initiatives', bus, log, batchSize, pollMs: 60_000 });

it('publishes a burst of one aggregate larger than the broker takes in one partition batch, in version order', async () => {
  // 2,000 events of about 1.2 KB to one partition: 2.4 MB, over the broker's 1 MB max.message.bytes
  const { topic, subject } = await fillOneAggregate(2000, 1200, () => new Date().toISOString());
  expect(await relayOf(2000).publishBatch()).toBe(2000);
  const records = await readTopicToEnd(topic, { timeoutMs: 60_000 });
  expect(records.map((r) => r.key)).toEqual(Array(2000).fill(subject));
  expect(records.map((r) => Number(r.headers.ce_aggregateversion))).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
  expect(await query(db.url, 'select 1 from initiatives.outbox where topic = $1 and sent_at is null', [topic])).toHaveLength(0);
});

it('publishes events as large as an event may be, one after another in one batch', async () => {
  // the broker takes a record of the largest data the outbox records, with its key and headers
  const { topic } = await fillOneAggregate(3, MAX_EVENT_BYTES - 100, () => new Date().toISOString());
  expect(await relayOf(10).publishBatch()).toBe(3);
  const records = await readTopicToEnd(topic, { timeoutMs: 60_000 });
  expect(records.map((r) => Number(r.headers.ce_aggregateversion))).toEqual([1, 2, 3]);
  for (const r of records) expect(Buffer.byteLength(r.value!)).toBeGreaterThan(MAX_EVENT_BYTES - 200);
  for (const r of records) expect(Buffer.byteLength(r.value!)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
  // the topic the bus created takes them, whatever the broker's own default
  const admin = new Kafka({ brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    // set on the topic itself, not the broker's default that a broker may lower
    const config = Object.fromEntries(resources[0].configEntries.filter((e) => !e.isDefault).map((e) => [e.configName, e.configValue]));
    expect(config).toMatchObject({ 'max.message.bytes': '1048588', 'retention.ms': '-1' });
  } finally {
    await admin.disconnect();
  }
});

it('publishes each row as toRecord encodes its parsed event: the same headers in the same order and the same value', async () => {
  // times with microseconds (truncated to milliseconds as the driver's Date does), other offsets, a leap day
  const times = ['2026-01-01T00:00:00.999999Z', '2026-06-30T23:59:59.0005+03:00', '2028-02-29T12:00:00Z', '2026-12-07T01:02:03.123456-05:30'];
  const { topic } = await fillOneAggregate(times.length, 40, (i) => times[i]);
  const rows = await query<{ id: string; type: string; source: string; subject: string; node: string; aggregate_version: number; time: Date; data: object }>(
    db.url,
    'select * from initiatives.outbox where topic = $1 order by seq',
    [topic],
  );
  expect(await relayOf(10).publishBatch()).toBe(times.length);
  const published = await readTopicToEnd(topic);
  const expected = rows.map((r) =>
    toRecord(topic, {
      id: r.id,
      source: r.source,
      type: r.type,
      subject: r.subject,
      node: r.node,
      aggregateVersion: r.aggregate_version,
      time: new Date(r.time).toISOString(),
      data: r.data,
    }),
  );
  expect(published.map((r) => ({ key: r.key, headers: r.headers, value: r.value }))).toEqual(
    expected.map((r) => ({ key: r.key, headers: r.headers, value: r.value })),
  );
  expect(published.map((r) => Object.keys(r.headers))).toEqual(expected.map((r) => Object.keys(r.headers)));
  expect(published.map((r) => r.headers.ce_time)).toEqual([
    '2026-01-01T00:00:00.999Z',
    '2026-06-30T20:59:59.000Z',
    '2028-02-29T12:00:00.000Z',
    '2026-12-07T06:32:03.123Z',
  ]);
});

it('publishes nothing while another relay of the same outbox holds its lock, and everything once it is released', async () => {
  const { topic } = await fillOneAggregate(3, 40, () => new Date().toISOString());
  const other = new Client({ connectionString: db.url });
  await other.connect();
  try {
    await other.query('begin');
    await other.query('select pg_advisory_xact_lock(hashtext($1))', ['mmhub.outbox.initiatives']);
    expect(await relayOf(10).publishBatch()).toBe(0);
    expect(await query(db.url, 'select 1 from initiatives.outbox where topic = $1 and sent_at is null', [topic])).toHaveLength(3);
    await other.query('commit');
    expect(await relayOf(10).publishBatch()).toBe(3);
    expect(await readTopicToEnd(topic)).toHaveLength(3);
  } finally {
    await other.end();
  }
});

it('looks at the outbox once per commit while it listens, though the committing process wakes it too', async () => {
  /** The relay as the service runs it, counting its looks at the outbox. */
  class CountedRelay extends OutboxRelay {
    looks = 0;
    override async publishBatch(): Promise<number> {
      this.looks++;
      return super.publishBatch();
    }
  }
  const relay = new CountedRelay({ orm, schema: 'initiatives', bus, log, batchSize: 100, pollMs: 60_000, listenUrl: db.url });
  relay.start();
  try {
    // its first look, made once it listens, is for rows committed while no one did
    await eventually(async () => (relay.looks > 0 ? true : undefined), 15_000, 'the relay listening');
    const commits = 20;
    const topic = `mmhub.relaytest-${uniqueSuffix()}.v1`;
    await bus.ensureTopics([topic]);
    const before = { looks: relay.looks, published: relay.published };
    for (let i = 1; i <= commits; i++) {
      await query(
        db.url,
        `insert into initiatives.outbox (id, topic, type, source, subject, node, aggregate_version, time, data)
         values (gen_random_uuid(), $1, 'mmhub.initiative.updated.v1', '/nodes/riyadh/initiatives', $2, 'riyadh', 1, now(), '{"change":{}}')`,
        [topic, newId()],
      );
      // as a request's transaction does after its commit
      relay.wake();
      await eventually(async () => (relay.published - before.published === i ? true : undefined), 15_000, `commit ${i} published`);
    }
    // one look per commit, a few more where two commits' notifications crossed a look; two per commit before
    expect(relay.looks - before.looks).toBeGreaterThanOrEqual(commits);
    expect(relay.looks - before.looks).toBeLessThanOrEqual(commits + 3);
    expect(await readTopicToEnd(topic)).toHaveLength(commits);
  } finally {
    await relay.stop();
  }
});
