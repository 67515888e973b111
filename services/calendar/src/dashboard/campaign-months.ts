import { type Axis, HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, hijriMonthRange, hijriOfDay } from '../../../kernel/src/domain';

export { HIJRI_MONTHS_AR };

/** Campaigns of one axis running over the same Riyadh days (first and last included). */
export interface CampaignDays {
  axis: Axis;
  firstDay: string;
  lastDay: string;
  campaigns: number;
}

export interface AxisMonthCount {
  axis: Axis;
  /** Campaigns running on at least one day of the month. */
  campaigns: number;
  /** Campaigns whose first day is in the month. */
  launched: number;
}

interface MonthCount {
  campaigns: number;
  launched: number;
  byAxis: AxisMonthCount[];
}

export interface GregorianMonth extends MonthCount {
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
}

export interface HijriMonth extends MonthCount {
  year: number;
  month: number;
  nameAr: string;
  nameEn: string;
  from: string;
  to: string;
}

/** Months as one number (year × 12 + month − 1), so that a run of months is a range. */
const ordinal = (year: number, month: number) => year * 12 + month - 1;
const yearMonth = (o: number) => ({ year: Math.floor(o / 12), month: (o % 12) + 1 });
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Counts per month and axis: a campaign counts in every month it runs in, and as launched in the
 * month of its first day. Every month from the first to the last that has a campaign is listed,
 * empty ones included (the gaps of the marketing map), each with every axis in `axes`.
 */
function tally(rows: CampaignDays[], axes: readonly Axis[], span: (r: CampaignDays) => [number, number]): Array<MonthCount & { ordinal: number }> {
  const counts = new Map<number, Map<Axis, AxisMonthCount>>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const [first, last] = span(r);
    lo = Math.min(lo, first);
    hi = Math.max(hi, last);
    for (let m = first; m <= last; m++) {
      const month = counts.get(m) ?? new Map<Axis, AxisMonthCount>();
      counts.set(m, month);
      const c = month.get(r.axis) ?? { axis: r.axis, campaigns: 0, launched: 0 };
      month.set(r.axis, c);
      c.campaigns += r.campaigns;
      if (m === first) c.launched += r.campaigns;
    }
  }
  const out: Array<MonthCount & { ordinal: number }> = [];
  for (let m = lo; m <= hi; m++) {
    const byAxis = axes.map((axis) => counts.get(m)?.get(axis) ?? { axis, campaigns: 0, launched: 0 });
    out.push({
      ordinal: m,
      campaigns: byAxis.reduce((s, a) => s + a.campaigns, 0),
      launched: byAxis.reduce((s, a) => s + a.launched, 0),
      byAxis,
    });
  }
  return out;
}

const gregorianOrdinal = (day: string) => ordinal(Number(day.slice(0, 4)), Number(day.slice(5, 7)));

export function gregorianMonths(rows: CampaignDays[], axes: readonly Axis[]): GregorianMonth[] {
  return tally(rows, axes, (r) => [gregorianOrdinal(r.firstDay), gregorianOrdinal(r.lastDay)]).map(({ ordinal: o, ...count }) => {
    const { year, month } = yearMonth(o);
    return {
      month: `${year}-${pad(month)}`,
      from: `${year}-${pad(month)}-01`,
      to: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
      ...count,
    };
  });
}

// a Hijri month's Gregorian days never change: computed once per process
const hijriRanges = new Map<number, { from: string; to: string }>();
const hijriRange = (o: number) => {
  let r = hijriRanges.get(o);
  if (!r) {
    const { year, month } = yearMonth(o);
    r = hijriMonthRange(year, month);
    hijriRanges.set(o, r);
  }
  return r;
};

const hijriOrdinal = (day: string) => {
  const h = hijriOfDay(day);
  return ordinal(h.year, h.month);
};

export function hijriMonths(rows: CampaignDays[], axes: readonly Axis[]): HijriMonth[] {
  return tally(rows, axes, (r) => [hijriOrdinal(r.firstDay), hijriOrdinal(r.lastDay)]).map(({ ordinal: o, ...count }) => {
    const { year, month } = yearMonth(o);
    return { year, month, nameAr: HIJRI_MONTHS_AR[month - 1], nameEn: HIJRI_MONTHS_EN[month - 1], ...hijriRange(o), ...count };
  });
}
