import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Axis, badInput, validId } from '../../../kernel/src/domain';
import { createAggregate } from '../../../kernel/src/db';
import type { MediaContext } from '../context';
import { Channel } from '../channel/channel';
import { MessageOrigin, draftMessage } from '../message/message';
import { MediaMessage } from '../message/message.types';
import { messageAggregate } from '../message/message.entity';
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
    return createAggregate(ctx, {
      action: 'message.write',
      aggregate: messageAggregate,
      read: async (em) => {
        const initiative = await em.findOne(InitiativeView, { id: validId('initiativeId', initiativeId) });
        if (!initiative) {
          throw badInput('initiativeId', {
            en: `No initiative ${initiativeId} is known at ${ctx.origin.node}.`,
            ar: `لا تعرف ${ctx.origin.node} مبادرة بالمعرّف ${initiativeId}.`,
          });
        }
        const latest = await em.findOne(ProgressView, { initiativeId: initiative.id }, { orderBy: { reportedAt: 'desc', id: 'desc' } });
        return { initiative, actuals: latest?.kpiActuals ?? [] };
      },
      decide: (acting, { initiative, actuals }) =>
        draftMessage(
          { ...pressDraft(pressReleaseText(initiative, actuals, acting.now)), initiativeId: initiative.id, origin: MessageOrigin.PRESS_RELEASE },
          acting,
        ),
    });
  }

  @Mutation(() => MediaMessage, {
    description: 'A fact sheet of the initiatives known here (the whole sector at the hub), for one axis or all, as a DRAFT on PRESS.',
  })
  async sectorFactSheet(@Ctx() ctx: MediaContext, @Arg('axis', () => Axis, { nullable: true }) axis?: Axis) {
    return createAggregate(ctx, {
      action: 'message.write',
      aggregate: messageAggregate,
      read: (em) => em.find(InitiativeView, axis ? { axis } : {}),
      decide: (acting, initiatives) =>
        draftMessage({ ...pressDraft(factSheetText(initiatives, axis ?? null, acting.now)), origin: MessageOrigin.FACT_SHEET }, acting),
    });
  }
}
