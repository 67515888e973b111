import autocannon from 'autocannon';
import { quantile } from './stats';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** The body of each request; called per request, so that requests may differ. */
  body: () => string;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Non-2xx answers and socket errors. */
  failures: number;
}

/**
 * A fixed number of connections for a fixed time (autocannon); latencies measured per response. A
 * window too short for a single answer would measure nothing, so the load then goes on until each
 * connection has had one, and the throughput counts that time too.
 */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const run = (limit: { duration: number } | { amount: number }) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: spec.url,
          connections: spec.connections,
          ...limit,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...spec.headers },
          requests: [{ setupRequest: (req: any) => ({ ...req, body: spec.body() }) }],
        } as autocannon.Options,
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        if (status >= 200 && status < 300) latencies.push(ms);
        else failures++;
      });
    });
  let seconds = spec.seconds;
  const timed = await run({ duration: spec.seconds });
  let errors = timed.errors + timed.timeouts;
  if (!latencies.length) {
    const started = performance.now();
    const more = await run({ amount: spec.connections });
    seconds += (performance.now() - started) / 1000;
    errors += more.errors + more.timeouts;
  }
  return {
    rps: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    requests: latencies.length,
    failures: failures + errors,
  };
}

/** Posts one operation and fails on any GraphQL error: a load of errors would measure nothing. */
export async function checkOnce(url: string, headers: Record<string, string>, body: string): Promise<{ bytes: number; data: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || parsed.errors?.length) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 800)}`);
  return { bytes: Buffer.byteLength(text), data: parsed.data };
}
