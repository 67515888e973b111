import { startTestNode, type TestGatewayNode } from '../support/node';
import { code } from '../initiatives/fixtures';
import { campaignInput } from './fixtures';

let riyadh: TestGatewayNode;
let editor: string;
let viewer: string;

const must = async <T = any>(p: Promise<{ data?: any; errors?: unknown[] }>): Promise<T> => {
  const r = await p;
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
};
const HIJRI = '{ year month day ar en monthNameAr monthNameEn weekday weekdayAr weekdayEn }';

beforeAll(async () => {
  riyadh = await startTestNode('riyadh');
  editor = await riyadh.token(['editor'], 'riyadh', 'riyadh-editor-hijri');
  viewer = await riyadh.token(['viewer'], 'riyadh', 'riyadh-viewer-hijri');
});
afterAll(() => riyadh?.stop());

describe('Hijri through the gateway', () => {
  it('beside the dates of the initiatives service too', async () => {
    const input = { code: code('HJR'), titleAr: 'مبادرة الحدائق', axis: 'INFRASTRUCTURE', plannedStart: '2026-02-18', plannedEnd: '2026-03-19' };
    const i = (
      await must(
        riyadh.graphql(
          `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { plannedStartHijri ${HIJRI} plannedEndHijri { en } createdAtHijri { year } } }`,
          { i: input },
          editor,
        ),
      )
    ).proposeInitiative;
    expect(i.plannedStartHijri).toEqual({
      year: 1447,
      month: 9,
      day: 1,
      ar: '١ رمضان ١٤٤٧ هـ',
      en: 'Ramadan 1, 1447 AH',
      monthNameAr: 'رمضان',
      monthNameEn: 'Ramadan',
      weekday: 3,
      weekdayAr: 'الأربعاء',
      weekdayEn: 'Wednesday',
    });
    expect(i.plannedEndHijri.en).toBe('Ramadan 30, 1447 AH');
    expect(i.createdAtHijri.year).toBeGreaterThanOrEqual(1448);
  });

  it('converts a Gregorian day and an Umm al-Qura date, with weekday, weekend and holidays', async () => {
    const d = (
      await must(
        riyadh.graphql(
          `{ gregorianToHijri(date: "2026-03-20") { date dateHijri ${HIJRI} weekdayAr weekdayEn weekend publicHoliday occasions { code from to } } }`,
          {},
          viewer,
        ),
      )
    ).gregorianToHijri;
    expect(d).toMatchObject({
      date: '2026-03-20',
      weekdayAr: 'الجمعة',
      weekdayEn: 'Friday',
      weekend: true,
      publicHoliday: true,
      occasions: [{ code: 'EID_AL_FITR', from: '2026-03-20', to: '2026-03-22' }],
    });
    // 30 Ramadan: the first day off of Eid al-Fitr, not the Eid
    const eve = (
      await must(
        riyadh.graphql(
          `{ hijriToGregorian(date: { year: 1447, month: 9, day: 30 }) { date publicHoliday occasions { code from to holidayFrom holidayTo } } }`,
          {},
          viewer,
        ),
      )
    ).hijriToGregorian;
    expect(eve).toEqual({
      date: '2026-03-19',
      publicHoliday: true,
      occasions: [
        { code: 'RAMADAN', from: '2026-02-18', to: '2026-03-19', holidayFrom: null, holidayTo: null },
        { code: 'EID_AL_FITR', from: '2026-03-20', to: '2026-03-22', holidayFrom: '2026-03-19', holidayTo: '2026-03-22' },
      ],
    });
    expect(d.dateHijri).toMatchObject({ year: 1447, month: 10, day: 1, ar: '١ شوال ١٤٤٧ هـ', en: 'Shawwal 1, 1447 AH' });
    const g = (
      await must(
        riyadh.graphql(`{ hijriToGregorian(date: { year: 1447, month: 12, day: 9 }) { date weekdayEn occasions { code publicHoliday } } }`, {}, viewer),
      )
    ).hijriToGregorian;
    expect(g).toEqual({ date: '2026-05-26', weekdayEn: 'Tuesday', occasions: [{ code: 'ARAFAT_DAY', publicHoliday: true }] });
    const bad = await riyadh.graphql(`{ hijriToGregorian(date: { year: 1447, month: 9, day: 31 }) { date } }`, {}, viewer);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date.day' });
  });

  it('lists the sector’s occasions of a Hijri year with both calendars', async () => {
    const list = (
      await must(
        riyadh.graphql(`{ sectorOccasions(hijriYear: 1447) { code publicHoliday from to days fromHijri { day month } toHijri { day month } } }`, {}, viewer),
      )
    ).sectorOccasions;
    expect(list.map((o: { code: string }) => o.code)).toEqual([
      'HIJRI_NEW_YEAR',
      'NATIONAL_DAY',
      'RAMADAN',
      'FOUNDING_DAY',
      'FLAG_DAY',
      'EID_AL_FITR',
      'ARAFAT_DAY',
      'EID_AL_ADHA',
    ]);
    expect(list.find((o: { code: string }) => o.code === 'EID_AL_ADHA')).toEqual({
      code: 'EID_AL_ADHA',
      publicHoliday: true,
      from: '2026-05-27',
      to: '2026-05-29',
      days: 3,
      fromHijri: { day: 10, month: 12 },
      toHijri: { day: 12, month: 12 },
    });
    expect(list.find((o: { code: string }) => o.code === 'FLAG_DAY')).toMatchObject({ publicHoliday: false, from: '2026-03-11' });
  });

  it('a campaign ending at midnight before Ramadan has Sha’ban as its last day; holidays and a weekend start are warned of', async () => {
    // Ramadan 1448 starts on 2027-02-08; the campaign starts on Friday 2027-01-29
    const input = campaignInput('2027-01-29', '2027-02-07');
    const c = (
      await must(
        riyadh.graphql(
          `mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id endsAtHijri { month day } firstDay lastDay lastDayHijri ${HIJRI} dayClashes { kind day dayHijri { weekdayEn } reasonEn reasonAr } } } }`,
          { i: input },
          editor,
        ),
      )
    ).draftCampaign.campaign;
    expect(c.endsAtHijri).toEqual({ month: 9, day: 1 });
    expect(c.lastDay).toBe('2027-02-07');
    expect(c.lastDayHijri).toMatchObject({ year: 1448, month: 8, monthNameEn: "Sha'ban", weekdayEn: 'Sunday' });
    expect(c.lastDayHijri.ar).toContain('شعبان');
    expect(c.dayClashes).toEqual([expect.objectContaining({ kind: 'WEEKEND', day: '2027-01-29', dayHijri: { weekdayEn: 'Friday' } })]);
    expect(c.dayClashes[0].reasonAr).toContain('الجمعة');

    const eid = (
      await must(
        riyadh.graphql(
          `mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { dayClashes { kind day occasion { code } } } } }`,
          { i: campaignInput('2027-03-10', '2027-03-11') },
          editor,
        ),
      )
    ).draftCampaign.campaign;
    expect(eid.dayClashes).toEqual([{ kind: 'HOLIDAY', day: '2027-03-10', occasion: { code: 'EID_AL_FITR' } }]);
  });

  it('a press conference on a Friday is warned of', async () => {
    const input = { kind: 'PRESS_CONFERENCE', titleAr: 'مؤتمر صحفي', when: { startsAt: '2034-04-07T12:00:00+03:00', endsAt: '2034-04-07T13:00:00+03:00' } };
    const e = (
      await must(
        riyadh.graphql(`mutation($i: AddCalendarEntryInput!) { addCalendarEntry(input: $i) { dayClashes { kind day reasonEn } } }`, { i: input }, editor),
      )
    ).addCalendarEntry;
    expect(e.dayClashes).toEqual([
      {
        kind: 'WEEKEND',
        day: '2034-04-07',
        reasonEn: 'The press conference “مؤتمر صحفي” starts on Friday, 2034-04-07 (Muharram 17, 1456 AH), a weekend day in Saudi Arabia.',
      },
    ]);
  });

  it('asks the calendar for a range of Hijri days', async () => {
    const r = (
      await must(
        riyadh.graphql(
          `{ calendar(hijriRange: { from: { year: 1448, month: 8, day: 25 }, to: { year: 1448, month: 9, day: 2 } }) { from to fromHijri { day month } toHijri { day month } } }`,
          {},
          viewer,
        ),
      )
    ).calendar;
    expect(r).toMatchObject({ from: '2027-02-02', fromHijri: { day: 25, month: 8 }, toHijri: { day: 2, month: 9 }, to: '2027-02-09' });
    const both = await riyadh.graphql(
      `{ calendar(hijriRange: { from: { year: 1448, month: 8, day: 25 }, to: { year: 1448, month: 9, day: 2 } }, hijriMonth: { year: 1448, month: 9 }) { from } }`,
      {},
      viewer,
    );
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'range' });
  });
});

