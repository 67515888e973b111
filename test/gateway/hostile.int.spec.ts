import { eventually, startTestNode, type TestGatewayNode } from '../support/node';
import { code as uniqueCode } from '../initiatives/fixtures';
import { type Versioned, real, pick, GENERATORS } from './hostile-attempts';

/**
 * A thousand mutations with invalid or hostile input through the gateway: every one is refused with
 * a typed error, none is an internal error, and no row of the node's own records, of the copies aimed
 * at, or of its outboxes is changed by any of them. Many are aimed at records that exist — the node's
 * own, at their real versions, and copies of the ministry's — so the refusals are the services' own
 * checks of owner, version and role, not a missing record.
 */
let ministry: TestGatewayNode;
let riyadh: TestGatewayNode;

async function must<T = any>(node: TestGatewayNode, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await node.graphql(query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

const versionAt = async (table: string, id: string): Promise<number | undefined> =>
  (await riyadh.sql<{ version: number }>(`select version from ${table} where id = $1`, [id]))[0]?.version;

beforeAll(async () => {
  [ministry, riyadh] = await Promise.all([
    startTestNode('ministry', { env: { MMHUB_GATEWAY_RATE_LIMIT: '100000' } }),
    startTestNode('riyadh', { env: { MMHUB_GATEWAY_RATE_LIMIT: '100000' } }),
  ]);
  const ministryStaff = await ministry.token(['editor', 'admin'], 'ministry', 'hostile-ministry-setup');
  const riyadhStaff = await riyadh.token(['editor', 'admin'], 'riyadh', 'hostile-riyadh-setup');

  // the ministry's records, far in the future so that no other test's calendar meets them
  const national = (
    await must(ministry, ministryStaff, 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }', {
      i: { code: uniqueCode('HOS'), titleAr: 'مبادرة وطنية للاختبار', axis: 'OVERSIGHT', plannedStart: '2045-01-01', plannedEnd: '2045-12-31' },
    })
  ).proposeInitiative.id as string;
  const criterion = (await must(ministry, ministryStaff, 'mutation { defineIntegrationCriterion(input: { nameAr: "معيار للاختبار", weight: 1 }) { id } }'))
    .defineIntegrationCriterion.id as string;
  const ministryCampaign = (
    await must(ministry, ministryStaff, 'mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }', {
      i: {
        titleAr: 'حملة وطنية للاختبار',
        axis: 'OVERSIGHT',
        audiences: ['RESIDENTS'],
        channels: ['X'],
        startsAt: '2045-02-01T09:00:00+03:00',
        endsAt: '2045-02-10T09:00:00+03:00',
      },
    })
  ).draftCampaign.campaign.id as string;

  // riyadh's own
  const own = (
    await must(riyadh, riyadhStaff, 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id version } }', {
      i: { code: uniqueCode('HOS'), titleAr: 'مبادرة للاختبار', axis: 'OVERSIGHT', plannedStart: '2045-01-01', plannedEnd: '2045-12-31' },
    })
  ).proposeInitiative as Versioned;
  const campaign = (
    await must(riyadh, riyadhStaff, 'mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id version } } }', {
      i: {
        titleAr: 'حملة للاختبار',
        axis: 'OVERSIGHT',
        audiences: ['RESIDENTS'],
        channels: ['X'],
        startsAt: '2045-03-01T09:00:00+03:00',
        endsAt: '2045-03-10T09:00:00+03:00',
      },
    })
  ).draftCampaign.campaign as Versioned;
  const entry = (
    await must(riyadh, riyadhStaff, 'mutation($i: AddCalendarEntryInput!) { addCalendarEntry(input: $i) { id version } }', {
      i: { kind: 'EVENT', titleAr: 'فعالية للاختبار', when: { startDate: '2045-04-01', endDate: '2045-04-01' } },
    })
  ).addCalendarEntry as Versioned;
  const drafted = (
    await must(riyadh, riyadhStaff, 'mutation($i: DraftMessageInput!) { draftMessage(input: $i) { id version } }', {
      i: { bodyAr: 'رسالة للاختبار', variants: [{ channel: 'WEBSITE', text: 'رسالة للاختبار' }] },
    })
  ).draftMessage as Versioned;
  const message = (
    await must(riyadh, riyadhStaff, 'mutation($id: ID!, $v: Int!) { submitMessage(id: $id, version: $v) { id version } }', {
      id: drafted.id,
      v: drafted.version,
    })
  ).submitMessage as Versioned;

  // every copy and view the attempts aim at is in place before the state is taken
  const arrived = (what: string, check: () => Promise<boolean>) => eventually(async () => ((await check()) ? true : undefined), 30_000, what);
  await arrived('the national initiative copied to riyadh', async () => (await versionAt('initiatives.initiative', national)) !== undefined);
  await arrived(
    'the criterion copied to riyadh',
    async () => (await riyadh.sql('select 1 from initiatives.integration_criterion where id = $1', [criterion])).length > 0,
  );
  await arrived('the ministry’s campaign copied to riyadh', async () => (await versionAt('calendar.campaign', ministryCampaign)) !== undefined);
  for (const id of [national, own.id])
    await arrived(`initiative ${id} known to media`, async () => (await riyadh.sql('select 1 from media.initiative_view where id = $1', [id])).length > 0);
  for (const id of [ministryCampaign, campaign.id])
    await arrived(`campaign ${id} known to media`, async () => (await riyadh.sql('select 1 from media.campaign_view where id = $1', [id])).length > 0);

  Object.assign(real, {
    own: { initiative: own, campaign, entry, message },
    copy: {
      initiative: { id: national, version: (await versionAt('initiatives.initiative', national))! },
      campaign: { id: ministryCampaign, version: (await versionAt('calendar.campaign', ministryCampaign))! },
      criterion,
    },
  });
}, 120_000);
afterAll(async () => {
  await Promise.all([ministry?.stop(), riyadh?.stop()]);
});

