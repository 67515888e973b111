import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LockMode } from '@mikro-orm/postgresql';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { changeAggregate, createAggregate, type CommandWork } from '../../../kernel/src/db';
import { riyadhDate, validId } from '../../../kernel/src/domain';
import { lastDay } from '../period/period';
import { PLACED_NAMES, dayClashesOf } from '../clashes/day-clash';
import { dayClashView } from '../occasions/sector-calendar.resolver';
import { DayClash } from '../occasions/sector-calendar.types';
import type { CalendarContext } from '../context';
import {
  CampaignScope,
  CampaignStatus,
  changeCampaignStatus,
  draftCampaign,
  rescheduleCampaign,
  scheduleCampaign,
  scopeOf,
  updateCampaign,
  type Actor,
  type CampaignEvent,
  type CampaignState,
} from './campaign';
import { CampaignRecord, campaignAggregate } from './campaign.entity';
import { Campaign, CampaignConnection, CampaignFilter, DraftCampaignInput, PeriodInput, UpdateCampaignInput } from './campaign.types';
import { CampaignPayload } from './campaign-payload.types';
import { listCampaigns } from './campaign.queries';
import { clashesOf, clashView } from '../clashes/clash.queries';
import { CalendarEntry } from '../entry/calendar-entry.types';
import { CalendarEntryStatus, cancelCalendarEntry } from '../entry/calendar-entry';
import { CalendarEntryRecord, calendarEntryAggregate, calendarEntryState } from '../entry/calendar-entry.entity';
import { InitiativeReference } from '../federation/initiative.types';

/** A cancelled campaign takes its own node's entries with it; each gets its own event. */
async function cancelEntriesOf({ em, actor, write }: CommandWork, campaign: CampaignRecord): Promise<void> {
  const entries = await em.find(
    CalendarEntryRecord,
    { campaignId: campaign.id, node: campaign.node, status: CalendarEntryStatus.CONFIRMED },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  for (const entry of entries) {
    write(calendarEntryAggregate, cancelCalendarEntry(calendarEntryState(entry), 'The campaign was cancelled. / أُلغيت الحملة.', actor), entry);
  }
}

/** A change of a campaign, with the clashes it makes as warnings; a cancellation cancels its entries too. */
function changeCampaign(ctx: CalendarContext, id: string, version: number, decide: (s: CampaignState, a: Actor) => CampaignEvent) {
  return changeAggregate(ctx, {
    action: 'campaign.write',
    aggregate: campaignAggregate,
    id,
    version,
    decide: (state, _, actor) => decide(state, actor),
    then: async (work, { row }) => {
      if (row.status === CampaignStatus.CANCELLED) await cancelEntriesOf(work, row);
      return { campaign: row, warnings: (await clashesOf(work.em, row)).map(clashView) };
    },
  });
}

const periodOf = (p: PeriodInput) => ({ startsAt: p.startsAt, endsAt: p.endsAt });

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => Campaign, { nullable: true, description: 'One campaign by id, or null.' })
  async campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: CalendarContext) {
    return ctx.loaders.campaign.load(validId('id', id));
  }

  @Query(() => CampaignConnection, { description: 'Campaigns by start, latest first, filtered, as a Relay connection.' })
  async campaigns(
    @Ctx() ctx: CalendarContext,
    @Arg('filter', () => CampaignFilter, { nullable: true }) filter?: CampaignFilter,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when omitted.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return listCampaigns(ctx.em, filter, first, after);
  }

  @Mutation(() => CampaignPayload, { description: 'Drafts a campaign owned by this node: national at the ministry, local elsewhere.' })
  async draftCampaign(@Arg('input', () => DraftCampaignInput) input: DraftCampaignInput, @Ctx() ctx: CalendarContext) {
    return createAggregate(ctx, {
      action: 'campaign.write',
      aggregate: campaignAggregate,
      decide: (acting) => draftCampaign(input, acting),
      then: (_, { row }) => ({ campaign: row, warnings: [] }),
    });
  }

  @Mutation(() => CampaignPayload, { description: 'Changes the fields given; `version` is the version you last read.' })
  async updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateCampaignInput) input: UpdateCampaignInput,
    @Ctx() ctx: CalendarContext,
  ) {
    return changeCampaign(ctx, id, version, (s, a) => updateCampaign(s, input, a));
  }

  @Mutation(() => CampaignPayload, { description: 'Commits a draft, to its period or to the one given; returns the clashes it creates as warnings.' })
  async scheduleCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: CalendarContext,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput,
  ) {
    return changeCampaign(ctx, id, version, (s, a) => scheduleCampaign(s, period ? periodOf(period) : null, a));
  }

  @Mutation(() => CampaignPayload, { description: 'Moves the period; refused once done or cancelled. Returns the clashes as warnings.' })
  async rescheduleCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Ctx() ctx: CalendarContext,
  ) {
    return changeCampaign(ctx, id, version, (s, a) => rescheduleCampaign(s, periodOf(period), a));
  }

  @Mutation(() => CampaignPayload, { description: 'Cancels the campaign and its own entries; they stay visible as cancelled.' })
  async cancelCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: CalendarContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return changeCampaign(ctx, id, version, (s, a) => changeCampaignStatus(s, CampaignStatus.CANCELLED, reason, a));
  }

  @Mutation(() => CampaignPayload, { description: 'Moves the campaign along its lifecycle.' })
  async changeCampaignStatus(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('status', () => CampaignStatus) status: CampaignStatus,
    @Ctx() ctx: CalendarContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return changeCampaign(ctx, id, version, (s, a) => changeCampaignStatus(s, status, reason, a));
  }

  @FieldResolver(() => LocalDateScalar, { description: 'The Riyadh day the campaign starts on.' })
  firstDay(@Root() c: CampaignRecord): string {
    return riyadhDate(c.startsAt);
  }

  @FieldResolver(() => LocalDateScalar, { description: 'The last Riyadh day of the campaign, included: the day before `endsAt` when it ends at midnight.' })
  lastDay(@Root() c: CampaignRecord): string {
    return lastDay(c.endsAt);
  }

  @FieldResolver(() => [DayClash], { description: 'The public holidays it runs over, and the weekend if it starts on one.' })
  dayClashes(@Root() c: CampaignRecord) {
    return c.status === CampaignStatus.CANCELLED ? [] : dayClashesOf(c, PLACED_NAMES.CAMPAIGN).map(dayClashView);
  }

  @FieldResolver(() => CampaignScope)
  scope(@Root() c: CampaignRecord): CampaignScope {
    return scopeOf(c.node);
  }

  @FieldResolver(() => [InitiativeReference], { nullable: true, description: 'The initiatives the campaign serves (resolved by the initiatives service).' })
  initiatives(@Root() c: CampaignRecord) {
    return c.initiativeIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [CalendarEntry], { description: 'Its launches, events, milestones and press conferences, by start.' })
  async entries(@Root() c: CampaignRecord, @Ctx() ctx: CalendarContext) {
    return ctx.loaders.entriesByCampaign.load(c.id);
  }
}
