import { WEEKEND, gregorianDayOf, hijriOfDay, riyadhDate, weekdayOfDay, type Message } from '../../../kernel/src/domain';
import { occasionsBetween, type OccasionDays } from '../occasions/national-occasions';
import { daysPeriod, lastDay, periodText, type Period } from '../period/period';

export enum DayClashKind {
  /** Placed on a public holiday, when offices are closed and audiences away. */
  HOLIDAY = 'HOLIDAY',
  /** Starting on a Friday or a Saturday, the Saudi weekend. */
  WEEKEND = 'WEEKEND',
}

export interface DayClash {
  kind: DayClashKind;
  /** The first day of the item that falls on the holiday or the weekend. */
  day: string;
  /** The holiday, for HOLIDAY. */
  occasion: OccasionDays | null;
  reason: Message;
}

/** What the warnings call a campaign and each kind of entry, in Arabic with the article. */
export const PLACED_NAMES = {
  CAMPAIGN: { en: 'campaign', ar: 'الحملة' },
  CAMPAIGN_LAUNCH: { en: 'campaign launch', ar: 'إطلاق الحملة' },
  EVENT: { en: 'event', ar: 'الفعالية' },
  OCCASION: { en: 'occasion', ar: 'المناسبة' },
  MILESTONE: { en: 'milestone', ar: 'المرحلة' },
  PRESS_CONFERENCE: { en: 'press conference', ar: 'المؤتمر الصحفي' },
} as const satisfies Record<string, Message>;

/** A campaign or entry as the warnings name it. */
export interface PlacedItem extends Period {
  titleAr: string;
  titleEn: string | null;
}

const isWeekend = (day: string) => (WEEKEND as readonly number[]).includes(weekdayOfDay(day));

/** The public holidays an item is placed on, and the weekend if it starts on one; by day. */
export function dayClashesOf(item: PlacedItem, what: Message): DayClash[] {
  const [first, last] = [riyadhDate(item.startsAt), lastDay(item.endsAt)];
  const title = { en: item.titleEn ?? item.titleAr, ar: item.titleAr };
  const found: DayClash[] = [];
  if (isWeekend(first)) {
    const h = hijriOfDay(first);
    found.push({
      kind: DayClashKind.WEEKEND,
      day: first,
      occasion: null,
      reason: {
        en: `The ${what.en} “${title.en}” starts on ${h.weekdayEn}, ${first} (${h.en}), a weekend day in Saudi Arabia.`,
        ar: `موعد بدء ${what.ar} «${title.ar}» يوم ${h.weekdayAr} ${h.ar} (${gregorianDayOf(first, 'ar')})، وهو من أيام عطلة نهاية الأسبوع.`,
      },
    });
  }
  for (const o of occasionsBetween(first, last)) {
    const off = o.holiday;
    if (!off || off.from > last || off.to < first) continue;
    const day = off.from > first ? off.from : first;
    const when = periodText(daysPeriod(day, off.to < last ? off.to : last));
    found.push({
      kind: DayClashKind.HOLIDAY,
      day,
      occasion: o,
      reason: {
        en: `The ${what.en} “${title.en}” falls on the public holiday of ${o.nameEn}, ${when.en}.`,
        ar: `موعد ${what.ar} «${title.ar}» في إجازة ${o.nameAr} الرسمية، ${when.ar}.`,
      },
    });
  }
  return found.sort((a, b) => a.day.localeCompare(b.day));
}
