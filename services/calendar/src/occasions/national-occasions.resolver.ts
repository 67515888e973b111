import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { MINISTRY, newId } from '../../../kernel/src/domain';
import { createAggregate } from '../../../kernel/src/db';
import type { CalendarContext } from '../context';
import { addCalendarEntry } from '../entry/calendar-entry';
import { CalendarEntryRecord, calendarEntryAggregate } from '../entry/calendar-entry.entity';
import { NationalOccasions } from '../entry/calendar-entry.types';
import { nationalOccasionsOf } from './national-occasions';

@Resolver(() => NationalOccasions)
export class NationalOccasionsResolver {
  @Mutation(() => NationalOccasions, {
    description: 'Adds the national occasions of a Hijri year to the calendar; ministry admins only. Running it again adds nothing.',
  })
  async generateNationalOccasions(@Arg('hijriYear', () => Int) hijriYear: number, @Ctx() ctx: CalendarContext) {
    const wanted = nationalOccasionsOf(hijriYear);
    let existing: CalendarEntryRecord[] = [];
    // the occasions are the ministry's: elsewhere they are read-only copies
    return createAggregate(ctx, {
      action: 'occasions.generate',
      aggregate: calendarEntryAggregate,
      owner: MINISTRY,
      read: async (em) => {
        // two admins generating the same year wait for each other instead of colliding on the unique index
        await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`calendar.occasions.${hijriYear}`], 'all', em.getTransactionContext());
        existing = await em.find(CalendarEntryRecord, { node: MINISTRY, occasionHijriYear: hijriYear, occasionCode: { $ne: null } });
      },
      decide: (acting) =>
        wanted
          .filter((o) => !existing.some((e) => e.occasionCode === o.mark.code))
          .map((o) => addCalendarEntry(o.entry, null, { ...acting, id: newId() }, o.mark)),
      then: (_, { written }) => {
        const added = written as CalendarEntryRecord[];
        const occasions = [...existing, ...added].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
        return { hijriYear, added, occasions };
      },
    });
  }
}
