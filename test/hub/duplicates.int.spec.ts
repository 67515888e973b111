import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { initiativesService } from '../../services/initiatives/src/service';
import { InitiativeStatus, proposeInitiative, type InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import { InitiativeRecord, initiativeRow } from '../../services/initiatives/src/initiative/initiative.entity';
import { SIMILAR_SQL, similarParams } from '../../services/initiatives/src/duplicates/duplicates.queries';
import { normalisedSql } from '../../services/initiatives/src/duplicates/normalised-sql';
import { Axis, MINISTRY, newId, normalizeArabic } from '../../services/kernel/src/domain';
import { sourceOf, toRecord, topicOf } from '../../services/kernel/src/events';
import type { ServiceDefinition } from '../../services/kernel/src/service';
import {
  eventually,
  kafkaBrokers,
  startTestNode,
  startTestService,
  uniqueSuffix,
  type GraphQLResult,
  type TestGatewayNode,
  type TestNode,
} from '../support/node';

const run = uniqueSuffix().toUpperCase();

/**
 * The nodes take in only the events of this file: the shared broker holds every initiative other
 * tests published, which a node reads from the beginning.
 */
const ours = new Set<string>();
const onlyOurs = (def: ServiceDefinition<any>): ServiceDefinition<any> => ({
  ...def,
  consumers: (def.consumers ?? []).map((c) => ({ ...c, accept: (e, config) => ours.has(e.subject) && c.accept(e, config) })),
});

const dataOf = <T = any>(r: GraphQLResult<T>): T => {
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data;
};

function initiative(node: string, n: string, titleAr: string, axis: Axis, o: { descriptionAr?: string; parent?: InitiativeState } = {}): InitiativeState {
  const s = proposeInitiative(
    {
      code: `S${n}-${run}`,
      titleAr,
      descriptionAr: o.descriptionAr,
      axis,
      plannedStart: '2026-01-01',
      plannedEnd: '2027-12-31',
      nationalInitiativeId: o.parent?.id,
    },
    o.parent ? { id: o.parent.id, node: o.parent.node, nationalInitiativeId: null } : null,
    { id: newId(), node, by: `${node}-editor`, now: new Date() },
  ).data.state;
  return { ...s, status: InitiativeStatus.APPROVED, version: 2 };
}

const PAIR = 'score descriptionScore initiative { id node code } other { id node code }';
interface Pair {
  score: number;
  descriptionScore: number | null;
  initiative: { id: string; node: string; code: string };
  other: { id: string; node: string; code: string };
}

describe('the duplicate finder at the hub', () => {
  let hub: TestGatewayNode;
  let producer: Producer;
  let viewer: string;
  const I: Record<string, InitiativeState> = {};
  let national: { id: string; code: string };

  beforeAll(async () => {
    hub = await startTestNode(MINISTRY, { services: [onlyOurs(initiativesService)] });
    viewer = await hub.token(['viewer']);
    const editor = await hub.token(['editor']);
    national = dataOf(
      await hub.graphql(
        `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id code node nationalInitiativeId } }`,
        { i: { code: `NAT-${run}`, titleAr: 'تطوير الحدائق العامة', axis: 'INFRASTRUCTURE', plannedStart: '2026-01-01', plannedEnd: '2030-12-31' } },
        editor,
      ),
    ).proposeInitiative;
    ours.add(national.id);
    const nat = { id: national.id, node: MINISTRY } as InitiativeState;

    // riyadh's parks initiative rolls up to the national one; jeddah's and makkah's say the same in other spellings
    I.riyadhParks = initiative('riyadh', 'R1', 'تطوير الحدائق العامة', Axis.INFRASTRUCTURE, {
      parent: nat,
      descriptionAr: 'تأهيل الحدائق والمسطحات الخضراء في الأحياء',
    });
    I.riyadhParksPlus = initiative('riyadh', 'R2', 'تطوير الحدائق العامة ومرافقها', Axis.INFRASTRUCTURE);
    I.riyadhPortal = initiative('riyadh', 'R3', 'إطلاق بوابة الخدمات الإلكترونية', Axis.E_SERVICES);
    I.jeddahParks = initiative('jeddah', 'J1', 'تطوير الحدائق العامه', Axis.INFRASTRUCTURE, { descriptionAr: 'تأهيل الحدائق و المسطحات الخضراء فى الاحياء' });
    I.jeddahSmoking = initiative('jeddah', 'J2', 'حملة التوعية بمخاطر التدخين', Axis.HEALTH_AWARENESS);
    I.jeddahPortal = initiative('jeddah', 'J3', 'بوابة الخدمات الالكترونيه', Axis.E_SERVICES);
    I.makkahParks = initiative('makkah', 'M1', 'تَطْوِيـــرُ الحَدَائِقِ العَامَّةِ', Axis.INFRASTRUCTURE);

    producer = new Kafka({ clientId: 'test-duplicates', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const topic = topicOf('initiatives');
    const states = Object.values(I);
    for (const s of states) ours.add(s.id);
    await producer.send({
      topic,
      messages: states
        .map((s) =>
          toRecord(topic, {
            id: newId(),
            source: sourceOf(s.node, 'initiatives'),
            type: 'mmhub.initiative.updated.v1',
            subject: s.id,
            time: new Date().toISOString(),
            node: s.node,
            aggregateVersion: s.version,
            data: { state: s, change: {} },
          }),
        )
        .map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
    });
    await eventually(
      async () => ((await hub.sql<{ n: number }>('select count(*)::int as n from initiatives.initiative'))[0].n === states.length + 1 ? true : undefined),
      30_000,
      'the initiatives at the hub',
    );
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await hub?.stop();
  });

  const similar = async (id: string, args = '') =>
    dataOf(await hub.graphql(`query($id: ID!) { similarInitiatives(id: $id${args}) { ${PAIR} } }`, { id }, viewer)).similarInitiatives as Pair[];
  const candidates = async (args = '') =>
    dataOf(await hub.graphql(`{ duplicateCandidates${args ? `(${args})` : ''} { ${PAIR} } }`, {}, viewer)).duplicateCandidates as Pair[];
  /** A pair as its two codes, in a stable order. */
  const codes = (p: Pair) => [p.initiative.code, p.other.code].sort().join(' ~ ');
  const pairOf = (a: InitiativeState | { code: string }, b: InitiativeState | { code: string }) => [a.code, b.code].sort().join(' ~ ');

  it('pairs riyadh’s «تطوير الحدائق العامة» with jeddah’s «تطوير الحدائق العامه» at the top, whatever the spelling', async () => {
    const found = await similar(I.riyadhParks.id);
    // not riyadh's own look-alike, not the national initiative it rolls up to, nothing unrelated
    // equal scores in id order
    const expected = [I.jeddahParks, I.makkahParks].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(found.map((p) => [p.other.code, p.score])).toEqual(expected.map((s) => [s.code, 1]));
    expect(found.every((p) => p.initiative.id === I.riyadhParks.id && p.initiative.node === 'riyadh')).toBe(true);
    const jeddah = found.find((p) => p.other.id === I.jeddahParks.id)!;
    expect(jeddah.other.node).toBe('jeddah');
    // the descriptions, told apart by و / فى / الاحياء only, score on their own
    expect(jeddah.descriptionScore).toBeGreaterThan(0.8);
    expect(found.find((p) => p.other.id === I.makkahParks.id)!.descriptionScore).toBeNull();
  });

  it('lists what resembles an initiative from every other node, most alike first, down to minScore', async () => {
    const found = await similar(I.jeddahParks.id);
    const scores = found.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(
      found
        .filter((p) => p.score === 1)
        .map((p) => p.other.code)
        .sort(),
    ).toEqual([national.code, I.riyadhParks.code, I.makkahParks.code].sort());
    const longer = found.find((p) => p.other.id === I.riyadhParksPlus.id)!;
    expect(longer.score).toBeGreaterThanOrEqual(0.5);
    expect(longer.score).toBeLessThan(1);
    expect(found.map((p) => p.other.code)).not.toContain(I.jeddahSmoking.code);
    expect(found.every((p) => p.other.node !== 'jeddah')).toBe(true);
    expect(found).toHaveLength(4);

    expect((await similar(I.jeddahParks.id, ', minScore: 0.99')).map((p) => p.score)).toEqual([1, 1, 1]);
    expect(await similar(I.jeddahParks.id, ', first: 2')).toHaveLength(2);
    expect(await similar(I.jeddahSmoking.id)).toEqual([]);
  });

  it('finds every pair of different nodes above minScore, and never two initiatives of one node', async () => {
    const pairs = await candidates();
    const scores = pairs.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const parks = [national, I.riyadhParks, I.jeddahParks, I.makkahParks];
    const exact = parks.flatMap((a, i) => parks.slice(i + 1).map((b) => pairOf(a, b))).filter((p) => p !== pairOf(national, I.riyadhParks));
    expect(
      pairs
        .filter((p) => p.score === 1)
        .map(codes)
        .sort(),
    ).toEqual(exact.sort());
    const partial = pairs.filter((p) => p.score < 1);
    expect(partial.map(codes).sort()).toEqual(
      [
        pairOf(national, I.riyadhParksPlus),
        pairOf(I.jeddahParks, I.riyadhParksPlus),
        pairOf(I.makkahParks, I.riyadhParksPlus),
        pairOf(I.riyadhPortal, I.jeddahPortal),
      ].sort(),
    );
    for (const p of pairs) {
      expect(p.initiative.node).not.toBe(p.other.node);
      // the older of the two first
      expect(p.initiative.id < p.other.id).toBe(true);
    }
    // riyadh's two parks initiatives are alike, but one node's
    expect(pairs.map(codes)).not.toContain(pairOf(I.riyadhParks, I.riyadhParksPlus));
    // an initiative and the national initiative it rolls up to are linked, not duplicates
    expect(pairs.map(codes)).not.toContain(pairOf(national, I.riyadhParks));
    expect(pairs.flatMap((p) => [p.initiative.code, p.other.code])).not.toContain(I.jeddahSmoking.code);
  });

  it('narrows the pairs by axis, score and count', async () => {
    expect((await candidates('axis: E_SERVICES')).map(codes)).toEqual([pairOf(I.riyadhPortal, I.jeddahPortal)]);
    expect(await candidates('axis: HEALTH_AWARENESS')).toEqual([]);
    expect((await candidates('minScore: 0.99')).map((p) => p.score)).toEqual([1, 1, 1, 1, 1]);
    expect(await candidates('first: 3')).toHaveLength(3);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    const notFound = await hub.graphql(`query($id: ID!) { similarInitiatives(id: $id) { score } }`, { id: newId() }, viewer);
    expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const [q, field] of [
      [`{ duplicateCandidates(minScore: 0) { score } }`, 'minScore'],
      [`{ duplicateCandidates(minScore: 1.5) { score } }`, 'minScore'],
      [`{ duplicateCandidates(first: 0) { score } }`, 'first'],
      [`{ similarInitiatives(id: "not-an-id") { score } }`, 'id'],
    ]) {
      const r = await hub.graphql(q, {}, viewer);
      expect({ q, code: r.errors?.[0]?.extensions?.code, field: r.errors?.[0]?.extensions?.field }).toEqual({ q, code: 'BAD_USER_INPUT', field });
    }
  });

  it('at a municipality sees only its own initiatives and the ministry’s', async () => {
    const riyadh = await startTestNode('riyadh', { services: [onlyOurs(initiativesService)] });
    try {
      const editor = await riyadh.token(['editor']);
      const own = dataOf(
        await riyadh.graphql(
          `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id code } }`,
          { i: { code: `RUH-${run}`, titleAr: 'تطوير الحدائق العامّة', axis: 'INFRASTRUCTURE', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
          editor,
        ),
      ).proposeInitiative;
      await eventually(
        async () => ((await riyadh.sql('select 1 from initiatives.initiative where id = $1', [national.id])).length ? true : undefined),
        30_000,
        'the national initiative at riyadh',
      );
      const token = await riyadh.token(['viewer']);
      const pairs = dataOf(await riyadh.graphql(`{ duplicateCandidates { ${PAIR} } }`, {}, token)).duplicateCandidates as Pair[];
      // jeddah's and makkah's events went by; riyadh keeps only the ministry's
      expect(pairs.map((p) => [codes(p), p.score])).toEqual([[pairOf(national, own), 1]]);
    } finally {
      await riyadh.stop();
    }
  }, 120_000);
});

describe('the duplicate finder’s SQL', () => {
  let svc: TestNode;
  beforeAll(async () => {
    svc = await startTestService({ ...initiativesService, consumers: [] }, { node: MINISTRY });
  }, 60_000);
  afterAll(() => svc?.stop());

  it('normalises titles in SQL exactly as normalizeArabic does', async () => {
    const samples = [
      'تطوير الحدائق العامة',
      '  أَمانةُ   منطقةِ الرياض\u00a0\tالإلكترونيّة\n',
      'مستشفىٰ إسعاف آمن ٱلرحمن',
      'كـــتـــاب المُبادرات',
      'Riyadh GREEN — Été',
      'قرآنۖ مُبينٌ ۝',
      '\u2003مسافة\u3000غريبة\ufeff',
      'e\u0301',
      // presentation forms and other compatibility characters, as text pasted from a PDF carries them
      'تحسين اﻷمانة ﻹدارة ﻻئحة ﷲ',
      'ﬁle Ｒｉｙａｄｈ ²',
      // digits and letters written another way, and invisible format characters
      'بلاغات ٩٤٠ و۹۴۰ بلدیة مکة',
      'عا\u200dجل\u00ad خبر\u200f \u2066مهم\u2069 \u034f\u061c\ufe0f\u180e',
    ];
    for (const s of samples) {
      const [row] = await svc.sql<{ n: string }>(`select ${normalisedSql('$1::text')} as n`, [s]);
      expect({ s, n: row.n }).toEqual({ s, n: normalizeArabic(s) });
    }
  });

  it('answers similarInitiatives from the trigram index', async () => {
    // a sector's worth of initiatives (17 municipalities, years of them), with titles of no meaning
    await svc.sql(
      `insert into initiatives.initiative (id, node, code, title_ar, axis, status, planned_start, planned_end, search_text, created_by, created_at, updated_at, version)
       select gen_random_uuid(), 'filler-' || (i % 17), 'F' || i, t, 'OVERSIGHT', 'APPROVED', '2026-01-01', '2026-12-31', 'f' || i || ' ' || t, 'test', now(), now(), 1
       from (select i, 'مبادرة ' || md5(i::text) || ' ' || md5((i * 7)::text) as t from generate_series(1, 20000) i) g`,
    );
    const target = initiative('jeddah', 'T1', 'تطوير الحدائق العامه', Axis.INFRASTRUCTURE);
    await svc.service.orm.em.fork().insertMany(InitiativeRecord, [initiativeRow(target)]);
    const client = new Client({ connectionString: svc.db.url });
    await client.connect();
    try {
      // autovacuum's work: rows written since the index was built wait in GIN's pending list, which the planner costs as a scan of it all
      await client.query('vacuum analyze initiatives.initiative');
      await client.query('begin');
      await client.query(`select set_config('pg_trgm.word_similarity_threshold', '0.3', true)`);
      let n = 0;
      const sql = SIMILAR_SQL.replace(/\?/g, () => `$${++n}`);
      const params = similarParams(
        { id: newId(), node: 'riyadh', nationalInitiativeId: null, title: normalizeArabic('تطوير الحدائق العامة'), description: '' },
        0.3,
        10,
      );
      const plan = (await client.query(`explain ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan on initiative_search_trgm/);
      expect(plan).not.toMatch(/Seq Scan on initiative/);
      const found = (await client.query(sql, params)).rows;
      expect(found).toEqual([{ otherId: target.id, score: 1, descriptionScore: null }]);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
