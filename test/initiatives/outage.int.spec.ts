import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, readTopicToEnd, startTestService, type ReadRecord, type TestNode } from '../support/node';
import { startBroker, stopBroker } from '../support/infra';
import { propose } from './fixtures';

// a broker of this test's own, so that stopping it does not disturb other test files
const PORT = 19092;
const TOPIC = 'mmhub.initiatives.v1';
let brokers: string;
let riyadh: TestNode;

beforeAll(async () => {
  brokers = await startBroker({ port: PORT });
  riyadh = await startTestService(initiativesService, { node: 'riyadh', env: { MMHUB_KAFKA_BROKERS: brokers } });
}, 180_000);

afterAll(async () => {
  await riyadh?.stop();
  await stopBroker({ port: PORT });
}, 120_000);

const UPDATE = `mutation($id: ID!, $version: Int!, $t: String) { updateInitiative(id: $id, version: $version, input: { titleEn: $t }) { version } }`;
const pending = async () => (await riyadh.sql<{ n: number }>('select count(*)::int as n from initiatives.outbox where sent_at is null'))[0].n;

/** Updates each initiative from `version` to the next, as an editor. */
async function updateAll(n: TestNode, ids: string[], version: number, editor: string): Promise<void> {
  for (const id of ids) {
    const r = await n.graphql(UPDATE, { id, version, t: `v${version + 1}` }, editor);
    expect(r.errors).toBeUndefined();
  }
}

/** Once the outbox is empty, every record of these initiatives up to the topic's end. */
async function publishedFor(ids: string[]): Promise<ReadRecord[]> {
  await eventually(async () => ((await pending()) === 0 ? true : undefined), 90_000, 'outbox drained');
  const wanted = new Set(ids);
  return readTopicToEnd(TOPIC, { brokers, filter: (r) => wanted.has(r.headers.ce_subject), timeoutMs: 60_000 });
}

function expectEachOnceInOrder(records: ReadRecord[], ids: string[], versions: number[]): void {
  expect(records).toHaveLength(ids.length * versions.length);
  expect(new Set(records.map((r) => r.headers.ce_id)).size).toBe(records.length);
  for (const id of ids) {
    expect(records.filter((r) => r.key === id).map((r) => Number(r.headers.ce_aggregateversion))).toEqual(versions);
  }
}

it('loses nothing while the broker is down and publishes each event once, in order per initiative', async () => {
  await stopBroker({ port: PORT, keepData: true });
  const editor = await riyadh.token(['editor']);

  // 20 proposals and 4 updates of each: 100 mutations while Kafka is away
  const ids: string[] = [];
  for (let k = 0; k < 20; k++) ids.push((await propose(riyadh, {}, editor)).id);
  for (let v = 1; v <= 4; v++) await updateAll(riyadh, ids, v, editor);
  expect(await pending()).toBe(100);

  await startBroker({ port: PORT, keepData: true });
  expectEachOnceInOrder(await publishedFor(ids), ids, [1, 2, 3, 4, 5]);
}, 300_000);

it('loses nothing when the service stops and starts again while the broker is down', async () => {
  await stopBroker({ port: PORT, keepData: true });
  const editor = await riyadh.token(['editor']);
  const ids: string[] = [];
  for (let k = 0; k < 5; k++) ids.push((await propose(riyadh, {}, editor)).id);
  await updateAll(riyadh, ids, 1, editor);
  expect(await pending()).toBe(10);

  // its shutdown cannot publish: the rows stay for the next start
  await riyadh.service.stop();
  expect(await pending()).toBe(10);

  const again = await startTestService(initiativesService, {
    node: 'riyadh',
    db: riyadh.db,
    env: { MMHUB_KAFKA_BROKERS: brokers, MMHUB_NODE_HEARTBEAT_SECONDS: '1' },
    waitForConsumers: false,
  });
  try {
    // up without the broker: it takes writes, and says it is not ready
    const ready = await fetch(again.service.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ database: true, bus: false });
    await updateAll(again, ids, 2, editor);
    expect(await pending()).toBe(15);

    await startBroker({ port: PORT, keepData: true });
    expectEachOnceInOrder(await publishedFor(ids), ids, [1, 2, 3]);
    // and its consumers joined their groups once the broker answered: its own heartbeats come back to it
    await eventually(async () => ((await fetch(again.service.url.replace('/graphql', '/ready'))).status === 200 ? true : undefined), 30_000, 'ready again');
    const heartbeats = again.service.consumers.find((c) => c.name.endsWith('.heartbeats'))!.name;
    await eventually(
      async () => ((await again.sql('select 1 from initiatives.inbox where consumer = $1', [heartbeats])).length ? true : undefined),
      30_000,
      'a heartbeat applied after the broker came back',
    );
  } finally {
    await again.stop();
  }
}, 300_000);
