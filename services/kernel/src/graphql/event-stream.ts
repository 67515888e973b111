import type { Request, Response, NextFunction } from 'express';
import { GraphQLError, execute, getOperationAST, parse, subscribe, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Logger } from '../observability/logger';
import { withoutSuggestions, type formatError } from './errors';

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

export interface EventStreamOptions<C> {
  schema: GraphQLSchema;
  /** The request's context, with `signal` aborted when the client goes away. */
  context: (req: Request, signal: AbortSignal) => Promise<C>;
  format: ReturnType<typeof formatError>;
  log: Logger;
  /** Without introspection, no error names a field the caller did not write. */
  hideSchemaDetails?: boolean;
}

/** A GET request carries the operation in its query string, the variables as JSON. */
function fromSearchParams(q: Record<string, unknown>): { query?: unknown; variables?: Record<string, unknown>; operationName?: string } {
  const variables = typeof q.variables === 'string' && q.variables ? (JSON.parse(q.variables) as Record<string, unknown>) : undefined;
  return { query: q.query, variables, operationName: typeof q.operationName === 'string' ? q.operationName : undefined };
}

/**
 * GraphQL over Server-Sent Events ("distinct connections" mode), as the gateway subscribes to a
 * subgraph: POST (or GET) /graphql with `Accept: text/event-stream`; one `next` event per result, then
 * `complete`. Other requests pass on to the ordinary handler.
 */
export function graphqlEventStream<C>(o: EventStreamOptions<C>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if ((req.method !== 'POST' && req.method !== 'GET') || !String(req.headers.accept ?? '').includes('text/event-stream')) return next();
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    let body: { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
    try {
      body = req.method === 'POST' ? (req.body ?? {}) : fromSearchParams(req.query as Record<string, unknown>);
    } catch {
      body = {};
    }
    const formatted = (errors: readonly GraphQLError[]) => errors.map((e) => o.format(e.toJSON(), e));

    let started = false;
    const open = () => {
      if (started) return;
      started = true;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.flushHeaders();
    };
    const send = (result: ExecutionResult) => {
      open();
      res.write(`event: next\ndata: ${JSON.stringify({ ...result, ...(result.errors ? { errors: formatted(result.errors) } : {}) })}\n\n`);
    };
    const complete = () => {
      open();
      if (!res.writableEnded) res.end('event: complete\ndata:\n\n');
    };

    // the caller first, as for any other request: nothing is parsed nor validated for a request without the gateway's proof
    let contextValue: C;
    try {
      contextValue = await o.context(req, aborted.signal);
    } catch (e) {
      const error = e instanceof GraphQLError ? e : new GraphQLError((e as Error).message, { originalError: e as Error });
      if (error.extensions?.code === 'UNAUTHENTICATED') {
        res.status(401).json({ errors: formatted([error]) });
        return;
      }
      send({ errors: [error] });
      return complete();
    }
    let document: DocumentNode;
    try {
      if (typeof body.query !== 'string') throw new GraphQLError('Send the operation as "query" in a JSON body.', { extensions: { code: 'BAD_REQUEST' } });
      document = parse(body.query);
    } catch (e) {
      send({ errors: [e instanceof GraphQLError ? e : new GraphQLError(String(e))] });
      return complete();
    }
    const invalid = validate(o.schema, document);
    if (invalid.length) {
      const message = (m: string) => (o.hideSchemaDetails ? withoutSuggestions(m) : m);
      send({ errors: invalid.map((e) => new GraphQLError(message(e.message), { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
      return complete();
    }
    const args = { schema: o.schema, document, variableValues: body.variables, operationName: body.operationName, contextValue };
    const operation = getOperationAST(document, body.operationName);
    // a link or an image can make a browser send a GET: it never changes anything
    if (req.method === 'GET' && operation?.operation === 'mutation') {
      send({ errors: [new GraphQLError('Send a mutation as a POST request.', { extensions: { code: 'BAD_REQUEST', messageAr: 'أرسل التعديل بطلب POST.' } })] });
      return complete();
    }
    if (operation?.operation !== 'subscription') {
      send(await execute(args));
      return complete();
    }
    const keepAlive = setInterval(() => res.write(':\n\n'), KEEP_ALIVE_MS);
    try {
      const result = await subscribe(args);
      if (!(Symbol.asyncIterator in result)) {
        send(result);
        return complete();
      }
      open();
      aborted.signal.addEventListener('abort', () => void result.return?.(), { once: true });
      for await (const r of result) {
        if (aborted.signal.aborted) break;
        send(r);
      }
      complete();
    } catch (e) {
      o.log.warn({ err: (e as Error).message }, 'a subscription ended with an error');
      if (!res.writableEnded) {
        send({ errors: [new GraphQLError((e as Error).message, { originalError: e as Error })] });
        complete();
      }
    } finally {
      clearInterval(keepAlive);
    }
  };
}
