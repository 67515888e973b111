import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { GATEWAY_PROOF_HEADER } from '../../services/kernel/src/auth';
import type { Logger } from '../../services/kernel/src/observability';
import type { SubgraphSource } from './compose';

// The gateway's HTTP beside GraphQL: calendar feeds forwarded to their service, bodies refused early, readiness.

/**
 * A WebSocket subscription as the gateway's plugins see a request: the upgrade's headers, with the
 * token of the connection parameters as its Authorization header.
 */
export function socketRequest(upgrade: http.IncomingMessage, params: Readonly<Record<string, unknown>> | undefined): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(upgrade.headers)) if (typeof v === 'string') headers.set(k, v);
  const token = params?.authorization ?? params?.Authorization;
  if (typeof token === 'string') headers.set('authorization', token);
  return new Request(`http://${upgrade.headers.host ?? 'localhost'}${upgrade.url ?? '/graphql'}`, { headers });
}

/** The path of a request as sent, without its query: matched as it is, never resolved. */
export const pathOf = (url: string | undefined): string => {
  const q = (url ?? '').indexOf('?');
  return q < 0 ? (url ?? '') : url!.slice(0, q);
};

/** Plain HTTP resources a service publishes beside its graph, served at the node's one address: these exact paths, nothing beside. */
const FEEDS: Array<{ match: RegExp; service: string }> = [
  { match: /^\/calendar\.ics$/, service: 'calendar' },
  { match: /^\/calendar\/items\/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\.ics$/, service: 'calendar' },
];

export function feedTarget(path: string, subgraphs: SubgraphSource[]): { path: string; owner: SubgraphSource } | undefined {
  const feed = FEEDS.find((f) => f.match.test(path));
  const owner = feed && subgraphs.find((s) => s.name === feed.service);
  return owner ? { path, owner } : undefined;
}

export function notFound(res: http.ServerResponse): true {
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
export function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, maxBodyBytes: number): boolean {
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
 * Where the client called this gateway, for links the service writes: what a trusted proxy in front of it
 * says, else the Host it was called at over plain HTTP (the gateway's own listener). Any other caller's
 * X-Forwarded headers are ignored: they would put a host of its choosing into the links of the feed.
 */
export function forwardedFor(req: Pick<http.IncomingMessage, 'headers'>, fromTrustedProxy: boolean): Record<string, string> {
  const first = (h: string | string[] | undefined) => (fromTrustedProxy ? (Array.isArray(h) ? h[0] : h)?.split(',')[0].trim() || undefined : undefined);
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host;
  const proto = first(req.headers['x-forwarded-proto']) ?? 'http';
  const prefix = first(req.headers['x-forwarded-prefix']);
  return { ...(host ? { 'x-forwarded-host': host } : {}), 'x-forwarded-proto': proto, ...(prefix ? { 'x-forwarded-prefix': prefix } : {}) };
}

/**
 * Passes a GET through to a service, with the caller's credentials (the service verifies them) and
 * an anonymous proof that vouches only for the forwarded address, and streams the answer back.
 */
export async function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: URL,
  service: string,
  proof: Promise<string>,
  fromTrustedProxy: boolean,
): Promise<void> {
  let upstream: Response;
  let body: Buffer;
  try {
    upstream = await fetch(target, {
      headers: {
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        accept: req.headers.accept ?? '*/*',
        [GATEWAY_PROOF_HEADER]: await proof,
        ...forwardedFor(req, fromTrustedProxy),
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

/**
 * Errors with a code pass as they are; anything else is logged and replaced by a plain message. A refused
 * variable's message goes through `said` (in production, where introspection is off, it names nothing the caller did not).
 */
export function maskUnexpected(e: unknown, message: string, log: Logger, said: (message: string) => string = (m) => m): Error {
  const original = e instanceof GraphQLError && e.originalError ? e.originalError : e;
  if (e instanceof GraphQLError && e.extensions?.code) return e;
  if (original instanceof GraphQLError && original.extensions?.code) return original;
  // a subscription's stream from a subgraph carries its errors as plain objects
  const plain = original as { message?: unknown; path?: readonly (string | number)[]; extensions?: Record<string, unknown> } | null;
  if (plain && !(plain instanceof Error) && typeof plain.message === 'string' && typeof plain.extensions?.code === 'string') {
    return new GraphQLError(plain.message, { path: plain.path, extensions: plain.extensions });
  }
  // a variable the schema cannot accept is the client's to fix, whichever layer coerced it; without
  // introspection, its message names no enum value or field the caller did not write ("Did you mean …" goes)
  if (
    e instanceof GraphQLError &&
    (/^Variable "\$/.test(e.message) ||
      (original instanceof GraphQLError && /cannot represent|does not exist in|of required type|is not defined by type/.test(original.message)))
  ) {
    return new GraphQLError(said(e.message), { nodes: e.nodes, path: e.path, extensions: { code: 'BAD_USER_INPUT' } });
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
export async function readiness(subgraphs: SubgraphSource[]): Promise<{ ready: boolean; services: Record<string, boolean> }> {
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
