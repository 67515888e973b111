import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, readTopic, startTestService, uniqueSuffix, type TestNode } from '../support/node';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { code } from '../initiatives/fixtures';

/** Two replicas of a service on one database, at riyadh and at the hub: nothing lost, doubled or reordered. */
let riyadhDb: TestDatabase;
let hubDb: TestDatabase;
const riyadh: TestNode[] = [];
const hub: TestNode[] = [];

beforeAll(async () => {
  [riyadhDb, hubDb] = await Promise.all([createTestDatabase('scale-riyadh'), createTestDatabase('scale-hub')]);
  const riyadhGroup = `scale-${uniqueSuffix()}`;
  const hubGroup = `scale-${uniqueSuffix()}`;
  // one at a time: the first migrates the shared database
  for (let k = 0; k < 2; k++) {
    riyadh.push(await startTestService(initiativesService, { node: 'riyadh', db: riyadhDb, env: { MMHUB_KAFKA_CLIENT_ID: riyadhGroup } }));
    hub.push(await startTestService(initiativesService, { node: 'ministry', db: hubDb, env: { MMHUB_KAFKA_CLIENT_ID: hubGroup } }));
  }
}, 400_000);
afterAll(async () => {
  await Promise.all([...riyadh, ...hub].map((n) => n.stop()));
  await Promise.all([riyadhDb?.drop(), hubDb?.drop()]);
}, 60_000);

it('keeps every event once and in order per initiative', async () => {
  const editor = await riyadh[0].token(['editor']);
  const ids: string[] = [];
  for (let k = 0; k < 10; k++) {
    const r = await riyadh[k % 2].graphql(
      `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`,
      { i: { code: code('SC'), titleAr: `مبادرة التوسع ${k}`, axis: 'E_SERVICES', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
      editor,
    );
    ids.push(r.data!.proposeInitiative.id);
  }
  // both replicas change every initiative in turn, concurrently across initiatives
  await Promise.all(
    ids.map(async (id) => {
      for (let v = 1; v <= 5; v++) {
        const r = await riyadh[v % 2].graphql(
          `mutation($id: ID!, $v: Int!) { updateInitiative(id: $id, version: $v, input: { titleEn: "v${v + 1}" }) { version } }`,
          { id, v },
          editor,
        );
        expect(r.errors).toBeUndefined();
      }
    }),
  );
  const wanted = new Set(ids);
  const records = await readTopic('mmhub.initiatives.v1', (rs) => rs.length >= 60, { filter: (r) => wanted.has(r.headers.ce_subject), timeoutMs: 60_000 });
  expect(records).toHaveLength(60);
  expect(new Set(records.map((r) => r.headers.ce_id)).size).toBe(60);
  for (const id of ids) {
    expect(records.filter((r) => r.key === id).map((r) => Number(r.headers.ce_aggregateversion))).toEqual([1, 2, 3, 4, 5, 6]);
  }

  // the hub's two replicas share the partitions: each event applied once, newest version kept
  const eventIds = records.map((r) => r.headers.ce_id);
  await eventually(
    async () => {
      const rows = await hub[0].sql<{ version: number }>('select version from initiatives.initiative where id = any($1)', [ids]);
      return rows.length === 10 && rows.every((r) => r.version === 6) ? true : undefined;
    },
    60_000,
    'the hub has every initiative at version 6',
  );
  const [{ claimed, distinct }] = await hub[0].sql<{ claimed: number; distinct: number }>(
    "select count(*)::int as claimed, count(distinct event_id)::int as distinct from initiatives.inbox where event_id = any($1) and consumer like '%.replicas'",
    [eventIds],
  );
  expect(claimed).toBe(60);
  expect(distinct).toBe(60);
  const applied = hub.map((h) => h.service.consumers.find((c) => c.name.endsWith('.replicas'))!.stats.applied);
  expect(applied.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
}, 180_000);
