import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, readTopic, startTestService, type TestNode } from '../support/node';
import { startBroker, stopBroker } from '../support/infra';
import { propose } from './fixtures';

// a broker of this test's own, so that stopping it does not disturb other test files
const PORT = 19092;
let brokers: string;
let riyadh: TestNode;

beforeAll(async () => {
  brokers = await startBroker({ port: PORT });
  riyadh = await startTestService(initiativesService, { node: 'riyadh', env: { KAFKA_BROKERS: brokers } });
}, 180_000);

afterAll(async () => {
  await riyadh?.stop();
  await stopBroker({ port: PORT });
}, 120_000);

const UPDATE = `mutation($id: ID!, $version: Int!, $t: String) { updateInitiative(id: $id, version: $version, input: { titleEn: $t }) { version } }`;
const pending = async () => (await riyadh.sql<{ n: number }>('select count(*)::int as n from initiatives.outbox where sent_at is null'))[0].n;

it('loses nothing while the broker is down and publishes each event once, in order per initiative', async () => {
  await stopBroker({ port: PORT, keepData: true });
  const editor = await riyadh.token(['editor']);

  // 20 proposals and 4 updates of each: 100 mutations while Kafka is away
  const ids: string[] = [];
  for (let k = 0; k < 20; k++) ids.push((await propose(riyadh, {}, editor)).id);
  for (let v = 1; v <= 4; v++) {
    for (const id of ids) {
      const r = await riyadh.graphql(UPDATE, { id, version: v, t: `v${v + 1}` }, editor);
      expect(r.errors).toBeUndefined();
    }
  }
  expect(await pending()).toBe(100);

  await startBroker({ port: PORT, keepData: true });
  await eventually(async () => ((await pending()) === 0 ? true : undefined), 90_000, 'outbox drained');

  const wanted = new Set(ids);
  const records = await readTopic('mmhub.initiatives.v1', (rs) => rs.length >= 100, {
    brokers,
    filter: (r) => wanted.has(r.headers.ce_subject),
    timeoutMs: 60_000,
  });
  expect(records).toHaveLength(100);
  expect(new Set(records.map((r) => r.headers.ce_id)).size).toBe(100);
  for (const id of ids) {
    const versions = records.filter((r) => r.key === id).map((r) => Number(r.headers.ce_aggregateversion));
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  }
}, 300_000);