const ALLOWED = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_OWNER',
  'INVALID_TRANSITION',
  'UNAUTHENTICATED',
  'REQUEST_TOO_LARGE',
]);

/** Tables that change by themselves: what the node hears from the broker, and its own bookkeeping. */
const BOOKKEEPING = new Set(['inbox', 'journal', 'node_freshness', 'node_heartbeat', 'schema_migrations']);
/** Views of other services' records: fed from the shared broker, so only the rows aimed at are compared. */
const VIEWS: Record<string, string> = { 'media.initiative_view': 'id', 'media.campaign_view': 'id', 'media.progress_view': 'initiative_id' };

/**
 * A hash of the rows of every table of the three services: the node's own records, the copies and
 * views of the records aimed at, and the outboxes (less the time the relay sent each row).
 */
async function stateOfTheNode(): Promise<Record<string, { rows: number; md5: string }>> {
  const aimedAt = [
    real.copy.initiative.id,
    real.copy.campaign.id,
    real.copy.criterion,
    real.own.initiative.id,
    real.own.campaign.id,
    real.own.entry.id,
    real.own.message.id,
  ];
  const tables = await riyadh.sql<{ name: string; columns: string[] }>(
    `select table_schema || '.' || table_name as name, array_agg(column_name::text order by ordinal_position) as columns
       from information_schema.columns where table_schema in ('initiatives', 'calendar', 'media') group by 1 order by 1`,
  );
  const state: Record<string, { rows: number; md5: string }> = {};
  for (const { name, columns } of tables) {
    const table = name.split('.')[1];
    if (BOOKKEEPING.has(table)) continue;
    let kept = columns;
    let where: string;
    if (table === 'outbox') {
      kept = columns.filter((c) => c !== 'sent_at');
      where = 'true';
    } else if (VIEWS[name]) where = `${VIEWS[name]}::text = any($1::text[])`;
    else if (columns.includes('node')) where = columns.includes('id') ? `node = 'riyadh' or id::text = any($1::text[])` : `node = 'riyadh'`;
    else throw new Error(`${name}: no rule says which of its rows to compare; add one here`);
    const [row] = await riyadh.sql<{ rows: number; md5: string }>(
      `select count(*)::int as rows, md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as md5
         from (select ${kept.map((c) => `"${c}"`).join(', ')} from ${name} where ${where}) r`,
      where.includes('$1') ? [aimedAt] : [],
    );
    state[name] = row;
  }
  return state;
}

it('refuses 1,000 hostile mutations with typed errors and changes nothing', async () => {
  const tokens = {
    editor: await riyadh.token(['editor', 'admin'], 'riyadh', 'fuzz-editor'),
    viewer: await riyadh.token(['viewer'], 'riyadh', 'fuzz-viewer'),
    reviewer: await riyadh.token(['reviewer'], 'riyadh', 'fuzz-reviewer'),
    jeddah: await riyadh.token(['editor', 'admin', 'reviewer'], 'jeddah', 'fuzz-jeddah'),
    none: undefined,
  };
  const before = await stateOfTheNode();
  // the records aimed at are in what is compared
  for (const table of [
    'initiatives.initiative',
    'calendar.campaign',
    'calendar.calendar_entry',
    'media.media_message',
    'initiatives.integration_criterion',
    'media.initiative_view',
    'media.campaign_view',
  ]) {
    expect(before[table].rows).toBeGreaterThan(0);
  }
  const failures: string[] = [];
  const codes = new Map<string, number>();
  for (let k = 0; k < 1000; k++) {
    const a = pick(GENERATORS)();
    const r = await riyadh.graphql(a.query, a.variables, tokens[a.token]);
    const code = String(r.errors?.[0]?.extensions?.code);
    codes.set(code, (codes.get(code) ?? 0) + 1);
    const internal = r.errors?.some((e) => !ALLOWED.has(String(e.extensions?.code)));
    if (r.status >= 500 || !r.errors?.length || internal || (r.data && Object.values(r.data).some((v) => v !== null))) {
      failures.push(`#${k} ${r.status} ${JSON.stringify(a).slice(0, 300)} → ${JSON.stringify(r).slice(0, 300)}`);
    }
  }
  expect(failures).toEqual([]);
  expect(await stateOfTheNode()).toEqual(before);
  // the generators reach the validation of every layer
  // and the records aimed at were reached: refused as copies, and for their versions
  for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'NOT_OWNER', 'CONFLICT']) expect(codes.get(code)).toBeGreaterThan(0);
}, 300_000);
