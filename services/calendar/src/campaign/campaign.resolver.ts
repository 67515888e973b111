import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { LocalDateScalar } from '../../../kernel/src/graphql';
import { authorize, requireOwnedHere, requireRoleFor } from '../../../kernel/src/auth';
import { newId, notFound, riyadhDate, validId } from '../../../kernel/src/domain';
import { recordEvent } from '../../../kernel/src/events';
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
import { CampaignRecord, campaignRow, campaignState } from './campaign.entity';
import { Campaign, CampaignConnection, CampaignFilter, DraftCampaignInput, PeriodInput, UpdateCampaignInput } from './campaign.types';
import { CampaignPayload } from './campaign-payload.types';
import { listCampaigns } from './campaign.queries';
import { clashesOf, clashView } from '../clashes/clash.queries';
import { CalendarEntry } from '../entry/calendar-entry.types';
import { CalendarEntryStatus, cancelCalendarEntry } from '../entry/calendar-entry';
import { CalendarEntryRecord, calendarEntryRow, calendarEntryState } from '../entry/calendar-entry.entity';
import { InitiativeReference } from '../federation/initiative.types';

/** Loads a campaign for change, locking its row until the transaction ends. */
async function campaignForChange(em: EntityManager, id: string, here: string): Promise<CampaignRecord> {
  const row = await em.findOne(CampaignRecord, { id: validId('id', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw notFound('campaign', id);
  requireOwnedHere(row.node, here);
  return row;
}

/** A cancelled campaign takes its own node's entries with it; each gets its own event. */
async function cancelEntriesOf(em: EntityManager, ctx: CalendarContext, campaign: CampaignRecord, a: Actor): Promise<void> {
  const entries = await em.find(
    CalendarEntryRecord,
    { campaignId: campaign.id, node: campaign.node, status: CalendarEntryStatus.CONFIRMED },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  for (const entry of entries) {
    const event = cancelCalendarEntry(calendarEntryState(entry), null, 'The campaign was cancelled. / أُلغيت الحملة.', a);
    em.assign(entry, calendarEntryRow(event.data.state));
    recordEvent(em, ctx.origin, event, a.now);
  }
}

/** load with lock → owned here → allowed by the permission matrix → decide → persist with its event → clashes as warnings. */
async function changeCampaign(ctx: CalendarContext, id: string, decide: (s: CampaignState, a: Actor) => CampaignEvent) {
  requireRoleFor(ctx.caller, 'campaign.write');
  return ctx.transact(async (em) => {
    const row = await campaignForChange(em, id, ctx.origin.node);
    const caller = authorize(ctx.caller, 'campaign.write', row.node, ctx.origin.node);
    const actor = { by: caller.sub, now: ctx.clock.now() };
    const event = decide(campaignState(row), actor);
    em.assign(row, campaignRow(event.data.state));
    recordEvent(em, ctx.origin, event, actor.now);
    if (row.status === CampaignStatus.CANCELLED) await cancelEntriesOf(em, ctx, row, actor);
    return { campaign: row, warnings: (await clashesOf(em, row)).map(clashView) };
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
    const caller = authorize(ctx.caller, 'campaign.write', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em) => {
      const event = draftCampaign(input, { id: newId(), node: ctx.origin.node, by: caller.sub, now: ctx.clock.now() });
      const row = em.create(CampaignRecord, campaignRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return { campaign: row, warnings: [] };
    });
  }

  @Mutation(() => CampaignPayload, { description: 'Changes the fields given; `version` is the version you last read.' })
  async updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateCampaignInput) input: UpdateCampaignInput,
    @Ctx() ctx: CalendarContext,
  ) {
    return changeCampaign(ctx, id, (s, a) => updateCampaign(s, input, version, a));
  }

  @Mutation(() => CampaignPayload, { description: 'Commits a draft, to its period or to the one given; returns the clashes it creates as warnings.' })
  async scheduleCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: CalendarContext,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput,
  ) {
    return changeCampaign(ctx, id, (s, a) => scheduleCampaign(s, period ? periodOf(period) : null, version, a));
  }

  @Mutation(() => CampaignPayload, { description: 'Moves the period; refused once done or cancelled. Returns the clashes as warnings.' })
  async rescheduleCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Ctx() ctx: CalendarContext,
  ) {
    return changeCampaign(ctx, id, (s, a) => rescheduleCampaign(s, periodOf(period), version, a));
  }

  @Mutation(() => CampaignPayload, { description: 'Cancels the campaign and its own entries; they stay visible as cancelled.' })
  async cancelCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: CalendarContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return changeCampaign(ctx, id, (s, a) => changeCampaignStatus(s, CampaignStatus.CANCELLED, version, reason, a));
  }

  @Mutation(() => CampaignPayload, { description: 'Moves the campaign along its lifecycle.' })
  async changeCampaignStatus(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('status', () => CampaignStatus) status: CampaignStatus,
    @Ctx() ctx: CalendarContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return changeCampaign(ctx, id, (s, a) => changeCampaignStatus(s, status, version, reason, a));
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
