import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { MINISTRY, newId } from '../../../kernel/src/domain';
import { authorize, requireOwnedHere, requireRoleFor } from '../../../kernel/src/auth';
import { recordEvent } from '../../../kernel/src/events';
import type { CalendarContext } from '../context';
import { addCalendarEntry } from '../entry/calendar-entry';
import { CalendarEntryRecord, calendarEntryRow } from '../entry/calendar-entry.entity';
import { NationalOccasions } from '../entry/calendar-entry.types';
import { nationalOccasionsOf } from './national-occasions';

@Resolver(() => NationalOccasions)
export class NationalOccasionsResolver {
  @Mutation(() => NationalOccasions, {
    description: 'Adds the national occasions of a Hijri year to the calendar; ministry admins only. Running it again adds nothing.',
  })
  async generateNationalOccasions(@Arg('hijriYear', () => Int) hijriYear: number, @Ctx() ctx: CalendarContext) {
    requireRoleFor(ctx.caller, 'occasions.generate');
    // the occasions are the ministry's: elsewhere they are read-only copies
    requireOwnedHere(MINISTRY, ctx.origin.node);
    const caller = authorize(ctx.caller, 'occasions.generate', MINISTRY, ctx.origin.node);
    const wanted = nationalOccasionsOf(hijriYear);
    return ctx.transact(async (em) => {
      // two admins generating the same year wait for each other instead of colliding on the unique index
      await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`calendar.occasions.${hijriYear}`], 'all', em.getTransactionContext());
      const existing = await em.find(CalendarEntryRecord, { node: MINISTRY, occasionHijriYear: hijriYear, occasionCode: { $ne: null } });
      const added: CalendarEntryRecord[] = [];
      for (const o of wanted) {
        if (existing.some((e) => e.occasionCode === o.mark.code)) continue;
        const now = ctx.clock.now();
        const event = addCalendarEntry(o.entry, null, { id: newId(), node: MINISTRY, by: caller.sub, now }, o.mark);
        added.push(em.create(CalendarEntryRecord, calendarEntryRow(event.data.state)));
        recordEvent(em, ctx.origin, event, now);
      }
      const occasions = [...existing, ...added].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      return { hijriYear, added, occasions };
    });
  }
}
