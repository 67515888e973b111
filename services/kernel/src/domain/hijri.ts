import { RIYADH } from './time';

/** A date in the Umm al-Qura calendar, with its renderings. */
export interface HijriDate {
  year: number;
  month: number;
  day: number;
  /** e.g. «٢٤ شعبان ١٤٣٧ هـ» */
  ar: string;
  /** e.g. "Sha'ban 24, 1437 AH" */
  en: string;
  /** e.g. «شعبان», from HIJRI_MONTHS_AR */
  monthNameAr: string;
  /** e.g. "Sha'ban", from HIJRI_MONTHS_EN */
  monthNameEn: string;
  /** 0 (Sunday) to 6 (Saturday), in Asia/Riyadh */
  weekday: number;
  /** e.g. «الثلاثاء» */
  weekdayAr: string;
  /** e.g. "Tuesday" */
  weekdayEn: string;
}

const numeric = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: RIYADH, day: 'numeric', month: 'numeric', year: 'numeric' });

/** The month names of every Hijri date the services write, one set per language; the Arabic ones as ICU writes them. */
export const HIJRI_MONTHS_AR = [
  'محرم',
  'صفر',
  'ربيع الأول',
  'ربيع الآخر',
  'جمادى الأولى',
  'جمادى الآخرة',
  'رجب',
  'شعبان',
  'رمضان',
  'شوال',
  'ذو القعدة',
  'ذو الحجة',
];
// the English names say what the Arabic ones say (ربيع الآخر، جمادى الأولى، جمادى الآخرة), written as the others are
export const HIJRI_MONTHS_EN = [
  'Muharram',
  'Safar',
  "Rabi' al-Awwal",
  "Rabi' al-Akhir",
  'Jumada al-Ula',
  'Jumada al-Akhirah',
  'Rajab',
  "Sha'ban",
  'Ramadan',
  'Shawwal',
  "Dhu al-Qi'dah",
  'Dhu al-Hijjah',
];

/** Sunday first: the Saudi week starts on Sunday and its weekend is Friday and Saturday. */
export const WEEKDAYS_AR = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
export const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Friday and Saturday, the weekend in Saudi Arabia since 2013. */
export const WEEKEND = [5, 6] as const;

const arabicDigits = new Intl.NumberFormat('ar-SA', { useGrouping: false });

function parts(instant: Date): { year: number; month: number; day: number } {
  const p = Object.fromEntries(numeric.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day) };
}

/** The weekday (0 = Sunday) of an instant in Asia/Riyadh, which keeps UTC+3 all year. */
export const weekdayOf = (instant: Date): number => new Date(instant.getTime() + 3 * 3600_000).getUTCDay();

/** The weekday (0 = Sunday) of a calendar day YYYY-MM-DD. */
export const weekdayOfDay = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The Umm al-Qura date of an instant, as seen in Asia/Riyadh. */
export function toHijri(instant: Date): HijriDate {
  const { year, month, day } = parts(instant);
  const weekday = weekdayOf(instant);
  const [monthNameAr, monthNameEn] = [HIJRI_MONTHS_AR[month - 1], HIJRI_MONTHS_EN[month - 1]];
  return {
    year,
    month,
    day,
    ar: `${arabicDigits.format(day)} ${monthNameAr} ${arabicDigits.format(year)} هـ`,
    en: `${monthNameEn} ${day}, ${year} AH`,
    monthNameAr,
    monthNameEn,
    weekday,
    weekdayAr: WEEKDAYS_AR[weekday],
    weekdayEn: WEEKDAYS_EN[weekday],
  };
}

/** The Umm al-Qura date of a calendar day (YYYY-MM-DD in Asia/Riyadh). */
export const hijriOfDay = (day: string): HijriDate => toHijri(new Date(`${day}T12:00:00+03:00`));

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** The Gregorian day (YYYY-MM-DD) of an Umm al-Qura date; throws if the date does not exist. */
export function gregorianOfHijri(year: number, month: number, day: number): string {
  // the Hijri year is 354.37 days long and 1 Muharram 1 AH fell on 622-07-16 (Julian): a close first guess
  const epoch = Date.UTC(622, 6, 19);
  const approx = epoch + ((year - 1) * 354.367 + (month - 1) * 29.53 + (day - 1)) * 86400_000;
  let guess = new Date(approx).toISOString().slice(0, 10);
  const key = (h: { year: number; month: number; day: number }) => h.year * 10000 + h.month * 100 + h.day;
  const target = year * 10000 + month * 100 + day;
  for (let i = 0; i < 60; i++) {
    const h = hijriOfDay(guess);
    const k = key(h);
    if (k === target) return guess;
    const diff = (h.year - year) * 354 + (h.month - month) * 29.5 + (h.day - day);
    const step = Math.abs(diff) > 2 ? Math.round(diff) : Math.sign(k - target);
    const next = addDays(guess, -step);
    // stepped over the target: the date does not exist (e.g. day 30 of a 29-day month)
    if (Math.abs(diff) <= 1 && key(hijriOfDay(next)) !== target && Math.sign(key(hijriOfDay(next)) - target) !== Math.sign(k - target)) break;
    guess = next;
  }
  throw new RangeError(`${year}-${month}-${day} is not a date of the Umm al-Qura calendar`);
}

/** First and last Gregorian day of a Hijri month. */
export function hijriMonthRange(year: number, month: number): { from: string; to: string } {
  const from = gregorianOfHijri(year, month, 1);
  const next = month === 12 ? gregorianOfHijri(year + 1, 1, 1) : gregorianOfHijri(year, month + 1, 1);
  return { from, to: addDays(next, -1) };
}
