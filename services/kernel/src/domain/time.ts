/** The sector's time zone; Saudi Arabia keeps UTC+3 all year. */
export const RIYADH = 'Asia/Riyadh';
const OFFSET_MS = 3 * 3600_000;

/** ISO 8601 in Asia/Riyadh local time with its offset, e.g. 2026-11-26T10:15:00.000+03:00. */
export function toRiyadhIso(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().replace('Z', '+03:00');
}

/** The calendar day (YYYY-MM-DD) in Asia/Riyadh of an instant. */
export function riyadhDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isLocalDate(s: string): boolean {
  const m = LOCAL_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The days a record may fall on: far beyond any plan, and well inside what PostgreSQL and the Hijri tables hold. */
export const SUPPORTED_DAYS = { first: '1900-01-01', last: '2099-12-31' } as const;

/** Whether a calendar day (YYYY-MM-DD) is within the supported days. */
export const isSupportedDay = (day: string): boolean => day >= SUPPORTED_DAYS.first && day <= SUPPORTED_DAYS.last;

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000);
}

/** Time source, passed in so that domain rules are deterministic in tests. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
