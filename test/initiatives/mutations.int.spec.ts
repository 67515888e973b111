import { initiativesService } from '../../services/initiatives/src/service';
import { startTestService, type TestNode } from '../support/node';
import { DEVELOPMENT_GATEWAY_SECRET, signGatewayProof } from '../../services/kernel/src';
import { counts, propose, proposal, PROPOSE } from './fixtures';

const STATUS = `mutation($id: ID!, $version: Int!, $status: InitiativeStatus!) {
  changeInitiativeStatus(id: $id, version: $version, status: $status) { id status version }
}`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateInitiativeInput!) {
  updateInitiative(id: $id, version: $version, input: $input) { id titleEn plannedEnd version }
}`;
const REPORT = `mutation($id: ID!, $input: ProgressReportInput!) {
  reportProgress(initiativeId: $id, input: $input) { id percentComplete initiative { percentComplete version } }
}`;
const DEFINE = `mutation($input: DefineIntegrationCriterionInput!) { defineIntegrationCriterion(input: $input) { id weight } }`;
const ASSESS = `mutation($id: ID!, $input: AssessInitiativeInput!) { assessInitiative(initiativeId: $id, input: $input) { id weightedScore } }`;

let riyadh: TestNode;
let ministry: TestNode;
let editor: string;

beforeAll(async () => {
  [riyadh, ministry] = await Promise.all([
    startTestService(initiativesService, { node: 'riyadh' }),
    startTestService(initiativesService, { node: 'ministry' }),
  ]);
  editor = await riyadh.token(['editor']);
});
afterAll(async () => {
  await Promise.all([riyadh?.stop(), ministry?.stop()]);
});

/** The outbox rows written for one aggregate. */
const outboxOf = (n: TestNode, id: string) =>
  n.sql<{ type: string; aggregate_version: number; node: string; data: any }>(
    'select type, aggregate_version, node, data from initiatives.outbox where subject = $1 order by seq',
    [id],
  );

describe('each mutation writes its state and exactly one outbox row, together', () => {
  it('proposeInitiative', async () => {
    const before = await counts(riyadh);
    const i = await propose(riyadh);
    expect(i).toMatchObject({ node: 'riyadh', status: 'PROPOSED', version: 1 });
    const after = await counts(riyadh);
    expect(after.initiatives - before.initiatives).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    const [row] = await outboxOf(riyadh, i.id);
    expect(row).toMatchObject({ type: 'mmhub.initiative.proposed.v1', aggregate_version: 1, node: 'riyadh' });
    expect(row.data.state).toMatchObject({ id: i.id, code: i.code, status: 'PROPOSED' });
  });

  it('updateInitiative', async () => {
    const i = await propose(riyadh);
    const before = await counts(riyadh);
    const r = await riyadh.graphql(UPDATE, { id: i.id, version: 1, input: { titleEn: 'Renamed', plannedEnd: '2027-03-31' } }, editor);
    expect(r.data?.updateInitiative).toEqual({ id: i.id, titleEn: 'Renamed', plannedEnd: '2027-03-31', version: 2 });
    const after = await counts(riyadh);
    expect(after.outbox - before.outbox).toBe(1);
    expect(after.initiatives).toBe(before.initiatives);
    const rows = await outboxOf(riyadh, i.id);
    expect(rows.map((x) => x.type)).toEqual(['mmhub.initiative.proposed.v1', 'mmhub.initiative.updated.v1']);
    expect(rows[1].data.change).toEqual({ titleEn: { from: 'The municipality digital portal', to: 'Renamed' }, plannedEnd: { from: '2026-12-31', to: '2027-03-31' } });
  });

  it('changeInitiativeStatus and reportProgress', async () => {
    const i = await propose(riyadh);
    for (const [version, status] of [[1, 'APPROVED'], [2, 'IN_PROGRESS']] as const) {
      const r = await riyadh.graphql(STATUS, { id: i.id, version, status }, editor);
      expect(r.data?.changeInitiativeStatus).toEqual({ id: i.id, status, version: version + 1 });
    }
    const before = await counts(riyadh);
    const r = await riyadh.graphql(REPORT, { id: i.id, input: { percentComplete: 42.5, kpiActuals: [{ kpi: 'services online', value: 17 }], note: 'ملاحظة' } }, editor);
    expect(r.errors).toBeUndefined();
    expect(r.data?.reportProgress).toMatchObject({ percentComplete: 42.5, initiative: { percentComplete: 42.5, version: 4 } });
    const after = await counts(riyadh);
    expect(after.reports - before.reports).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    expect((await outboxOf(riyadh, i.id)).map((x) => x.type)).toEqual([
      'mmhub.initiative.proposed.v1',
      'mmhub.initiative.approved.v1',
      'mmhub.initiative.started.v1',
      'mmhub.initiative.progressreported.v1',
    ]);
  });

  it('defineIntegrationCriterion and assessInitiative', async () => {
    const admin = await ministry.token(['admin']);
    const before = await counts(ministry);
    const c = await ministry.graphql(DEFINE, { input: { nameAr: 'الأثر على المستفيد', nameEn: 'Impact on residents', weight: 3 } }, admin);
    expect(c.errors).toBeUndefined();
    const national = await propose(ministry, { titleAr: 'المبادرة الوطنية للخدمات' }, await ministry.token(['editor']));
    const a = await ministry.graphql(ASSESS, { id: national.id, input: { scores: [{ criterionId: c.data!.defineIntegrationCriterion.id, score: 80 }] } }, admin);
    expect(a.errors).toBeUndefined();
    expect(a.data?.assessInitiative.weightedScore).toBe(80);
    const after = await counts(ministry);
    expect(after).toMatchObject({
      criteria: before.criteria + 1,
      assessments: before.assessments + 1,
      initiatives: before.initiatives + 1,
      outbox: before.outbox + 3,
    });
  });
});

describe('a refused mutation changes nothing', () => {
  const cases: Array<[string, () => Promise<{ query: string; variables: Record<string, unknown>; token?: string }>, string]> = [
    ['an empty Arabic title', async () => ({ query: PROPOSE, variables: { input: proposal({ titleAr: ' ' }) } }), 'BAD_USER_INPUT'],
    ['an unknown axis', async () => ({ query: PROPOSE, variables: { input: proposal({ axis: 'SPORTS' }) } }), 'BAD_USER_INPUT'],
    ['an end before the start', async () => ({ query: PROPOSE, variables: { input: proposal({ plannedEnd: '2025-01-01' }) } }), 'BAD_USER_INPUT'],
    ['a malformed date', async () => ({ query: PROPOSE, variables: { input: proposal({ plannedEnd: '31/12/2026' }) } }), 'BAD_USER_INPUT'],
    ['an unknown id', async () => ({ query: STATUS, variables: { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48799', version: 1, status: 'APPROVED' } }), 'NOT_FOUND'],
    ['an id that is not one', async () => ({ query: STATUS, variables: { id: "1' or '1'='1", version: 1, status: 'APPROVED' } }), 'BAD_USER_INPUT'],
    [
      'a stale version',
      async () => {
        const i = await propose(riyadh);
        return { query: UPDATE, variables: { id: i.id, version: 5, input: { titleEn: 'x' } } };
      },
      'CONFLICT',
    ],
    [
      'an illegal transition',
      async () => {
        const i = await propose(riyadh);
        return { query: STATUS, variables: { id: i.id, version: 1, status: 'COMPLETED' } };
      },
      'INVALID_TRANSITION',
    ],
    [
      'a percent outside 0–100',
      async () => {
        const i = await propose(riyadh);
        await riyadh.graphql(STATUS, { id: i.id, version: 1, status: 'APPROVED' }, editor);
        await riyadh.graphql(STATUS, { id: i.id, version: 2, status: 'IN_PROGRESS' }, editor);
        return { query: REPORT, variables: { id: i.id, input: { percentComplete: 140 } } };
      },
      'BAD_USER_INPUT',
    ],
    [
      'a duplicate code',
      async () => {
        const i = await propose(riyadh);
        return { query: PROPOSE, variables: { input: proposal({ code: i.code.toLowerCase() }) } };
      },
      'CONFLICT',
    ],
    ['a viewer writing', async () => ({ query: PROPOSE, variables: { input: proposal() }, token: await riyadh.token(['viewer']) }), 'FORBIDDEN'],
    ['an editor of another node', async () => ({ query: PROPOSE, variables: { input: proposal() }, token: await riyadh.token(['editor'], 'jeddah') }), 'FORBIDDEN'],
    ['no caller', async () => ({ query: PROPOSE, variables: { input: proposal() }, token: '' }), 'UNAUTHENTICATED'],
    ['a criterion from a municipality', async () => ({ query: DEFINE, variables: { input: { nameAr: 'معيار', weight: 1 } }, token: await riyadh.token(['admin']) }), 'FORBIDDEN'],
  ];

  it.each(cases)('%s', async (_what, make, code) => {
    const call = await make();
    const before = await counts(riyadh);
    const r = await riyadh.graphql(call.query, call.variables, call.token ?? editor);
    expect(r.errors?.[0]?.extensions?.code).toBe(code);
    expect(r.errors?.[0]?.message).toBeTruthy();
    expect(await counts(riyadh)).toEqual(before);
  });

  it('answers with both languages', async () => {
    const r = await riyadh.graphql(PROPOSE, { input: proposal({ titleAr: '' }) }, editor);
    expect(r.errors?.[0]).toMatchObject({
      message: 'The Arabic title is required.',
      extensions: { code: 'BAD_USER_INPUT', field: 'titleAr', messageAr: 'العنوان العربي مطلوب.' },
    });
  });

  it('refuses a write to another node’s initiative held here as a replica, naming the owner', async () => {
    const i = await propose(riyadh);
    await riyadh.sql("update initiatives.initiative set node = 'jeddah' where id = $1", [i.id]);
    const r = await riyadh.graphql(UPDATE, { id: i.id, version: 1, input: { titleEn: 'x' } }, editor);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_OWNER', owner: 'jeddah' });
  });
});

describe('reading', () => {
  it('needs a token unless anonymous reading is allowed', async () => {
    const r = await riyadh.graphql('{ initiatives { totalCount } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const open = await startTestService(initiativesService, { node: 'jeddah', env: { ALLOW_ANONYMOUS_READ: 'true' } });
    try {
      expect((await open.graphql("{ initiatives { totalCount } }")).data).toEqual({ initiatives: { totalCount: expect.any(Number) } });
    } finally {
      await open.stop();
    }
  });

  it('answers only its node’s gateway', async () => {
    const body = { query: '{ initiatives { totalCount } }' };
    const none = await riyadh.post(body, { authorization: `Bearer ${editor}` });
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const jeddahGateway = await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'jeddah', { sub: 'x', node: 'riyadh', roles: ['viewer'] });
    expect((await riyadh.post(body, { 'x-mmhub-gateway': jeddahGateway })).status).toBe(401);
    const forged = await signGatewayProof('another-secret-of-at-least-32-characters!', 'riyadh', { sub: 'x', node: 'riyadh', roles: ['viewer'] });
    expect((await riyadh.post(body, { 'x-mmhub-gateway': forged })).status).toBe(401);
    const proper = await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', { sub: 'x', node: 'riyadh', roles: ['viewer'] });
    const ok = await riyadh.post(body, { 'x-mmhub-gateway': proper });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
  });

  it('pages through initiatives with filters and a total count', async () => {
    const axis = 'OVERSIGHT';
    const made = [];
    for (let k = 0; k < 5; k++) made.push(await propose(riyadh, { axis, titleAr: `رقابة ${k}` }));
    const Q = `query($after: String) { initiatives(first: 2, after: $after, filter: { axis: OVERSIGHT, node: "riyadh" }) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const r = await riyadh.graphql(Q, { after }, editor);
      const page = r.data!.initiatives;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(made.map((m) => m.id).reverse());
    expect((await riyadh.graphql('{ initiatives(first: 1000) { totalCount } }', {}, editor)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await riyadh.graphql('{ initiatives(after: "garbage") { totalCount } }', {}, editor)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('derives expected progress, lateness and RAG', async () => {
    const i = await propose(riyadh, { plannedStart: '2020-01-01', plannedEnd: '2020-12-31' });
    await riyadh.graphql(STATUS, { id: i.id, version: 1, status: 'APPROVED' }, editor);
    const r = await riyadh.graphql(`query($id: ID!) { initiative(id: $id) { expectedProgress lateDays rag } }`, { id: i.id }, editor);
    expect(r.data?.initiative.expectedProgress).toBe(100);
    expect(r.data?.initiative.lateDays).toBeGreaterThan(1000);
    expect(r.data?.initiative.rag).toBe('OFF_TRACK');
  });
});

describe('Arabic-aware search', () => {
  const SEARCH = `query($q: String!) { initiatives(filter: { search: $q }, first: 50) { edges { node { id } } } }`;
  const ids = async (q: string) => ((await riyadh.graphql(SEARCH, { q }, editor)).data!.initiatives.edges as any[]).map((e) => e.node.id);

  it('finds «الأمانة» when asked for «الامانه», and the reverse', async () => {
    const hamza = await propose(riyadh, { titleAr: 'تطوير خدمات الأمانة الذكية', titleEn: null });
    const plain = await propose(riyadh, { titleAr: 'منصة الامانه للبلاغات', titleEn: null });
    expect(await ids('الامانه')).toEqual(expect.arrayContaining([hamza.id, plain.id]));
    expect(await ids('الأمانة')).toEqual(expect.arrayContaining([hamza.id, plain.id]));
  });

  it('matches diacritics, tatweel and partial words, and not unrelated text', async () => {
    const i = await propose(riyadh, { titleAr: 'مبادرة الحدائق المستدامة', titleEn: null });
    expect(await ids('الحـدائِق')).toContain(i.id);
    expect(await ids('مستدام')).toContain(i.id);
    expect(await ids('طرق سريعة')).not.toContain(i.id);
  });

  it('treats SQL and LIKE characters as text', async () => {
    expect(await ids("%' or 1=1 --")).toEqual([]);
    expect(await ids('_')).toEqual([]);
  });
});
