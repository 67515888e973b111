import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, newId, notFound, validId } from '../../../kernel/src/domain';
import { recordEvent } from '../../../kernel/src/events';
import { requireOwnedHere, type Caller, authorize, requireRoleFor } from '../../../kernel/src/auth';
import type { MediaContext } from '../context';
import { CHANNEL_RULES, UNIT, measure, validChannel } from '../channel/channel';
import { checkText } from '../charter/charter';
import { activeRules, violationsOf } from '../charter/charter.queries';
import { CharterViolation, TextLength } from '../charter/charter.types';
import { violationView } from '../charter/violation.view';
import { ReviewRecord, reviewRow } from '../review/review.entity';
import { decideReview } from '../review/review';
import { Review } from '../review/review.types';
import { CampaignRef, InitiativeRef } from '../links/links.types';
import { KeyMessage } from '../keymessage/key-message.types';
import {
  archiveMessage,
  draftMessage,
  editMessage,
  MessageStatus,
  publishedText,
  publishMessage,
  ReviewDecision,
  reviewMessage,
  scheduleMessage,
  submitMessage,
  type Actor,
  type MessageEvent,
  type MessageState,
} from './message';
import { MediaMessageRecord, messageRow, messageState } from './message.entity';
import { isNationalCampaign, listMessages, requireKnownLinks } from './message.queries';
import { DraftMessageInput, EditMessageInput, MediaMessage, MediaMessageConnection, MessageFilter, MessageTransition, MessageVariant } from './message.types';

