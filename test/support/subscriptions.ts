import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLResult } from './node';

/** A subscription a test holds open: what it has received so far, and a way to end it. */
export interface OpenSubscription<T = any> {
  results: GraphQLResult<T>[];
  /** Resolves once `count` results have arrived (or the stream ended), with them. */
  received(count: number, timeoutMs?: number): Promise<GraphQLResult<T>[]>;
  close(): Promise<void>;
}

function collector<T>(): { results: GraphQLResult<T>[]; push(r: GraphQLResult<T>): void; end(e?: Error): void; received: OpenSubscription<T>['received'] } {
  const results: GraphQLResult<T>[] = [];
  let ended: Error | null | undefined;
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  return {
    results,
    push: (r) => {
      results.push(r);
      notify();
    },
    end: (e) => {
      ended = e ?? null;
      notify();
    },
    received: (count, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (results.length >= count || ended !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            if (results.length < count && ended) reject(ended);
            else resolve(results.slice(0, Math.max(count, results.length)));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${results.length} of ${count} results after ${timeoutMs} ms: ${JSON.stringify(results.slice(-2))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** A subscription over Server-Sent Events (POST, Accept: text/event-stream), as a browser's fetch would make it. */
export async function subscribeSse<T = any>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<OpenSubscription<T>> {
  const c = collector<T>();
  const abort = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if ((event === 'next' || (!event && data)) && data) c.push(JSON.parse(data));
        if (event === 'complete') return;
      }
    }
  })().then(
    () => c.end(),
    (e: Error) => c.end(abort.signal.aborted ? undefined : e),
  );
  return {
    results: c.results,
    received: c.received,
    close: async () => {
      abort.abort();
      await reading;
    },
  };
}

/** A subscription over WebSocket (graphql-ws), the token in the connection parameters. */
export async function subscribeWs<T = any>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<OpenSubscription<T>> {
  const c = collector<T>();
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    { next: (r) => c.push(r as GraphQLResult<T>), error: (e) => c.end(e instanceof Error ? e : new Error(JSON.stringify(e))), complete: () => c.end() },
  );
  return {
    results: c.results,
    received: c.received,
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}
