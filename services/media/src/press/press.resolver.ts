import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Axis, badInput, newId, validId } from '../../../kernel/src/domain';
import { authorize } from '../../../kernel/src/auth';
import type { MediaContext } from '../context';
import { Channel } from '../channel/channel';
import { MessageOrigin, draftMessage } from '../message/message';
import { MediaMessage } from '../message/message.types';
import { saveDraft } from '../message/message.resolver';
import { InitiativeView, ProgressView } from '../replication/sources.entity';
import { factSheetText, pressReleaseText, type PressText } from './press';

const pressDraft = (t: PressText) => ({ bodyAr: t.bodyAr, bodyEn: t.bodyEn, variants: [{ channel: Channel.PRESS, text: t.bodyAr }] });

/** Press material for media outlets (إمداد وسائل الإعلام بالبيانات), written from initiative data as DRAFTs on PRESS. */
@Resolver()
export class PressResolver {
  @Mutation(() => MediaMessage, {
    description: 'A press release on an initiative known here: its figures, progress and dates in both calendars, as a DRAFT on PRESS.',
  })
  async pressRelease(@Arg('initiativeId', () => ID) initiativeId: string, @Ctx() ctx: MediaContext) {
    const caller = authorize(ctx.caller, 'message.write', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em) => {
      const initiative = await em.findOne(InitiativeView, { id: validId('initiativeId', initiativeId) });
      if (!initiative) {
        throw badInput('initiativeId', {
          en: `No initiative ${initiativeId} is known at ${ctx.origin.node}.`,
          ar: `لا تعرف ${ctx.origin.node} مبادرة بالمعرّف ${initiativeId}.`,
        });
      }
      const latest = await em.findOne(ProgressView, { initiativeId: initiative.id }, { orderBy: { reportedAt: 'desc', id: 'desc' } });
      const now = ctx.clock.now();
      const text = pressReleaseText(initiative, latest?.kpiActuals ?? [], now);
      const event = draftMessage(
        { ...pressDraft(text), initiativeId: initiative.id, origin: MessageOrigin.PRESS_RELEASE },
        { id: newId(), node: ctx.origin.node, by: caller.sub, now },
      );
      return saveDraft(em, ctx, event);
    });
  }

  @Mutation(() => MediaMessage, {
    description: 'A fact sheet of the initiatives known here (the whole sector at the hub), for one axis or all, as a DRAFT on PRESS.',
  })
  async sectorFactSheet(@Ctx() ctx: MediaContext, @Arg('axis', () => Axis, { nullable: true }) axis?: Axis) {
    const caller = authorize(ctx.caller, 'message.write', ctx.origin.node, ctx.origin.node);
    return ctx.transact(async (em) => {
      const initiatives = await em.find(InitiativeView, axis ? { axis } : {});
      const now = ctx.clock.now();
      const event = draftMessage(
        { ...pressDraft(factSheetText(initiatives, axis ?? null, now)), origin: MessageOrigin.FACT_SHEET },
        { id: newId(), node: ctx.origin.node, by: caller.sub, now },
      );
      return saveDraft(em, ctx, event);
    });
  }
}
