import http from 'node:http';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import {
  createTokenVerifier,
  rolesForField,
  signGatewayProof,
  GATEWAY_PROOF_HEADER,
  DomainError,
  type Caller,
  type Config,
  type Logger,
} from '../../services/kernel/src';
import { composeSupergraph, type SubgraphSource } from './compose';
import { maxAliasesRule, maxCostRule, maxDepthRule, maxPageSizeRule, RateLimiter } from './limits';
import { gatewayObservability } from './observability';

export interface GatewayOptions {
  config: Config;
  subgraphs: SubgraphSource[];
  log: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  supergraph: string;
  stop(): Promise<void>;
}

interface CallerContext {
  caller?: Caller | null;
}

const error = (code: string, en: string, ar: string, status: number) => new GraphQLError(en, { extensions: { code, messageAr: ar, http: { status } } });

/** Who is calling: the bearer token verified, or null for none; a bad token is refused here. */
function useIdentity(config: Config, limiter: RateLimiter): GatewayPlugin<CallerContext> {
  const verify = createTokenVerifier(config.auth);
  return {
    async onContextBuilding({ context, extendContext }) {
      const c = context as unknown as { request?: Request; connectionParams?: Record<string, unknown> };
      const header = c.request?.headers.get('authorization') ?? (typeof c.connectionParams?.authorization === 'string' ? c.connectionParams.authorization : null);
      let caller: Caller | null = null;
      if (header) {
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        try {
          if (!m) throw new Error('malformed');
          caller = await verify(m[1]);
        } catch (e) {
          const d = e instanceof DomainError ? e : null;
          throw error('UNAUTHENTICATED', d?.text.en ?? 'Send the token as "Authorization: Bearer <token>".', d?.text.ar ?? 'أرسل الرمز بصيغة "Authorization: Bearer <token>".', 401);
        }
      }
      const key = caller ? `${caller.node}/${caller.sub}` : `anonymous/${c.request?.headers.get('x-forwarded-for') ?? 'local'}`;
      const wait = limiter.take(key);
      if (wait > 0) {
        throw error('RATE_LIMITED', `Too many requests: try again in ${wait} s.`, `طلبات كثيرة: حاول مجدداً بعد ${wait} ثانية.`, 429);
      }
      extendContext({ caller });
    },
    // the first line of the permission matrix: a mutation needs one of its roles before any subgraph is asked
    onExecute({ args, setResultAndStopExecution }) {
      const caller = (args.contextValue as CallerContext).caller ?? null;
      const ops = (args.document as DocumentNode).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const op = args.operationName ? ops.find((o) => o.name?.value === args.operationName) : ops[0];
      if (!op || op.operation !== 'mutation') return;
      for (const s of op.selectionSet.selections) {
        if (s.kind !== Kind.FIELD) continue;
        const roles = rolesForField(s.name.value);
        if (!roles) continue;
        if (!caller) {
          setResultAndStopExecution({ errors: [error('UNAUTHENTICATED', 'Sign in first: a valid bearer token is required.', 'سجّل الدخول أولاً: يلزم رمز دخول صالح.', 401)] });
          return;
        }
        if (!caller.roles.some((r) => roles.includes(r))) {
          setResultAndStopExecution({
            errors: [error('FORBIDDEN', `${s.name.value} needs one of the roles: ${roles.join(', ')}.`, `يتطلب ${s.name.value} أحد الأدوار: ${roles.join('، ')}.`, 403)],
          });
          return;
        }
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxDepthRule(config.gateway.maxDepth));
      addValidationRule(maxAliasesRule(config.gateway.maxAliases));
      addValidationRule(maxCostRule(config.gateway.maxCost));
      addValidationRule(maxPageSizeRule());
    },
  };
}

const UNREACHABLE = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'TIMEOUT_ERROR', 'GATEWAY_TIMEOUT']);

/**
 * A service that does not answer leaves its fields null; the error says which service, and nothing
 * of the subgraph request (its body, its address) reaches the client.
 */
function useServiceErrors(): GatewayPlugin<CallerContext> {
  const rewrite = (e: GraphQLError): GraphQLError => {
    const { request: _request, response: _response, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
    const service = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    if (service && UNREACHABLE.has(String(extensions.code))) {
      return new GraphQLError(`The ${service} service is not answering; its fields are missing from this answer.`, {
        path: e.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: service, messageAr: `خدمة ${service} لا تستجيب؛ حقولها غير متاحة في هذه الإجابة.` },
      });
    }
    return new GraphQLError(e.message, { path: e.path, extensions });
  };
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const r = result as { errors?: readonly GraphQLError[]; data?: unknown };
          if (!('errors' in r) || !r.errors?.length) return;
          setResult({ ...r, errors: r.errors.map(rewrite) } as never);
        },
      };
    },
  };
}

