import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { authorize } from '../../../kernel/src/auth';
import type { CalendarContext } from '../context';
import { FEED_TOKEN_DAYS, issueFeedToken } from './feed-token';

@ObjectType('CalendarFeedToken', { description: 'A token that reads this node’s calendar feed and nothing else; issuing another one revokes it.' })
export class CalendarFeedToken {
  @Field({ description: 'Shown once; only its hash is kept.' }) token!: string;
  @Field({ description: 'The feed at this node’s address with the token, e.g. /calendar.ics?token=…; add filters as query parameters.' }) feedPath!: string;
  @Field() issuedAt!: Date;
  @Field({ description: 'After this the feed answers 401 until a new token is issued.' }) expiresAt!: Date;
}

@Resolver()
export class CalendarFeedTokenResolver {
  @Mutation(() => CalendarFeedToken, {
    description: `Issues your calendar feed token for this node, read-only and for the feed only, valid \`days\` days (default ${FEED_TOKEN_DAYS.default}, at most ${FEED_TOKEN_DAYS.max}); the previous one stops working. Put it in the feed URL instead of a sign-in token, which the feed refuses there.`,
  })
  async issueCalendarFeedToken(@Ctx() ctx: CalendarContext, @Arg('days', () => Int, { nullable: true }) days?: number) {
    const caller = authorize(ctx.caller, 'calendarfeed.token', ctx.origin.node, ctx.origin.node);
    const issued = await ctx.transact((em) => issueFeedToken(em, caller, ctx.clock.now(), days ?? FEED_TOKEN_DAYS.default));
    return { ...issued, feedPath: `/calendar.ics?token=${issued.token}` };
  }
}
