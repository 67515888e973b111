import { calendarService } from '../../services/calendar/src/service';
import { readTopic, startTestService, type TestNode } from '../support/node';
import { GENERATE, counts, ok, type EntryView } from './fixtures';

let ministry: TestNode;
let admin: string;
beforeAll(async () => {
  ministry = await startTestService(calendarService, { node: 'ministry' });
  admin = await ministry.token(['admin']);
});
afterAll(() => ministry?.stop());

type Generated = { generateNationalOccasions: { hijriYear: number; added: EntryView[]; occasions: EntryView[] } };
const generate = async (year: number) => (await ok<Generated>(ministry, GENERATE, { year }, admin)).generateNationalOccasions;
const days = (list: EntryView[]) => list.map((e) => [e.occasionCode, e.startDate, e.endDate]);

describe('national occasions', () => {
  it('1447: on the right Gregorian days, whole-day occasions of the ministry, with their Hijri dates', async () => {
    const r = await generate(1447);
    expect(days(r.added)).toEqual([
      ['HIJRI_NEW_YEAR', '2025-06-26', '2025-06-26'],
      ['NATIONAL_DAY', '2025-09-23', '2025-09-23'],
      ['RAMADAN', '2026-02-18', '2026-03-19'],
      ['FOUNDING_DAY', '2026-02-22', '2026-02-22'],
      ['FLAG_DAY', '2026-03-11', '2026-03-11'],
      ['EID_AL_FITR', '2026-03-20', '2026-03-22'],
      ['ARAFAT_DAY', '2026-05-26', '2026-05-26'],
      ['EID_AL_ADHA', '2026-05-27', '2026-05-29'],
    ]);
    for (const e of r.added)
      expect(e).toMatchObject({ node: 'ministry', kind: 'OCCASION', allDay: true, status: 'CONFIRMED', occasionHijriYear: 1447, axis: null });
    const ramadan = r.added[2];
    expect(ramadan).toMatchObject({
      titleAr: 'شهر رمضان',
      titleEn: 'Ramadan',
      startDateHijri: { year: 1447, month: 9, day: 1 },
      endDateHijri: { year: 1447, month: 9, day: 30 },
    });
    // the Eid is 1 Shawwal, after 30 Ramadan in 1447; its holiday, from 30 Ramadan, is in its description
    expect(r.added[5].startDateHijri).toMatchObject({ year: 1447, month: 10, day: 1, en: 'Shawwal 1, 1447 AH' });
    expect(r.added[5].endDateHijri).toMatchObject({ year: 1447, month: 10, day: 3 });
    expect(r.added[5].descriptionAr).toContain('والإجازة الرسمية من ٣٠ رمضان ١٤٤٧ هـ');
    expect(r.added[7].startDateHijri).toMatchObject({ year: 1447, month: 12, day: 10 });
  });

  it('1448', async () => {
    expect(days((await generate(1448)).added)).toEqual([
      ['HIJRI_NEW_YEAR', '2026-06-16', '2026-06-16'],
      ['NATIONAL_DAY', '2026-09-23', '2026-09-23'],
      ['RAMADAN', '2027-02-08', '2027-03-08'],
      ['FOUNDING_DAY', '2027-02-22', '2027-02-22'],
      ['EID_AL_FITR', '2027-03-09', '2027-03-11'],
      ['FLAG_DAY', '2027-03-11', '2027-03-11'],
      ['ARAFAT_DAY', '2027-05-15', '2027-05-15'],
      ['EID_AL_ADHA', '2027-05-16', '2027-05-18'],
    ]);
  });

  it('running again adds nothing, not even events', async () => {
    const before = await counts(ministry);
    const again = await generate(1447);
    expect(again.added).toEqual([]);
    expect(days(again.occasions).map(([code]) => code)).toEqual([
      'HIJRI_NEW_YEAR',
      'NATIONAL_DAY',
      'RAMADAN',
      'FOUNDING_DAY',
      'FLAG_DAY',
      'EID_AL_FITR',
      'ARAFAT_DAY',
      'EID_AL_ADHA',
    ]);
    expect(await counts(ministry)).toEqual(before);
  });

  it('two admins generating one year at once add each occasion once', async () => {
    const [a, b] = await Promise.all([generate(1449), generate(1449)]);
    expect(a.added.length + b.added.length).toBe(8);
    const [row] = await ministry.sql<{ n: number }>('select count(*)::int as n from calendar.calendar_entry where occasion_hijri_year = 1449');
    expect(row.n).toBe(8);
  });

  it('records one added event per occasion in the outbox', async () => {
    const rows = await ministry.sql<{ type: string; n: number }>(
      `select o.type, count(*)::int as n from calendar.outbox o join calendar.calendar_entry e on e.id::text = o.subject where e.occasion_hijri_year = 1447 group by o.type`,
    );
    expect(rows).toEqual([{ type: 'mmhub.calendarentry.added.v1', n: 8 }]);
  });

  it('publishes each occasion as mmhub.calendarentry.added.v1 of the ministry, naming the occasion', async () => {
    const added = (await generate(1451)).added;
    expect(added).toHaveLength(8);
    const ids = new Set(added.map((e) => e.id));
    const records = await readTopic('mmhub.calendar.v1', (rs) => rs.length >= 8, { filter: (x) => ids.has(x.headers.ce_subject) });
    expect(new Set(records.map((x) => x.key))).toEqual(ids);
    for (const x of records) {
      expect(x.headers).toMatchObject({
        ce_type: 'mmhub.calendarentry.added.v1',
        ce_node: 'ministry',
        ce_source: '/nodes/ministry/calendar',
        ce_aggregateversion: '1',
      });
    }
    const byCode = Object.fromEntries(records.map((x) => JSON.parse(x.value!)).map((d) => [d.change.occasion.code, d]));
    expect(Object.keys(byCode).sort()).toEqual([
      'ARAFAT_DAY',
      'EID_AL_ADHA',
      'EID_AL_FITR',
      'FLAG_DAY',
      'FOUNDING_DAY',
      'HIJRI_NEW_YEAR',
      'NATIONAL_DAY',
      'RAMADAN',
    ]);
    expect(byCode.RAMADAN.change.occasion).toEqual({ code: 'RAMADAN', hijriYear: 1451 });
    expect(byCode.RAMADAN.state).toMatchObject({
      node: 'ministry',
      kind: 'OCCASION',
      allDay: true,
      status: 'CONFIRMED',
      occasionCode: 'RAMADAN',
      occasionHijriYear: 1451,
    });
  });

  it.each([
    ['an editor', ['editor'], 'ministry', 1450, 'FORBIDDEN'],
    ['a municipality’s admin', ['admin'], 'riyadh', 1450, 'FORBIDDEN'],
    ['a year out of range', ['admin'], 'ministry', 1399, 'BAD_USER_INPUT'],
  ] as const)('refuses %s; nothing changes', async (_who, roles, node, year, code) => {
    const before = await counts(ministry);
    const r = await ministry.graphql(GENERATE, { year }, await ministry.token([...roles], node));
    expect(r.errors?.[0].extensions?.code).toBe(code);
    expect(await counts(ministry)).toEqual(before);
  });
});

describe('national occasions away from the ministry', () => {
  let riyadh: TestNode;
  beforeAll(async () => {
    riyadh = await startTestService(calendarService, { node: 'riyadh' });
  });
  afterAll(() => riyadh?.stop());

  it('are generated only at the ministry’s node: NOT_OWNER naming it', async () => {
    const before = await counts(riyadh);
    const r = await riyadh.graphql(GENERATE, { year: 1447 }, await riyadh.token(['admin'], 'ministry'));
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'NOT_OWNER', owner: 'ministry' });
    expect(await counts(riyadh)).toEqual(before);
  });
});
