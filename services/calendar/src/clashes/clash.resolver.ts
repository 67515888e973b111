import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { CalendarContext } from '../context';
import { DateRangeInput, HijriMonthInput } from '../calendar/calendar.types';
import { resolveRange } from '../calendar/range';
import { HijriRangeInput } from '../occasions/sector-calendar.types';
import { daysPeriod } from '../period/period';
import { clashesIn, clashView } from './clash.queries';
import { Clash } from './clash.types';

@Resolver(() => Clash)
export class ClashResolver {
  @Query(() => [Clash], {
    description:
      'Clashes overlapping a range of days, a Hijri month or a range of Hijri days among scheduled, live and done campaigns and national occasions; with `node`, those concerning that node.',
  })
  async clashes(
    @Ctx() ctx: CalendarContext,
    @Arg('range', () => DateRangeInput, { nullable: true }) range?: DateRangeInput,
    @Arg('hijriMonth', () => HijriMonthInput, { nullable: true }) hijriMonth?: HijriMonthInput,
    @Arg('hijriRange', () => HijriRangeInput, { nullable: true, description: 'Days of the Umm al-Qura calendar, both included.' }) hijriRange?: HijriRangeInput,
    @Arg('node', () => String, { nullable: true }) node?: string,
  ) {
    const days = resolveRange(range, hijriMonth, hijriRange);
    return (await clashesIn(ctx.em, daysPeriod(days.from, days.to), node)).map(clashView);
  }
}
