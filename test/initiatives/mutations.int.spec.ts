import { initiativesService } from '../../services/initiatives/src/service';
import { startTestService, type TestNode } from '../support/node';
import { counts, ok, ownRows, propose, proposal, PROPOSE } from './fixtures';

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

interface OutboxRow {
  type: string;
  subject: string;
  aggregate_version: number;
  node: string;
  data: any;
}

/** Runs one mutation and returns the outbox rows it wrote: those after the last row before it. */
async function outboxRowsOf<T>(n: TestNode, mutation: () => Promise<T>): Promise<{ result: T; rows: OutboxRow[] }> {
  const [{ last }] = await n.sql<{ last: string }>('select coalesce(max(seq), 0)::text as last from initiatives.outbox');
  const result = await mutation();
  const rows = await n.sql<OutboxRow>('select type, subject, aggregate_version, node, data from initiatives.outbox where seq > $1::bigint order by seq', [
    last,
  ]);
  return { result, rows };
}

describe('each mutation writes its state and exactly one outbox row, together', () => {
  it('proposeInitiative', async () => {
    const before = await counts(riyadh);
    const { result: i, rows } = await outboxRowsOf(riyadh, () => propose(riyadh));
    expect(i).toMatchObject({ node: 'riyadh', status: 'PROPOSED', version: 1 });
    expect((await counts(riyadh)).initiatives - before.initiatives).toBe(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'mmhub.initiative.proposed.v1', subject: i.id, aggregate_version: 1, node: 'riyadh' });
    expect(rows[0].data.state).toMatchObject({ id: i.id, code: i.code, status: 'PROPOSED' });
  });

  it('updateInitiative', async () => {
    const i = await propose(riyadh);
    const before = await counts(riyadh);
    const { result: r, rows } = await outboxRowsOf(riyadh, () =>
      riyadh.graphql(UPDATE, { id: i.id, version: 1, input: { titleEn: 'Renamed', plannedEnd: '2027-03-31' } }, editor),
    );
    expect(ok(r).updateInitiative).toEqual({ id: i.id, titleEn: 'Renamed', plannedEnd: '2027-03-31', version: 2 });
    expect((await counts(riyadh)).initiatives).toBe(before.initiatives);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'mmhub.initiative.updated.v1', subject: i.id, aggregate_version: 2 });
    expect(rows[0].data.change).toEqual({
      titleEn: { from: 'The municipality digital portal', to: 'Renamed' },
      plannedEnd: { from: '2026-12-31', to: '2027-03-31' },
    });
    expect((await outboxOf(riyadh, i.id)).map((x) => x.type)).toEqual(['mmhub.initiative.proposed.v1', 'mmhub.initiative.updated.v1']);
  });

  it('changeInitiativeStatus and reportProgress', async () => {
    const i = await propose(riyadh);
    for (const [version, status, type] of [
      [1, 'APPROVED', 'approved'],
      [2, 'IN_PROGRESS', 'started'],
    ] as const) {
      const { result: r, rows } = await outboxRowsOf(riyadh, () => riyadh.graphql(STATUS, { id: i.id, version, status }, editor));
      expect(ok(r).changeInitiativeStatus).toEqual({ id: i.id, status, version: version + 1 });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ type: `mmhub.initiative.${type}.v1`, subject: i.id, aggregate_version: version + 1 });
    }
    const before = await counts(riyadh);
    const { result: r, rows } = await outboxRowsOf(riyadh, () =>
      riyadh.graphql(REPORT, { id: i.id, input: { percentComplete: 42.5, kpiActuals: [{ kpi: 'services online', value: 17 }], note: 'ملاحظة' } }, editor),
    );
    expect(ok(r).reportProgress).toMatchObject({ percentComplete: 42.5, initiative: { percentComplete: 42.5, version: 4 } });
    expect((await counts(riyadh)).reports - before.reports).toBe(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'mmhub.initiative.progressreported.v1', subject: i.id, aggregate_version: 4 });
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
    const defined = await outboxRowsOf(ministry, () =>
      ministry.graphql(DEFINE, { input: { nameAr: 'الأثر على المستفيد', nameEn: 'Impact on residents', weight: 3 } }, admin),
    );
    const criterion = ok(defined.result).defineIntegrationCriterion;
    expect(defined.rows).toHaveLength(1);
    expect(defined.rows[0]).toMatchObject({ type: 'mmhub.integrationcriterion.defined.v1', subject: criterion.id, aggregate_version: 1, node: 'ministry' });
    expect((await counts(ministry)).criteria).toBe(before.criteria + 1);

    const proposed = await outboxRowsOf(ministry, async () => propose(ministry, { titleAr: 'المبادرة الوطنية للخدمات' }, await ministry.token(['editor'])));
    expect(proposed.rows).toHaveLength(1);
    expect(proposed.rows[0]).toMatchObject({ type: 'mmhub.initiative.proposed.v1', subject: proposed.result.id });

    const assessed = await outboxRowsOf(ministry, () =>
      ministry.graphql(ASSESS, { id: proposed.result.id, input: { scores: [{ criterionId: criterion.id, score: 80 }] } }, admin),
    );
    const assessment = ok(assessed.result).assessInitiative;
    expect(assessment.weightedScore).toBe(80);
    expect(assessed.rows).toHaveLength(1);
    expect(assessed.rows[0]).toMatchObject({ type: 'mmhub.integrationassessment.recorded.v1', subject: assessment.id, aggregate_version: 1 });
    expect(assessed.rows[0].data.state).toMatchObject({ initiativeId: proposed.result.id, weightedScore: 80 });

    expect(await counts(ministry)).toMatchObject({
      criteria: before.criteria + 1,
      assessments: before.assessments + 1,
      initiatives: before.initiatives + 1,
      outbox: before.outbox + 3,
    });
  });
});

