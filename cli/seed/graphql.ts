/** One mutation root field of a batch: its name, its arguments with their GraphQL types, and what to select. */
export interface Call {
  field: string;
  args: Record<string, { type: string; value: unknown }>;
  select?: string;
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string };
  path?: unknown[];
}

/** A failure the gateway reported, with its code, so a caller can tell lag from a real refusal. */
export class SeedRequestError extends Error {
  constructor(
    readonly url: string,
    readonly errors: GraphQLError[],
  ) {
    super(`${url}: ${errors.map((e) => `${e.message}${e.extensions?.code ? ` [${e.extensions.code}]` : ''}`).join('; ')}`);
    this.name = 'SeedRequestError';
  }

  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? '');
  }
}

/**
 * Mutations per request: within the gateway's alias limit (30), short enough to answer well within
 * its timeout, and few enough that the gateway's fetches to a service, which share the request's
 * abort signal, stay within Node's default of 10 listeners.
 */
const BATCH = 8;

/** A client of one node's gateway, acting as one caller. */
export class Gateway {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Acts as another caller at the same gateway. */
  as(token: string): Gateway {
    return new Gateway(this.url, token);
  }

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), authorization: `Bearer ${this.token}` },
      body,
    });
    const text = await res.text();
    let json: { data?: T; errors?: GraphQLError[] };
    try {
      json = JSON.parse(text);
    } catch {
      throw new SeedRequestError(this.url, [{ message: `HTTP ${res.status}: ${text.slice(0, 300)}` }]);
    }
    if (json.errors?.length) throw new SeedRequestError(this.url, json.errors);
    if (!json.data) throw new SeedRequestError(this.url, [{ message: `HTTP ${res.status} without data` }]);
    return json.data;
  }

  /**
   * Runs mutations in order, several to a request as aliased root fields (which GraphQL runs one
   * after another), and returns each one's result.
   */
  async mutate<T = Record<string, any>>(calls: Call[]): Promise<T[]> {
    const results: T[] = [];
    for (let from = 0; from < calls.length; from += BATCH) {
      const chunk = calls.slice(from, from + BATCH);
      const declared: string[] = [];
      const variables: Record<string, unknown> = {};
      const fields = chunk.map((c, i) => {
        const args = Object.entries(c.args).map(([name, a]) => {
          declared.push(`$m${i}_${name}: ${a.type}`);
          variables[`m${i}_${name}`] = a.value;
          return `${name}: $m${i}_${name}`;
        });
        return `m${i}: ${c.field}${args.length ? `(${args.join(', ')})` : ''} { ${c.select ?? 'id version'} }`;
      });
      const data = await this.request<Record<string, T>>(
        `mutation Seed${declared.length ? `(${declared.join(', ')})` : ''} { ${fields.join(' ')} }`,
        variables,
      );
      chunk.forEach((_c, i) => results.push(data[`m${i}`]));
    }
    return results;
  }

  async mutateOne<T = Record<string, any>>(call: Call): Promise<T> {
    return (await this.mutate<T>([call]))[0];
  }
}

/** How long the seed waits for one node to learn what another did; it takes milliseconds unless something is wrong. */
const PATIENCE_MS = 60_000;

/** Polls until `check` holds; replication between nodes is asynchronous, so the seed waits for it. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = PATIENCE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // backing off to a few polls a second keeps a long wait well within the gateway's rate limit
  for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`seed: gave up waiting ${timeoutMs / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, wait));
  }
}

/**
 * Runs a mutation that names something this node learns by event (an initiative its media service
 * has not read yet); retries while the node does not know it yet.
 */
export async function whenKnown<T>(what: string, run: () => Promise<T>, timeoutMs = PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
    try {
      return await run();
    } catch (e) {
      const lagging = e instanceof SeedRequestError && e.errors.every((x) => /is known at|No .* with id/i.test(x.message));
      if (!lagging || Date.now() > deadline) throw e instanceof Error && lagging ? new Error(`seed: ${what} never arrived: ${e.message}`) : e;
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}
