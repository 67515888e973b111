import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type KafkaMessage, type Producer, type LogEntry } from 'kafkajs';
import type { BusRecord } from './cloudevent';
import type { EventBus, ReceivedRecord, SubscribeOptions, Subscription } from './bus';
import type { Logger } from '../observability/logger';
import { PacedOffsetCommits } from './offset-commits';
import { TOPIC_MAX_MESSAGE_BYTES } from './schemas/catalog';

/** How often a consumer group commits its offsets while it reads: at most once a second, and a second after its last batch. */
const OFFSET_COMMIT_INTERVAL_MS = 1000;

/** A Kafka message's headers as text, the first value of each. */
export function headersOf(m: KafkaMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  // a plain loop: ten headers a record, thousands of records a batch, no intermediate arrays
  for (const k in m.headers) {
    const v = m.headers[k];
    headers[k] = Array.isArray(v) ? v[0]?.toString() : v?.toString();
  }
  return headers;
}

/** A Kafka message as the consumers take it: key, value and headers as text. */
export const receivedRecord = (topic: string, partition: number, m: KafkaMessage): ReceivedRecord => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key?.toString() ?? null,
  value: m.value?.toString() ?? null,
  headers: headersOf(m),
});

export interface KafkaBusSettings {
  brokers: string[];
  clientId: string;
  partitions: number;
  replicationFactor: number;
  log: Logger;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The most a produce request carries: the broker refuses a partition's batch above its `max.message.bytes`
 * (1,048,588 by default), and a burst of one aggregate's events all goes to one partition. Smaller requests
 * also spare kafkajs's per-partition grouping, whose cost grows with the square of a partition's records.
 */
export const REQUEST_BYTES = 900_000;

/** What a record adds to a request besides its key, value and headers (lengths, offsets, attributes). */
const RECORD_OVERHEAD_BYTES = 32;

/** A record's size in a produce request, its UTF-8 bytes and a bound on what frames them. */
function requestBytesOf(r: BusRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(r.key) + Buffer.byteLength(r.value);
  for (const k in r.headers) bytes += 2 + k.length + Buffer.byteLength(r.headers[k]);
  return bytes;
}

/** The records as consecutive produce requests of at most `REQUEST_BYTES` each (one record over it goes alone), grouped by topic. */
export function requestsOf(records: BusRecord[]): Array<Array<{ topic: string; messages: BusRecord[] }>> {
  const requests: Array<Array<{ topic: string; messages: BusRecord[] }>> = [];
  let byTopic = new Map<string, BusRecord[]>();
  let bytes = 0;
  for (const r of records) {
    const size = requestBytesOf(r);
    if (bytes + size > REQUEST_BYTES && bytes > 0) {
      requests.push([...byTopic].map(([topic, messages]) => ({ topic, messages })));
      byTopic = new Map();
      bytes = 0;
    }
    bytes += size;
    // pushed, not copied: a record is already a message (key, value, headers)
    const same = byTopic.get(r.topic);
    if (same) same.push(r);
    else byTopic.set(r.topic, [r]);
  }
  requests.push([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  return requests;
}

/** Kafka through kafkajs: an idempotent producer acknowledged by all in-sync replicas. */
export class KafkaBus implements EventBus {
  readonly kind = 'kafka';
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private admin?: Admin;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly s: KafkaBusSettings) {
    this.kafka = new Kafka({
      clientId: s.clientId,
      brokers: s.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...rest } = log;
          // retries are bounded on purpose: the relay backs off and retries, and consumers drop duplicates
          if (message.startsWith('Limiting retries for the idempotent producer')) return;
          // kafkajs reports every lost connection at ERROR; the relay and consumers retry and log it themselves
          s.log[level === logLevel.ERROR ? 'warn' : (LEVELS[level] ?? 'info')]({ kafka: rest }, message);
        },
    });
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (!missing.length) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: this.s.partitions,
        replicationFactor: this.s.replicationFactor,
        // events are kept for ever, so a node's view can always be rebuilt from the beginning; heartbeats a week
        configEntries: [
          { name: 'retention.ms', value: topic === 'mmhub.nodes.v1' ? String(7 * 86400_000) : '-1' },
          { name: 'max.message.bytes', value: String(TOPIC_MAX_MESSAGE_BYTES) },
        ],
      })),
    });
  }

  /**
   * Sends the records in their order, in requests of at most `REQUEST_BYTES`, each acknowledged before the next
   * is sent, so a partition's records stay in order. A failed request leaves the earlier ones published: the
   * relay publishes the whole batch again and consumers drop what they have already applied.
   */
  async publish(records: BusRecord[]): Promise<void> {
    if (!records.length) return;
    const producer = await this.getProducer();
    try {
      for (const request of requestsOf(records)) await producer.sendBatch({ acks: -1, topicMessages: request });
    } catch (e) {
      // a producer that failed mid-send starts afresh next time, with new sequence numbers
      this.producerReady = undefined;
      await this.producer?.disconnect().catch(() => undefined);
      this.producer = undefined;
      throw e;
    }
  }

  async subscribe(o: SubscribeOptions): Promise<Subscription> {
    // a short fetch wait: quicker to leave the group at shutdown, at the cost of more idle fetches
    let stopping = false;
    const consumer = this.kafka.consumer({
      groupId: o.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1000,
      // the broker's smallest session (group.min.session.timeout.ms): a member that vanished (kill -9, a
      // broker that lost its connections) is given up within seconds, so a rebalance does not wait 30 s for it
      sessionTimeout: 6000,
      heartbeatInterval: 1000,
      // how long a rebalance waits for the live members to rejoin
      rebalanceTimeout: 10000,
      // back soon after the broker: retries at most 2 s apart; a consumer that crashed is started again, unless it is being stopped
      retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000, restartOnFailure: async () => !stopping },
    });
    // kafkajs arms its restart after a crash's checks: a stop that came in between is made again, once the restart is armed to be cleared
    consumer.on(consumer.events.CRASH, (e) => {
      if (stopping && e.payload.restart) setImmediate(() => void consumer.disconnect().catch(() => undefined));
    });
    this.consumers.add(consumer);
    const commits = new PacedOffsetCommits(
      (offsets) => consumer.commitOffsets(offsets),
      OFFSET_COMMIT_INTERVAL_MS,
      (e) => this.s.log.warn({ err: (e as Error).message, groupId: o.groupId }, 'offsets not committed; trying again'),
    );
    consumer.on(consumer.events.GROUP_JOIN, (e) => commits.assigned(e.payload.memberAssignment));
    const inFlight = new Set<Promise<void>>();
    await consumer.connect();
    await consumer.subscribe({ topics: o.topics, fromBeginning: o.fromBeginning });
    await consumer.run({
      // partitions carry different aggregates: their batches apply side by side
      partitionsConsumedConcurrently: this.s.partitions,
      eachBatchAutoResolve: false,
      // committed at a pace of their own (PacedOffsetCommits), not after every batch
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        // once stopping, a batch is left unread for the next start: what was applied is committed before the group is left
        if (stopping || !isRunning() || isStale() || !batch.messages.length) return;
        const records = batch.messages.map((m) => receivedRecord(batch.topic, batch.partition, m));
        // a batch slow to apply (a busy database) keeps the short session alive meanwhile
        const beat = setInterval(() => void heartbeat().catch(() => undefined), 1000);
        const applying = o.onBatch(records);
        inFlight.add(applying);
        try {
          await applying;
        } finally {
          inFlight.delete(applying);
          clearInterval(beat);
        }
        const last = batch.messages[batch.messages.length - 1].offset;
        resolveOffset(last);
        commits.applied(batch.topic, batch.partition, last);
        await heartbeat();
      },
    });
    return {
      stop: async () => {
        stopping = true;
        await Promise.allSettled([...inFlight]);
        await commits.close();
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async reachable(): Promise<boolean> {
    try {
      const admin = await this.getAdmin();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // murmur2 on the key, as Java clients partition: one aggregate, one partition
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producer = producer;
      this.producerReady = producer.connect().then(
        () => producer,
        (e) => {
          this.producerReady = undefined;
          this.producer = undefined;
          throw e;
        },
      );
    }
    return this.producerReady;
  }

  private async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      try {
        await this.admin.connect();
      } catch (e) {
        this.admin = undefined;
        throw e;
      }
    }
    return this.admin;
  }
}
