import { loadConfig, DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src';
import { rebuildNode } from '../../cli/rebuild';
import { eventually, kafkaBrokers } from '../support/node';
import { startNodeProcess, type NodeProcess } from '../support/process';
import { code } from '../initiatives/fixtures';

const FAST = { NODE_HEARTBEAT_SECONDS: '1', NODE_STALE_AFTER_SECONDS: '6' };
let ministry: NodeProcess;
let riyadh: NodeProcess;

beforeAll(async () => {
  [ministry, riyadh] = await Promise.all([startNodeProcess('ministry', FAST), startNodeProcess('riyadh', FAST)]);
}, 400_000);
afterAll(async () => {
  await Promise.all([ministry?.dispose(), riyadh?.dispose()]);
}, 60_000);

const NODES = '{ nodes { code nameAr role status lastHeartbeatAt lastEventAt eventsApplied lagSeconds } }';
const nodeAtHub = async (code: string) => ((await ministry.graphql(NODES, {}, await ministry.token(['viewer']))).data?.nodes as any[] | undefined)?.find((n) => n.code === code);

async function propose(title: string): Promise<string> {
  const r = await riyadh.graphql(
    `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`,
    { i: { code: code('FR'), titleAr: title, axis: 'OVERSIGHT', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
    await riyadh.token(['editor']),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.proposeInitiative.id;
}

it('lists every node of the sector with its freshness: riyadh LIVE, STALE when stopped, LIVE again when back', async () => {
  const id = await propose('مبادرة لقياس الحداثة');
  const live = await eventually(async () => {
    const n = await nodeAtHub('riyadh');
    return n?.status === 'LIVE' && n.eventsApplied > 0 ? n : undefined;
  }, 60_000, 'riyadh LIVE with events');
  expect(live).toMatchObject({ code: 'riyadh', nameAr: 'أمانة منطقة الرياض', role: 'municipality' });
  expect(live.lagSeconds).toBeGreaterThanOrEqual(0);
  const all = (await ministry.graphql(NODES, {}, await ministry.token(['viewer']))).data!.nodes as any[];
  expect(all.length).toBeGreaterThanOrEqual(18);
  expect(all.find((n) => n.code === 'ministry').status).toBe('LIVE');
  expect(all.find((n) => n.code === 'hafr-albatin').status).toBe('SILENT');

  await riyadh.stop();
  await eventually(async () => ((await nodeAtHub('riyadh'))?.status === 'STALE' ? true : undefined), 40_000, 'riyadh STALE');
  // the hub still answers with riyadh's data as last seen
  const seen = await ministry.graphql(`query($id: ID!) { initiative(id: $id) { node titleAr } }`, { id }, await ministry.token(['viewer']));
  expect(seen.data?.initiative).toEqual({ node: 'riyadh', titleAr: 'مبادرة لقياس الحداثة' });

  await riyadh.start();
  await eventually(async () => ((await nodeAtHub('riyadh'))?.status === 'LIVE' ? true : undefined), 40_000, 'riyadh LIVE again');
}, 180_000);

it('rebuilds the hub’s copies from Kafka, equal to the live ones', async () => {
  const ids = [await propose('مبادرة قبل إعادة البناء'), await propose('مبادرة ثانية قبل إعادة البناء')];
  const editor = await riyadh.token(['editor']);
  expect((await riyadh.graphql(`mutation($id: ID!) { updateInitiative(id: $id, version: 1, input: { titleEn: "rebuilt" }) { version } }`, { id: ids[0] }, editor)).errors).toBeUndefined();
  const snapshot = () =>
    ministry.sql<Record<string, unknown>>('select to_jsonb(i) - \'search_text\' as row from initiatives.initiative i where id = any($1) order by id', [ids]);
  const live = await eventually(async () => {
    const rows = await snapshot();
    return rows.length === 2 && rows.some((r: any) => r.row.version === 2) ? rows : undefined;
  }, 20_000, 'copies at the hub');

  await ministry.stop();
  const steps: number[] = [];
  const config = loadConfig({
    NODE: 'ministry',
    DATABASE_URL: ministry.db.url,
    KAFKA_BROKERS: kafkaBrokers(),
    KAFKA_CLIENT_ID: ministry.clientId,
    JWT_SECRET: DEVELOPMENT_JWT_SECRET,
    GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
    LOG_LEVEL: 'error',
  });
  const result = await rebuildNode(config, (done, total) => steps.push(total ? done / total : 1));
  expect(result.applied).toBeGreaterThan(0);
  expect(steps[steps.length - 1]).toBe(1);
  expect(await snapshot()).toEqual(live);
  await ministry.start();
  const r = await ministry.graphql(`query($id: ID!) { initiative(id: $id) { titleEn version } }`, { id: ids[0] }, await ministry.token(['viewer']));
  expect(r.data?.initiative).toEqual({ titleEn: 'rebuilt', version: 2 });
}, 180_000);
