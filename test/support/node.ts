import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { decodeJwt } from 'jose';
import { createLogger } from '../../services/kernel/src/observability';
import { loadConfig, DEVELOPMENT_JWT_SECRET, DEVELOPMENT_GATEWAY_SECRET } from '../../services/kernel/src/config';
import { signToken, GATEWAY_PROOF_HEADER, signGatewayProof, type Caller, type Role } from '../../services/kernel/src/auth';
import { startService, type RunningService, type ServiceDefinition } from '../../services/kernel/src/service';
import type { EventBus } from '../../services/kernel/src/events';
import { createTestDatabase, query, type TestDatabase } from './database';
import { startNode, type RunningNode } from '../../cli/node';

export const kafkaBrokers = (): string => process.env.MMHUB_KAFKA_BROKERS ?? '127.0.0.1:9092';
export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/**
 * What a node of the tests is given, in process or as a process of its own: its name, its database,
 * the test broker with a consumer group of its own, quick polls, the development secrets.
 */
export function testNodeEnv(
  node: string | undefined,
  databaseUrl: string,
  o: { clientId?: string; logLevel?: string } = {},
): Record<string, string | undefined> {
  return {
    MMHUB_NODE: node,
    MMHUB_DATABASE_URL: databaseUrl,
    MMHUB_PORT: '0',
    MMHUB_KAFKA_BROKERS: kafkaBrokers(),
    // a consumer group of its own per test node, so parallel test files never share partitions
    MMHUB_KAFKA_CLIENT_ID: o.clientId ?? `test-${uniqueSuffix()}`,
    MMHUB_KAFKA_TOPIC_PARTITIONS: '3',
    ...(o.logLevel ? { MMHUB_LOG_LEVEL: o.logLevel } : {}),
    MMHUB_OUTBOX_POLL_MS: '50',
    // the shared test broker holds every earlier test's events: a journal need not take them in
    MMHUB_EVENT_JOURNAL_HISTORY: process.env.MMHUB_EVENT_JOURNAL_HISTORY ?? 'none',
    MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
    MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
  };
}

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: unknown[] }>;
}

export interface TestNode {
  service: RunningService;
  db: TestDatabase;
  node: string;
  /** Posts a GraphQL operation as the node's gateway would, for the caller of `token` (anonymous without one). */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  /** Posts with exactly the headers given: no gateway proof unless among them. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: GraphQLResult }>;
  token(roles: Role[], node?: string, sub?: string): Promise<string>;
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface TestNodeOptions {
  node?: string;
  env?: Record<string, string>;
  bus?: EventBus;
  db?: TestDatabase;
  onQuery?: (sql: string) => void;
  /** Returns once the consumers have joined their groups (default); false for a broker that is down. */
  waitForConsumers?: boolean;
}

/** The claims of a token the test signed itself; the gateway's verification is tested through the gateway. */
function callerOf(token: string | undefined): Caller | null {
  if (!token) return null;
  const c = decodeJwt(token);
  return { sub: String(c.sub), node: String(c.node), roles: c.roles as Caller['roles'] };
}

/** Starts one service on a fresh database of the machine's PostgreSQL and the test broker. */
export async function startTestService(def: ServiceDefinition<any>, o: TestNodeOptions = {}): Promise<TestNode> {
  const db = o.db ?? (await createTestDatabase(def.name));
  const node = o.node ?? 'riyadh';
  const config = loadConfig({ ...testNodeEnv(node, db.url, { logLevel: process.env.TEST_LOG_LEVEL ?? 'error' }), ...o.env });
  const service = await startService(def, config, {
    bus: o.bus,
    migrate: true,
    onQuery: o.onQuery,
    log: createLogger(config.logLevel, { node, service: def.name }),
  });
  // a test makes its changes once the consumers read: a journal from now would miss what came before
  if (o.waitForConsumers ?? true) await service.joined;
  return {
    service,
    db,
    node,
    graphql: async (q, variables, token) => {
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_PROOF_HEADER]: await signGatewayProof(config.gatewaySecret, node, callerOf(token)) },
        body: JSON.stringify({ query: q, variables }),
      });
      return (await res.json()) as GraphQLResult<any>;
    },
    post: async (body, headers = {}) => {
      const res = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as GraphQLResult };
    },
    token: (roles, tokenNode = node, sub = `${tokenNode}-${roles.join('-')}`) => signToken(DEVELOPMENT_JWT_SECRET, { sub, node: tokenNode, roles }),
    sql: (text, params) => query(db.url, text, params),
    stop: async () => {
      await service.stop();
      if (!o.db) await db.drop();
    },
  };
}

