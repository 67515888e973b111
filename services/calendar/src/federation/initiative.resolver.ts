import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isUuid } from '../../../kernel/src/domain';
import type { CalendarContext } from '../context';
import { Campaign } from '../campaign/campaign.types';
import { InitiativeReference } from './initiative.types';

@Resolver(() => InitiativeReference)
export class InitiativeCampaignsResolver {
  @FieldResolver(() => [Campaign], { nullable: true, description: 'The campaigns serving this initiative, by start (from the calendar service).' })
  async campaigns(@Root() i: InitiativeReference, @Ctx() ctx: CalendarContext) {
    return isUuid(i.id) ? ctx.loaders.campaignsByInitiative.load(i.id.toLowerCase()) : [];
  }
}
