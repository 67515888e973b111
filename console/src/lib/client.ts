import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange, type CombinedError, type Exchange } from 'urql';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createSseClient } from 'graphql-sse';
import type { Settings } from './settings';

const ENDPOINT = '/graphql';

/** The document's sha256 as the manifest keys it (the codegen writes "sha256:<hex>"). */
const hashOf = (doc: unknown): string => String((doc as { __meta__?: { hash?: string } }).__meta__?.hash ?? '').replace(/^sha256:/, '');

/** Whether the API refused the caller's token (expired, revoked, signed with a key since rotated), whatever carried the operation. */
export function refusedToken(e: CombinedError): boolean {
  if (e.graphQLErrors.some((g) => (g.extensions as { code?: string } | undefined)?.code === 'UNAUTHENTICATED')) return true;
  // an event stream refused before it began: graphql-sse's error carries the response
  const response = (e.networkError as { response?: { status?: number } } | undefined)?.response;
  return response?.status === 401;
}

/**
 * One GraphQL client for the console: the bearer token on every request, subscriptions over SSE;
 * where the gateway accepts only registered operations, each is sent by its hash alone. A refused
 * token ends the session (`onSignedOut`): the user signs in again rather than reading errors on every page.
 */
export function apiClient(settings: Settings, token: () => string | null, onSignedOut: () => void = () => undefined): Client {
  const headers = (): Record<string, string> => {
    const t = token();
    return { 'x-graphql-csrf': '1', ...(t ? { authorization: `Bearer ${t}` } : {}) };
  };
  const sse = createSseClient({ url: ENDPOINT, headers, retryAttempts: 5 });
  const exchanges: Exchange[] = [
    mapExchange({
      onError: (e) => {
        if (token() && refusedToken(e)) onSignedOut();
      },
    }),
    cacheExchange,
  ];
  if (settings.persistedOnly)
    exchanges.push(
      persistedExchange({ enforcePersistedQueries: true, enableForMutation: true, enableForSubscriptions: true, generateHash: async (_q, doc) => hashOf(doc) }),
    );
  exchanges.push(
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: sse.subscribe(
            {
              query: settings.persistedOnly ? '' : (request.query ?? ''),
              variables: request.variables as Record<string, unknown>,
              operationName: request.operationName,
              extensions: request.extensions,
            },
            sink as never,
          ),
        }),
      }),
    }),
  );
  return new Client({ url: ENDPOINT, exchanges, fetchOptions: () => ({ headers: headers() }), requestPolicy: 'cache-and-network' });
}
