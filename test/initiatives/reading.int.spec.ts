import { initiativesService } from '../../services/initiatives/src/service';
import { startTestService, type TestNode } from '../support/node';
import { DEVELOPMENT_GATEWAY_SECRET } from '../../services/kernel/src/config';
import { signGatewayProof } from '../../services/kernel/src/auth';
import { propose } from './fixtures';

const STATUS = `mutation($id: ID!, $version: Int!, $status: InitiativeStatus!) {
  changeInitiativeStatus(id: $id, version: $version, status: $status) { id status version }
}`;

let riyadh: TestNode;
let editor: string;

beforeAll(async () => {
  riyadh = await startTestService(initiativesService, { node: 'riyadh' });
  editor = await riyadh.token(['editor']);
});
afterAll(async () => {
  await riyadh?.stop();
});

describe('reading', () => {
  it('needs a token unless anonymous reading is allowed', async () => {
    const r = await riyadh.graphql('{ initiatives { totalCount } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const open = await startTestService(initiativesService, { node: 'jeddah', env: { MMHUB_ALLOW_ANONYMOUS_READ: 'true' } });
    try {
      expect((await open.graphql('{ initiatives { totalCount } }')).data).toEqual({ initiatives: { totalCount: expect.any(Number) } });
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

  it('finds a word in its other forms, and digitisation apart from numbers', async () => {
    const parks = await propose(riyadh, { titleAr: 'تأهيل حدائق الأحياء', titleEn: null, descriptionAr: 'مبادرات للمتنزهات' });
    const numbered = await propose(riyadh, { titleAr: 'ترقيم المباني', titleEn: null, descriptionAr: 'لوحات برقم لكل مبنى' });
    const digital = await propose(riyadh, { titleAr: 'رقمنة خدمات البناء', titleEn: null });
    expect(await ids('والحدائق')).toContain(parks.id);
    expect(await ids('المبادرة')).toContain(parks.id);
    expect(await ids('الرقمنة')).toEqual(expect.arrayContaining([digital.id]));
    expect(await ids('الرقمنة')).not.toContain(numbered.id);
    // no word matches whole: a word still being typed is looked for in the text
    expect(await ids('تأهيل حدا')).toEqual([parks.id]);
  });

  it('counts the matches, many or few, and pages through them newest first', async () => {
    // a word no other test writes: letters ب to غ drawn at random
    const word = Array.from({ length: 7 }, () => String.fromCharCode(0x0628 + Math.floor(Math.random() * 19))).join('');
    const made: string[] = [];
    for (let k = 0; k < 5; k++) made.push((await propose(riyadh, { titleAr: `${word} الأحياء ${k}`, titleEn: null })).id);
    const PAGE = `query($q: String!, $after: String) { initiatives(filter: { search: $q }, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = (await riyadh.graphql(PAGE, { q: word, after }, editor)).data!.initiatives;
      expect(r.totalCount).toBe(5);
      seen.push(...r.edges.map((e: any) => e.node.id));
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor;
    }
    expect(seen).toEqual([...made].sort().reverse());
    const none = (await riyadh.graphql(PAGE, { q: `${word}غائب`, after: null }, editor)).data!.initiatives;
    expect(none).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('treats SQL and LIKE characters as text', async () => {
    expect(await ids("%' or 1=1 --")).toEqual([]);
    expect(await ids('_')).toEqual([]);
  });
});
