import type { MikroORM } from '@mikro-orm/postgresql';
import { Kafka, logLevel } from 'kafkajs';
import type { DestinationStream } from 'pino';
import { EventConsumer, KafkaBus, receivedRecord, type ReceivedRecord } from '../services/kernel/src/events';
import { acceptedBy, type ServiceDefinition } from '../services/kernel/src/service';
import { createLogger } from '../services/kernel/src/observability';
import { noteFreshness } from '../services/kernel/src/nodes';
import { openDatabase, requireDatabase } from '../services/kernel/src/db';
import { ConfigError, type Config } from '../services/kernel/src/config';
import { services } from './services';

export interface RebuildProgress {
  (done: number, total: number, label: string): void;
}

export interface RebuildResult {
  applied: number;
  records: number;
  byConsumer: Record<string, number>;
  /** Records no consumer could apply, published to their topics' dead-letter topics as the live consumers would. */
  deadLettered: number;
}

/** PostgreSQL's code for a table that does not exist. */
const NO_SUCH_TABLE = '42P01';

/** What the operator can do about a database the rebuild cannot use. */
function databaseProblem(e: unknown): unknown {
  if ((e as { code?: string }).code === NO_SUCH_TABLE)
    return new Error(`the node's database has not been migrated: run mmhub migrate first (${(e as Error).message})`);
  return e;
}

/**
 * Rebuilds a node's copies of other nodes' records from Kafka, from the beginning of each topic up
 * to its end when the rebuild starts. Run it with the node stopped. Each consumer's copies and inbox
 * are cleared first; the records are then applied as the live consumer would (same inbox name),
 * so the live consumer, when the node starts, skips what the rebuild applied.
 */
export async function rebuildNode(
  config: Config,
  progress: RebuildProgress,
  defs: ServiceDefinition<any>[] = services,
  logTo?: DestinationStream,
): Promise<RebuildResult> {
  if (config.bus !== 'kafka') throw new ConfigError(['MMHUB_EVENT_BUS: rebuild reads Kafka: set it to kafka, with MMHUB_KAFKA_BROKERS']);
  if (!config.databaseUrl) throw new ConfigError(['MMHUB_DATABASE_URL: is required to rebuild']);
  const databaseUrl = config.databaseUrl;
  // warnings go where the progress goes, not into the summary on stdout
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { node: config.node, service: 'rebuild' }, logTo);
  const kafka = new Kafka({ clientId: `${config.kafka.clientId}-rebuild`, brokers: config.kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`cannot reach Kafka at ${config.kafka.brokers.join(',')} (MMHUB_KAFKA_BROKERS): ${(e as Error).message}`);
  }
  // what no consumer can apply goes to the dead-letter topics, as the live consumers send it
  const deadLetters = new KafkaBus({ ...config.kafka, clientId: `${config.kafka.clientId}-rebuild`, log });
  const orms: MikroORM[] = [];
  const result: RebuildResult = { applied: 0, records: 0, byConsumer: {}, deadLettered: 0 };
  try {
    // every consumer's copies, inbox and freshness are cleared before any of them applies a record
    const replays: Replay[] = [];
    for (const def of defs) {
      const schema = def.name;
      const orm = await openDatabase({ url: databaseUrl, schema, entities: def.entities, migrations: def.migrations, poolMax: 2, log });
      orms.push(orm);
      await requireDatabase(orm);
      for (const c of def.consumers ?? []) {
        if (!c.rebuilds) continue;
        const name = `${config.kafka.clientId}.${config.node}.${def.name}.${c.name}`;
        await orm.em
          .fork()
          .transactional(async (em) => {
            const conn = em.getConnection();
            const ctx = em.getTransactionContext();
            for (const r of c.rebuilds!) {
              await conn.execute(`delete from "${schema}"."${r.table}"${r.allRows ? '' : ' where "node" <> ?'}`, r.allRows ? [] : [config.node], 'run', ctx);
            }
            await conn.execute(`delete from "${schema}"."inbox" where "consumer" = ?`, [name], 'run', ctx);
            await conn.execute(`delete from "${schema}"."node_freshness"`, [], 'run', ctx);
          })
          .catch((e: unknown) => {
            throw databaseProblem(e);
          });
        const applier = new EventConsumer({
          name,
          orm,
          schema,
          bus: deadLetters,
          topics: c.topics,
          log,
          accept: acceptedBy(c, config),
          apply: async (em, events) => {
            await c.apply(em, events);
            await noteFreshness(em, schema, events);
          },
        });
        replays.push({ label: `${def.name}/${c.name}`, name, applier, ends: await topicEnds(admin, c.topics), done: 0 });
      }
    }
    // the consumers replay side by side: one waits on Kafka while another writes to PostgreSQL
    const total = replays.reduce((n, r) => n + r.ends.total, 0);
    const label = `${config.node}: ${replays.length} consumers`;
    progress(0, total, label);
    await Promise.all(
      replays.map((r) =>
        replayTopics(
          kafka,
          admin,
          r.ends,
          `${r.name}.rebuild.${Date.now()}`,
          (records) => r.applier.handle(records),
          (done) => {
            r.done = done;
            progress(
              replays.reduce((n, x) => n + x.done, 0),
              total,
              label,
            );
          },
        ),
      ),
    );
    for (const r of replays) {
      result.records += r.done;
      result.byConsumer[r.label] = r.applier.stats.applied;
      result.applied += r.applier.stats.applied;
      result.deadLettered += r.applier.stats.deadLettered;
    }
  } finally {
    await Promise.all(orms.map((orm) => orm.close()));
    await admin.disconnect();
    await deadLetters.close();
  }
  return result;
}