/** Registered operations, by sha256 hash, when only those may run. */
function persistedOperations(file: string): Record<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  if (typeof raw !== 'object' || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw new Error(`PERSISTED_OPERATIONS: ${file} must be a JSON object of sha256 hash → operation text`);
  }
  return raw;
}

/** The node's one GraphQL endpoint: the supergraph of its services, behind identity and limits. */
/** Abort listeners one request may hold before Node warns of a leak. */
const MAX_FETCHES_PER_REQUEST = 256;

export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  // every subgraph fetch of a query plan listens to the request's abort signal: a plan may make more than ten
  setMaxListeners(MAX_FETCHES_PER_REQUEST);
  const { config, log } = o;
  const composed = composeSupergraph(o.subgraphs);
  if (composed.errors.length) throw new Error(`the subgraphs do not compose:\n${composed.errors.join('\n')}`);
  const limiter = new RateLimiter(config.gateway.rateLimit, config.gateway.rateWindowSeconds * 1000);
  const development = config.mode === 'development';
  const operations = config.gateway.persistedOperations ? persistedOperations(config.gateway.persistedOperations) : null;
  const proofs = new WeakMap<object, Promise<string>>();
  const observability = gatewayObservability(config, o.subgraphs, log);

  const gateway = createGatewayRuntime<CallerContext>({
    supergraph: composed.supergraph,
    unifiedGraphHandler,
    logging: false,
    landingPage: false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    graphiql: development ? { title: `mmhub — ${config.node}` } : false,
    renderGraphiQL,
    disableIntrospection: development ? undefined : { disableIf: () => true },
    csrfPrevention: { requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight', 'graphql-preflight'] },
    // a subscription's stream stays open as long as its client does
    upstreamTimeout: ({ executionRequest }) => (executionRequest?.operationType === 'subscription' ? 0 : config.gateway.subgraphTimeoutMs),
    maskedErrors: { maskError: (e, message) => maskUnexpected(e, message, log) },
    ...(operations
      ? {
          persistedDocuments: {
            getPersistedOperation: (hash: string) => operations[hash] ?? null,
            allowArbitraryDocuments: false,
            customErrors: {
              persistedQueryOnly: { message: 'Only registered operations are accepted here.', extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } } },
              notFound: { message: 'This operation is not registered.', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
            },
          },
        }
      : {}),
    propagateHeaders: {
      // the subgraphs trust only this: the verified caller, signed for a minute by this node's gateway
      fromClientToSubgraphs: async ({ context }) => {
        let proof = proofs.get(context);
        if (!proof) {
          proof = signGatewayProof(config.gatewaySecret, config.node, context.caller ?? null);
          proofs.set(context, proof);
        }
        return { [GATEWAY_PROOF_HEADER]: await proof };
      },
    },
    plugins: () => [useIdentity(config, limiter) as never, useServiceErrors() as never, observability.plugin as never],
  });

  const server = http.createServer((req, res) => {
    if (observability.serve(req, res)) return;
    if (req.url === '/ready') {
      void readiness(o.subgraphs).then(({ ready, services }) => {
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', services }));
      });
      return;
    }
    const feed = FEEDS.find((f) => req.url?.startsWith(f.path));
    const owner = feed && o.subgraphs.find((s) => s.name === feed.service);
    if (owner && req.method === 'GET') {
      void forward(req, res, new URL(req.url!, owner.url), owner.name);
      return;
    }
    if (req.method === 'POST') {
      const length = req.headers['content-length'];
      if (length === undefined || Number(length) > config.gateway.maxBodyBytes) {
        const tooLarge = length !== undefined;
        res.writeHead(tooLarge ? 413 : 411, { 'content-type': 'application/json', connection: 'close' });
        res.end(
          JSON.stringify({
            errors: [
              tooLarge
                ? { message: `The request body is larger than ${config.gateway.maxBodyBytes} bytes.`, extensions: { code: 'REQUEST_TOO_LARGE', messageAr: 'حجم الطلب أكبر من المسموح.' } }
                : { message: 'Send a Content-Length header with the request body.', extensions: { code: 'LENGTH_REQUIRED', messageAr: 'أرسل ترويسة Content-Length مع الطلب.' } },
            ],
          }),
        );
        req.resume();
        return;
      }
    }
    void gateway(req, res);
  });
  // subscriptions over WebSocket (graphql-ws) at the same address; SSE needs nothing more
  const sockets = new WebSocketServer({ server, path: '/graphql' });
  const subscriptions = useServer(
    getGraphQLWSOptions<CallerContext, { request: http.IncomingMessage; socket: unknown }>(gateway, (ctx) => ({ req: ctx.extra.request, request: socketRequest(ctx.extra.request, ctx.connectionParams) })),
    sockets,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}/graphql`;
  log.info({ url, subgraphs: o.subgraphs.map((s) => s.name) }, 'gateway ready');
  return {
    url,
    port,
    supergraph: composed.supergraph,
    stop: async () => {
      await subscriptions.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await gateway[Symbol.asyncDispose]();
    },
  };
}

/**
 * A WebSocket subscription as the gateway's plugins see a request: the upgrade's headers, with the
 * token of the connection parameters as its Authorization header.
 */
function socketRequest(upgrade: http.IncomingMessage, params: Readonly<Record<string, unknown>> | undefined): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(upgrade.headers)) if (typeof v === 'string') headers.set(k, v);
  const token = params?.authorization ?? params?.Authorization;
  if (typeof token === 'string') headers.set('authorization', token);
  return new Request(`http://${upgrade.headers.host ?? 'localhost'}${upgrade.url ?? '/graphql'}`, { headers });
}

