import {
  NATIONAL_OCCASIONS,
  badInput,
  boundedNumber,
  gregorianOfHijri,
  hijriMonthRange,
  hijriOfDay,
  type NationalOccasionRule,
  type Message,
  type OccasionStart,
} from '../../../kernel/src/domain';
import { addDays, daysPeriod, periodText } from '../period/period';
import { CalendarEntryKind, type AddCalendarEntry, type NationalOccasionMark } from '../entry/calendar-entry';

/** Hijri years the Umm al-Qura tables and this service agree on (1979–2077). */
export const HIJRI_YEARS = { min: 1400, max: 1500 } as const;

export function validHijriYear(year: number, field = 'hijriYear'): number {
  if (!Number.isInteger(year))
    throw badInput(field, { en: `The Hijri year must be a whole number; got ${year}.`, ar: `يجب أن تكون السنة الهجرية عدداً صحيحاً؛ القيمة ${year}.` });
  return boundedNumber(field, year, HIJRI_YEARS.min, HIJRI_YEARS.max, { en: 'The Hijri year', ar: 'السنة الهجرية' });
}

export interface NationalOccasion {
  mark: NationalOccasionMark;
  entry: AddCalendarEntry;
}

/** The day in Hijri year `year` on which a Gregorian month and day falls (each falls in exactly one Hijri year). */
function gregorianDayIn(year: number, month: number, day: number): string | null {
  const first = gregorianOfHijri(year, 1, 1);
  const last = hijriMonthRange(year, 12).to;
  for (const g of [Number(first.slice(0, 4)), Number(first.slice(0, 4)) + 1]) {
    const d = `${g}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (d >= first && d <= last) return d;
  }
  return null;
}

/** The first day a rule's start names in Hijri year `year`, or null when that Gregorian day does not fall in it. */
function startIn(starts: OccasionStart, year: number): string | null {
  const { calendar, month, day, afterDays = 0 } = starts;
  return calendar === 'gregorian' ? gregorianDayIn(year, month, day) : addDays(gregorianOfHijri(year, month, day), afterDays);
}

/** The first and last day of a national occasion in Hijri year `year`, from its rule in the sector data. */
function daysOf(o: NationalOccasionRule, year: number): { from: string; to: string } | null {
  const first = startIn(o.starts, year);
  if (!first) return null;
  if (o.days === 'month') return hijriMonthRange(year, o.starts.month);
  return { from: first, to: addDays(first, o.days - 1) };
}

/** A national occasion of a Hijri year with its days. */
export interface OccasionDays {
  code: string;
  nameAr: string;
  nameEn: string;
  rule: string;
  publicHoliday: boolean;
  hijriYear: number;
  from: string;
  to: string;
  /** The days off it gives, null when it gives none; Eid al-Fitr's start the day after 29 Ramadan, not on the Eid. */
  holiday: { from: string; to: string } | null;
}

/** The days off an occasion gives in a year: its own days unless its rule counts them apart. */
function holidayOf(o: NationalOccasionRule, year: number, days: { from: string; to: string }, publicHoliday: boolean): OccasionDays['holiday'] {
  if (!publicHoliday) return null;
  if (!o.holiday) return days;
  const first = startIn(o.holiday.starts, year)!;
  return { from: first, to: addDays(first, o.holiday.days - 1) };
}

/** The national occasions of a Hijri year with their days, in date order. */
export function occasionDaysOf(year: number): OccasionDays[] {
  validHijriYear(year);
  const found: OccasionDays[] = [];
  for (const o of NATIONAL_OCCASIONS) {
    const days = daysOf(o, year);
    // an occasion instituted later (Founding Day in 2022, Flag Day in 2023) has no days in the years before it
    if (!days || (o.since && days.from < o.since)) continue;
    const publicHoliday = o.publicHoliday && !(o.holidaySince && days.from < o.holidaySince);
    found.push({
      code: o.code,
      nameAr: o.nameAr,
      nameEn: o.nameEn,
      rule: o.rule,
      publicHoliday,
      hijriYear: year,
      ...days,
      holiday: holidayOf(o, year, days, publicHoliday),
    });
  }
  return found.sort((a, b) => a.from.localeCompare(b.from) || a.code.localeCompare(b.code));
}

const overlaps = (r: { from: string; to: string } | null, from: string, to: string): boolean => !!r && r.from <= to && r.to >= from;

/** The national occasions on any of the days `from` to `to` (at most a few years apart), or giving a day off among them. */
export function occasionsBetween(from: string, to: string): OccasionDays[] {
  const [first, last] = [hijriOfDay(from).year, hijriOfDay(to).year];
  const years = [];
  for (let y = Math.max(first - 1, HIJRI_YEARS.min); y <= Math.min(last, HIJRI_YEARS.max); y++) years.push(y);
  return years.flatMap(occasionDaysOf).filter((o) => overlaps(o, from, to) || overlaps(o.holiday, from, to));
}

/** Whether `day` is a day off of one of `occasions`. */
export const isHolidayAmong = (occasions: OccasionDays[], day: string): boolean => occasions.some((o) => overlaps(o.holiday, day, day));

/** What a description says of an occasion's days off: nothing, that it is one, or when they are where they are not its own days. */
function holidayText(o: OccasionDays): Message {
  if (!o.holiday) return { ar: '', en: '' };
  if (o.holiday.from === o.from && o.holiday.to === o.to) return { ar: '، إجازة رسمية', en: ', a public holiday' };
  const when = periodText(daysPeriod(o.holiday.from, o.holiday.to));
  return { ar: `، والإجازة الرسمية من ${when.ar}`, en: `, the public holiday ${when.en}` };
}

/** The national occasions falling in a Hijri year, in date order, as all-day entries of the ministry. */
export function nationalOccasionsOf(year: number): NationalOccasion[] {
  return occasionDaysOf(year).map((o) => {
    const h = hijriOfDay(o.from);
    const off = holidayText(o);
    return {
      mark: { code: o.code, hijriYear: year },
      entry: {
        kind: CalendarEntryKind.OCCASION,
        titleAr: o.nameAr,
        titleEn: o.nameEn,
        descriptionAr: `${o.nameAr}، ${h.weekdayAr} ${h.ar}${off.ar}`,
        descriptionEn: `${o.nameEn}, ${h.weekdayEn} ${h.en}${off.en}`,
        when: { startDate: o.from, endDate: o.to },
      },
    };
  });
}