export interface ReadRecord {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Reads a topic from the beginning with a plain kafkajs consumer until `done` says enough. */
export async function readTopic(
  topic: string,
  done: (records: ReadRecord[]) => boolean,
  o: { brokers?: string; timeoutMs?: number; filter?: (r: ReadRecord) => boolean } = {},
): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: (o.brokers ?? kafkaBrokers()).split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${uniqueSuffix()}` });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic}: only ${records.length} matching records after ${o.timeoutMs ?? 30000} ms`)),
        o.timeoutMs ?? 30000,
      );
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            const r: ReadRecord = {
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
              partition,
              offset: message.offset,
            };
            if (!o.filter || o.filter(r)) records.push(r);
            if (done(records)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * Every record of a topic up to its end as it is now: each partition's high watermark, asked of the
 * broker when this is called, bounds the read, so a count over the result is exact. Call it once the
 * publish is confirmed (the outbox row has its sent_at); records published later are left out.
 */
export async function readTopicToEnd(
  topic: string,
  o: { brokers?: string; timeoutMs?: number; filter?: (r: ReadRecord) => boolean } = {},
): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: (o.brokers ?? kafkaBrokers()).split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    // a partition whose low and high watermarks meet holds nothing to wait for
    ends = new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
  if (!ends.size) return [];
  const unfinished = new Set(ends.keys());
  return readTopic(topic, () => !unfinished.size, {
    ...o,
    filter: (r) => {
      const end = ends.get(r.partition);
      const offset = BigInt(r.offset);
      // what arrived after the watermarks were taken is not counted
      if (end === undefined || offset >= end) return false;
      if (offset === end - 1n) unfinished.delete(r.partition);
      return !o.filter || o.filter(r);
    },
  });
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15000, what = 'condition', pollMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export interface TestGatewayNode {
  node: string;
  url: string;
  running: RunningNode;
  db: TestDatabase;
  /** Posts through the gateway with a bearer token, as a client would. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T> & { status: number }>;
  token(roles: Role[], node?: string, sub?: string): Promise<string>;
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** A whole node — its services and its gateway — on a fresh database and the test broker. */
export async function startTestNode(node: string, o: { services?: ServiceDefinition<any>[]; env?: Record<string, string> } = {}): Promise<TestGatewayNode> {
  const db = await createTestDatabase(node);
  const running = await startNode({
    env: { ...testNodeEnv(node, db.url, { logLevel: process.env.TEST_LOG_LEVEL ?? 'error' }), ...o.env },
    services: o.services,
    migrate: true,
    anyPorts: true,
  });
  await running.joined;
  return {
    node,
    url: running.gateway.url,
    running,
    db,
    graphql: async (q, variables, token) => {
      const res = await fetch(running.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: q, variables }),
      });
      return { status: res.status, ...((await res.json()) as GraphQLResult<any>) };
    },
    token: (roles, tokenNode = node, sub = `${tokenNode}-${roles.join('-')}`) => signToken(DEVELOPMENT_JWT_SECRET, { sub, node: tokenNode, roles }),
    sql: (text, params) => query(db.url, text, params),
    stop: async () => {
      await running.stop();
      await db.drop();
    },
  };
}
