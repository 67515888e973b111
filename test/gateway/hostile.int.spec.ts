import { newId } from '../../services/kernel/src';
import { startTestNode, type TestGatewayNode } from '../support/node';

/**
 * A thousand mutations with invalid or hostile input through the gateway: every one is refused with
 * a typed error, none is an internal error, and the database is unchanged by all of them.
 */
let riyadh: TestGatewayNode;
beforeAll(async () => {
  riyadh = await startTestNode('riyadh', { env: { GATEWAY_RATE_LIMIT: '100000' } });
}, 60_000);
afterAll(() => riyadh?.stop());

// a small deterministic generator, so a failure can be replayed
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}
const random = prng(20261126);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const HOSTILE_TEXT = [
  "'; DROP TABLE initiatives.initiative; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '\u0000\u0001\u0002',
  '\u202Eمبادرة',
  'x'.repeat(20_000),
  'م'.repeat(6_000),
  '',
  '   ',
  '🚀'.repeat(500),
  '\\u0000',
  'null',
  'undefined',
];
const HOSTILE_VALUES: unknown[] = [...HOSTILE_TEXT, -1, 0, 1e308, -1e308, 2 ** 53, true, false, null, [], {}, { $ne: null }, ['a', 'b'], '2026-13-45', 'NaN'];
const anything = () => pick(HOSTILE_VALUES);
const text = () => pick(HOSTILE_TEXT);

interface Attempt {
  query: string;
  variables: Record<string, unknown>;
  token: 'editor' | 'viewer' | 'jeddah' | 'reviewer' | 'none';
}

const otherNodesId = newId();
const GENERATORS: Array<() => Attempt> = [
  // proposals, each with at least one field that cannot be valid
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: {
      i: {
        code: pick(['OK-1', text(), anything()]),
        titleAr: pick(['مبادرة', text()]),
        axis: pick(['SPORTS', 'e_services', 7, "E_SERVICES'--", null]),
        plannedStart: pick(['2026-01-01', anything()]),
        plannedEnd: pick(['2026-12-31', anything()]),
        targets: pick([null, [{ kpi: text(), unit: text(), targetValue: anything() }]]),
      },
    },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: { i: { code: 'OK-2', titleAr: pick(['', '   ', 'Latin only', '\u0000مبادرة', 'م'.repeat(301)]), axis: 'OVERSIGHT', plannedStart: '2026-01-01', plannedEnd: '2026-12-31', descriptionAr: text() } },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: { i: { code: text() || 'X', titleAr: 'مبادرة', axis: 'OVERSIGHT', plannedStart: '2026-06-01', plannedEnd: '2026-01-01' } },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }',
    variables: { i: { code: 'OK-3', titleAr: 'مبادرة', axis: 'OVERSIGHT', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
    token: pick(['viewer', 'jeddah', 'reviewer', 'none'] as const),
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!, $i: UpdateInitiativeInput!) { updateInitiative(id: $id, version: $v, input: $i) { id } }',
    variables: { id: pick([newId(), otherNodesId, text(), "1' OR '1'='1"]), v: pick([1, -1, 2 ** 31 - 1, anything()]), i: { titleAr: text(), axis: pick(['OVERSIGHT', anything()]) } },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $s: InitiativeStatus!) { changeInitiativeStatus(id: $id, version: 1, status: $s) { id } }',
    variables: { id: pick([newId(), text()]), s: pick(['APPROVED', 'DELETED', 'approved', anything()]) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $p: Float!) { reportProgress(initiativeId: $id, input: { percentComplete: $p }) { id } }',
    variables: { id: pick([newId(), text()]), p: pick([-5, 101, 1e308, anything()]) },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }',
    variables: {
      i: {
        titleAr: pick(['حملة', text()]),
        axis: pick(['OVERSIGHT', 'SPORTS']),
        audiences: pick([['RESIDENTS'], ['ALIENS'], [text()], anything()]),
        channels: pick([['X'], ['FAX'], [text()]]),
        startsAt: pick(['2031-01-10T09:00:00+03:00', anything()]),
        endsAt: '2031-01-01T09:00:00+03:00',
      },
    },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: AddCalendarEntryInput!) { addCalendarEntry(input: $i) { id } }',
    variables: { i: { kind: pick(['EVENT', 'PARTY', anything()]), titleAr: pick(['', text()]), when: pick([{}, { startDate: '2031-02-02', endDate: '2031-02-01' }, { startsAt: anything() }]) } },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($i: DraftMessageInput!) { draftMessage(input: $i) { id } }',
    variables: {
      i: {
        bodyAr: pick(['', '   ', 'English only', text()]),
        campaignId: pick([undefined, newId(), text()]),
        variants: [{ channel: pick(['FAX', 'x', text(), 'X']), text: pick(['ن'.repeat(5000), text()]) }],
      },
    },
    token: 'editor',
  }),
  () => ({
    query: 'mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: APPROVE) { id } }',
    variables: { id: pick([newId(), text()]), v: pick([1, anything()]) },
    token: pick(['reviewer', 'editor', 'viewer'] as const),
  }),
  () => ({
    query: 'mutation { defineCharterRule(input: { kind: BANNED_TERM, severity: BLOCKING, term: "ممنوع" }) { id } }',
    variables: {},
    token: pick(['editor', 'reviewer', 'jeddah'] as const),
  }),
  () => ({
    query: 'mutation($y: Int!) { generateNationalOccasions(hijriYear: $y) { hijriYear } }',
    variables: { y: pick([1447, -1, 99999, anything()]) },
    token: 'editor',
  }),
];

const ALLOWED = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'NOT_OWNER', 'INVALID_TRANSITION', 'UNAUTHENTICATED', 'REQUEST_TOO_LARGE']);

async function stateOfTheNode() {
  const [row] = await riyadh.sql(
    `select (select count(*) from initiatives.initiative where node = 'riyadh') as initiatives,
            (select count(*) from initiatives.outbox) as initiatives_outbox,
            (select count(*) from calendar.campaign where node = 'riyadh') as campaigns,
            (select count(*) from calendar.calendar_entry where node = 'riyadh') as entries,
            (select count(*) from calendar.outbox) as calendar_outbox,
            (select count(*) from media.media_message where node = 'riyadh') as messages,
            (select count(*) from media.outbox) as media_outbox`,
  );
  return row;
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
  const failures: string[] = [];
  const codes = new Map<string, number>();
  for (let k = 0; k < 1000; k++) {
    const a = pick(GENERATORS)();
    const r = await riyadh.graphql(a.query, a.variables, tokens[a.token]);
    const code = String(r.errors?.[0]?.extensions?.code);
    codes.set(code, (codes.get(code) ?? 0) + 1);
    const internal = r.errors?.some((e) => !ALLOWED.has(String(e.extensions?.code)));
    if (r.status >= 500 || !r.errors?.length || internal || r.data && Object.values(r.data).some((v) => v !== null)) {
      failures.push(`#${k} ${r.status} ${JSON.stringify(a).slice(0, 300)} → ${JSON.stringify(r).slice(0, 300)}`);
    }
  }
  expect(failures).toEqual([]);
  expect(await stateOfTheNode()).toEqual(before);
  // the generators reach the validation of every layer
  for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']) expect(codes.get(code)).toBeGreaterThan(0);
}, 300_000);
