import http from 'node:http';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { signGatewayProof, GATEWAY_PROOF_HEADER } from '../../services/kernel/src/auth';
import type { Config } from '../../services/kernel/src/config';
import type { Logger } from '../../services/kernel/src/observability';
import { withoutSuggestions } from '../../services/kernel/src/graphql';
import { composeSupergraph, type SubgraphSource } from './compose';
import { RateLimiter, useParseLimits } from './limits';
import { Admissions, rateLimitedBody, useIdentity, type CallerContext } from './identity';
import { gatewayObservability } from './observability';
import { compressResponses } from './compression';
import { useSubgraphTimeout } from './upstream-timeout';
import { upstreamFetch } from './upstream-fetch';
import { consoleSite } from './console';
import { EXPORT_PATHS, serveDownload, type GraphQLAnswer } from './open-data';
import { useServiceErrors, useNoSuggestions, useArabicRequestErrors } from './error-plugins';
import { socketRequest, pathOf, feedTarget, notFound, refuseBody, forward, maskUnexpected, readiness } from './forwarding';

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

/** Registered operations, by sha256 hash, when only those may run. */
function persistedOperations(file: string): Record<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  if (typeof raw !== 'object' || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw new Error(`MMHUB_PERSISTED_OPERATIONS: ${file} must be a JSON object of sha256 hash → operation text`);
  }
  return raw;
}

/** Abort listeners one request may hold before Node warns of a leak. */
const MAX_FETCHES_PER_REQUEST = 256;

/** Callers whose proof the gateway keeps signed, at most; the oldest goes first. */
const SIGNED_PROOFS = 1000;

/** The node's one GraphQL endpoint: the supergraph of its services, behind identity and limits. */
export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  // every subgraph fetch of a query plan listens to the request's abort signal: a plan may make more than ten
  setMaxListeners(MAX_FETCHES_PER_REQUEST);
  const { config, log } = o;
  const composed = composeSupergraph(o.subgraphs);
  if (composed.errors.length) throw new Error(`the subgraphs do not compose:\n${composed.errors.join('\n')}`);
  const limiter = new RateLimiter(config.gateway.rateLimit, config.gateway.rateWindowSeconds * 1000);
  const development = config.mode === 'development';
  const operations = config.gateway.persistedOperations ? persistedOperations(config.gateway.persistedOperations) : null;
  // one proof per caller (its subject, node and roles: all a proof says) while it has more than half its life ahead,
  // so that a subgraph checks it once for all that caller's requests, not once per request
  const proofs = new Map<string, { token: Promise<string>; signed?: string; renewAt: number }>();
  const admissions = new Admissions(config, limiter);
  const observability = gatewayObservability(config, o.subgraphs, log);
  const site = consoleSite(config, log);
  const upstream = upstreamFetch();

  const gateway = createGatewayRuntime<CallerContext>({
    supergraph: composed.supergraph,
    // the calls to the services: undici on a keep-alive pool, an answer read whole (see upstream-fetch.ts)
    fetchAPI: { fetch: upstream.fetch as typeof fetch },
    unifiedGraphHandler,
    logging: false,
    landingPage: false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    graphiql: development ? { title: `mmhub — ${config.node}` } : false,
    // browsers of the configured origins only, each answered with its own; any other gets no CORS header at all
    // (given the list, the CORS plugin answers an unlisted origin "null", which sandboxed pages and data: URLs carry)
    cors: config.gateway.corsOrigins.length
      ? (request: Request) => {
          const origin = request.headers.get('origin');
          return origin && config.gateway.corsOrigins.includes(origin)
            ? {
                origin: [origin],
                credentials: true,
                allowedHeaders: ['authorization', 'content-type', 'x-graphql-csrf', 'graphql-preflight', 'apollo-require-preflight'],
              }
            : false;
        }
      : false,
    renderGraphiQL,
    disableIntrospection: development ? undefined : { disableIf: () => true },
    csrfPrevention: { requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight', 'graphql-preflight'] },
    // nothing reads a request id: our log lines and spans carry the trace id instead
    requestId: false,
    maskedErrors: { maskError: (e, message) => maskUnexpected(e, message, log, development ? undefined : withoutSuggestions) },
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
      // a proof already signed is given at once: a promise would make the runtime wait a turn on every subgraph call
      fromClientToSubgraphs: ({ context }) => {
        const caller = context.caller ?? null;
        const key = caller ? JSON.stringify([caller.sub, caller.node, caller.roles]) : '';
        let proof = proofs.get(key);
        if (!proof || Date.now() >= proof.renewAt) {
          if (proofs.size >= SIGNED_PROOFS) proofs.delete(proofs.keys().next().value!);
          const token = signGatewayProof(config.gatewaySecret, config.node, caller, config.gateway.proofTtlSeconds);
          const signing: { token: Promise<string>; signed?: string; renewAt: number } = {
            token,
            renewAt: Date.now() + (config.gateway.proofTtlSeconds * 1000) / 2,
          };
          proof = signing;
          proofs.delete(key);
          proofs.set(key, proof);
          token.then(
            (signed) => (signing.signed = signed),
            () => proofs.get(key)?.token === token && proofs.delete(key),
          );
        }
        if (proof.signed !== undefined) return { [GATEWAY_PROOF_HEADER]: proof.signed };
        return proof.token.then((signed) => ({ [GATEWAY_PROOF_HEADER]: signed }));
      },
    },
    plugins: () => [
      useParseLimits() as never,
      useIdentity(config, admissions, '/graphql', observability) as never,
      useServiceErrors() as never,
      useArabicRequestErrors() as never,
      ...(development ? [] : [useNoSuggestions() as never]),
      observability.plugin as never,
      useSubgraphTimeout(config.gateway.subgraphTimeoutMs) as never,
    ],
  });

  // the operator's port, when set: /metrics there, never on the public one (in production, only there)
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
      // whose gateway this is; in development also where its services listen, which `mmhub status` follows on the demo,
      // and its bus, by which `mmhub events tail` knows a broker that answers is not this node's log
      const addresses = development ? Object.fromEntries(o.subgraphs.map((s) => [s.name, new URL(s.url).origin])) : undefined;
      res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', node: config.node, services, addresses, bus: development ? config.bus : undefined }));
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
        admissions.fromTrustedProxy(req),
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
      await upstream.close();
    },
  };
}
