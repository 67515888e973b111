import { loadConfig, DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import { rebuildNode } from '../../cli/rebuild';
import { eventually, kafkaBrokers, uniqueSuffix } from '../support/node';
import { startNodeProcess, type NodeProcess } from '../support/process';
import { code } from '../initiatives/fixtures';

const FAST = { MMHUB_NODE_HEARTBEAT_SECONDS: '1', MMHUB_NODE_STALE_AFTER_SECONDS: '6' };
// a municipality of its own: other test files make riyadh's events on the same broker, which would keep it LIVE here
const TOWN = `town-${uniqueSuffix()}`;
let ministry: NodeProcess;
let town: NodeProcess;

beforeAll(async () => {
  [ministry, town] = await Promise.all([startNodeProcess('ministry', FAST), startNodeProcess(TOWN, FAST)]);
}, 400_000);
afterAll(async () => {
  await Promise.all([ministry?.dispose(), town?.dispose()]);
}, 60_000);

const NODES = '{ nodes { code nameAr role status lastHeartbeatAt lastEventAt eventsApplied lagSeconds } }';
const nodeAtHub = async (code: string) =>
  ((await ministry.graphql(NODES, {}, await ministry.token(['viewer']))).data?.nodes as any[] | undefined)?.find((n) => n.code === code);

async function propose(title: string): Promise<string> {
  const r = await town.graphql(
    `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`,
    { i: { code: code('FR'), titleAr: title, axis: 'OVERSIGHT', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
    await town.token(['editor']),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.proposeInitiative.id;
}

it('lists every node of the sector with its freshness: a municipality LIVE, STALE when stopped, LIVE again when back', async () => {
  const id = await propose('مبادرة لقياس الحداثة');
  const live = await eventually(
    async () => {
      const n = await nodeAtHub(TOWN);
      return n?.status === 'LIVE' && n.eventsApplied > 0 ? n : undefined;
    },
    60_000,
    'the municipality LIVE with events',
  );
  expect(live).toMatchObject({ code: TOWN, nameAr: TOWN, role: 'municipality' });
  expect(live.lagSeconds).toBeGreaterThanOrEqual(0);
  const all = (await ministry.graphql(NODES, {}, await ministry.token(['viewer']))).data!.nodes as any[];
  expect(all.length).toBeGreaterThanOrEqual(18);
  expect(all.find((n) => n.code === 'ministry').status).toBe('LIVE');
  expect(all.find((n) => n.code === 'riyadh').nameAr).toBe('أمانة منطقة الرياض');
  expect(all.find((n) => n.code === 'hafr-albatin').status).toBe('SILENT');

  await town.stop();
  await eventually(async () => ((await nodeAtHub(TOWN))?.status === 'STALE' ? true : undefined), 40_000, 'the municipality STALE');
  // the hub still answers with its data as last seen
  const seen = await ministry.graphql(`query($id: ID!) { initiative(id: $id) { node titleAr } }`, { id }, await ministry.token(['viewer']));
  expect(seen.data?.initiative).toEqual({ node: TOWN, titleAr: 'مبادرة لقياس الحداثة' });

  await town.start();
  await eventually(async () => ((await nodeAtHub(TOWN))?.status === 'LIVE' ? true : undefined), 40_000, 'the municipality LIVE again');
}, 180_000);

it('rebuilds the hub’s copies from Kafka, equal to the live ones', async () => {
  const ids = [await propose('مبادرة قبل إعادة البناء'), await propose('مبادرة ثانية قبل إعادة البناء')];
  const editor = await town.token(['editor']);
  expect(
    (await town.graphql(`mutation($id: ID!) { updateInitiative(id: $id, version: 1, input: { titleEn: "rebuilt" }) { version } }`, { id: ids[0] }, editor))
      .errors,
  ).toBeUndefined();
  const snapshot = () =>
    ministry.sql<Record<string, unknown>>("select to_jsonb(i) - 'search_text' as row from initiatives.initiative i where id = any($1) order by id", [ids]);
  const live = await eventually(
    async () => {
      const rows = await snapshot();
      return rows.length === 2 && rows.some((r: any) => r.row.version === 2) ? rows : undefined;
    },
    20_000,
    'copies at the hub',
  );

  await ministry.stop();
  const steps: number[] = [];
  const config = loadConfig({
    MMHUB_NODE: 'ministry',
    MMHUB_DATABASE_URL: ministry.db.url,
    MMHUB_KAFKA_BROKERS: kafkaBrokers(),
    MMHUB_KAFKA_CLIENT_ID: ministry.clientId,
    MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
    MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
    MMHUB_LOG_LEVEL: 'error',
  });
  const result = await rebuildNode(config, (done, total) => steps.push(total ? done / total : 1));
  expect(result.applied).toBeGreaterThan(0);
  expect(steps[steps.length - 1]).toBe(1);
  expect(await snapshot()).toEqual(live);
  await ministry.start();
  const r = await ministry.graphql(`query($id: ID!) { initiative(id: $id) { titleEn version } }`, { id: ids[0] }, await ministry.token(['viewer']));
  expect(r.data?.initiative).toEqual({ titleEn: 'rebuilt', version: 2 });
}, 180_000);
