import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, counted, figure, newId, validId, type Actor } from '../../../kernel/src/domain';
import { changeAggregate, createAggregate } from '../../../kernel/src/db';
import { requireOwnedHere } from '../../../kernel/src/auth';
import type { MediaContext } from '../context';
import { CHANNEL_RULES, UNIT, measure, validChannel } from '../channel/channel';
import { checkText, type CharterRuleState } from '../charter/charter';
import { activeRules, violationsOf } from '../charter/charter.queries';
import { CharterViolation, TextLength } from '../charter/charter.types';
import { violationView } from '../charter/violation.view';
import { ReviewRecord, reviewAggregate } from '../review/review.entity';
import { ReviewDecision, ReviewOutcome, reviewAt, reviewOutcome } from '../review/review';
import { Review } from '../review/review.types';
import { CampaignRef, InitiativeRef } from '../links/links.types';
import { KeyMessage } from '../keymessage/key-message.types';
import {
  archiveMessage,
  draftMessage,
  editMessage,
  MessageStatus,
  publishMessage,
  scheduleMessage,
  submitMessage,
  type MessageEvent,
  type MessageState,
} from './message';
import { MediaMessageRecord, messageAggregate } from './message.entity';
import { publishedText } from './message-content';
import { isNationalCampaign, listMessages, requireKnownLinks } from './message.queries';
import { DraftMessageInput, EditMessageInput, MediaMessage, MediaMessageConnection, MessageFilter, MessageTransition, MessageVariant } from './message.types';

/** A change a writer of the owner node makes to a message. */
function changeMessage<I>(
  ctx: MediaContext,
  id: string,
  version: number,
  decide: (state: MessageState, read: I, a: Actor) => MessageEvent,
  more: { read?: (em: EntityManager, state: MessageState) => Promise<I>; verify?: (em: EntityManager, state: MessageState) => Promise<void> } = {},
) {
  return changeAggregate(ctx, { action: 'message.write', aggregate: messageAggregate, id, version, decide, ...more });
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
    return createAggregate(ctx, { action: 'message.write', aggregate: messageAggregate, decide: (acting) => draftMessage(input, acting) });
  }

  @Mutation(() => MediaMessage, { description: 'Changes the content; after approval the message goes back to IN_REVIEW.' })
  async editMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => EditMessageInput) input: EditMessageInput,
    @Ctx() ctx: MediaContext,
  ) {
    return changeMessage<CharterRuleState[]>(ctx, id, version, (state, rules, a) => editMessage(state, input, a, (s) => violationsOf(rules, s)), {
      read: (em) => activeRules(em),
      verify: async (em, state) => {
        if (state.status === MessageStatus.IN_REVIEW) await requireKnownLinks(em, state, ctx.origin.node);
      },
    });
  }

  @Mutation(() => MediaMessage, { description: 'Sends a DRAFT (or a message with changes requested) to review; blocking charter violations refuse it.' })
  async submitMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: MediaContext,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ) {
    return changeMessage<CharterRuleState[]>(ctx, id, version, (state, rules, a) => submitMessage(state, comment, a, violationsOf(rules, state)), {
      read: (em) => activeRules(em),
      verify: (em, state) => requireKnownLinks(em, state, ctx.origin.node),
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
    const here = ctx.origin.node;
    return changeAggregate(ctx, {
      action: 'message.review',
      aggregate: messageAggregate,
      id,
      version,
      // the ministry decides on its replica of a national campaign's message; the owner applies it
      ownedHere: false,
      read: async (em, state, caller) => {
        // who reviews depends on the campaign: a campaign not known here cannot be routed
        await requireKnownLinks(em, { campaignId: state.campaignId, initiativeId: null }, here);
        const national = await isNationalCampaign(em, state.campaignId);
        if (!(here === MINISTRY && national)) requireOwnedHere(state.node, here);
        return { national, caller, rules: await activeRules(em) };
      },
      decide: (state, { national, caller, rules }, a) => {
        const verdict = { reviewId: newId(), decision, comment: comment ?? null, reviewer: caller };
        const decided = reviewAt(here, state, verdict, national, violationsOf(rules, state), a.now);
        return [{ aggregate: reviewAggregate, event: decided.review }, ...(decided.message ? [decided.message] : [])];
      },
      then: (_, { written }) => written[0] as ReviewRecord,
    });
  }

  @Mutation(() => MediaMessage, { description: 'Schedules an approved message; the time must be in the future.' })
  async scheduleMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('publishAt', () => Date) publishAt: Date,
    @Ctx() ctx: MediaContext,
  ) {
    return changeMessage(ctx, id, version, (state, _, a) => scheduleMessage(state, publishAt, a));
  }

  @Mutation(() => MediaMessage, { description: 'Records that an approved or scheduled message was published.' })
  async publishMessage(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: MediaContext) {
    return changeMessage(ctx, id, version, (state, _, a) => publishMessage(state, a));
  }

  @Mutation(() => MediaMessage, { description: 'Archives a message; final.' })
  async archiveMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: MediaContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return changeMessage(ctx, id, version, (state, _, a) => archiveMessage(state, reason, a));
  }

  @FieldResolver(() => [MessageVariant])
  variants(@Root() m: MediaMessageRecord): MessageVariant[] {
    return m.variants.map((v) => {
      const rule = CHANNEL_RULES[v.channel];
      const out = publishedText(v);
      const length = measure(out, rule.counting);
      const said = counted(length, UNIT[rule.counting]);
      return {
        ...v,
        scheduledAt: v.scheduledAt ? new Date(v.scheduledAt) : null,
        publishedText: out,
        length,
        limit: rule.maxLength,
        lengthAr: `${said.ar} من ${figure(rule.maxLength, 'ar')}`,
        lengthEn: `${said.en} of ${figure(rule.maxLength, 'en')}`,
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

  @FieldResolver(() => ReviewOutcome, {
    description:
      'Whether it took effect on the message as this node has it: a decision the ministry took on a message its owner had changed since is NOT_APPLIED.',
  })
  async outcome(@Root() r: ReviewRecord, @Ctx() ctx: MediaContext): Promise<ReviewOutcome> {
    return reviewOutcome(r, await ctx.loaders.message.load(r.messageId));
  }
}