/** Loads a message, locking its row until the transaction ends. */
async function lockedMessage(em: EntityManager, id: string): Promise<MediaMessageRecord> {
  const row = await em.findOne(MediaMessageRecord, { id: validId('id', id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw notFound('message', id);
  return row;
}

/** Creates a DRAFT at this node and records its event; used by every way a message is made. */
export function saveDraft(em: EntityManager, ctx: MediaContext, event: MessageEvent): MediaMessageRecord {
  const row = em.create(MediaMessageRecord, messageRow(event.data.state));
  recordEvent(em, ctx.origin, event, ctx.clock.now());
  return row;
}

@Resolver(() => MediaMessage)
export class MessageResolver {
  @Query(() => MediaMessage, { nullable: true, description: 'One message by id, or null.' })
  async mediaMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: MediaContext) {
    return ctx.loaders.message.load(validId('id', id));
  }

  @Query(() => MediaMessageConnection, { description: 'Messages newest first, filtered, as a Relay connection.' })
  async mediaMessages(
    @Ctx() ctx: MediaContext,
    @Arg('filter', () => MessageFilter, { nullable: true }) filter?: MessageFilter,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when omitted.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return listMessages(ctx.em, filter, first, after);
  }

  @Query(() => [CharterViolation], { description: 'Checks a text for a channel against the charter in force; the campaign selects its own rules.' })
  async checkMessage(
    @Arg('text') text: string,
    @Arg('channel') channel: string,
    @Ctx() ctx: MediaContext,
    @Arg('campaignId', () => ID, { nullable: true }) campaignId?: string,
  ): Promise<CharterViolation[]> {
    const c = validChannel('channel', channel);
    return checkText(await ctx.loaders.rules(), { text, channel: c, campaignId: campaignId ?? null }).map(violationView);
  }

  @Query(() => TextLength, { description: 'Measures a text the way the channel counts it (X: weighted, URLs as 23).' })
  measureText(@Arg('text') text: string, @Arg('channel') channel: string): TextLength {
    const rule = CHANNEL_RULES[validChannel('channel', channel)];
    const length = measure(text, rule.counting);
    return {
      channel: rule.channel,
      length,
      limit: rule.maxLength,
      unit: UNIT[rule.counting].en.other,
      withinLimit: length <= rule.maxLength,
      source: rule.source,
    };
  }

  @Query(() => [TextLength], { description: 'Every channel with its limit and where the limit comes from.' })
  channelRules(): TextLength[] {
    return Object.values(CHANNEL_RULES).map((r) => ({
      channel: r.channel,
      length: 0,
      limit: r.maxLength,
      unit: UNIT[r.counting].en.other,
      withinLimit: true,
      source: r.source,
    }));
  }

  @Mutation(() => MediaMessage, { description: 'Writes a new message as a DRAFT at this node.' })
  async draftMessage(@Arg('input', () => DraftMessageInput) input: DraftMessageInput, @Ctx() ctx: MediaContext) {
    const caller = authorize(ctx.caller, 'message.write', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em) => saveDraft(em, ctx, draftMessage(input, { id: newId(), node: ctx.origin.node, by: caller.sub, now: ctx.clock.now() })));
  }

  @Mutation(() => MediaMessage, { description: 'Changes the content; after approval the message goes back to IN_REVIEW.' })
  async editMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => EditMessageInput) input: EditMessageInput,
    @Ctx() ctx: MediaContext,
  ) {
    return this.change(ctx, id, async (em, state, a) => {
      const rules = await activeRules(em);
      const event = editMessage(state, input, version, a, (s) => violationsOf(rules, s));
      if (event.data.state.status === MessageStatus.IN_REVIEW) await requireKnownLinks(em, event.data.state, ctx.origin.node);
      return event;
    });
  }

  @Mutation(() => MediaMessage, { description: 'Sends a DRAFT (or a message with changes requested) to review; blocking charter violations refuse it.' })
  async submitMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: MediaContext,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ) {
    return this.change(ctx, id, async (em, state, a) => {
      const event = submitMessage(state, version, comment, a, violationsOf(await activeRules(em), state));
      await requireKnownLinks(em, state, ctx.origin.node);
      return event;
    });
  }

  @Mutation(() => Review, {
    description:
      'Approves a message IN_REVIEW or requests changes (comment required): reviewers of the owner node, or of the ministry for national campaigns; never an author approving.',
  })
  async reviewMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('decision', () => ReviewDecision) decision: ReviewDecision,
    @Ctx() ctx: MediaContext,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ) {
    requireRoleFor(ctx.caller, 'message.review');
    return ctx.transact(async (em) => {
      const here = ctx.origin.node;
      const row = await lockedMessage(em, id);
      const caller = authorize(ctx.caller, 'message.review', row.node, here);
      const state = messageState(row);
      // who reviews depends on the campaign: a campaign not known here cannot be routed
      await requireKnownLinks(em, { campaignId: state.campaignId, initiativeId: null }, here);
      const national = await isNationalCampaign(em, state.campaignId);
      // the ministry decides on its replica of a national campaign's message; the owner applies it
      if (!(here === MINISTRY && national)) requireOwnedHere(row.node, here);
      const now = ctx.clock.now();
      const verdict = { reviewId: newId(), decision, comment: comment ?? null, reviewer: caller };
      const event = reviewMessage(state, version, verdict, national, violationsOf(await activeRules(em), state), now);
      const review = decideReview(state, { ...verdict, comment: (event.data.change.comment as string | null) ?? null }, { node: here, now });
      const saved = em.create(ReviewRecord, reviewRow(review.data.state));
      recordEvent(em, ctx.origin, review, now);
      if (row.node === here) {
        em.assign(row, messageRow(event.data.state));
        recordEvent(em, ctx.origin, event, now);
      }
      return saved;
    });
  }

  @Mutation(() => MediaMessage, { description: 'Schedules an approved message; the time must be in the future.' })
  async scheduleMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('publishAt', () => Date) publishAt: Date,
    @Ctx() ctx: MediaContext,
  ) {
    return this.change(ctx, id, async (_em, state, a) => scheduleMessage(state, version, publishAt, a));
  }

  @Mutation(() => MediaMessage, { description: 'Records that an approved or scheduled message was published.' })
  async publishMessage(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: MediaContext) {
    return this.change(ctx, id, async (_em, state, a) => publishMessage(state, version, a));
  }

  @Mutation(() => MediaMessage, { description: 'Archives a message; final.' })
  async archiveMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: MediaContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return this.change(ctx, id, async (_em, state, a) => archiveMessage(state, version, reason, a));
  }

  /** The shape of every writer's change: lock → owned here → writer of the owner → decide → save with its event. */
  private async change(ctx: MediaContext, id: string, decide: (em: EntityManager, state: MessageState, a: Actor) => Promise<MessageEvent>) {
    requireRoleFor(ctx.caller, 'message.write');
    return ctx.transact(async (em) => {
      const row = await lockedMessage(em, id);
      requireOwnedHere(row.node, ctx.origin.node);
      const caller: Caller = authorize(ctx.caller, 'message.write', row.node, ctx.origin.node);
      const event = await decide(em, messageState(row), { by: caller.sub, node: caller.node, now: ctx.clock.now() });
      em.assign(row, messageRow(event.data.state));
      recordEvent(em, ctx.origin, event, ctx.clock.now());
      return row;
    });
  }

  @FieldResolver(() => [MessageVariant])
  variants(@Root() m: MediaMessageRecord): MessageVariant[] {
    return m.variants.map((v) => {
      const rule = CHANNEL_RULES[v.channel];
      const out = publishedText(v);
      return {
        ...v,
        scheduledAt: v.scheduledAt ? new Date(v.scheduledAt) : null,
        publishedText: out,
        length: measure(out, rule.counting),
        limit: rule.maxLength,
      };
    });
  }

  @FieldResolver(() => [MessageTransition], { description: 'Every transition, oldest first.' })
  history(@Root() m: MediaMessageRecord): MessageTransition[] {
    return m.history.map((t) => ({ ...t, at: new Date(t.at), reviewId: t.reviewId ?? null }));
  }

  @FieldResolver(() => [CharterViolation], { description: 'What the charter in force says of every variant now.' })
  async violations(@Root() m: MediaMessageRecord, @Ctx() ctx: MediaContext): Promise<CharterViolation[]> {
    return violationsOf(await ctx.loaders.rules(), m).map(violationView);
  }

  @FieldResolver(() => [Review], { description: 'Review decisions, newest first.' })
  async reviews(@Root() m: MediaMessageRecord, @Ctx() ctx: MediaContext) {
    return ctx.loaders.reviewsByMessage.load(m.id);
  }

  @FieldResolver(() => CampaignRef, { nullable: true, description: 'The campaign, resolved by the calendar service.' })
  campaign(@Root() m: MediaMessageRecord): CampaignRef | null {
    return m.campaignId ? { id: m.campaignId } : null;
  }

  @FieldResolver(() => InitiativeRef, { nullable: true, description: 'The initiative, resolved by the initiatives service.' })
  initiative(@Root() m: MediaMessageRecord): InitiativeRef | null {
    return m.initiativeId ? { id: m.initiativeId } : null;
  }

  @FieldResolver(() => KeyMessage, { nullable: true, description: 'The key message it was localised from.' })
  async keyMessage(@Root() m: MediaMessageRecord, @Ctx() ctx: MediaContext) {
    return m.keyMessageId ? ctx.loaders.keyMessage.load(m.keyMessageId) : null;
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  @FieldResolver(() => MediaMessage, { nullable: true, description: 'The message as this node has it now.' })
  async message(@Root() r: ReviewRecord, @Ctx() ctx: MediaContext) {
    return ctx.loaders.message.load(r.messageId);
  }
}
