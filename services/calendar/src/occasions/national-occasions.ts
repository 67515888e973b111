import { NATIONAL_OCCASIONS, badInput, boundedNumber, gregorianOfHijri, hijriMonthRange, hijriOfDay } from '../../../kernel/src';
import { CalendarEntryKind, type AddCalendarEntry, type NationalOccasionMark } from '../entry/calendar-entry';

/** Hijri years the Umm al-Qura tables and this service agree on (1979–2077). */
export const HIJRI_YEARS = { min: 1400, max: 1500 } as const;

export function validHijriYear(year: number, field = 'hijriYear'): number {
  if (!Number.isInteger(year)) throw badInput(field, { en: `The Hijri year must be a whole number; got ${year}.`, ar: `يجب أن تكون السنة الهجرية عدداً صحيحاً؛ القيمة ${year}.` });
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

/** The days of each national occasion of a Hijri year, from the sector data's rules. */
function daysOf(code: string, year: number): { from: string; to: string } | null {
  const single = (d: string | null) => (d ? { from: d, to: d } : null);
  switch (code) {
    case 'FOUNDING_DAY':
      return single(gregorianDayIn(year, 2, 22));
    case 'NATIONAL_DAY':
      return single(gregorianDayIn(year, 9, 23));
    case 'RAMADAN':
      return hijriMonthRange(year, 9);
    case 'EID_AL_FITR':
      return single(gregorianOfHijri(year, 10, 1));
    case 'EID_AL_ADHA':
      return single(gregorianOfHijri(year, 12, 10));
    default:
      return null;
  }
}

/** The national occasions falling in a Hijri year, in date order, as all-day entries of the ministry. */
export function nationalOccasionsOf(year: number): NationalOccasion[] {
  validHijriYear(year);
  const found: NationalOccasion[] = [];
  for (const o of NATIONAL_OCCASIONS) {
    const days = daysOf(o.code, year);
    if (!days) continue;
    const h = hijriOfDay(days.from);
    found.push({
      mark: { code: o.code, hijriYear: year },
      entry: {
        kind: CalendarEntryKind.OCCASION,
        titleAr: o.nameAr,
        titleEn: o.nameEn,
        descriptionAr: `${o.nameAr}، ${h.ar}`,
        descriptionEn: `${o.nameEn}, ${h.en}`,
        when: { startDate: days.from, endDate: days.to },
      },
    });
  }
  return found.sort((a, b) => a.entry.when.startDate!.localeCompare(b.entry.when.startDate!));
}
