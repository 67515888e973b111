import { badInput, daysBetween, hijriMonthRange } from '../../../kernel/src';
import { validHijriYear } from '../occasions/national-occasions';

export interface DayRange {
  from: string;
  to: string;
}

export interface HijriMonth {
  year: number;
  month: number;
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

/** The days asked for: a Gregorian range or a Hijri month, exactly one of them. */
export function resolveRange(range: DayRange | null | undefined, hijriMonth: HijriMonth | null | undefined): DayRange {
  if (!range === !hijriMonth) {
    throw badInput('range', {
      en: 'Give either range {from, to} or hijriMonth {year, month}.',
      ar: 'حدّد إما نطاق الأيام {from, to} وإما الشهر الهجري {year, month}.',
    });
  }
  if (hijriMonth) return hijriMonthDays(hijriMonth);
  const { from, to } = range!;
  if (to < from) {
    throw badInput('range.to', { en: `The range ends (${to}) before it starts (${from}).`, ar: `ينتهي النطاق (${to}) قبل أن يبدأ (${from}).` });
  }
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    throw badInput('range.to', { en: `A range covers at most ${MAX_RANGE_DAYS} days.`, ar: `لا يتجاوز النطاق ${MAX_RANGE_DAYS} يوماً.` }, { maxDays: MAX_RANGE_DAYS });
  }
  return { from, to };
}
