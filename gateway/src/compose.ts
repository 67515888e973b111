import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { composeServices, compositionHasErrors, transformSupergraphToPublicSchema } from '@theguild/federation-composition';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export interface Composition {
  supergraph: string;
  errors: string[];
}

/** Composes the subgraphs into one supergraph, with Federation 2 rules. */
export function composeSupergraph(subgraphs: SubgraphSource[]): Composition {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (compositionHasErrors(result)) return { supergraph: '', errors: result.errors.map((e) => e.message) };
  return { supergraph: result.supergraphSdl, errors: [] };
}

/** The schema clients see through the gateway: the supergraph without its federation machinery. */
export function apiSchema(supergraph: string): GraphQLSchema {
  return buildASTSchema(transformSupergraphToPublicSchema(parse(supergraph)));
}
