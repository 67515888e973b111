import type { CalendarMonthQuery as MonthData } from '../gql/graphql';
import { lastDayOf, type Day } from '../lib/dates';

// Where an item of the calendar goes and how it shows: its days, its clashes, the filters of the view.

type Item = MonthData['calendar']['items'][number];
export type Clash = MonthData['clashes'][number];
export type Mode = 'month' | 'week' | 'agenda';
export type CalendarKind = 'hijri' | 'gregorian';

export interface Placed {
  item: Item;
  first: Day;
  last: Day;
  axis: string | null;
  national: boolean;
  clashes: Clash[];
}

export const FILTERS = ['node', 'axis', 'channel', 'audience'] as const;

export function placed(item: Item, clashesOf: Map<string, Clash[]>): Placed {
  if (item.__typename === 'Campaign') {
    return {
      item,
      first: item.startsAt.slice(0, 10),
      last: lastDayOf(item.endsAt),
      axis: item.axis,
      national: item.scope === 'NATIONAL',
      clashes: clashesOf.get(item.id) ?? [],
    };
  }
  return {
    item,
    first: item.startDate,
    last: item.endDate,
    axis: item.entryAxis ?? null,
    national: item.node === 'ministry',
    clashes: clashesOf.get(item.id) ?? [],
  };
}

export function lastDayOfGregorianMonth(year: number, month: number): Day {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export const pad = (n: number) => String(n).padStart(2, '0');
