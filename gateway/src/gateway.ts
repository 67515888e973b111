import http from 'node:http';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { signGatewayProof, GATEWAY_PROOF_HEADER } from '../../services/kernel/src/auth';
import { requestErrorInArabic } from '../../services/kernel/src/graphql';
import type { Config } from '../../services/kernel/src/config';
import type { Logger } from '../../services/kernel/src/observability';
import { composeSupergraph, type SubgraphSource } from './compose';
import { RateLimiter } from './limits';
import { Admissions, rateLimitedBody, useIdentity, type CallerContext } from './identity';
import { gatewayObservability } from './observability';
import { compressResponses } from './compression';
import { consoleSite } from './console';
import { EXPORT_PATHS, serveDownload, type GraphQLAnswer } from './open-data';

export interface GatewayOptions {
  config: Config;
  subgraphs: SubgraphSource[];
  log: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Where the gateway's metrics are read, when on the operator's port. */
  metricsUrl?: string;
  supergraph: string;
  stop(): Promise<void>;
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

/** Without introspection, an error names no field the caller did not write ("Did you mean …" goes). */
function useNoSuggestions(): GatewayPlugin<CallerContext> {
  const plain = (e: Error): Error =>
    e instanceof GraphQLError && / Did you mean /.test(e.message)
      ? new GraphQLError(e.message.replace(/ Did you mean .*$/s, ''), { nodes: e.nodes, extensions: e.extensions })
      : e;
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length) setResult(result.map(plain));
      };
    },
  };
}

// what the gateway itself refuses before any service sees the request: a parse or validation failure, a bad variable
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'UNAUTHENTICATED',
]);

/** The gateway's own refusals of a malformed request say it in Arabic too, as the services' do. */
function useArabicRequestErrors(): GatewayPlugin<CallerContext> {
  const withArabic = (e: GraphQLError): GraphQLError => {
    const code = String(e.extensions?.code ?? '');
    if (typeof e.extensions?.messageAr === 'string' || !REQUEST_CODES.has(code)) return e;
    return new GraphQLError(e.message, {
      nodes: e.nodes,
      source: e.source,
      positions: e.positions,
      path: e.path,
      originalError: e.originalError,
      extensions: { ...e.extensions, messageAr: requestErrorInArabic(e.message, code) },
    });
  };
  return {
    onResultProcess({ result, setResult }) {
      if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as { errors?: readonly GraphQLError[] };
      if (!r.errors?.length) return;
      setResult({ ...r, errors: r.errors.map((e) => (e instanceof GraphQLError ? withArabic(e) : e)) } as never);
    },
  };
}

