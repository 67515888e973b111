import {
  NATIONAL_OCCASIONS,
  badInput,
  boundedNumber,
  gregorianOfHijri,
  hijriMonthRange,
  hijriOfDay,
  type NationalOccasionRule,
} from '../../../kernel/src/domain';
import { addDays } from '../period/period';
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

/** The first and last day of a national occasion in Hijri year `year`, from its rule in the sector data. */
function daysOf(o: NationalOccasionRule, year: number): { from: string; to: string } | null {
  const { calendar, month, day, afterDays = 0 } = o.starts;
  const first = calendar === 'gregorian' ? gregorianDayIn(year, month, day) : addDays(gregorianOfHijri(year, month, day), afterDays);
  if (!first) return null;
  if (o.days === 'month') return hijriMonthRange(year, month);
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
    found.push({ code: o.code, nameAr: o.nameAr, nameEn: o.nameEn, rule: o.rule, publicHoliday, hijriYear: year, ...days });
  }
  return found.sort((a, b) => a.from.localeCompare(b.from) || a.code.localeCompare(b.code));
}

/** The national occasions on any of the days `from` to `to` (at most a few years apart). */
export function occasionsBetween(from: string, to: string): OccasionDays[] {
  const [first, last] = [hijriOfDay(from).year, hijriOfDay(to).year];
  const years = [];
  for (let y = Math.max(first - 1, HIJRI_YEARS.min); y <= Math.min(last, HIJRI_YEARS.max); y++) years.push(y);
  return years.flatMap(occasionDaysOf).filter((o) => o.from <= to && o.to >= from);
}

/** The national occasions falling in a Hijri year, in date order, as all-day entries of the ministry. */
export function nationalOccasionsOf(year: number): NationalOccasion[] {
  return occasionDaysOf(year).map((o) => {
    const h = hijriOfDay(o.from);
    const off = o.publicHoliday ? { ar: '، إجازة رسمية', en: ', a public holiday' } : { ar: '', en: '' };
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
