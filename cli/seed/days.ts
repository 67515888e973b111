import { hijriMonthRange, hijriOfDay, riyadhDate } from '../../services/kernel/src/domain';

const DAY_MS = 86400_000;

/** Days and instants relative to the day the seed runs, in Asia/Riyadh: the demo is always current. */
export class SeedDays {
  readonly today: string;
  readonly hijriYear: number;

  constructor(readonly now: Date) {
    this.today = riyadhDate(now);
    this.hijriYear = hijriOfDay(this.today).year;
  }

  /** The Riyadh day `n` days from today (YYYY-MM-DD). */
  day(n: number): string {
    return addDays(this.today, n);
  }

  /** An instant on the day `n` days from today, at a Riyadh wall-clock time. */
  at(n: number, time = '00:00'): string {
    return `${this.day(n)}T${time}:00+03:00`;
  }

  /** The next Ramadan not yet over (this Hijri year's or the next one's). */
  ramadan(): { from: string; to: string; hijriYear: number } {
    const thisYear = hijriMonthRange(this.hijriYear, 9);
    if (thisYear.to >= this.today) return { ...thisYear, hijriYear: this.hijriYear };
    return { ...hijriMonthRange(this.hijriYear + 1, 9), hijriYear: this.hijriYear + 1 };
  }

  /** The next National Day (23 September) from today on. */
  nationalDay(): string {
    const year = Number(this.today.slice(0, 4));
    const thisYear = `${year}-09-23`;
    return thisYear >= this.today ? thisYear : `${year + 1}-09-23`;
  }
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight in Riyadh at the start of a day, as an instant with its offset. */
export const startOf = (day: string): string => `${day}T00:00:00+03:00`;
