import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { CalendarContext } from '../context';
import { DateRangeInput, HijriMonthInput } from '../calendar/calendar.types';
import { resolveRange } from '../calendar/range';
import { daysPeriod } from '../period/period';
import { clashesIn, clashView } from './clash.queries';
import { Clash } from './clash.types';

@Resolver(() => Clash)
export class ClashResolver {
  @Query(() => [Clash], {
    description:
      'Clashes overlapping a range of days or a Hijri month among scheduled, live and done campaigns and national occasions; with `node`, those concerning that node.',
  })
  async clashes(
    @Ctx() ctx: CalendarContext,
    @Arg('range', () => DateRangeInput, { nullable: true }) range?: DateRangeInput,
    @Arg('hijriMonth', () => HijriMonthInput, { nullable: true }) hijriMonth?: HijriMonthInput,
    @Arg('node', () => String, { nullable: true }) node?: string,
  ) {
    const days = resolveRange(range, hijriMonth);
    return (await clashesIn(ctx.em, daysPeriod(days.from, days.to), node)).map(clashView);
  }
}
