import ical, { ICalEventStatus, ICalEventTransparency, type ICalEventData } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { RIYADH, axisName, nodeName, type Message } from '../../../kernel/src/domain';
import { CampaignStatus } from '../campaign/campaign';
import type { CampaignRecord } from '../campaign/campaign.entity';
import { CalendarEntryStatus, KIND_NAMES, entryDays } from '../entry/calendar-entry';
import { CalendarEntryRecord } from '../entry/calendar-entry.entity';
import { addDays, periodText } from '../period/period';
import type { CalendarItemRecord } from '../calendar/calendar.queries';

export interface FeedOptions {
  /** The calendar's name, Arabic first. */
  name: Message;
  /** Where a person reads more about an item. */
  linkOf: (item: CalendarItemRecord) => string;
  /** How often a subscribed client should fetch again. */
  refreshSeconds?: number;
}

export const CALENDAR_NAME: Message = { ar: 'الروزنامة التسويقية والإعلامية الموحدة', en: 'Unified marketing and media calendar' };

const bilingual = (ar: string, en: string | null) => (en ? `${ar} — ${en}` : ar);

/**
 * Times as Luxon values already in Asia/Riyadh, so the output never depends on the process's own
 * time zone; all-day entries as dates, their end the day after the last (RFC 5545 §3.6.1).
 */
function timeOf(item: CalendarItemRecord): Pick<ICalEventData, 'start' | 'end' | 'allDay' | 'timezone'> {
  if (item instanceof CalendarEntryRecord && item.allDay) {
    const { startDate, endDate } = entryDays(item);
    return {
      start: DateTime.fromISO(startDate, { zone: RIYADH }),
      end: DateTime.fromISO(addDays(endDate, 1), { zone: RIYADH }),
      allDay: true,
    };
  }
  return {
    start: DateTime.fromJSDate(item.startsAt, { zone: RIYADH }),
    end: DateTime.fromJSDate(item.endsAt, { zone: RIYADH }),
    timezone: RIYADH,
  };
}

function descriptionOf(item: CalendarItemRecord, link: string): string {
  const when = periodText(item);
  const owner = nodeName(item.node);
  const what = item instanceof CalendarEntryRecord ? KIND_NAMES[item.kind] : { ar: 'حملة', en: 'Campaign' };
  return [
    item.descriptionAr,
    item.descriptionEn,
    `${what.ar}: ${owner.nameAr}`,
    `${what.en}: ${owner.nameEn}`,
    `التاريخ الهجري: ${when.ar}`,
    `Hijri date: ${when.en}`,
    link,
  ]
    .filter(Boolean)
    .join('\n');
}

function statusOf(item: CalendarItemRecord): ICalEventStatus {
  if (item.status === CalendarEntryStatus.CANCELLED || item.status === CampaignStatus.CANCELLED) return ICalEventStatus.CANCELLED;
  if (item.status === CampaignStatus.DRAFT) return ICalEventStatus.TENTATIVE;
  return ICalEventStatus.CONFIRMED;
}

function categoriesOf(item: CalendarItemRecord): string[] {
  const kind = item instanceof CalendarEntryRecord ? KIND_NAMES[item.kind].en : 'Campaign';
  const axis = item.axis ? axisName(item.axis).nameEn : null;
  return [kind, ...(axis ? [axis] : []), ...(item instanceof CalendarEntryRecord ? [] : (item as CampaignRecord).channels)];
}

/**
 * The items as an iCalendar feed (RFC 5545, with RFC 7986 NAME and REFRESH-INTERVAL). UID is the
 * item's id; SEQUENCE is its own, grown on every change of time; cancelled items stay, marked.
 */
export function calendarFeed(items: CalendarItemRecord[], o: FeedOptions): string {
  const cal = ical({
    name: bilingual(o.name.ar, o.name.en),
    prodId: { company: 'mmhub', product: 'calendar', language: 'AR' },
    ttl: o.refreshSeconds ?? 3600,
  });
  // No calendar-wide zone: with one set, ical-generator writes DTSTAMP in local time without its Z.
  // Each timed event names Asia/Riyadh instead, and the generator still adds its VTIMEZONE.
  cal.timezone({ name: null, generator: getVtimezoneComponent });
  for (const item of items) {
    const link = o.linkOf(item);
    cal.createEvent({
      id: item.id,
      sequence: item.sequence,
      // without METHOD, DTSTAMP is when the item was last revised (RFC 5545 §3.8.7.2): stable across fetches
      stamp: item.updatedAt,
      created: item.createdAt,
      lastModified: item.updatedAt,
      ...timeOf(item),
      summary: bilingual(item.titleAr, item.titleEn),
      description: descriptionOf(item, link),
      location: item instanceof CalendarEntryRecord ? item.location : null,
      url: link,
      status: statusOf(item),
      categories: categoriesOf(item).map((name) => ({ name })),
      // long campaigns and whole days do not make anyone busy; a press conference does
      transparency: item instanceof CalendarEntryRecord && !item.allDay ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
    });
  }
  return cal.toString();
}
