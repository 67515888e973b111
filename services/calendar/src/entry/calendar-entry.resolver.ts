import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { changeAggregate, createAggregate } from '../../../kernel/src/db';
import { isUuid, validId } from '../../../kernel/src/domain';
import type { CalendarContext } from '../context';
import { CampaignRecord } from '../campaign/campaign.entity';
import { Campaign } from '../campaign/campaign.types';
import {
  addCalendarEntry,
  cancelCalendarEntry,
  entryDays,
  moveCalendarEntry,
  type CalendarEntryEvent,
  type CalendarEntryState,
  type LinkedCampaign,
} from './calendar-entry';
import { CalendarEntryRecord, calendarEntryAggregate } from './calendar-entry.entity';
import { AddCalendarEntryInput, CalendarEntry, EntryTimeInput } from './calendar-entry.types';
import type { Actor } from '../campaign/campaign';
import { CalendarEntryKind, CalendarEntryStatus } from './calendar-entry';
import { PLACED_NAMES, dayClashesOf } from '../clashes/day-clash';
import { dayClashView } from '../occasions/sector-calendar.resolver';
import { DayClash } from '../occasions/sector-calendar.types';

/** The campaign an entry names, held against cancellation until the entry is saved. */
async function linkedCampaign(em: EntityManager, id: string | null | undefined): Promise<LinkedCampaign | null> {
  if (!id || !isUuid(id)) return null;
  return em.findOne(CampaignRecord, { id: id.toLowerCase() }, { lockMode: LockMode.PESSIMISTIC_READ, fields: ['id', 'node', 'axis', 'status'] });
}

function changeEntry(ctx: CalendarContext, id: string, version: number, decide: (s: CalendarEntryState, a: Actor) => CalendarEntryEvent) {
  return changeAggregate(ctx, {
    action: 'calendarentry.write',
    aggregate: calendarEntryAggregate,
    id,
    version,
    decide: (state, _, actor) => decide(state, actor),
  });
}

@Resolver(() => CalendarEntry)
export class CalendarEntryResolver {
  @Query(() => CalendarEntry, { nullable: true, description: 'One calendar entry by id, or null.' })
  async calendarEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: CalendarContext) {
    return ctx.loaders.calendarEntry.load(validId('id', id));
  }

  @Mutation(() => CalendarEntry, { description: 'Adds an entry owned by this node.' })
  async addCalendarEntry(@Arg('input', () => AddCalendarEntryInput) input: AddCalendarEntryInput, @Ctx() ctx: CalendarContext) {
    return createAggregate(ctx, {
      action: 'calendarentry.write',
      aggregate: calendarEntryAggregate,
      read: (em) => linkedCampaign(em, input.campaignId),
      decide: (acting, campaign) => addCalendarEntry(input, campaign, acting),
    });
  }

  @Mutation(() => CalendarEntry, { description: 'Moves an entry to a new time; its iCalendar SEQUENCE grows.' })
  async moveCalendarEntry(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('when', () => EntryTimeInput) when: EntryTimeInput,
    @Ctx() ctx: CalendarContext,
  ) {
    return changeEntry(ctx, id, version, (s, a) => moveCalendarEntry(s, when, a));
  }

  @Mutation(() => CalendarEntry, { description: 'Cancels an entry; it stays in the calendar and the feed, marked CANCELLED.' })
  async cancelCalendarEntry(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: CalendarContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return changeEntry(ctx, id, version, (s, a) => cancelCalendarEntry(s, reason, a));
  }

  @FieldResolver(() => Campaign, { nullable: true })
  async campaign(@Root() e: CalendarEntryRecord, @Ctx() ctx: CalendarContext) {
    return e.campaignId ? ctx.loaders.campaign.load(e.campaignId) : null;
  }

  @FieldResolver(() => LocalDateScalar, { description: 'The first Riyadh day the entry touches.' })
  startDate(@Root() e: CalendarEntryRecord): string {
    return entryDays(e).startDate;
  }

  @FieldResolver(() => LocalDateScalar, { description: 'The last Riyadh day the entry touches (included).' })
  endDate(@Root() e: CalendarEntryRecord): string {
    return entryDays(e).endDate;
  }

  @FieldResolver(() => [DayClash], {
    description: 'The public holidays it falls on, and the weekend if it starts on one; none for occasions and cancelled entries.',
  })
  dayClashes(@Root() e: CalendarEntryRecord) {
    if (e.kind === CalendarEntryKind.OCCASION || e.status === CalendarEntryStatus.CANCELLED) return [];
    return dayClashesOf(e, PLACED_NAMES[e.kind]).map(dayClashView);
  }
}
