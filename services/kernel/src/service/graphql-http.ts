import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** The largest GraphQL body a service reads, as `express.json({ limit: '1mb' })` counts it. */
export const MAX_GRAPHQL_BODY_BYTES = 1024 * 1024;

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (req: http.IncomingMessage) => Promise<C>;
  /** Runs around the request as in the Express pipeline (tracing). */
  around: Middleware;
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Whether a request is an ordinary GraphQL POST, which the service answers without Express: `/graphql` exactly,
 * a JSON body of a declared length within the limit, not compressed, and no event stream asked for. Anything
 * else (GET, a stream, an unusual body, a refusal to write) goes through the Express pipeline as before.
 */
export function isPlainGraphQLPost(req: http.IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const length = Number(req.headers['content-length']);
  if (!(length > 0 && length <= MAX_GRAPHQL_BODY_BYTES)) return false;
  if (req.headers['content-encoding'] && req.headers['content-encoding'] !== 'identity') return false;
  if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) return false;
  return !String(req.headers.accept ?? '').includes('text/event-stream');
}

const badRequest = (res: http.ServerResponse, message: string) => {
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
};

/**
 * Answers an ordinary GraphQL POST through Apollo Server's HTTP entry point on node:http: the same
 * request Apollo's Express integration builds, without the router, body-parser and `res.send` around it,
 * which took about a tenth of a subgraph's time per request.
 */
export function serveGraphQLPost<C extends BaseContext>(o: GraphQLHttpOptions<C>): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= declared) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (received !== declared) return badRequest(res, 'The request body does not have the length its Content-Length says.');
      const text = Buffer.concat(chunks, received).toString('utf8');
      let body: unknown;
      try {
        // as express.json does by default: only an object or a list is a body
        if (!/^[\s]*[{[]/.test(text)) throw new SyntaxError('not an object or a list');
        body = JSON.parse(text);
      } catch {
        return badRequest(res, 'The request body is not valid JSON.');
      }
      o.around(req, res, () => void answer(o, req, res, body).catch(() => res.destroy()));
    });
  };
}

async function answer<C extends BaseContext>(o: GraphQLHttpOptions<C>, req: http.IncomingMessage, res: http.ServerResponse, body: unknown): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const response = await o.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body },
    context: () => o.context(req),
  });
  // an answer is the caller's own: nothing on the way keeps it
  res.setHeader('cache-control', 'no-store');
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
