import { calendarService } from '../../services/calendar/src/service';
import { startTestService, type TestNode } from '../support/node';
import { CALENDAR, CANCEL, CANCEL_ENTRY, addEntry, draft, ok, scheduled, type EntryView } from './fixtures';

let riyadh: TestNode;
let editor: string;
beforeAll(async () => {
  riyadh = await startTestService(calendarService, { node: 'riyadh' });
  editor = await riyadh.token(['editor']);
});
afterAll(() => riyadh?.stop());

type Item = { __typename: string; id: string; [k: string]: any };
const calendar = async (vars: Record<string, unknown>) =>
  (await ok<{ calendar: { from: string; to: string; items: Item[]; [k: string]: any } }>(riyadh, CALENDAR, vars, editor)).calendar;

describe('Hijri beside Gregorian', () => {
  it.each([
    ['2016-05-31', { year: 1437, month: 8, day: 24, ar: '٢٤ شعبان ١٤٣٧ هـ', en: "Sha'ban 24, 1437 AH" }],
    ['2026-02-18', { year: 1447, month: 9, day: 1, ar: '١ رمضان ١٤٤٧ هـ', en: 'Ramadan 1, 1447 AH' }],
    ['2026-03-20', { year: 1447, month: 10, day: 1, ar: '١ شوال ١٤٤٧ هـ', en: 'Shawwal 1, 1447 AH' }],
  ])('an entry on %s reads %j', async (day, hijri) => {
    const e = await addEntry(riyadh, editor, { when: { startDate: day } });
    expect(e).toMatchObject({ allDay: true, startDate: day, endDate: day, startDateHijri: hijri, endDateHijri: hijri, startsAtHijri: hijri });
    expect(e.startsAt).toBe(`${day}T00:00:00.000+03:00`);
  });

  it('reads an instant in Riyadh: 22:30 UTC on 17 February 2026 is already 1 Ramadan', async () => {
    const e = await addEntry(riyadh, editor, { kind: 'PRESS_CONFERENCE', when: { startsAt: '2026-02-17T22:30:00Z', endsAt: '2026-02-17T23:30:00Z' } });
    expect(e).toMatchObject({ startsAt: '2026-02-18T01:30:00.000+03:00', startDate: '2026-02-18', startsAtHijri: { year: 1447, month: 9, day: 1 } });
  });

  it('gives campaigns their Hijri start and end', async () => {
    const c = await draft(riyadh, editor, '2016-05-31', '2016-06-05');
    expect(c.startsAtHijri).toMatchObject({ year: 1437, month: 8, day: 24, en: "Sha'ban 24, 1437 AH" });
    expect(c.endsAtHijri).toMatchObject({ year: 1437, month: 9, day: 1 });
  });

  it('gives an entry the Hijri date of its end: 20:00 on 30 Ramadan to 02:00 the next night ends on 1 Shawwal', async () => {
    const e = await addEntry(riyadh, editor, { when: { startsAt: '2026-03-19T20:00:00+03:00', endsAt: '2026-03-20T02:00:00+03:00' } });
    expect(e.startsAtHijri).toEqual({ year: 1447, month: 9, day: 30, ar: '٣٠ رمضان ١٤٤٧ هـ', en: 'Ramadan 30, 1447 AH' });
    expect(e.endsAtHijri).toEqual({ year: 1447, month: 10, day: 1, ar: '١ شوال ١٤٤٧ هـ', en: 'Shawwal 1, 1447 AH' });
  });

  it('gives the creation and the last change their Hijri dates, read in Riyadh', async () => {
    const c = await draft(riyadh, editor, '2036-01-01', '2036-01-31');
    const e = await addEntry(riyadh, editor, { when: { startDate: '2036-01-10' } });
    // fixed instants in the past, so the expected dates do not depend on today: 22:30 UTC is already the next day in Riyadh
    for (const table of ['campaign', 'calendar_entry']) {
      await riyadh.sql(`update calendar.${table} set created_at = '2016-05-31T09:00:00Z', updated_at = '2026-02-17T22:30:00Z' where id = $1`, [
        table === 'campaign' ? c.id : e.id,
      ]);
    }
    const HIJRI = '{ year month day ar en }';
    const read = await ok(
      riyadh,
      `query($c: ID!, $e: ID!) { campaign(id: $c) { createdAtHijri ${HIJRI} updatedAtHijri ${HIJRI} } calendarEntry(id: $e) { createdAtHijri ${HIJRI} updatedAtHijri ${HIJRI} } }`,
      { c: c.id, e: e.id },
      editor,
    );
    const created = { year: 1437, month: 8, day: 24, ar: '٢٤ شعبان ١٤٣٧ هـ', en: "Sha'ban 24, 1437 AH" };
    const updated = { year: 1447, month: 9, day: 1, ar: '١ رمضان ١٤٤٧ هـ', en: 'Ramadan 1, 1447 AH' };
    expect(read.campaign).toEqual({ createdAtHijri: created, updatedAtHijri: updated });
    expect(read.calendarEntry).toEqual({ createdAtHijri: created, updatedAtHijri: updated });
  });
});

