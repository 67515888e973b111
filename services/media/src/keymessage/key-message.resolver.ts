import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SECTOR_NODES, badInput, nodeName, notFound, riyadhDate, type Actor, validId } from '../../../kernel/src/domain';
import { changeAggregate, createAggregate } from '../../../kernel/src/db';
import type { MediaContext } from '../context';
import { validChannel } from '../channel/channel';
import { MessageOrigin, draftMessage } from '../message/message';
import { MediaMessage } from '../message/message.types';
import { messageAggregate } from '../message/message.entity';
import { CampaignView, InitiativeView } from '../replication/sources.entity';
import {
  PLACEHOLDERS,
  defineKeyMessage,
  localise,
  retireKeyMessage,
  reviseKeyMessage,
  placeholdersIn,
  type KeyMessageEvent,
  type KeyMessageState,
} from './key-message';
import { KeyMessageRecord, keyMessageAggregate, keyMessageState } from './key-message.entity';
import { KeyMessage, KeyMessageInput, KeyMessageLocalisation, LocaliseKeyMessageInput, Placeholder } from './key-message.types';

@Resolver(() => KeyMessage)
export class KeyMessageResolver {
  @Query(() => [KeyMessage], { description: 'The key messages known at this node, newest first; retired ones on request.' })
  async keyMessages(@Ctx() ctx: MediaContext, @Arg('includeRetired', { nullable: true }) includeRetired?: boolean) {
    return ctx.em.find(KeyMessageRecord, includeRetired ? {} : { active: true }, { orderBy: { id: 'desc' } });
  }

  @Query(() => KeyMessage, { nullable: true })
  async keyMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: MediaContext) {
    return ctx.loaders.keyMessage.load(validId('id', id));
  }

  @Query(() => [Placeholder], { description: 'The placeholders key message templates may use.' })
  keyMessagePlaceholders(): Placeholder[] {
    return Object.entries(PLACEHOLDERS).map(([name, p]) => ({ name, token: `{${name}}`, aboutAr: p.about.ar, aboutEn: p.about.en }));
  }

  @Mutation(() => KeyMessage, { description: 'Writes a key message template; ministry editors and admins.' })
  async defineKeyMessage(@Arg('input', () => KeyMessageInput) input: KeyMessageInput, @Ctx() ctx: MediaContext) {
    return createAggregate(ctx, { action: 'keymessage.define', aggregate: keyMessageAggregate, decide: (acting) => defineKeyMessage(input, acting) });
  }

  @Mutation(() => KeyMessage)
  async reviseKeyMessage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => KeyMessageInput) input: KeyMessageInput,
    @Ctx() ctx: MediaContext,
  ) {
    return this.change(ctx, id, version, (s, a) => reviseKeyMessage(s, input, a));
  }

  @Mutation(() => KeyMessage)
  async retireKeyMessage(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: MediaContext) {
    return this.change(ctx, id, version, (s, a) => retireKeyMessage(s, a));
  }

  @Mutation(() => MediaMessage, { description: "Makes a DRAFT at this node from a key message, filled with this node's values." })
  async localiseKeyMessage(
    @Arg('keyMessageId', () => ID) keyMessageId: string,
    @Ctx() ctx: MediaContext,
    @Arg('input', () => LocaliseKeyMessageInput, { nullable: true }) input?: LocaliseKeyMessageInput,
  ) {
    return createAggregate(ctx, {
      action: 'message.write',
      aggregate: messageAggregate,
      read: async (em) => {
        const key = await em.findOne(KeyMessageRecord, { id: validId('keyMessageId', keyMessageId) });
        if (!key) throw notFound('key message', keyMessageId);
        const initiativeId = input?.initiativeId ? validId('initiativeId', input.initiativeId) : null;
        const initiative = initiativeId ? await em.findOne(InitiativeView, { id: initiativeId }) : null;
        if (initiativeId && !initiative) {
          throw badInput('initiativeId', {
            en: `No initiative ${initiativeId} is known at ${ctx.origin.node}.`,
            ar: `لا تعرف ${ctx.origin.node} مبادرة بالمعرّف ${initiativeId}.`,
          });
        }
        const campaignId = input?.campaignId ? validId('campaignId', input.campaignId) : key.campaignId;
        const campaign = campaignId ? await em.findOne(CampaignView, { id: campaignId }) : null;
        return { key: keyMessageState(key), initiativeId, initiative, campaignId, campaign };
      },
      decide: (acting, { key, initiativeId, initiative, campaignId, campaign }) => {
        const channels = input?.channels?.map((c, i) => validChannel(`channels.${i}`, c)) ?? null;
        const content = localise(key, { node: acting.node, date: input?.date ?? riyadhDate(acting.now), initiative, campaign }, channels);
        return draftMessage({ ...content, campaignId, initiativeId, origin: MessageOrigin.KEY_MESSAGE, keyMessageId: key.id }, acting);
      },
    });
  }

  /** Key messages are written at the ministry only: authorised there before the row is read. */
  private async change(ctx: MediaContext, id: string, version: number, decide: (s: KeyMessageState, a: Actor) => KeyMessageEvent) {
    return changeAggregate(ctx, {
      action: 'keymessage.define',
      aggregate: keyMessageAggregate,
      id,
      version,
      authorizeHere: true,
      decide: (state, _, actor) => decide(state, actor),
    });
  }

  @FieldResolver(() => [String], { description: 'The placeholders its templates use.' })
  placeholders(@Root() k: KeyMessageRecord): string[] {
    return placeholdersIn([k.templateAr, k.templateEn ?? '', ...k.variants.map((v) => v.template)].join('\n'));
  }

  @FieldResolver(() => [KeyMessageLocalisation], { description: 'Which nodes localised it, into which messages (the hub sees every node).' })
  async localisations(@Root() k: KeyMessageRecord, @Ctx() ctx: MediaContext): Promise<KeyMessageLocalisation[]> {
    return (await ctx.loaders.messagesByKeyMessage.load(k.id)).map((m) => ({
      node: m.node,
      nodeNameAr: nodeName(m.node).nameAr,
      nodeNameEn: nodeName(m.node).nameEn,
      messageId: m.id,
      status: m.status,
      localisedAt: m.createdAt,
    }));
  }

  @FieldResolver(() => [String], { description: 'Municipalities that have not localised it yet, as far as this node knows.' })
  async notLocalisedBy(@Root() k: KeyMessageRecord, @Ctx() ctx: MediaContext): Promise<string[]> {
    const done = new Set((await ctx.loaders.messagesByKeyMessage.load(k.id)).map((m) => m.node));
    return SECTOR_NODES.filter((n) => n.role === 'municipality' && !done.has(n.code)).map((n) => n.code);
  }
}
