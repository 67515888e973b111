import { createLogger, parsePrometheusText, sumOf, type Exposition } from '../../services/kernel/src/observability';
import { signToken, type Role } from '../../services/kernel/src/auth';
import { DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import type { ServiceDefinition } from '../../services/kernel/src/service';
import { startNode, type RunningNode } from '../../cli/node';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { testNodeEnv, type GraphQLResult } from '../support/node';

export interface ObservedNode {
  node: string;
  running: RunningNode;
  db: TestDatabase;
  /** The environment the node was started with. */
  env: Record<string, string>;
  /** Every line the node logged, as written. */
  lines: string[];
  /** The origin (scheme, host, port) of the gateway or of one service. */
  origin(target: string): string;
  /** Scrapes /metrics of the gateway or of one service, and parses it. */
  metrics(target: string): Promise<Exposition>;
  /** The environment `mmhub status` needs to find this node's processes. */
  statusEnv(): Record<string, string>;
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T> & { status: number }>;
  token(roles: Role[]): Promise<string>;
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** A whole node (services and gateway) on a fresh database, with its log captured line by line. */
export async function startObservedNode(
  node: string,
  o: { services?: ServiceDefinition<any>[]; env?: Record<string, string>; logLevel?: string } = {},
): Promise<ObservedNode> {
  const db = await createTestDatabase(node);
  // the shared broker's history is not journalled: a service applies its journal with its copies, and would catch up on both
  const given: Record<string, string | undefined> = { ...testNodeEnv(node, db.url, { logLevel: o.logLevel ?? 'info' }), ...o.env };
  const env = Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined));
  const lines: string[] = [];
  const log = createLogger(env.MMHUB_LOG_LEVEL, { node }, { write: (line: string) => void lines.push(line) });
  let running: RunningNode;
  try {
    running = await startNode({ env, services: o.services, log, migrate: true, anyPorts: true });
    await running.joined;
  } catch (e) {
    await db.drop();
    throw e;
  }
  const origin = (target: string) => {
    const url = target === 'gateway' ? running.gateway.url : running.services.find((s) => s.name === target)?.url;
    if (!url) throw new Error(`${node} runs no ${target}`);
    return new URL(url).origin;
  };
  return {
    node,
    running,
    db,
    env,
    lines,
    origin,
    metrics: async (target) => {
      const res = await fetch(`${origin(target)}/metrics`);
      if (res.status !== 200) throw new Error(`${target} /metrics answered ${res.status}`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parsePrometheusText(await res.text());
    },
    statusEnv: () => ({
      ...env,
      MMHUB_PORT: String(running.gateway.port),
      ...Object.fromEntries(running.services.map((s) => [`MMHUB_${s.name.toUpperCase()}_URL`, s.url])),
    }),
    graphql: async (q, variables, token) => {
      const res = await fetch(running.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: q, variables }),
      });
      return { status: res.status, ...((await res.json()) as GraphQLResult<any>) };
    },
    token: (roles) => signToken(DEVELOPMENT_JWT_SECRET, { sub: `${node}-${roles.join('-')}`, node, roles }),
    sql: (text, params) => query(db.url, text, params),
    stop: async () => {
      await running.stop();
      await db.drop();
    },
  };
}

/** How much a counter (summed over the samples matching `labels`) grew between two scrapes. */
export function growth(after: Exposition, before: Exposition, name: string, labels: Record<string, string> = {}): number {
  return (sumOf(after, name, labels) ?? 0) - (sumOf(before, name, labels) ?? 0);
}
