import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Exchange } from 'urql';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createSseClient } from 'graphql-sse';
import type { Settings } from './settings';

const ENDPOINT = '/graphql';

/** The document's sha256 as the manifest keys it (the codegen writes "sha256:<hex>"). */
const hashOf = (doc: unknown): string => String((doc as { __meta__?: { hash?: string } }).__meta__?.hash ?? '').replace(/^sha256:/, '');

/**
 * One GraphQL client for the console: the bearer token on every request, subscriptions over SSE;
 * where the gateway accepts only registered operations, each is sent by its hash alone.
 */
export function apiClient(settings: Settings, token: () => string | null): Client {
  const headers = (): Record<string, string> => {
    const t = token();
    return { 'x-graphql-csrf': '1', ...(t ? { authorization: `Bearer ${t}` } : {}) };
  };
  const sse = createSseClient({ url: ENDPOINT, headers, retryAttempts: 5 });
  const exchanges: Exchange[] = [cacheExchange];
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