interface TopicEnds {
  /** The topics with records to replay. */
  topics: string[];
  /** Each partition with records, by `topic/partition`, and the offset its replay stops at. */
  remaining: Map<string, bigint>;
  total: number;
}

interface Replay {
  label: string;
  name: string;
  applier: EventConsumer;
  ends: TopicEnds;
  done: number;
}

/** Where each partition of `topics` ends now: the rebuild reads up to there and no further. */
async function topicEnds(admin: ReturnType<Kafka['admin']>, topics: string[]): Promise<TopicEnds> {
  const remaining = new Map<string, bigint>();
  let total = 0n;
  // a topic nothing was ever published to does not exist yet: nothing to replay from it
  const existing = new Set(await admin.listTopics());
  for (const topic of topics.filter((t) => existing.has(t))) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const size = BigInt(p.high) - BigInt(p.low);
      if (size > 0n) remaining.set(`${topic}/${p.partition}`, BigInt(p.high));
      total += size;
    }
  }
  return { topics: [...new Set([...remaining.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))))], remaining, total: Number(total) };
}

/** Feeds every record up to the ends to `onBatch`; returns how many. */
async function replayTopics(
  kafka: Kafka,
  admin: ReturnType<Kafka['admin']>,
  ends: TopicEnds,
  groupId: string,
  onBatch: (records: ReceivedRecord[]) => Promise<void>,
  progress: (done: number) => void,
): Promise<number> {
  const remaining = new Map(ends.remaining);
  if (!remaining.size) return 0;
  let done = 0;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: ends.topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachBatchAutoResolve: true,
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}/${batch.partition}`;
            const end = remaining.get(key);
            if (end === undefined) return;
            const within = batch.messages.filter((m) => BigInt(m.offset) < end);
            if (within.length) {
              await onBatch(within.map((m) => receivedRecord(batch.topic, batch.partition, m)));
              done += within.length;
              progress(done);
            }
            const last = batch.messages[batch.messages.length - 1];
            if (last && BigInt(last.offset) + 1n >= end) remaining.delete(key);
            if (!remaining.size) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return done;
}
