import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { CalendarContext } from '../context';
import { daysPeriod } from '../period/period';
import { calendarItems } from './calendar.queries';
import { CalendarFilter, CalendarView, DateRangeInput, HijriMonthInput } from './calendar.types';
import { resolveRange } from './range';
import { HijriRangeInput } from '../occasions/sector-calendar.types';

@Resolver(() => CalendarView)
export class CalendarResolver {
  @Query(() => CalendarView, {
    description:
      'The campaigns and entries overlapping a range of days, a Hijri month or a range of Hijri days, ordered by start. Give range, hijriMonth or hijriRange.',
  })
  async calendar(
    @Ctx() ctx: CalendarContext,
    @Arg('range', () => DateRangeInput, { nullable: true }) range?: DateRangeInput,
    @Arg('hijriMonth', () => HijriMonthInput, { nullable: true }) hijriMonth?: HijriMonthInput,
    @Arg('hijriRange', () => HijriRangeInput, { nullable: true, description: 'Days of the Umm al-Qura calendar, both included.' }) hijriRange?: HijriRangeInput,
    @Arg('filter', () => CalendarFilter, { nullable: true }) filter?: CalendarFilter,
  ) {
    const days = resolveRange(range, hijriMonth, hijriRange);
    const items = await calendarItems(ctx.em, daysPeriod(days.from, days.to), { ...filter, includeDrafts: true });
    return { ...days, items };
  }
}
