import { newId } from '../../services/kernel/src/domain';
import { calendarService } from '../../services/calendar/src/service';
import { startTestService, type TestNode } from '../support/node';
import { draft, ok, scheduled } from './fixtures';

let riyadh: TestNode;
let viewer: string;
let editor: string;
const statements: string[] = [];
const initiatives = [newId(), newId(), newId()];
const campaigns: string[] = [];

beforeAll(async () => {
  // without the replica consumer, whose writes would mix into the statements counted here
  riyadh = await startTestService({ ...calendarService, consumers: [] }, { node: 'riyadh', onQuery: (sql) => statements.push(sql) });
  editor = await riyadh.token(['editor']);
  viewer = await riyadh.token(['viewer']);
  // campaign 0 serves initiatives 0 and 1; campaign 1 serves initiative 1; initiative 2 has none
  campaigns.push((await draft(riyadh, editor, '2037-01-01', '2037-01-31', { initiativeIds: [initiatives[0], initiatives[1]] })).id);
  campaigns.push((await draft(riyadh, editor, '2037-02-01', '2037-02-28', { initiativeIds: [initiatives[1]] })).id);
});
afterAll(() => riyadh?.stop());

/** Runs a query and returns the SQL statements it sent that read `table`. */
async function selectsOf<T>(table: string, run: () => Promise<T>): Promise<{ result: T; selects: string[] }> {
  statements.length = 0;
  const result = await run();
  const plain = statements.map((s) => s.replace(/\x1B\[\d+m/g, ''));
  return { result, selects: plain.filter((s) => s.startsWith('[query] select') && s.includes(`from "calendar"."${table}"`)) };
}

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Initiative { id campaigns { id titleAr initiativeIds } }
  ... on Campaign { id titleAr initiatives { id } }
} }`;

describe('federation', () => {
  it('adds Initiative.campaigns, batched: one SQL statement for every initiative of the query', async () => {
    const reps = initiatives.map((id) => ({ __typename: 'Initiative', id }));
    const { result, selects } = await selectsOf('campaign', () => ok(riyadh, ENTITIES, { reps }, viewer));
    expect(result._entities.map((i: { campaigns: { id: string }[] }) => i.campaigns.map((c) => c.id))).toEqual([
      [campaigns[0]],
      [campaigns[0], campaigns[1]],
      [],
    ]);
    expect(selects).toHaveLength(1);
  });

  it('resolves Campaign references in one statement, each with its initiatives as Initiative references', async () => {
    const reps = campaigns.map((id) => ({ __typename: 'Campaign', id }));
    const { result, selects } = await selectsOf('campaign', () => ok(riyadh, ENTITIES, { reps }, viewer));
    expect(result._entities).toEqual([
      { id: campaigns[0], titleAr: 'حملة التوعية بسلامة الغذاء', initiatives: [{ id: initiatives[0] }, { id: initiatives[1] }] },
      { id: campaigns[1], titleAr: 'حملة التوعية بسلامة الغذاء', initiatives: [{ id: initiatives[1] }] },
    ]);
    expect(selects).toHaveLength(1);
  });

  it('answers null for a campaign it does not know', async () => {
    const r = await ok(
      riyadh,
      ENTITIES,
      {
        reps: [
          { __typename: 'Campaign', id: newId() },
          { __typename: 'Campaign', id: 'not-an-id' },
        ],
      },
      viewer,
    );
    expect(r._entities).toEqual([null, null]);
  });

  it('lists the campaigns of an initiative through the campaigns query too', async () => {
    const r = await ok(riyadh, `query($i: ID!) { campaigns(filter: { initiative: $i }) { totalCount edges { node { id } } } }`, { i: initiatives[1] }, viewer);
    expect(r.campaigns.totalCount).toBe(2);
    expect(r.campaigns.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([campaigns[1], campaigns[0]]);
    const PAGE = `query($i: ID!, $after: String) { campaigns(filter: { initiative: $i }, first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await ok(riyadh, PAGE, { i: initiatives[1] }, viewer)).campaigns;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(riyadh, PAGE, { i: initiatives[1], after: first.pageInfo.endCursor }, viewer)).campaigns;
    expect([...first.edges, ...second.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual([campaigns[1], campaigns[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

describe('the sector dashboard’s campaign months', () => {
  const MONTHS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on SectorDashboard {
    campaignsByMonth { month from to fromHijri { year month day ar en } toHijri { year month day ar en } campaigns }
    campaignsByHijriMonth { year month from to fromHijri { year month day ar en } toHijri { year month day ar en } campaigns }
  } } }`;

  it('gives each month’s first and last day in the Hijri calendar too', async () => {
    // the whole of March 2026: from 12 Ramadan to 12 Shawwal 1447
    await scheduled(riyadh, editor, '2026-03-01', '2026-03-31', { axis: 'OVERSIGHT' });
    const [d] = (await ok(riyadh, MONTHS, { reps: [{ __typename: 'SectorDashboard', id: 'sector-dashboard?node=riyadh&axis=OVERSIGHT' }] }, viewer))._entities;
    expect(d.campaignsByMonth).toEqual([
      {
        month: '2026-03',
        from: '2026-03-01',
        to: '2026-03-31',
        fromHijri: { year: 1447, month: 9, day: 12, ar: '١٢ رمضان ١٤٤٧ هـ', en: 'Ramadan 12, 1447 AH' },
        toHijri: { year: 1447, month: 10, day: 12, ar: '١٢ شوال ١٤٤٧ هـ', en: 'Shawwal 12, 1447 AH' },
        campaigns: 1,
      },
    ]);
    expect(d.campaignsByHijriMonth.map((m: { month: number; fromHijri: object; toHijri: object }) => [m.month, m.fromHijri, m.toHijri])).toEqual([
      [
        9,
        { year: 1447, month: 9, day: 1, ar: '١ رمضان ١٤٤٧ هـ', en: 'Ramadan 1, 1447 AH' },
        { year: 1447, month: 9, day: 30, ar: '٣٠ رمضان ١٤٤٧ هـ', en: 'Ramadan 30, 1447 AH' },
      ],
      [10, { year: 1447, month: 10, day: 1, ar: '١ شوال ١٤٤٧ هـ', en: 'Shawwal 1, 1447 AH' }, expect.objectContaining({ year: 1447, month: 10, day: 29 })],
    ]);
  });
});
