import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import { signToken, type Role } from '../../services/kernel/src/auth';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { freePortBlock, signalGroup, spawnInGroup } from '../../test/support/process';
import { kafkaBrokers, uniqueSuffix } from '../../test/support/node';
import { ROOT, stopChild } from './spawn';

export interface BenchNode {
  node: string;
  url: string;
  /** The services' addresses: `mmhub serve` puts them on the ports after the gateway's. */
  serviceUrls: { initiatives: string; calendar: string; media: string };
  db: TestDatabase;
  pid: number;
  /** MMHUB_KAFKA_CLIENT_ID: its consumer groups are `<client id>.<node>.<service>`. */
  clientId: string;
  /** From the spawn until the gateway answered, and until it said ready (consumers joined). */
  listeningMs: number;
  readyMs: number;
  /** `kill -9` of the process and what it started; the database stays. */
  kill(): Promise<void>;
  token(roles: Role[]): Promise<string>;
  graphql<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<{ data?: T; errors?: unknown[] }>;
  dispose(): Promise<void>;
}

/**
 * A node as its own process (`mmhub serve` from the compiled code), as test/support/process.ts
 * starts it, with its pid, and a stop that does not wait for ever: SIGTERM, then SIGKILL after 5 s.
 */
export async function startBenchNode(node: string, env: Record<string, string> = {}, db?: TestDatabase, nodeArgs: string[] = []): Promise<BenchNode> {
  const database = db ?? (await createTestDatabase(node));
  const port = await freePortBlock(4);
  const url = `http://127.0.0.1:${port}/graphql`;
  let log = '';
  const clientId = env.MMHUB_KAFKA_CLIENT_ID ?? `bench-${uniqueSuffix()}`;
  const child: ChildProcess = spawnInGroup(process.execPath, [...nodeArgs, path.join(ROOT, 'bin/mmhub.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      MMHUB_NODE: node,
      MMHUB_DATABASE_URL: database.url,
      MMHUB_PORT: String(port),
      MMHUB_KAFKA_BROKERS: kafkaBrokers(),
      MMHUB_KAFKA_CLIENT_ID: clientId,
      MMHUB_KAFKA_TOPIC_PARTITIONS: '3',
      MMHUB_LOG_LEVEL: 'warn',
      MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
      MMHUB_GATEWAY_RATE_LIMIT: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log = (log + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (log = (log + d).slice(-20_000)));
  const stop = () => stopChild(child);
  const spawnedAt = performance.now();
  let listeningMs = NaN;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) {
      await database.drop();
      throw new Error(`${node} exited with ${child.exitCode}:\n${log.slice(-3000)}`);
    }
    try {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      if (Number.isNaN(listeningMs)) listeningMs = performance.now() - spawnedAt;
      if (ready.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      await database.drop();
      throw new Error(`${node} not ready after 150 s:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - spawnedAt;
  const at = (i: number) => `http://127.0.0.1:${port + i}/graphql`;
  return {
    node,
    url,
    serviceUrls: { initiatives: at(1), calendar: at(2), media: at(3) },
    db: database,
    pid: child.pid!,
    clientId,
    listeningMs,
    readyMs,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      signalGroup(child);
      await exited;
    },
    token: (roles) => signToken(DEVELOPMENT_JWT_SECRET, { sub: `${node}-${roles.join('-')}`, node, roles, ttlSeconds: 4 * 3600 }),
    graphql: async (query, variables, token) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: unknown[] };
    },
    dispose: async () => {
      await stop();
      if (!db) await database.drop();
    },
  };
}
