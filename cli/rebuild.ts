import { Kafka, logLevel } from 'kafkajs';
import {
  EventConsumer,
  createLogger,
  noteFreshness,
  openDatabase,
  type Config,
  type ReceivedRecord,
  type ServiceDefinition,
} from '../services/kernel/src';
import { services } from './services';

export interface RebuildProgress {
  (done: number, total: number, label: string): void;
}

export interface RebuildResult {
  applied: number;
  records: number;
  byConsumer: Record<string, number>;
}

/**
 * Rebuilds a node's copies of other nodes' records from Kafka, from the beginning of each topic up
 * to its end when the rebuild starts. Run it with the node stopped. Each consumer's copies and inbox
 * are cleared first; the records are then applied as the live consumer would (same inbox name),
 * so the live consumer, when the node starts, skips what the rebuild applied.
 */
export async function rebuildNode(config: Config, progress: RebuildProgress, defs: ServiceDefinition<any>[] = services): Promise<RebuildResult> {
  if (config.bus !== 'kafka') throw new Error('rebuild reads Kafka: set EVENT_BUS=kafka and KAFKA_BROKERS');
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required to rebuild');
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { node: config.node, service: 'rebuild' });
  const kafka = new Kafka({ clientId: `${config.kafka.clientId}-rebuild`, brokers: config.kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const result: RebuildResult = { applied: 0, records: 0, byConsumer: {} };
  try {
    for (const def of defs) {
      const schema = def.name;
      const orm = await openDatabase({ url: config.databaseUrl, schema, entities: def.entities, migrations: def.migrations, poolMax: 2, log });
      try {
        for (const c of def.consumers ?? []) {
          if (!c.rebuilds) continue;
          const name = `${config.kafka.clientId}.${config.node}.${def.name}.${c.name}`;
          await orm.em.fork().transactional(async (em) => {
            const conn = em.getConnection();
            const ctx = em.getTransactionContext();
            for (const r of c.rebuilds!) {
              await conn.execute(`delete from "${schema}"."${r.table}"${r.allRows ? '' : ' where "node" <> ?'}`, r.allRows ? [] : [config.node], 'run', ctx);
            }
            await conn.execute(`delete from "${schema}"."inbox" where "consumer" = ?`, [name], 'run', ctx);
            await conn.execute(`delete from "${schema}"."node_freshness"`, [], 'run', ctx);
          });
          const applier = new EventConsumer({
            name,
            orm,
            schema,
            bus: { publish: async () => undefined } as never,
            topics: c.topics,
            log,
            accept: (e) => c.accept(e, config),
            apply: async (em, events) => {
              await c.apply(em, events);
              await noteFreshness(em, schema, events);
            },
          });
          const applied = await replayTopics(kafka, admin, c.topics, `${name}.rebuild.${Date.now()}`, (records) => applier.handle(records), (done, total) =>
            progress(done, total, `${def.name}/${c.name}`),
          );
          result.records += applied;
          result.byConsumer[`${def.name}/${c.name}`] = applier.stats.applied;
          result.applied += applier.stats.applied;
        }
      } finally {
        await orm.close();
      }
    }
  } finally {
    await admin.disconnect();
  }
  return result;
}

/** Feeds every record of `topics` up to their current ends to `onBatch`; returns how many. */
async function replayTopics(
  kafka: Kafka,
  admin: ReturnType<Kafka['admin']>,
  topics: string[],
  groupId: string,
  onBatch: (records: ReceivedRecord[]) => Promise<void>,
  progress: (done: number, total: number) => void,
): Promise<number> {
  const remaining = new Map<string, bigint>();
  let total = 0n;
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const size = BigInt(p.high) - BigInt(p.low);
      if (size > 0n) remaining.set(`${topic}/${p.partition}`, BigInt(p.high));
      total += size;
    }
  }
  if (total === 0n) {
    progress(0, 0);
    return 0;
  }
  let done = 0;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
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
              await onBatch(
                within.map((m) => ({
                  topic: batch.topic,
                  partition: batch.partition,
                  offset: m.offset,
                  key: m.key?.toString() ?? null,
                  value: m.value?.toString() ?? null,
                  headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0]?.toString() : v?.toString()])),
                })),
              );
              done += within.length;
              progress(done, Number(total));
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

/** A progress bar on stderr, redrawn in place. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): RebuildProgress {
  let lastLabel = '';
  return (done, total, label) => {
    if (label !== lastLabel && lastLabel) stream.write('\n');
    lastLabel = label;
    const width = 30;
    const share = total ? done / total : 1;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    stream.write(`\r${label.padEnd(28)} ${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${done}/${total} records`);
  };
}
