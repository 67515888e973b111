import { badInput, daysBetween, gregorianOfHijri, hijriMonthRange, hijriOfDay } from '../../../kernel/src/domain';
import { HIJRI_YEARS, validHijriYear } from '../occasions/national-occasions';

export interface DayRange {
  from: string;
  to: string;
}

export interface HijriMonth {
  year: number;
  month: number;
}

export interface HijriDay extends HijriMonth {
  day: number;
}

export interface HijriRange {
  from: HijriDay;
  to: HijriDay;
}

/** The Gregorian day of an Umm al-Qura date; a month or day it does not have is BAD_USER_INPUT. */
export function gregorianOfHijriDay(d: HijriDay, field: string): string {
  hijriMonthDays(d, field);
  const { from, to } = hijriMonthRange(d.year, d.month);
  const length = daysBetween(from, to) + 1;
  if (!Number.isInteger(d.day) || d.day < 1 || d.day > length) {
    throw badInput(`${field}.day`, {
      en: `${d.year}-${d.month} of the Umm al-Qura calendar has ${length} days; got day ${d.day}.`,
      ar: `عدد أيام الشهر ${d.month} من عام ${d.year} هـ في تقويم أم القرى ${length} يوماً؛ واليوم المُرسل ${d.day}.`,
    });
  }
  return gregorianOfHijri(d.year, d.month, d.day);
}

/** A Gregorian day the Umm al-Qura tables of this service cover. */
export function validCalendarDay(day: string, field: string): string {
  const year = hijriOfDay(day).year;
  if (year < HIJRI_YEARS.min || year > HIJRI_YEARS.max) {
    throw badInput(field, {
      en: `Give a day in Hijri years ${HIJRI_YEARS.min} to ${HIJRI_YEARS.max} (1979 to 2077); got ${day}.`,
      ar: `حدّد يوماً بين عامي ${HIJRI_YEARS.min} و${HIJRI_YEARS.max} هـ (1979 إلى 2077م)؛ القيمة ${day}.`,
    });
  }
  return day;
}

/** Long enough for a Gregorian or a Hijri year with some margin; beyond it ask by pages of time. */
export const MAX_RANGE_DAYS = 400;

/** The Gregorian days of a Hijri month; month outside 1–12 or an unsupported year is BAD_USER_INPUT. */
export function hijriMonthDays(m: HijriMonth, field = 'hijriMonth'): DayRange {
  validHijriYear(m.year, `${field}.year`);
  if (!Number.isInteger(m.month) || m.month < 1 || m.month > 12) {
    throw badInput(`${field}.month`, {
      en: `A Hijri month is 1 (Muharram) to 12 (Dhu al-Hijjah); got ${m.month}.`,
      ar: `الشهر الهجري من 1 (محرم) إلى 12 (ذو الحجة)؛ القيمة ${m.month}.`,
    });
  }
  return hijriMonthRange(m.year, m.month);
}

/** The days asked for: a Gregorian range, a Hijri month or a range of Hijri days, exactly one of them. */
export function resolveRange(range: DayRange | null | undefined, hijriMonth: HijriMonth | null | undefined, hijriRange?: HijriRange | null): DayRange {
  if ([range, hijriMonth, hijriRange].filter(Boolean).length !== 1) {
    throw badInput('range', {
      en: 'Give one of range {from, to}, hijriMonth {year, month} or hijriRange {from, to} of Hijri days.',
      ar: 'حدّد واحداً من: نطاق الأيام {from, to}، أو الشهر الهجري {year, month}، أو نطاق الأيام الهجرية hijriRange {from, to}.',
    });
  }
  if (hijriMonth) return hijriMonthDays(hijriMonth);
  const field = hijriRange ? 'hijriRange' : 'range';
  const { from, to } = hijriRange
    ? { from: gregorianOfHijriDay(hijriRange.from, 'hijriRange.from'), to: gregorianOfHijriDay(hijriRange.to, 'hijriRange.to') }
    : range!;
  if (to < from) {
    throw badInput(`${field}.to`, { en: `The range ends (${to}) before it starts (${from}).`, ar: `ينتهي النطاق (${to}) قبل أن يبدأ (${from}).` });
  }
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    throw badInput(
      `${field}.to`,
      { en: `A range covers at most ${MAX_RANGE_DAYS} days.`, ar: `لا يتجاوز النطاق ${MAX_RANGE_DAYS} يوماً.` },
      { maxDays: MAX_RANGE_DAYS },
    );
  }
  return { from, to };
}