describe('the feed through the gateway', () => {
  const feedAt = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${riyadh.url.replace(/\/graphql$/, '')}/calendar.ics?from=2027-01-01&to=2027-12-31&${query}`, { headers });

  it('answers 401 with the service’s WWW-Authenticate', async () => {
    const res = await feedAt('');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="mmhub calendar"');
    const general = await feedAt(`token=${encodeURIComponent(editor)}`);
    expect(general.status).toBe(401);
    expect(general.headers.get('www-authenticate')).toBe('Bearer realm="mmhub calendar"');
  });

  it('reads with a feed token the API issued; a node’s feed takes in the national occasions on request', async () => {
    const issued = (await must(riyadh.graphql('mutation { issueCalendarFeedToken { token feedPath } }', {}, viewer))).issueCalendarFeedToken;
    // the ministry's Eid al-Fitr 1448 as this node's copy of it holds it
    await riyadh.sql(
      `insert into calendar.calendar_entry (id, node, kind, title_ar, title_en, all_day, starts_at, ends_at, status, occasion_code, occasion_hijri_year, sequence, created_by, created_at, updated_at, version)
       values (gen_random_uuid(), 'ministry', 'OCCASION', 'عيد الفطر', 'Eid al-Fitr', true, '2027-03-09T00:00:00+03:00', '2027-03-12T00:00:00+03:00', 'CONFIRMED', 'EID_AL_FITR', 1448, 0, 'ministry-admin', now(), now(), 1)
       on conflict do nothing`,
    );
    // it opens nothing but the feed: the gateway takes it for no sign-in token
    const asSignIn = await riyadh.graphql('{ campaigns(first: 1) { totalCount } }', {}, issued.token);
    expect(asSignIn.data?.campaigns).toBeUndefined();
    expect(asSignIn.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const own = await feedAt(`node=riyadh&token=${issued.token}`);
    expect(own.status).toBe(200);
    expect(await own.text()).not.toContain('SUMMARY:عيد الفطر');
    const withNational = await fetch(`${riyadh.url.replace(/\/graphql$/, '')}${issued.feedPath}&node=riyadh&national=true&from=2027-01-01&to=2027-12-31`);
    expect(withNational.status).toBe(200);
    const text = await withNational.text();
    expect(text).toContain('عيد الفطر');
    expect(text).toContain('DTSTART;VALUE=DATE:20270309');
    expect(text).toContain('DTEND;VALUE=DATE:20270312');
  });
});
