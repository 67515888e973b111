import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { HijriDateType, withHijriSiblings } from './hijri';
import { DateTimeScalar } from './scalars';
import { checkTextArguments } from './arguments';
import { registerSectorTypes } from './sector';

// Without this @link, a subgraph is read as Federation 1.
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

type ResolverClass = Function;

export type ReferenceResolvers = Record<string, (reference: { id: string }, context: never) => unknown>;

export interface SubgraphDefinition {
  resolvers: NonEmptyArray<ResolverClass>;
  orphanedTypes?: ResolverClass[];
  references?: ReferenceResolvers;
}

const NO_PUBSUB = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('subscriptions here name their own source with `subscribe`');
  },
};

/**
 * A plain property is read by graphql-js itself: type-graphql would wrap it in a resolver that builds
 * its resolver data and runs middlewares for every value of every row, and no field here has any.
 */
function readPlainPropertiesDirectly(): void {
  const storage = getMetadataStorage();
  const wrapped = (target: Function, name: string) =>
    storage.middlewares.some((m) => m.target === target && m.fieldName === name) ||
    storage.authorizedFields.some((a) => a.target === target && a.fieldName === name);
  for (const field of storage.fields) {
    if (field.simple === undefined && field.schemaName === field.name && !wrapped(field.target, field.name)) field.simple = true;
  }
}

/** type-graphql classes → a Federation 2 subgraph schema with entity reference resolvers. */
export async function buildSubgraph(def: SubgraphDefinition): Promise<{ schema: GraphQLSchema; sdl: string }> {
  registerSectorTypes();
  readPlainPropertiesDirectly();
  const built = await buildSchema({
    resolvers: def.resolvers,
    // every subgraph writes Hijri dates beside its dates
    orphanedTypes: [...(def.orphanedTypes ?? []), HijriDateType],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // subscriptions bring their own event sources (`subscribe`); type-graphql asks for a pub/sub all the same
    pubSub: NO_PUBSUB,
    validate: false,
    skipCheck: true,
  });
  const typeSchema = withHijriSiblings(built);
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}`;
  const resolvers: Record<string, Record<string, unknown>> = createResolversMap(typeSchema) as never;
  checkTextArguments(typeSchema, resolvers);
  for (const [typeName, resolve] of Object.entries(def.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolve };
  }
  return { schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }), sdl };
}
