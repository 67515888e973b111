import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import ical, { type VEvent } from 'node-ical';
import { Axis } from '../../../kernel/src/domain';
import { CampaignStatus } from '../campaign/campaign';
import { CampaignRecord } from '../campaign/campaign.entity';
import { CalendarEntryKind, CalendarEntryStatus } from '../entry/calendar-entry';
import { CalendarEntryRecord } from '../entry/calendar-entry.entity';

const stamp = new Date('2026-01-05T08:30:00Z');
const conference = Object.assign(new CalendarEntryRecord(), {
  id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716',
  node: 'riyadh',
  kind: CalendarEntryKind.PRESS_CONFERENCE,
  titleAr: 'مؤتمر صحفي',
  titleEn: 'Press conference',
  descriptionAr: null,
  descriptionEn: null,
  location: 'مقر الأمانة، الرياض',
  axis: Axis.OVERSIGHT,
  campaignId: null,
  allDay: false,
  startsAt: new Date('2026-03-01T12:00:00+03:00'),
  endsAt: new Date('2026-03-01T13:30:00+03:00'),
  status: CalendarEntryStatus.CANCELLED,
  occasionCode: null,
  occasionHijriYear: null,
  sequence: 3,
  createdBy: 'x',
  createdAt: stamp,
  updatedAt: stamp,
  version: 4,
});
const foundingDay = Object.assign(new CalendarEntryRecord(), {
  ...conference,
  id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48717',
  node: 'ministry',
  kind: CalendarEntryKind.OCCASION,
  titleAr: 'يوم التأسيس',
  titleEn: 'Founding Day',
  location: null,
  axis: null,
  allDay: true,
  startsAt: new Date('2026-02-22T00:00:00+03:00'),
  endsAt: new Date('2026-02-23T00:00:00+03:00'),
  status: CalendarEntryStatus.CONFIRMED,
  sequence: 0,
});
const campaign = Object.assign(new CampaignRecord(), {
  id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48718',
  node: 'jeddah',
  titleAr: 'حملة الرقابة',
  titleEn: null,
  descriptionAr: 'وصف الحملة',
  descriptionEn: null,
  axis: Axis.OVERSIGHT,
  audiences: ['RESIDENTS'],
  channels: ['X', 'SMS'],
  startsAt: new Date('2026-02-18T00:00:00+03:00'),
  endsAt: new Date('2026-03-20T00:00:00+03:00'),
  initiativeIds: [],
  status: CampaignStatus.SCHEDULED,
  sequence: 1,
  createdBy: 'x',
  createdAt: stamp,
  updatedAt: stamp,
  version: 2,
});

const ITEMS = [foundingDay, campaign, conference];

// Jest's process.env is a copy: TZ set there never reaches the process. Each zone gets a process of its own,
// which loads the TypeScript sources through the compiler's transpiler and writes the feed to stdout.
const HARNESS = `
require('reflect-metadata');
const fs = require('node:fs');
const ts = require('typescript');
require.extensions['.ts'] = (m, file) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true, useDefineForClassFields: false },
  });
  m._compile(outputText, file);
};
const { items, dir } = JSON.parse(fs.readFileSync(0, 'utf8'));
const { calendarFeed, CALENDAR_NAME } = require(dir + '/calendar-feed.ts');
const { CampaignRecord } = require(dir + '/../campaign/campaign.entity.ts');
const { CalendarEntryRecord } = require(dir + '/../entry/calendar-entry.entity.ts');
const dates = (o) => ({ ...o, startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt), createdAt: new Date(o.createdAt), updatedAt: new Date(o.updatedAt) });
const records = items.map((i) => Object.assign('kind' in i ? new CalendarEntryRecord() : new CampaignRecord(), dates(i)));
process.stdout.write(JSON.stringify({
  offset: new Date('2026-01-05T00:00:00Z').getTimezoneOffset(),
  ics: calendarFeed(records, { name: CALENDAR_NAME, linkOf: (i) => 'https://hub.example/calendar/items/' + i.id + '.ics' }),
}));
`;

