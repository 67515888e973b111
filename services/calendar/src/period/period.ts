import { badInput, gregorianDayOf, hijriOfDay, riyadhDate, type Message } from '../../../kernel/src/domain';

/** A stretch of time, start included and end excluded: touching periods do not overlap. */
export interface Period {
  startsAt: Date;
  endsAt: Date;
}

const DAY_MS = 86400_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00+03:00');
const LATEST = Date.parse('2100-01-01T00:00:00+03:00');

/** Midnight in Asia/Riyadh at the start of a calendar day (YYYY-MM-DD). */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00+03:00`);

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The last Riyadh day a period touches (its end is excluded). */
export const lastDay = (endsAt: Date): string => riyadhDate(new Date(endsAt.getTime() - 1));

/** The instants of whole Riyadh days `from` to `to`, both included. */
export const daysPeriod = (from: string, to: string): Period => ({ startsAt: dayStart(from), endsAt: dayStart(addDays(to, 1)) });

export const overlaps = (a: Period, b: Period): boolean => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** The common part of two overlapping periods. */
export const intersection = (a: Period, b: Period): Period => ({
  startsAt: a.startsAt > b.startsAt ? a.startsAt : b.startsAt,
  endsAt: a.endsAt < b.endsAt ? a.endsAt : b.endsAt,
});

/**
 * The days a period covers, for reasons and descriptions people read: the English with ISO days and
 * the Hijri beside them, the Arabic in one digit style with both years marked: «١ رمضان ١٤٤٧ هـ (١٨ فبراير ٢٠٢٦ م)».
 */
export function periodText(p: Period): Message {
  const from = riyadhDate(p.startsAt);
  const to = lastDay(p.endsAt);
  const en = (d: string) => `${d} (${hijriOfDay(d).en})`;
  const ar = (d: string) => `${hijriOfDay(d).ar} (${gregorianDayOf(d, 'ar')})`;
  if (from === to) return { en: en(from), ar: ar(from) };
  return { en: `${en(from)} to ${en(to)}`, ar: `${ar(from)} إلى ${ar(to)}` };
}

const L = {
  startsAt: { en: 'The start', ar: 'البداية' },
  endsAt: { en: 'The end', ar: 'النهاية' },
};

/** A period that ends after it starts, within this century and at most `maxDays` long. */
export function validPeriod(p: Period, maxDays: number, fields = { start: 'startsAt', end: 'endsAt' }): Period {
  for (const [field, value, label] of [
    [fields.start, p.startsAt, L.startsAt],
    [fields.end, p.endsAt, L.endsAt],
  ] as const) {
    const t = value instanceof Date ? value.getTime() : NaN;
    if (!Number.isFinite(t) || t < EARLIEST || t > LATEST) {
      throw badInput(field, {
        en: `${label.en} must be a date-time between 2000 and 2100.`,
        ar: `يجب أن تكون ${label.ar} تاريخاً بين عامي 2000 و2100.`,
      });
    }
  }
  if (p.endsAt <= p.startsAt) {
    throw badInput(fields.end, {
      en: `The end (${p.endsAt.toISOString()}) must come after the start (${p.startsAt.toISOString()}).`,
      ar: `يجب أن تأتي النهاية (${p.endsAt.toISOString()}) بعد البداية (${p.startsAt.toISOString()}).`,
    });
  }
  if (p.endsAt.getTime() - p.startsAt.getTime() > maxDays * DAY_MS) {
    throw badInput(
      fields.end,
      {
        en: `The period is longer than ${maxDays} days.`,
        ar: `المدة أطول من ${maxDays} يوماً.`,
      },
      { maxDays },
    );
  }
  return { startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt) };
}

export const samePeriod = (a: Period, b: Period): boolean => a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();
