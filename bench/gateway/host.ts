import 'reflect-metadata';
import hive = require('@graphql-hive/gateway-runtime');
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../services/kernel/src/config';
import { GATEWAY_PROOF_HEADER, createTokenVerifier, signGatewayProof, type Caller } from '../../services/kernel/src/auth';
import { createLogger } from '../../services/kernel/src/observability';
import { composeSupergraph, type SubgraphSource } from '../../gateway/src/compose';
import { startGateway } from '../../gateway/src/gateway';
import { serveStaticSubgraphs } from './static-subgraphs';

/**
 * One process under load, started by the gateway scenario: the node's gateway (`startGateway`),
 * `@apollo/gateway` in front of the same subgraphs, or the static subgraphs. Prints `READY <json>`.
 */
export interface HostSpec {
  kind: 'mmhub' | 'apollo' | 'static-subgraphs';
  /** mmhub only: merge identical in-flight subgraph fetches (the Hive runtime's default). */
  dedupe?: boolean;
  node?: string;
  subgraphs?: SubgraphSource[];
  /** Configuration beyond the defaults, e.g. a cost limit for a schema that is not ours. */
  env?: Record<string, string>;
}

const env = (node: string) => ({
  MMHUB_NODE: node,
  MMHUB_PORT: '0',
  MMHUB_LOG_LEVEL: 'error',
  MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
  MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
  // a load generator is one caller: the per-caller limit would refuse most of its requests
  MMHUB_GATEWAY_RATE_LIMIT: '1000000',
  MMHUB_EVENT_BUS: 'memory',
});

async function mmhubGateway(spec: HostSpec): Promise<string> {
  if (spec.dedupe === false) {
    // startGateway has no option for it: the runtime it builds gets the HTTP transport's switch
    const create = hive.createGatewayRuntime;
    (hive as { createGatewayRuntime: typeof create }).createGatewayRuntime = ((config: any) =>
      create({ ...config, transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } })) as typeof create;
  }
  const config = loadConfig({ ...env(spec.node ?? 'riyadh'), ...spec.env });
  const gateway = await startGateway({ config, subgraphs: spec.subgraphs!, log: createLogger('error', { node: config.node, service: 'gateway' }) });
  return gateway.url;
}

async function apolloGateway(spec: HostSpec): Promise<string> {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const config = loadConfig(env(spec.node ?? 'riyadh'));
  const verify = createTokenVerifier(config.auth);
  const composed = composeSupergraph(spec.subgraphs!);
  if (composed.errors.length) throw new Error(composed.errors.join('\n'));
  interface Ctx {
    caller: Caller | null;
    proof?: Promise<string>;
  }
  // the same work as the node's gateway per request: verify the caller, sign the proof the subgraphs require
  class ProofSource extends RemoteGraphQLDataSource<Ctx> {
    override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Ctx>) {
      const c = context as Partial<Ctx>;
      c.proof ??= signGatewayProof(config.gatewaySecret, config.node, c.caller ?? null);
      request.http?.headers.set(GATEWAY_PROOF_HEADER, await c.proof);
    }
  }
  const gateway = new ApolloGateway({ supergraphSdl: composed.supergraph, buildService: ({ url }) => new ProofSource({ url }) });
  const server = new ApolloServer<Ctx>({ gateway, csrfPrevention: true, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
      return { caller: m ? await verify(m[1]) : null };
    },
  });
  return url.replace(/\/$/, '') + '/graphql';
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as HostSpec;
  let ready: unknown;
  if (spec.kind === 'static-subgraphs') ready = { subgraphs: (await serveStaticSubgraphs()).subgraphs };
  else ready = { url: spec.kind === 'mmhub' ? await mmhubGateway(spec) : await apolloGateway(spec) };
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