describe('the calendar of a Hijri month', () => {
  let inside: EntryView[];
  let outside: EntryView[];
  beforeAll(async () => {
    // 1447/9 is 2026-02-18..2026-03-19: the days either side stay out
    outside = [
      await addEntry(riyadh, editor, { titleAr: 'قبل رمضان', when: { startDate: '2026-02-17' } }),
      await addEntry(riyadh, editor, { titleAr: 'العيد', when: { startDate: '2026-03-20' } }),
    ];
    inside = [
      await addEntry(riyadh, editor, { titleAr: 'آخر رمضان', when: { startDate: '2026-03-19' } }),
      await addEntry(riyadh, editor, {
        titleAr: 'منتصف رمضان',
        kind: 'MILESTONE',
        when: { startsAt: '2026-03-05T21:00:00+03:00', endsAt: '2026-03-05T23:00:00+03:00' },
      }),
    ];
  });

  it('is Ramadan 1447: 2026-02-18 to 2026-03-19, with the entries overlapping it, ordered by start', async () => {
    const view = await calendar({ hijriMonth: { year: 1447, month: 9 } });
    expect(view).toMatchObject({
      from: '2026-02-18',
      to: '2026-03-19',
      fromHijri: { year: 1447, month: 9, day: 1 },
      toHijri: { year: 1447, month: 9, day: 30 },
    });
    const ids = view.items.map((i) => i.id);
    for (const e of inside) expect(ids).toContain(e.id);
    for (const e of outside) expect(ids).not.toContain(e.id);
    const starts = view.items.map((i) => Date.parse(i.startsAt));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('answers the same for the Gregorian range', async () => {
    const byMonth = await calendar({ hijriMonth: { year: 1447, month: 9 } });
    const byRange = await calendar({ range: { from: '2026-02-18', to: '2026-03-19' } });
    expect(byRange.items.map((i) => i.id)).toEqual(byMonth.items.map((i) => i.id));
  });

  it.each([
    [{ hijriMonth: { year: 1447, month: 13 } }, 'hijriMonth.month'],
    [{ hijriMonth: { year: 1447, month: 0 } }, 'hijriMonth.month'],
    [{}, 'range'],
    [{ range: { from: '2026-03-01', to: '2026-02-01' } }, 'range.to'],
  ])('refuses %j', async (vars, field) => {
    const r = await riyadh.graphql(CALENDAR, vars, editor);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0].extensions?.messageAr).toBeTruthy();
  });
});

