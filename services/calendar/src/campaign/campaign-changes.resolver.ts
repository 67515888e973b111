import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { followChanges } from '../../../kernel/src/graphql';
import { createLoaders, type CalendarContext } from '../context';
import { CampaignRecord } from './campaign.entity';
import { Campaign } from './campaign.types';

type SubscribeData = SubscribeResolverData<unknown, Record<string, unknown>, CalendarContext>;

@Resolver()
export class CampaignChangesResolver {
  @Subscription(() => Campaign, {
    description: 'Each campaign, as it is here, after every change from now on (the hub: every node’s; a municipality: its own and the national ones).',
    subscribe: ({ args, context }: SubscribeData) => {
      return followChanges(context, {
        filter: { types: ['mmhub.campaign.*'], nodes: args.node ? [args.node as string] : undefined },
        load: (em, id) => em.findOne(CampaignRecord, { id }),
        forget: () => (context.loaders = createLoaders(context.em)),
      });
    },
  })
  campaignChanged(
    @Root() campaign: CampaignRecord,
    @Ctx() _ctx: CalendarContext,
    @Arg('node', () => ID, { nullable: true, description: 'Only the campaigns of this node.' }) _node?: string,
  ): CampaignRecord {
    return campaign;
  }
}