/** Plain HTTP resources a service publishes beside its graph, served at the node's one address. */
const FEEDS = [
  { path: '/calendar.ics', service: 'calendar' },
  { path: '/calendar/items/', service: 'calendar' },
];

/** Passes a GET through to a service, with the caller's credentials, and streams the answer back. */
async function forward(req: http.IncomingMessage, res: http.ServerResponse, target: URL, service: string): Promise<void> {
  try {
    const upstream = await fetch(target, {
      headers: { ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), accept: req.headers.accept ?? '*/*' },
      signal: AbortSignal.timeout(10_000),
    });
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'content-disposition', 'cache-control', 'etag', 'last-modified']) {
      const v = upstream.headers.get(h);
      if (v) headers[h] = v;
    }
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The ${service} service is not answering; try again shortly.\n`);
  }
}

/** Errors with a code pass as they are; anything else is logged and replaced by a plain message. */
function maskUnexpected(e: unknown, message: string, log: Logger): Error {
  const original = e instanceof GraphQLError && e.originalError ? e.originalError : e;
  if (e instanceof GraphQLError && e.extensions?.code) return e;
  if (original instanceof GraphQLError && original.extensions?.code) return original;
  // a subscription's stream from a subgraph carries its errors as plain objects
  const plain = original as { message?: unknown; path?: readonly (string | number)[]; extensions?: Record<string, unknown> } | null;
  if (plain && !(plain instanceof Error) && typeof plain.message === 'string' && typeof plain.extensions?.code === 'string') {
    return new GraphQLError(plain.message, { path: plain.path, extensions: plain.extensions });
  }
  // a variable the schema cannot accept is the client's to fix, whichever layer coerced it
  if (e instanceof GraphQLError && (/^Variable "\$/.test(e.message) || (original instanceof GraphQLError && /cannot represent|does not exist in|of required type|is not defined by type/.test(original.message)))) {
    return new GraphQLError(e.message, { nodes: e.nodes, path: e.path, extensions: { code: 'BAD_USER_INPUT' } });
  }
  // errors GraphQL itself raises about the request (CSRF, malformed HTTP, validation) are the client's to fix
  if (e instanceof GraphQLError && !e.originalError) {
    const code = e.extensions?.http ? 'BAD_REQUEST' : /^Variable "\$/.test(e.message) ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED';
    return new GraphQLError(e.message, { nodes: e.nodes, path: e.path, extensions: { ...e.extensions, code } });
  }
  log.error({ err: original }, 'unexpected error at the gateway');
  return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** Ready only when every subgraph answers its health check. */
async function readiness(subgraphs: SubgraphSource[]): Promise<{ ready: boolean; services: Record<string, boolean> }> {
  const checks = await Promise.all(
    subgraphs.map(async (s) => {
      try {
        const res = await fetch(new URL('/health', s.url), { signal: AbortSignal.timeout(2000) });
        return [s.name, res.ok] as const;
      } catch {
        return [s.name, false] as const;
      }
    }),
  );
  return { ready: checks.every(([, ok]) => ok), services: Object.fromEntries(checks) };
}
