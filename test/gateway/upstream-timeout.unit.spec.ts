import { parse } from 'graphql';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { upstreamFetch, type UpstreamFetch } from '../../gateway/src/upstream-fetch';
import { useSubgraphTimeout } from '../../gateway/src/upstream-timeout';
import { serveLocally, type LocalServer } from '../support/http';

type Executor = (request: Record<string, unknown>) => Promise<unknown>;

/** The runtime's HTTP executor of a service, as the plugin is handed it. */
const httpExecutor = (endpoint: string, fetch: typeof globalThis.fetch): Executor => buildHTTPExecutor({ endpoint, fetch }) as unknown as Executor;

/** The executor the gateway would call for `executor`, as the plugin sets it. */
function timed(ms: number, executor: Executor, operationType = 'query'): Executor {
  let set: Executor = executor;
  const plugin = useSubgraphTimeout(ms) as { onSubgraphExecute: (payload: unknown) => void };
  plugin.onSubgraphExecute({ subgraphName: 'initiatives', executionRequest: { operationType }, executor, setExecutor: (e: Executor) => (set = e) });
  return set;
}

/** Abort listeners currently registered on each signal, counted by wrapping EventTarget's methods. */
function countListeners(): { live: Map<EventTarget, number>; restore: () => void } {
  const live = new Map<EventTarget, number>();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    if (type === 'abort' && this instanceof AbortSignal) live.set(this, (live.get(this) ?? 0) + 1);
    return (add as (...a: unknown[]) => void).call(this, type, ...rest);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    if (type === 'abort' && live.has(this)) live.set(this, live.get(this)! - 1);
    return (remove as (...a: unknown[]) => void).call(this, type, ...rest);
  };
  return {
    live,
    restore: () => {
      EventTarget.prototype.addEventListener = add;
      EventTarget.prototype.removeEventListener = remove;
    },
  };
}

describe("the gateway's timeout of a subgraph call", () => {
  let server: LocalServer;
  let base: string;
  let upstream: UpstreamFetch;

  beforeAll(async () => {
    server = await serveLocally((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/silent') return; // never answers
        res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8' });
        res.end('{"data":{"__typename":"Query"}}');
      });
    });
    base = server.base;
    upstream = upstreamFetch();
  });
  afterAll(async () => {
    await upstream.close();
    await server.close();
  });

  it("leaves no listener behind on the executor's long-lived signal once each call has answered", async () => {
    const held: AbortSignal[] = [];
    // every signal a call was given is kept, so only the plugin, not the garbage collector, can release the listeners
    const fetch = ((url: string, init: RequestInit) => {
      held.push(init.signal!);
      return upstream.fetch(url, init);
    }) as typeof globalThis.fetch;
    const executor = timed(10_000, httpExecutor(`${base}/graphql`, fetch));
    const counted = countListeners();
    try {
      for (let i = 0; i < 300; i++) {
        expect(await executor({ document: parse('{ __typename }'), context: {} })).toEqual({ data: { __typename: 'Query' } });
      }
    } finally {
      counted.restore();
    }
    expect(held).toHaveLength(300);
    // before, the HTTP executor's dispose signal held one listener per call until the collector finalised the calls' signals
    expect(Math.max(...counted.live.values())).toBeLessThanOrEqual(2);
  });

  it('abandons a call that takes longer than the timeout with GATEWAY_TIMEOUT, naming the service', async () => {
    const executor = timed(150, httpExecutor(`${base}/silent`, upstream.fetch as typeof fetch));
    const result = (await executor({ document: parse('{ __typename }'), context: {} }).catch((e: unknown) => ({ errors: [e] }))) as {
      errors: Array<{ extensions?: Record<string, unknown> }>;
    };
    expect(result.errors[0].extensions).toMatchObject({ code: 'GATEWAY_TIMEOUT', serviceName: 'initiatives' });
  });

  it('passes the caller’s abort on to the call', async () => {
    const caller = new AbortController();
    let given: AbortSignal | undefined;
    const executor = timed(10_000, (request) => {
      given = request.signal as AbortSignal;
      return new Promise((resolve) => given!.addEventListener('abort', () => resolve({ errors: [{ message: 'aborted' }] })));
    });
    const answer = executor({ signal: caller.signal });
    caller.abort(new Error('the client went away'));
    await answer;
    expect(given!.aborted).toBe(true);
    expect((given!.reason as Error).message).toBe('the client went away');
  });

  it('keeps a streamed answer’s signal live after the executor resolves, and releases an ordinary one', async () => {
    let streamed: AbortSignal | undefined;
    const stream = timed(10_000, async (request) => {
      streamed = request.signal as AbortSignal;
      return (async function* () {
        yield { data: { n: 1 } };
      })();
    });
    await stream({});
    expect(streamed!.aborted).toBe(false);

    let ordinary: AbortSignal | undefined;
    const once = timed(10_000, async (request) => {
      ordinary = request.signal as AbortSignal;
      return { data: { n: 1 } };
    });
    await once({});
    expect(ordinary!.aborted).toBe(true);
  });

  it('leaves subscriptions untimed', async () => {
    const executor: Executor = async () => ({ data: {} });
    expect(timed(10_000, executor, 'subscription')).toBe(executor);
  });
});