/** Registered operations, by sha256 hash, when only those may run. */
function persistedOperations(file: string): Record<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  if (typeof raw !== 'object' || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw new Error(`MMHUB_PERSISTED_OPERATIONS: ${file} must be a JSON object of sha256 hash → operation text`);
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
  const proofs = new WeakMap<object, { token: Promise<string>; renewAt: number }>();
  const admissions = new Admissions(config, limiter);
  const observability = gatewayObservability(config, o.subgraphs, log);
  const site = consoleSite(config, log);

  const gateway = createGatewayRuntime<CallerContext>({
    supergraph: composed.supergraph,
    unifiedGraphHandler,
    logging: false,
    landingPage: false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    graphiql: development ? { title: `mmhub — ${config.node}` } : false,
    // browsers of the configured origins only; no origin is reflected
    cors: config.gateway.corsOrigins.length
      ? {
          origin: config.gateway.corsOrigins,
          credentials: true,
          allowedHeaders: ['authorization', 'content-type', 'x-graphql-csrf', 'graphql-preflight', 'apollo-require-preflight'],
        }
      : false,
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
              persistedQueryOnly: {
                message: 'Only registered operations are accepted here.',
                extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
              },
              notFound: { message: 'This operation is not registered.', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
            },
          },
        }
      : {}),
    propagateHeaders: {
      // the subgraphs trust only this: the verified caller, signed by this node's gateway for a short while,
      // and renewed for the calls of a request that outlives half of it (a subscription's, for hours)
      fromClientToSubgraphs: async ({ context }) => {
        let proof = proofs.get(context);
        if (!proof || Date.now() >= proof.renewAt) {
          proof = {
            token: signGatewayProof(config.gatewaySecret, config.node, context.caller ?? null, config.gateway.proofTtlSeconds),
            renewAt: Date.now() + (config.gateway.proofTtlSeconds * 1000) / 2,
          };
          proofs.set(context, proof);
        }
        return { [GATEWAY_PROOF_HEADER]: await proof.token };
      },
    },
    plugins: () => [
      useIdentity(config, admissions, '/graphql', observability) as never,
      useServiceErrors() as never,
      useArabicRequestErrors() as never,
      ...(development ? [] : [useNoSuggestions() as never]),
      observability.plugin as never,
    ],
  });

  // the operator's port, when set (always so in production): /metrics there, never on the public one
  const operator = config.observability.metricsPort !== undefined ? http.createServer((req, res) => observability.serve(req, res) || notFound(res)) : undefined;
  const metricsInPublic = development && !operator;

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // every request is counted, whatever its path and whatever becomes of it
    const admission = await admissions.ofRequest(req);
    const path = pathOf(req.url);
    if (path === '/graphql') {
      if (req.method === 'POST' && refuseBody(req, res, config.gateway.maxBodyBytes)) return;
      // over the limit, the identity plugin answers 429 with the refusal counted in the metrics
      return void gateway(req, res);
    }
    if (admission.retryAfter !== undefined) {
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(admission.retryAfter) });
      res.end(rateLimitedBody(admission));
      req.resume();
      return;
    }
    // the console's own files and the browser's way in to it, matched exactly
    if (site.serve(req, res)) return;
    if (path === '/health') return void gateway(req, res);
    if (path === '/ready' && req.method === 'GET') {
      const { ready, services } = await readiness(o.subgraphs);
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      // whose gateway this is; in development also where its services listen, which `mmhub status` follows on the demo
      const addresses = development ? Object.fromEntries(o.subgraphs.map((s) => [s.name, new URL(s.url).origin])) : undefined;
      res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', node: config.node, services, addresses }));
      return;
    }
    if (path === '/metrics' && metricsInPublic && observability.serve(req, res)) return;
    // open data: the exact paths /export/<what>.<format>, read through this gateway's own API as the caller
    const download = EXPORT_PATHS.get(path);
    if (download && req.method === 'GET') {
      const execute = async (query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> => {
        const request = new Request(`http://${config.host}/graphql`, {
          method: 'POST',
          headers: {
            ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify({ query, variables }),
        });
        // the request's own admission, counted once: every page of a download is one request to the rate limit
        const answer = await gateway.fetch(request, { req });
        return (await answer.json()) as GraphQLAnswer;
      };
      return serveDownload(req, res, {
        ...download,
        node: config.node,
        caller: admission.caller,
        anonymousRead: config.auth.allowAnonymousRead,
        refused: admission.refused,
        execute,
        log,
      });
    }
    const feed = feedTarget(path, o.subgraphs);
    if (feed && req.method === 'GET') {
      const query = req.url!.slice(path.length);
      return forward(
        req,
        res,
        new URL(feed.path + query, feed.owner.url),
        feed.owner.name,
        signGatewayProof(config.gatewaySecret, config.node, null, config.gateway.proofTtlSeconds, 'feed'),
      );
    }
    req.resume();
    notFound(res);
  };
  const compress = compressResponses();
  const server = http.createServer((req, res) =>
    compress(
      req,
      res,
      () =>
        void route(req, res).catch((e: unknown) => {
          log.error({ err: e }, 'a request failed at the gateway');
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({
                errors: [
                  {
                    message: 'Something went wrong on our side; it has been logged.',
                    extensions: { code: 'INTERNAL_SERVER_ERROR', messageAr: 'حدث خطأ من جهتنا وتم تسجيله.' },
                  },
                ],
              }),
            );
          } else res.destroy();
        }),
    ),
  );
  // subscriptions over WebSocket (graphql-ws) at /graphql only; SSE needs nothing more
  // a WebSocket message is held whole in memory, as a request body is: the same bound for both
  const sockets = new WebSocketServer({ noServer: true, maxPayload: config.gateway.maxBodyBytes });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    void admissions.admit(null, admissions.addressOf(req)).then((admission) => {
      const status = admission.retryAfter !== undefined ? 429 : pathOf(req.url) !== '/graphql' ? 404 : 0;
      if (status) {
        socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
        return;
      }
      sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
    });
  });
  const subscriptions = useServer(
    getGraphQLWSOptions<CallerContext, { request: http.IncomingMessage; socket: unknown }>(gateway, (ctx) => ({
      req: ctx.extra.request,
      request: socketRequest(ctx.extra.request, ctx.connectionParams),
    })),
    sockets,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}/graphql`;
  let metricsUrl: string | undefined;
  if (operator) {
    await new Promise<void>((resolve, reject) => {
      operator.once('error', reject);
      operator.listen(config.observability.metricsPort, config.host, () => resolve());
    });
    metricsUrl = `http://${config.host}:${(operator.address() as AddressInfo).port}/metrics`;
  }
  log.info({ url, metricsUrl, subgraphs: o.subgraphs.map((s) => s.name) }, 'gateway ready');
  return {
    url,
    port,
    metricsUrl,
    supergraph: composed.supergraph,
    stop: async () => {
      if (operator) await new Promise<void>((resolve) => operator.close(() => resolve()));
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

/** The path of a request as sent, without its query: matched as it is, never resolved. */
const pathOf = (url: string | undefined): string => {
  const q = (url ?? '').indexOf('?');
  return q < 0 ? (url ?? '') : url!.slice(0, q);
};

/** Plain HTTP resources a service publishes beside its graph, served at the node's one address: these exact paths, nothing beside. */
const FEEDS: Array<{ match: RegExp; service: string }> = [
  { match: /^\/calendar\.ics$/, service: 'calendar' },
  { match: /^\/calendar\/items\/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\.ics$/, service: 'calendar' },
];

function feedTarget(path: string, subgraphs: SubgraphSource[]): { path: string; owner: SubgraphSource } | undefined {
  const feed = FEEDS.find((f) => f.match.test(path));
  const owner = feed && subgraphs.find((s) => s.name === feed.service);
  return owner ? { path, owner } : undefined;
}

function notFound(res: http.ServerResponse): true {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(
    JSON.stringify({
      errors: [
        {
          message: 'Nothing is served at this address: GraphQL is at /graphql.',
          extensions: { code: 'NOT_FOUND', messageAr: 'لا شيء على هذا العنوان: واجهة GraphQL على ‎/graphql.' },
        },
      ],
    }),
  );
  return true;
}

/** Refuses a body without a length, or longer than allowed, before it is read; true when refused. */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, maxBodyBytes: number): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) <= maxBodyBytes) return false;
  const tooLarge = length !== undefined;
  res.writeHead(tooLarge ? 413 : 411, { 'content-type': 'application/json', connection: 'close' });
  res.end(
    JSON.stringify({
      errors: [
        tooLarge
          ? {
              message: `The request body is larger than ${maxBodyBytes} bytes.`,
              extensions: { code: 'REQUEST_TOO_LARGE', messageAr: 'حجم الطلب أكبر من المسموح.' },
            }
          : {
              message: 'Send a Content-Length header with the request body.',
              extensions: { code: 'LENGTH_REQUIRED', messageAr: 'أرسل ترويسة Content-Length مع الطلب.' },
            },
      ],
    }),
  );
  req.resume();
  return true;
}

