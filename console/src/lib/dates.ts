/** Days as YYYY-MM-DD in Asia/Riyadh; the API writes instants with +03:00, so their first ten characters are the Riyadh day. */
export type Day = string;

export const RIYADH = 'Asia/Riyadh';

export function addDays(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The day an address names, when it names one that exists (2027-02-30 does not); else null. */
export function dayOrNull(text: string | null): Day | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text ? text : null;
}

/** 0 for Sunday … 6 for Saturday. */
export const weekday = (day: Day): number => new Date(`${day}T00:00:00Z`).getUTCDay();

export function todayInRiyadh(): Day {
  return new Intl.DateTimeFormat('en-CA', { timeZone: RIYADH, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The last day an item touches: an end at midnight is exclusive. */
export function lastDayOf(endsAt: string): Day {
  const day = endsAt.slice(0, 10);
  return /T00:00(:00(\.0+)?)?/.test(endsAt) ? addDays(day, -1) : day;
}

const umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

/** The Umm al-Qura date of a day, from the browser's calendar data; for the Gregorian grid's labels. */
export function hijriOf(day: Day): { year: number; month: number; day: number } {
  const parts = umalqura.formatToParts(new Date(`${day}T12:00:00Z`));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: n('year') || n('relatedYear'), month: n('month'), day: n('day') };
}

export function formatDay(
  day: Day,
  lang: 'ar' | 'en',
  calendar: 'gregory' | 'islamic-umalqura',
  style: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(`${lang === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-${calendar}`, { timeZone: 'UTC', ...style }).format(new Date(`${day}T12:00:00Z`));
}

/** A moment in Riyadh with its day in both calendars, the reader's first: «٢٦ جمادى الآخرة ١٤٤٨ هـ (٦ ديسمبر ٢٠٢٦ م)، ٩:٠٠ م». */
export function formatInstant(at: string, lang: 'ar' | 'en'): string {
  const d = new Date(at);
  const locale = lang === 'ar' ? 'ar-SA' : 'en-GB';
  const day = (calendar: 'gregory' | 'islamic-umalqura') =>
    new Intl.DateTimeFormat(`${locale}-u-ca-${calendar}`, { timeZone: RIYADH, day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { timeZone: RIYADH, timeStyle: 'short' }).format(d);
  return lang === 'ar' ? `${day('islamic-umalqura')} (${day('gregory')} م)، ${time}` : `${day('gregory')} (${day('islamic-umalqura')}), ${time}`;
}

export const numberIn = (n: number | null | undefined, lang: 'ar' | 'en', digits = 0): string =>
  n === null || n === undefined ? '—' : new Intl.NumberFormat(lang === 'ar' ? 'ar-SA' : 'en-GB', { maximumFractionDigits: digits }).format(n);

const ARABIC_PLURAL = new Intl.PluralRules('ar');

/** A count of days that agrees with its number: «يوم واحد», «يومان», «٣ أيام», «٣٧ يومًا», «١٠٠ يوم»; "1 day", "37 days". */
export function daysIn(n: number, lang: 'ar' | 'en'): string {
  if (lang === 'en') return `${numberIn(n, 'en')} ${n === 1 ? 'day' : 'days'}`;
  switch (ARABIC_PLURAL.select(n)) {
    case 'one':
      return 'يوم واحد';
    case 'two':
      return 'يومان';
    case 'few':
      return `${numberIn(n, 'ar')} أيام`;
    case 'many':
      return `${numberIn(n, 'ar')} يومًا`;
    default:
      return `${numberIn(n, 'ar')} يوم`;
  }
}
