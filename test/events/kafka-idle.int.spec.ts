import { createHook } from 'node:async_hooks';
import { KafkaBus } from '../../services/kernel/src/events';
import { createLogger } from '../../services/kernel/src/observability';
import { eventually, kafkaBrokers, uniqueSuffix } from '../support/node';

// the Kafka bus with a producer and a consumer group, on a topic of its own where nothing more arrives
const log = createLogger('warn');
let bus: KafkaBus;
const topic = `mmhub.idletest-${uniqueSuffix()}.v1`;

beforeAll(async () => {
  bus = new KafkaBus({ brokers: kafkaBrokers().split(','), clientId: `idle-test-${uniqueSuffix()}`, partitions: 2, replicationFactor: 1, log });
  await bus.ensureTopics([topic]);
});
afterAll(async () => {
  await bus?.close();
});

/** Timers the process creates in `ms` milliseconds. */
async function timersCreatedIn(ms: number): Promise<number> {
  let created = 0;
  const hook = createHook({
    init: (_id, type) => {
      if (type === 'Timeout') created++;
    },
  }).enable();
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    hook.disable();
  }
  return created;
}

it('keeps no timer spinning on its idle connections to the broker', async () => {
  const seen: string[] = [];
  const sub = await bus.subscribe({
    groupId: `idle-test-${uniqueSuffix()}`,
    topics: [topic],
    fromBeginning: true,
    onBatch: async (rs) => void seen.push(...rs.map((r) => r.value!)),
  });
  try {
    await bus.publish([{ topic, key: 'k', headers: {}, value: 'v' }]);
    await eventually(async () => (seen.length === 1 ? true : undefined), 30_000, 'the group reading the one record');
    // idle now: heartbeats and long fetches each second, offsets committed once; kafkajs's request queues
    // re-armed a timer of at most 1 ms for ever on every connection, about a thousand a second each
    expect(await timersCreatedIn(2000)).toBeLessThan(100);
  } finally {
    await sub.stop();
  }
});
