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

/** A fixed number of connections for a fixed time (autocannon); latencies measured per response. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let settle!: (r: autocannon.Result) => void;
  let fail!: (e: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((settle = resolve), (fail = reject)));
  const instance = autocannon(
    {
      url: spec.url,
      connections: spec.connections,
      duration: spec.seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...spec.headers },
      requests: [{ setupRequest: (req: any) => ({ ...req, body: spec.body() }) }],
    } as autocannon.Options,
    (err, result) => (err ? fail(err) : settle(result)),
  );
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else failures++;
  });
  const result = await done;
  return {
    rps: latencies.length / spec.seconds,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    requests: latencies.length,
    failures: failures + result.errors + result.timeouts,
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