describe('calendar filters', () => {
  // a week of its own in 2031, so other tests' items stay out
  const range = { from: '2031-01-05', to: '2031-01-11' };
  let health: string;
  let services: string;
  let launch: string;
  let conference: string;
  beforeAll(async () => {
    health = (await scheduled(riyadh, editor, '2031-01-01', '2031-01-31', { channels: ['SMS'], audiences: ['YOUTH'] })).campaign.id;
    services = (await draft(riyadh, editor, '2031-01-06', '2031-01-20', { axis: 'E_SERVICES', channels: ['X'], audiences: ['BUSINESSES'] })).id;
    launch = (
      await addEntry(riyadh, editor, {
        kind: 'CAMPAIGN_LAUNCH',
        campaignId: health,
        when: { startsAt: '2031-01-07T10:00:00+03:00', endsAt: '2031-01-07T11:00:00+03:00' },
      })
    ).id;
    conference = (
      await addEntry(riyadh, editor, {
        kind: 'PRESS_CONFERENCE',
        campaignId: services,
        when: { startsAt: '2031-01-08T10:00:00+03:00', endsAt: '2031-01-08T11:00:00+03:00' },
      })
    ).id;
  });

  const ids = async (filter: Record<string, unknown>) => (await calendar({ range, filter })).items.map((i) => i.id);

  it('returns campaigns and entries together, by start, drafts included', async () => {
    const view = await calendar({ range });
    expect(view.items.map((i) => [i.__typename, i.id])).toEqual([
      ['Campaign', health],
      ['Campaign', services],
      ['CalendarEntry', launch],
      ['CalendarEntry', conference],
    ]);
  });

  it('filters by axis, channel, audience (entries follow their campaign), kind and node', async () => {
    expect(await ids({ axis: ['E_SERVICES'] })).toEqual([services, conference]);
    expect(await ids({ channel: ['SMS'] })).toEqual([health, launch]);
    expect(await ids({ audience: ['BUSINESSES'] })).toEqual([services, conference]);
    expect(await ids({ kind: ['PRESS_CONFERENCE'] })).toEqual([conference]);
    expect(await ids({ node: ['jeddah'] })).toEqual([]);
  });

  it('refuses an unknown channel or audience', async () => {
    const r = await riyadh.graphql(CALENDAR, { range, filter: { channel: ['FAX'] } }, editor);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.channel.0' });
  });
});

describe('cancelled campaigns and entries', () => {
  // a week of its own in 2031, after the filters' week
  const range = { from: '2031-02-02', to: '2031-02-08' };
  let campaign: string;
  let entry: string;
  let kept: string;
  beforeAll(async () => {
    const c = (await scheduled(riyadh, editor, '2031-02-01', '2031-02-28')).campaign;
    campaign = (await ok(riyadh, CANCEL, { id: c.id, version: c.version, reason: 'الميزانية' }, editor)).cancelCampaign.campaign.id;
    const e = await addEntry(riyadh, editor, { when: { startDate: '2031-02-04' } });
    entry = (await ok(riyadh, CANCEL_ENTRY, { id: e.id, version: e.version }, editor)).cancelCalendarEntry.id;
    kept = (await addEntry(riyadh, editor, { when: { startDate: '2031-02-05' } })).id;
  });

  const listed = (items: Item[]) => items.map((i) => [i.__typename, i.id, i.status ?? i.entryStatus]);

  it('stay in the calendar, marked CANCELLED, unless asked otherwise', async () => {
    const expected = [
      ['Campaign', campaign, 'CANCELLED'],
      ['CalendarEntry', entry, 'CANCELLED'],
      ['CalendarEntry', kept, 'CONFIRMED'],
    ];
    expect(listed((await calendar({ range })).items)).toEqual(expected);
    expect(listed((await calendar({ range, filter: { includeCancelled: true } })).items)).toEqual(expected);
  });

  it('are left out with includeCancelled: false', async () => {
    expect(listed((await calendar({ range, filter: { includeCancelled: false } })).items)).toEqual([['CalendarEntry', kept, 'CONFIRMED']]);
  });
});
