import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { unauthenticated } from '../domain/errors';
import type { RequestContext } from './context';

/**
 * The one check every operation passes, whatever carried it (POST, GET, Server-Sent Events, a
 * subscription's stream): each root field — queries, mutations, subscriptions, entity lookups,
 * the service's SDL — answers only a verified caller; reads may be anonymous when the node allows
 * it. It sits on the schema itself, so no transport can run an operation around it.
 */
export function requireCallerOnEveryRootField(schema: GraphQLSchema, allowAnonymousRead: boolean): GraphQLSchema {
  const roots = [
    [schema.getQueryType(), allowAnonymousRead],
    [schema.getMutationType(), false],
    [schema.getSubscriptionType(), allowAnonymousRead],
  ] as const;
  for (const [type, anonymousAllowed] of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const guard =
        <S, A>(inner: GraphQLFieldResolver<S, RequestContext, A>): GraphQLFieldResolver<S, RequestContext, A> =>
        (source, args, context, info) => {
          if (!context?.caller && !anonymousAllowed) throw unauthenticated();
          return inner(source, args, context, info);
        };
      field.resolve = guard(field.resolve ?? defaultFieldResolver);
      if (field.subscribe) field.subscribe = guard(field.subscribe);
    }
  }
  return schema;
}