const run = promisify(execFile);

async function feedWrittenIn(zone: string): Promise<{ offset: number; ics: string }> {
  const child = run(process.execPath, ['-e', HARNESS], {
    cwd: path.resolve(__dirname, '../../../..'),
    env: { ...process.env, TZ: zone },
    encoding: 'utf8',
    timeout: 110_000,
  });
  child.child.stdin!.end(JSON.stringify({ items: ITEMS, dir: __dirname }));
  return JSON.parse((await child).stdout);
}

const ZONES = [
  ['UTC', 0],
  ['America/Los_Angeles', 480],
  ['Pacific/Kiritimati', -840],
] as const;
const written: Record<string, Promise<{ offset: number; ics: string }>> = {};
// the processes start together: one transpilation's wait for all of them
beforeAll(() => {
  for (const [zone] of ZONES) written[zone] = feedWrittenIn(zone);
  return Promise.all(Object.values(written));
}, 120_000);

const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe.each(ZONES)('the iCalendar feed written by a process with TZ=%s', (zone, offsetMinutes) => {
  let text: string;
  beforeAll(async () => {
    const w = await written[zone];
    expect(w.offset).toBe(offsetMinutes);
    text = w.ics;
  });

  it('writes Riyadh wall-clock times with TZID, whole days as VALUE=DATE, DTSTAMP in UTC with Z', () => {
    expect(text).toContain('DTSTART;TZID=Asia/Riyadh:20260301T120000');
    expect(text).toContain('DTEND;TZID=Asia/Riyadh:20260301T133000');
    expect(text).toContain('DTSTART;VALUE=DATE:20260222');
    expect(text).toContain('DTEND;VALUE=DATE:20260223');
    expect(text).toContain('DTSTART;TZID=Asia/Riyadh:20260218T000000');
    const stamps = text.split('\r\n').filter((l) => l.startsWith('DTSTAMP'));
    expect(stamps).toEqual(['DTSTAMP:20260105T083000Z', 'DTSTAMP:20260105T083000Z', 'DTSTAMP:20260105T083000Z']);
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Asia\/Riyadh\r\n/);
    expect(text).not.toMatch(/^(METHOD|X-WR-TIMEZONE)/m);
  });

  it('reads back with an independent parser', () => {
    const parsed = ical.sync.parseICS(text);
    const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events.map((e) => e.uid)).toEqual([foundingDay.id, campaign.id, conference.id]);
    const [day, camp, conf] = events;
    expect(conf.start.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(conf.end!.toISOString()).toBe('2026-03-01T10:30:00.000Z');
    expect(conf.start.tz).toBe('Asia/Riyadh');
    expect(conf.status).toBe('CANCELLED');
    expect(Number(conf.sequence)).toBe(3);
    expect(conf.location).toBe('مقر الأمانة، الرياض');
    expect(day.datetype).toBe('date');
    expect(localDay(day.start)).toBe('2026-02-22');
    expect(String(day.summary)).toBe('يوم التأسيس — Founding Day');
    expect(String(day.description)).toContain('التاريخ الهجري: ٥ رمضان ١٤٤٧ هـ (٢٢ فبراير ٢٠٢٦ م)');
    expect(String(day.description)).toContain('Hijri date: 2026-02-22 (Ramadan 5, 1447 AH)');
    expect(String(day.description)).toContain(`https://hub.example/calendar/items/${foundingDay.id}.ics`);
    expect(String(camp.description)).toContain('Hijri date: 2026-02-18 (Ramadan 1, 1447 AH) to 2026-03-19 (Ramadan 30, 1447 AH)');
    expect(String(camp.description)).toMatch(/^وصف الحملة\nحملة: أمانة محافظة جدة\nCampaign: Jeddah Municipality\n/);
    expect(camp.status).toBe('CONFIRMED');
    const tz = Object.values(parsed).find((c) => c?.type === 'VTIMEZONE') as { tzid?: string } | undefined;
    expect(tz?.tzid).toBe('Asia/Riyadh');
  });
});
