import fc from 'fast-check';
import { eventually, startTestNode, type TestGatewayNode } from '../support/node';
import { code as uniqueCode } from '../initiatives/fixtures';
import { realIds, OPERATIONS, variablesOf, body } from './fuzz-values';

/**
 * Generated variable sets for every mutation and every query with arguments of the three services,
 * through the node's gateway: each is answered with data or a typed error, never an internal error
 * nor a 5xx, and no row changes but those of the mutations that were accepted. The operations are
 * read from the committed supergraph, so a new field is fuzzed without a change here. The values
 * come from a seeded generator: FUZZ_SEED=<n> replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const SETS = 2_000;
const IN_FLIGHT = 6;

let riyadh: TestGatewayNode;
let token: string;

async function must(query: string, variables: Record<string, unknown>): Promise<any> {
  const r = await riyadh.graphql(query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

beforeAll(async () => {
  riyadh = await startTestNode('riyadh', { env: { MMHUB_GATEWAY_RATE_LIMIT: '1000000' } });
  token = await riyadh.token(['editor', 'reviewer', 'admin'], 'riyadh', 'fuzz-staff');
  // records far in the future, so that no other test's calendar meets them
  const initiative = (
    await must('mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }', {
      i: { code: uniqueCode('FUZ'), titleAr: 'مبادرة للاختبار', axis: 'OVERSIGHT', plannedStart: '2097-01-01', plannedEnd: '2097-12-31' },
    })
  ).proposeInitiative.id;
  const campaign = (
    await must('mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }', {
      i: {
        titleAr: 'حملة للاختبار',
        axis: 'OVERSIGHT',
        audiences: ['RESIDENTS'],
        channels: ['X'],
        startsAt: '2097-03-01T09:00:00+03:00',
        endsAt: '2097-03-10T09:00:00+03:00',
      },
    })
  ).draftCampaign.campaign.id;
  const entry = (
    await must('mutation($i: AddCalendarEntryInput!) { addCalendarEntry(input: $i) { id } }', {
      i: { kind: 'EVENT', titleAr: 'فعالية للاختبار', when: { startDate: '2097-04-01', endDate: '2097-04-01' } },
    })
  ).addCalendarEntry.id;
  const message = (
    await must('mutation($i: DraftMessageInput!) { draftMessage(input: $i) { id } }', {
      i: { bodyAr: 'رسالة للاختبار', variants: [{ channel: 'WEBSITE', text: 'رسالة للاختبار' }] },
    })
  ).draftMessage.id;
  realIds.push(initiative, campaign, entry, message);
  // the media service's views of them are in place before the state is taken
  for (const [table, id] of [
    ['media.initiative_view', initiative],
    ['media.campaign_view', campaign],
  ]) {
    await eventually(async () => ((await riyadh.sql(`select 1 from ${table} where id = $1`, [id])).length ? true : undefined), 30_000, `${id} in ${table}`);
  }
}, 120_000);
afterAll(() => riyadh?.stop());

/** Tables that change by themselves: what the node hears from the broker, and its own bookkeeping. */
const BOOKKEEPING = new Set(['inbox', 'journal', 'node_freshness', 'node_heartbeat', 'schema_migrations']);

/**
 * Each table's rows as text: the node's own (rows of other nodes arrive from the shared broker at
 * any time), the outbox less the time the relay sent each row, and the rows of the views (media's
 * copies of initiatives and campaigns) about the node's own records.
 */
async function rowsOfTheNode(): Promise<Map<string, Set<string>>> {
  const tables = await riyadh.sql<{ name: string; columns: string[] }>(
    `select table_schema || '.' || table_name as name, array_agg(column_name::text order by ordinal_position) as columns
       from information_schema.columns where table_schema in ('initiatives', 'calendar', 'media') group by 1 order by 1`,
  );
  const own = tables.filter((t) => !t.name.endsWith('_view') && t.columns.includes('node') && t.columns.includes('id'));
  const ownIds = (await riyadh.sql<{ id: string }>(own.map((t) => `select id::text from ${t.name} where node = 'riyadh'`).join(' union all '))).map(
    (r) => r.id,
  );
  const state = new Map<string, Set<string>>();
  for (const { name, columns } of tables) {
    const table = name.split('.')[1];
    if (BOOKKEEPING.has(table)) continue;
    const kept = table === 'outbox' ? columns.filter((c) => c !== 'sent_at') : columns;
    const key = columns.includes('id') ? 'id' : columns.find((c) => c.endsWith('_id'));
    let where: string;
    if (table === 'outbox') where = 'true';
    // a view is fed from the shared broker, where other tests' nodes called riyadh write too
    else if (table.endsWith('_view') && key) where = `${key}::text = any($1::text[])`;
    else if (columns.includes('node')) where = `node = 'riyadh'`;
    else throw new Error(`${name}: no rule says which of its rows to compare; add one here`);
    const rows = await riyadh.sql<{ row: string }>(
      `select r::text as row from (select ${kept.map((c) => `"${c}"`).join(', ')} from ${name} where ${where}) r`,
      where.includes('$1') ? [ownIds] : [],
    );
    state.set(name, new Set(rows.map((r) => r.row)));
  }
  return state;
}

