import { eventually } from '../support/node';
import { startNodeProcess, type NodeProcess } from '../support/process';
import { code } from '../initiatives/fixtures';

/** Three nodes, each its own process with its own database, linked only by Kafka. */
let ministry: NodeProcess;
let riyadh: NodeProcess;
let jeddah: NodeProcess;

beforeAll(async () => {
  [ministry, riyadh, jeddah] = await Promise.all([startNodeProcess('ministry'), startNodeProcess('riyadh'), startNodeProcess('jeddah')]);
}, 400_000);
afterAll(async () => {
  await Promise.all([ministry?.dispose(), riyadh?.dispose(), jeddah?.dispose()]);
}, 60_000);

const PROPOSE = `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id version } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $t: String!) { updateInitiative(id: $id, version: $v, input: { titleEn: $t }) { version } }`;
const proposal = (title: string) => ({ code: code('HUB'), titleAr: title, axis: 'E_SERVICES', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' });

async function propose(n: NodeProcess, title: string): Promise<string> {
  const r = await n.graphql(PROPOSE, { i: proposal(title) }, await n.token(['editor']));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.proposeInitiative.id;
}

const atHub = async (id: string) =>
  (await ministry.graphql(`query($id: ID!) { initiative(id: $id) { id node version titleEn } }`, { id }, await ministry.token(['viewer']))).data?.initiative ??
  undefined;

it('an initiative created at riyadh is at the hub within 2 seconds, owned by riyadh, and read-only there', async () => {
  // a new hub first reads the topic's history; once it has caught up, a change arrives within 2 s
  const probe = await propose(riyadh, 'مبادرة تمهيدية');
  await eventually(() => atHub(probe), 60_000, 'the hub caught up');
  const id = await propose(riyadh, 'مبادرة من الرياض');
  const seen = await eventually(() => atHub(id), 2000, 'initiative at the hub within 2 s');
  expect(seen).toMatchObject({ id, node: 'riyadh', version: 1 });
  const r = await ministry.graphql(UPDATE, { id, v: 1, t: 'changed at the hub' }, await ministry.token(['editor']));
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_OWNER', owner: 'riyadh' });
});

it('a national campaign created at the ministry reaches riyadh and jeddah', async () => {
  const r = await ministry.graphql(
    `mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id scope } } }`,
    {
      i: {
        titleAr: 'الحملة الوطنية للتوعية الصحية',
        axis: 'HEALTH_AWARENESS',
        audiences: ['RESIDENTS'],
        channels: ['X'],
        startsAt: '2031-04-01T09:00:00+03:00',
        endsAt: '2031-04-20T09:00:00+03:00',
      },
    },
    await ministry.token(['editor']),
  );
  expect(r.errors).toBeUndefined();
  const { id, scope } = r.data!.draftCampaign.campaign;
  expect(scope).toBe('NATIONAL');
  for (const n of [riyadh, jeddah]) {
    // still a draft: the copy is there, read by the ministry's reviewers, not by the municipality's callers (drafts.read)
    const seen = await eventually(
      async () =>
        (await n.graphql(`query($id: ID!) { campaign(id: $id) { id node } }`, { id }, await n.token(['reviewer'], 'ministry'))).data?.campaign ?? undefined,
      10_000,
      `campaign at ${n.node}`,
    );
    expect(seen).toEqual({ id, node: 'ministry' });
  }
});

it('the hub, stopped while riyadh and jeddah keep writing, catches up with nothing lost or doubled', async () => {
  await ministry.stop();
  const ids: string[] = [];
  for (const n of [riyadh, jeddah]) {
    const editor = await n.token(['editor']);
    for (let k = 0; k < 5; k++) {
      const id = await propose(n, `مبادرة أثناء توقف الوزارة ${k}`);
      for (let v = 1; v <= 3; v++) expect((await n.graphql(UPDATE, { id, v, t: `v${v + 1}` }, editor)).errors).toBeUndefined();
      ids.push(id);
    }
  }
  await ministry.start();
  const rows = await eventually(
    async () => {
      const r = await ministry.sql<{ id: string; version: number; title_en: string }>(
        'select id, version, title_en from initiatives.initiative where id = any($1)',
        [ids],
      );
      return r.length === ids.length && r.every((x) => x.version === 4) ? r : undefined;
    },
    60_000,
    'the hub caught up',
  );
  expect(rows.every((r) => r.title_en === 'v4')).toBe(true);
  // each event applied once: one inbox row per event of these initiatives
  const sources = [
    ...(await riyadh.sql<{ id: string }>('select id::text from initiatives.outbox where subject = any($1)', [ids])),
    ...(await jeddah.sql<{ id: string }>('select id::text from initiatives.outbox where subject = any($1)', [ids])),
  ];
  expect(sources).toHaveLength(40);
  const [{ once }] = await ministry.sql<{ once: number }>(
    `select count(distinct event_id)::int as once from initiatives.inbox where event_id = any($1) and consumer like '%.replicas'`,
    [sources.map((s) => s.id)],
  );
  expect(once).toBe(40);
  const [{ total }] = await ministry.sql<{ total: number }>(
    `select count(*)::int as total from initiatives.inbox where event_id = any($1) and consumer like '%.replicas'`,
    [sources.map((s) => s.id)],
  );
  expect(total).toBe(40);
}, 180_000);
