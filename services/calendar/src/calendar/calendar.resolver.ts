import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { CalendarContext } from '../context';
import { daysPeriod } from '../period/period';
import { calendarItems } from './calendar.queries';
import { CalendarFilter, CalendarView, DateRangeInput, HijriMonthInput } from './calendar.types';
import { resolveRange } from './range';

@Resolver(() => CalendarView)
export class CalendarResolver {
  @Query(() => CalendarView, {
    description: 'The campaigns and entries overlapping a range of days or a Hijri month, ordered by start. Give range or hijriMonth.',
  })
  async calendar(
    @Ctx() ctx: CalendarContext,
    @Arg('range', () => DateRangeInput, { nullable: true }) range?: DateRangeInput,
    @Arg('hijriMonth', () => HijriMonthInput, { nullable: true }) hijriMonth?: HijriMonthInput,
    @Arg('filter', () => CalendarFilter, { nullable: true }) filter?: CalendarFilter,
  ) {
    const days = resolveRange(range, hijriMonth);
    const items = await calendarItems(ctx.em, daysPeriod(days.from, days.to), { ...filter, includeDrafts: true });
    return { ...days, items };
  }
}