/** Rows added or gone between two states, by table. */
function changes(before: Map<string, Set<string>>, after: Map<string, Set<string>>): Array<{ table: string; row: string }> {
  const out: Array<{ table: string; row: string }> = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(table) ?? new Set();
    const b = after.get(table) ?? new Set();
    for (const row of a) if (!b.has(row)) out.push({ table, row });
    for (const row of b) if (!a.has(row)) out.push({ table, row });
  }
  return out;
}

const idsIn = (data: unknown, into: Set<string>): Set<string> => {
  if (Array.isArray(data)) data.forEach((d) => idsIn(d, into));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) k === 'id' && typeof v === 'string' ? into.add(v) : idsIn(v, into);
  return into;
};

// ---------------------------------------------------------------------------------------------

/** Codes a refusal may carry; anything else (INTERNAL_SERVER_ERROR first) is a failure. */
const TYPED = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_OWNER',
  'INVALID_TRANSITION',
  'UNAUTHENTICATED',
  'REQUEST_TOO_LARGE',
]);

it(`answers ${SETS} generated variable sets over every mutation and filtered query with data or typed errors, and changes only what it accepted`, async () => {
  expect(OPERATIONS.length).toBeGreaterThan(40);
  // the same number of sets for each operation, each operation's from its own seed
  const attempts = OPERATIONS.flatMap((op, k) =>
    fc
      .sample(variablesOf(op), { seed: SEED + k, numRuns: Math.ceil(SETS / OPERATIONS.length) })
      .map((variables, n) => ({ op, variables, label: `${op.field.name}#${n}` })),
  );
  expect(attempts.length).toBeGreaterThanOrEqual(SETS);

  const before = await rowsOfTheNode();
  const failures: string[] = [];
  const accepted = new Set<string>();
  const codes = new Map<string, number>();
  const reached = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < attempts.length) {
      const a = attempts[next++];
      const res = await fetch(riyadh.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body(a.op.document, a.variables),
      });
      const text = await res.text();
      const shown = () =>
        `${a.label} (FUZZ_SEED=${SEED}) ${JSON.stringify(a.variables, (_k, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v))} → ${res.status} ${text.slice(0, 400)}`;
      let r: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      try {
        r = JSON.parse(text);
      } catch {
        failures.push(`not JSON: ${shown()}`);
        continue;
      }
      if (res.status >= 500) failures.push(`HTTP ${res.status}: ${shown()}`);
      for (const e of r.errors ?? []) {
        const code = String(e.extensions?.code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (!TYPED.has(code)) failures.push(`${code}: ${shown()}`);
        // every refusal speaks both languages, the gateway's own too
        if (!/[\u0600-\u06FF]/.test(String(e.extensions?.messageAr ?? ''))) failures.push(`no Arabic message: ${shown()}`);
        if (e.extensions?.serviceName) reached.add(a.op.field.name);
      }
      if (!r.errors?.length) {
        reached.add(a.op.field.name);
        if (a.op.kind === 'mutation') idsIn(r.data, accepted);
        // a feed token is kept under the node and the caller it was issued to, not under an id
        if (a.op.field.name === 'issueCalendarFeedToken') accepted.add('(riyadh,fuzz-staff,');
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  expect(failures).toEqual([]);

  // no row changed but those of accepted mutations (a row of such a record names its id)
  const unexplained = changes(before, await rowsOfTheNode()).filter((c) => ![...accepted].some((i) => c.row.includes(i)));
  expect(unexplained).toEqual([]);
  // the generated values got past the gateway to the services' own checks, for most operations
  expect(codes.get('BAD_USER_INPUT')).toBeGreaterThan(SETS / 4);
  expect(reached.size).toBeGreaterThan(OPERATIONS.length / 2);
}, 600_000);

it('generates the same attempts from the same seed', () => {
  const op = OPERATIONS.find((o) => o.field.name === 'proposeInitiative')!;
  expect(fc.sample(variablesOf(op), { seed: SEED, numRuns: 5 })).toEqual(fc.sample(variablesOf(op), { seed: SEED, numRuns: 5 }));
});