/**
 * Where the client called this gateway, for links the service writes: what a proxy in front of it
 * says, else the Host it was called at over plain HTTP (the gateway's own listener).
 */
function forwardedFor(req: http.IncomingMessage): Record<string, string> {
  const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(',')[0].trim() || undefined;
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host;
  const proto = first(req.headers['x-forwarded-proto']) ?? 'http';
  const prefix = first(req.headers['x-forwarded-prefix']);
  return { ...(host ? { 'x-forwarded-host': host } : {}), 'x-forwarded-proto': proto, ...(prefix ? { 'x-forwarded-prefix': prefix } : {}) };
}

/**
 * Passes a GET through to a service, with the caller's credentials (the service verifies them) and
 * an anonymous proof that vouches only for the forwarded address, and streams the answer back.
 */
async function forward(req: http.IncomingMessage, res: http.ServerResponse, target: URL, service: string, proof: Promise<string>): Promise<void> {
  let upstream: Response;
  let body: Buffer;
  try {
    upstream = await fetch(target, {
      headers: {
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        accept: req.headers.accept ?? '*/*',
        [GATEWAY_PROOF_HEADER]: await proof,
        ...forwardedFor(req),
      },
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    body = Buffer.from(await upstream.arrayBuffer());
  } catch {
    // nothing has been written yet: the answer is whole or not at all
    if (res.headersSent) return void res.destroy();
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The ${service} service is not answering; try again shortly.\n`);
    return;
  }
  const headers: Record<string, string> = {};
  // www-authenticate: a calendar app told 401 learns how to sign in
  for (const h of ['content-type', 'content-disposition', 'cache-control', 'etag', 'last-modified', 'www-authenticate']) {
    const v = upstream.headers.get(h);
    if (v) headers[h] = v;
  }
  res.writeHead(upstream.status, headers);
  res.end(body);
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
  if (
    e instanceof GraphQLError &&
    (/^Variable "\$/.test(e.message) ||
      (original instanceof GraphQLError && /cannot represent|does not exist in|of required type|is not defined by type/.test(original.message)))
  ) {
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

/** How long a service's own readiness check may take: it asks the broker, which retries for over a second when down. */
const SERVICE_READY_TIMEOUT_MS = 5000;

/**
 * Ready only when every service answers its own readiness check and reaches its database: a service
 * without its database answers nothing. One whose broker alone is down still answers (its outbox
 * keeps the events until the broker is back), so it leaves the node in service.
 */
async function readiness(subgraphs: SubgraphSource[]): Promise<{ ready: boolean; services: Record<string, boolean> }> {
  const checks = await Promise.all(
    subgraphs.map(async (s) => {
      try {
        const res = await fetch(new URL('/ready', s.url), { signal: AbortSignal.timeout(SERVICE_READY_TIMEOUT_MS) });
        const body = (await res.json()) as { database?: unknown };
        return [s.name, body.database === true] as const;
      } catch {
        return [s.name, false] as const;
      }
    }),
  );
  return { ready: checks.every(([, ok]) => ok), services: Object.fromEntries(checks) };
}
