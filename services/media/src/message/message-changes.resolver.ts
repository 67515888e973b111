import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { followChanges } from '../../../kernel/src/graphql';
import { createLoaders, type MediaContext } from '../context';
import { MediaMessageRecord } from './message.entity';
import { MediaMessage } from './message.types';

type SubscribeData = SubscribeResolverData<unknown, Record<string, unknown>, MediaContext>;

@Resolver()
export class MessageChangesResolver {
  @Subscription(() => MediaMessage, {
    description:
      'Each media message, as it is here, after every change of its workflow status from now on (drafted, submitted, reviewed, scheduled, published, archived).',
    subscribe: ({ args, context }: SubscribeData) => {
      return followChanges(context, {
        filter: { types: ['mmhub.message.*'], nodes: args.node ? [args.node as string] : undefined },
        when: (e) => (e.data.change as { status?: unknown } | undefined)?.status !== undefined,
        load: (em, id) => em.findOne(MediaMessageRecord, { id }),
        forget: () => (context.loaders = createLoaders(context.em)),
      });
    },
  })
  messageStatusChanged(
    @Root() message: MediaMessageRecord,
    @Ctx() _ctx: MediaContext,
    @Arg('node', () => ID, { nullable: true, description: 'Only the messages of this node.' }) _node?: string,
  ): MediaMessageRecord {
    return message;
  }
}
