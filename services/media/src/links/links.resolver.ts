import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MediaContext } from '../context';
import { MediaMessage } from '../message/message.types';
import { CampaignRef, InitiativeRef } from './links.types';

@Resolver(() => CampaignRef)
export class CampaignMessagesResolver {
  @FieldResolver(() => [MediaMessage], { nullable: true, description: "The campaign's media messages known at this node, newest first." })
  async messages(@Root() c: CampaignRef, @Ctx() ctx: MediaContext) {
    return ctx.loaders.messagesByCampaign.load(c.id);
  }
}

@Resolver(() => InitiativeRef)
export class InitiativeMessagesResolver {
  @FieldResolver(() => [MediaMessage], { nullable: true, description: "The initiative's media messages known at this node, newest first." })
  async messages(@Root() i: InitiativeRef, @Ctx() ctx: MediaContext) {
    return ctx.loaders.messagesByInitiative.load(i.id);
  }
}
