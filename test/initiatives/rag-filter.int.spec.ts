import { initiativesService } from '../../services/initiatives/src/service';
import { expectedProgress, todayInRiyadh } from '../../services/initiatives/src/initiative/progress';
import { startTestService, type TestNode } from '../support/node';
import { propose } from './fixtures';

/** The inventory's RAG filter: computed by the database as `Initiative.rag` computes it, and paged like any filter. */
let riyadh: TestNode;
let editor: string;
let viewer: string;
const ids: Record<string, string> = {};

// a plan long enough that today is well inside it
const LONG = { plannedStart: '2020-01-01', plannedEnd: '2039-12-31' };
const expected = expectedProgress(LONG.plannedStart, LONG.plannedEnd, todayInRiyadh(new Date()));

async function call(query: string, variables: Record<string, unknown>, token = editor) {
  const r = await riyadh.graphql(query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

async function moveTo(id: string, statuses: string[]): Promise<void> {
  for (const status of statuses) {
    const { initiative } = await call('query($id: ID!) { initiative(id: $id) { version } }', { id });
    await call('mutation($id: ID!, $v: Int!, $s: InitiativeStatus!) { changeInitiativeStatus(id: $id, version: $v, status: $s) { id } }', {
      id,
      v: initiative.version,
      s: status,
    });
  }
}

const report = (id: string, percentComplete: number) =>
  call('mutation($id: ID!, $p: Float!) { reportProgress(initiativeId: $id, input: { percentComplete: $p }) { id } }', { id, p: percentComplete });

beforeAll(async () => {
  riyadh = await startTestService(initiativesService, { node: 'riyadh' });
  [editor, viewer] = await Promise.all([riyadh.token(['editor']), riyadh.token(['viewer'])]);
  // oldest first: the listing is newest first
  const made: Array<[string, Record<string, unknown>, (id: string) => Promise<unknown>]> = [
    ['proposed', { ...LONG, titleAr: 'حدائق الأحياء' }, async () => undefined],
    [
      'ahead',
      { ...LONG, titleAr: 'حدائق الواجهة البحرية' },
      async (id) => (await moveTo(id, ['APPROVED', 'IN_PROGRESS']), report(id, Math.min(100, expected + 5))),
    ],
    ['behind', { ...LONG, titleAr: 'تشجير الطرق' }, async (id) => (await moveTo(id, ['APPROVED', 'IN_PROGRESS']), report(id, expected - 17))],
    ['farBehind', { ...LONG, titleAr: 'حدائق المدارس' }, async (id) => (await moveTo(id, ['APPROVED', 'IN_PROGRESS']), report(id, Math.max(0, expected - 30)))],
    [
      'suspended',
      { ...LONG, titleAr: 'ممشى الحي' },
      async (id) => (await moveTo(id, ['APPROVED', 'IN_PROGRESS']), await report(id, expected), moveTo(id, ['SUSPENDED'])),
    ],
    [
      'late',
      { plannedStart: '2020-01-01', plannedEnd: '2021-12-31', titleAr: 'حدائق قديمة' },
      async (id) => (await moveTo(id, ['APPROVED', 'IN_PROGRESS']), report(id, 99)),
    ],
    [
      'completed',
      { plannedStart: '2020-01-01', plannedEnd: '2021-12-31', titleAr: 'إنارة الحدائق' },
      async (id) => moveTo(id, ['APPROVED', 'IN_PROGRESS', 'COMPLETED']),
    ],
    ['cancelled', { ...LONG, titleAr: 'حدائق ملغاة' }, async (id) => moveTo(id, ['CANCELLED'])],
  ];
  for (const [name, overrides, then] of made) {
    ids[name] = (await propose(riyadh, { ...overrides, axis: 'INFRASTRUCTURE' }, editor)).id;
    await then(ids[name]);
  }
}, 120_000);
afterAll(async () => {
  await riyadh?.stop();
});

const LIST = `query($f: InitiativeFilter, $after: String) {
  initiatives(filter: $f, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id rag } } }
}`;

/** Every page of a filter, two at a time, with the totalCount each page gave. */
async function pages(filter: Record<string, unknown>): Promise<{ ids: string[]; rags: Array<string | null>; totals: number[] }> {
  const out = { ids: [] as string[], rags: [] as Array<string | null>, totals: [] as number[] };
  let after: string | null = null;
  for (;;) {
    const { initiatives }: any = await call(LIST, { f: { node: ['riyadh'], ...filter }, after }, viewer);
    out.ids.push(...initiatives.edges.map((e: any) => e.node.id));
    out.rags.push(...initiatives.edges.map((e: any) => e.node.rag));
    out.totals.push(initiatives.totalCount);
    if (!initiatives.pageInfo.hasNextPage) return out;
    after = initiatives.pageInfo.endCursor;
  }
}

const newestFirst = (...names: string[]) =>
  names
    .map((n) => ids[n])
    .sort()
    .reverse();

describe('the initiatives filtered by RAG', () => {
  it('rates the initiatives as the rule says', async () => {
    const all = await pages({});
    const rated = Object.fromEntries(all.ids.map((id, i) => [id, all.rags[i]]));
    expect(rated).toEqual({
      [ids.proposed]: null,
      [ids.ahead]: 'ON_TRACK',
      [ids.behind]: 'AT_RISK',
      [ids.farBehind]: 'OFF_TRACK',
      [ids.suspended]: 'AT_RISK',
      [ids.late]: 'OFF_TRACK',
      [ids.completed]: 'ON_TRACK',
      [ids.cancelled]: null,
    });
  });

  it.each([
    ['ON_TRACK', ['ahead', 'completed']],
    ['AT_RISK', ['behind', 'suspended']],
    ['OFF_TRACK', ['farBehind', 'late']],
  ])('finds exactly the %s ones, as Initiative.rag rates them', async (rag, names) => {
    const found = await pages({ rag: [rag] });
    expect(found.ids).toEqual(newestFirst(...names));
    expect(found.rags.every((r) => r === rag)).toBe(true);
    expect(found.totals.every((t) => t === names.length)).toBe(true);
  });

  it('pages a filter of several ratings by cursor, without a gap or a repeat, its totalCount on every page', async () => {
    const found = await pages({ rag: ['AT_RISK', 'OFF_TRACK'] });
    expect(found.totals).toEqual([4, 4]);
    expect(found.ids).toEqual(newestFirst('behind', 'farBehind', 'suspended', 'late'));
  });

  it('combines with the search and the status filters, and never matches an initiative not rated', async () => {
    // «حدائق» is in the titles of the proposed, ahead, far behind, late and cancelled ones
    expect((await pages({ rag: ['OFF_TRACK'], search: 'الحدائق' })).ids).toEqual(newestFirst('farBehind', 'late'));
    expect((await pages({ rag: ['ON_TRACK'], search: 'الواجهة' })).ids).toEqual(newestFirst('ahead'));
    expect((await pages({ rag: ['ON_TRACK'], status: ['COMPLETED'] })).ids).toEqual(newestFirst('completed'));
    expect((await pages({ rag: ['ON_TRACK', 'AT_RISK', 'OFF_TRACK'], status: ['PROPOSED', 'CANCELLED'] })).ids).toEqual([]);
  });

  it('refuses a rating that does not exist as bad input, in both languages', async () => {
    const r = await riyadh.graphql('query($f: InitiativeFilter) { initiatives(filter: $f) { totalCount } }', { f: { rag: ['PURPLE'] } }, viewer);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.messageAr).toMatch(/[\u0600-\u06FF]/);
  });
});
