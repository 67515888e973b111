import { Kafka, logLevel, type Admin } from 'kafkajs';
import { KafkaBus } from '../../services/kernel/src/events';
import { createLogger } from '../../services/kernel/src/observability';
import { eventually, kafkaBrokers, uniqueSuffix } from '../support/node';

// a consumer group of the Kafka bus on a topic of its own, and the broker's view of its committed offsets
const log = createLogger('warn');
let bus: KafkaBus;
let admin: Admin;
const topic = `mmhub.committest-${uniqueSuffix()}.v1`;
const groupId = `commit-test-${uniqueSuffix()}`;

beforeAll(async () => {
  bus = new KafkaBus({ brokers: kafkaBrokers().split(','), clientId: `commit-test-${uniqueSuffix()}`, partitions: 2, replicationFactor: 1, log });
  await bus.ensureTopics([topic]);
  admin = new Kafka({ clientId: 'commit-test-admin', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});
afterAll(async () => {
  await admin?.disconnect();
  await bus?.close();
});

/** Records the group has committed past, over all partitions. */
const committed = async () => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);

const publish = (from: number, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => bus.publish([{ topic, key: `k${from + i}`, headers: {}, value: String(from + i) }])));

/** A member of the group that keeps the values of the records it is given in `into`. */
const joinGroup = (into: string[]) =>
  bus.subscribe({ groupId, topics: [topic], fromBeginning: true, onBatch: async (records) => void into.push(...records.map((r) => r.value!)) });

it('commits what the group applied after its last batch, and the rest when it stops, so a restart reads nothing again', async () => {
  const applied: string[] = [];
  const sub = await joinGroup(applied);
  // one record a publish: many small batches, as a node's commits make them
  for (let i = 0; i < 30; i += 5) await publish(i, 5);
  await eventually(async () => (applied.length === 30 ? true : undefined), 30_000, 'the group applying 30 records');
  // no batch follows the last one: its offsets are committed all the same
  await eventually(async () => ((await committed()) === 30 ? true : undefined), 15_000, 'the offsets of the last batches committed');

  await publish(30, 4);
  await eventually(async () => (applied.length === 34 ? true : undefined), 30_000, 'the group applying 4 more');
  await sub.stop();
  // committed on the way out, not an interval later
  expect(await committed()).toBe(34);

  const again: string[] = [];
  const restarted = await joinGroup(again);
  try {
    await publish(34, 1);
    await eventually(async () => (again.length > 0 ? true : undefined), 30_000, 'the restarted group reading');
    expect(again).toEqual(['34']);
  } finally {
    await restarted.stop();
  }
});