describe('a refused mutation changes nothing', () => {
  interface Refusal {
    what: string;
    /** The node called; riyadh unless said. */
    at?: () => TestNode;
    call: () => Promise<{ query: string; variables: Record<string, unknown>; token?: string }>;
    code: string;
    /** The input field the refusal names, when it is about one. */
    field?: string;
  }
  /** A national initiative to assess and a criterion to score it on, at the ministry. */
  const assessable = async () => {
    const admin = await ministry.token(['admin']);
    const c = await ministry.graphql(DEFINE, { input: { nameAr: 'وضوح الأثر', weight: 2 } }, admin);
    const i = await propose(ministry, {}, await ministry.token(['editor']));
    return { admin, initiativeId: i.id, criterionId: ok(c).defineIntegrationCriterion.id as string };
  };
  const cases: Refusal[] = [
    {
      what: 'an empty Arabic title',
      call: async () => ({ query: PROPOSE, variables: { input: proposal({ titleAr: ' ' }) } }),
      code: 'BAD_USER_INPUT',
      field: 'titleAr',
    },
    { what: 'an unknown axis', call: async () => ({ query: PROPOSE, variables: { input: proposal({ axis: 'SPORTS' }) } }), code: 'BAD_USER_INPUT' },
    {
      what: 'an end before the start',
      call: async () => ({ query: PROPOSE, variables: { input: proposal({ plannedEnd: '2025-01-01' }) } }),
      code: 'BAD_USER_INPUT',
    },
    { what: 'a malformed date', call: async () => ({ query: PROPOSE, variables: { input: proposal({ plannedEnd: '31/12/2026' }) } }), code: 'BAD_USER_INPUT' },
    {
      what: 'an unknown id',
      call: async () => ({ query: STATUS, variables: { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48799', version: 1, status: 'APPROVED' } }),
      code: 'NOT_FOUND',
    },
    {
      what: 'an id that is not one',
      call: async () => ({ query: STATUS, variables: { id: "1' or '1'='1", version: 1, status: 'APPROVED' } }),
      code: 'BAD_USER_INPUT',
    },
    {
      what: 'a stale version',
      call: async () => {
        const i = await propose(riyadh);
        return { query: UPDATE, variables: { id: i.id, version: 5, input: { titleEn: 'x' } } };
      },
      code: 'CONFLICT',
    },
    {
      what: 'an illegal transition',
      call: async () => {
        const i = await propose(riyadh);
        return { query: STATUS, variables: { id: i.id, version: 1, status: 'COMPLETED' } };
      },
      code: 'INVALID_TRANSITION',
    },
    {
      what: 'a percent outside 0–100',
      call: async () => {
        const i = await propose(riyadh);
        ok(await riyadh.graphql(STATUS, { id: i.id, version: 1, status: 'APPROVED' }, editor));
        ok(await riyadh.graphql(STATUS, { id: i.id, version: 2, status: 'IN_PROGRESS' }, editor));
        return { query: REPORT, variables: { id: i.id, input: { percentComplete: 140 } } };
      },
      code: 'BAD_USER_INPUT',
    },
    {
      what: 'a duplicate code',
      call: async () => {
        const i = await propose(riyadh);
        return { query: PROPOSE, variables: { input: proposal({ code: i.code.toLowerCase() }) } };
      },
      code: 'CONFLICT',
    },
    {
      what: 'a viewer writing',
      call: async () => ({ query: PROPOSE, variables: { input: proposal() }, token: await riyadh.token(['viewer']) }),
      code: 'FORBIDDEN',
    },
    {
      what: 'an editor of another node',
      call: async () => ({ query: PROPOSE, variables: { input: proposal() }, token: await riyadh.token(['editor'], 'jeddah') }),
      code: 'FORBIDDEN',
    },
    { what: 'no caller', call: async () => ({ query: PROPOSE, variables: { input: proposal() }, token: '' }), code: 'UNAUTHENTICATED' },
    {
      what: 'a criterion from a municipality',
      call: async () => ({ query: DEFINE, variables: { input: { nameAr: 'معيار', weight: 1 } }, token: await riyadh.token(['admin']) }),
      code: 'FORBIDDEN',
    },
    {
      what: 'a criterion without an Arabic name, by a ministry admin',
      at: () => ministry,
      call: async () => ({ query: DEFINE, variables: { input: { nameAr: ' ', nameEn: 'Reach', weight: 1 } }, token: await ministry.token(['admin']) }),
      code: 'BAD_USER_INPUT',
      field: 'nameAr',
    },
    {
      what: 'a criterion of weight 0, by a ministry admin',
      at: () => ministry,
      call: async () => ({ query: DEFINE, variables: { input: { nameAr: 'الانتشار', weight: 0 } }, token: await ministry.token(['admin']) }),
      code: 'BAD_USER_INPUT',
      field: 'weight',
    },
    {
      what: 'an assessment on an unknown criterion',
      at: () => ministry,
      call: async () => {
        const a = await assessable();
        const unknown = '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48799';
        return {
          query: ASSESS,
          variables: {
            id: a.initiativeId,
            input: {
              scores: [
                { criterionId: a.criterionId, score: 50 },
                { criterionId: unknown, score: 50 },
              ],
            },
          },
          token: a.admin,
        };
      },
      code: 'BAD_USER_INPUT',
      field: 'scores.1.criterionId',
    },
    {
      what: 'an assessment with a score above 100',
      at: () => ministry,
      call: async () => {
        const a = await assessable();
        return { query: ASSESS, variables: { id: a.initiativeId, input: { scores: [{ criterionId: a.criterionId, score: 140 }] } }, token: a.admin };
      },
      code: 'BAD_USER_INPUT',
      field: 'scores.0.score',
    },
    {
      what: 'an assessment with a negative score',
      at: () => ministry,
      call: async () => {
        const a = await assessable();
        return { query: ASSESS, variables: { id: a.initiativeId, input: { scores: [{ criterionId: a.criterionId, score: -1 }] } }, token: a.admin };
      },
      code: 'BAD_USER_INPUT',
      field: 'scores.0.score',
    },
  ];

  it.each(cases)('$what', async ({ at, call, code, field }) => {
    const target = at?.() ?? riyadh;
    const c = await call();
    const before = await ownRows(target);
    const r = await target.graphql(c.query, c.variables, c.token ?? editor);
    expect(r.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(r.errors?.[0]?.extensions?.field).toBe(field);
    expect(r.errors?.[0]?.message).toBeTruthy();
    expect(await ownRows(target)).toEqual(before);
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
