import { Kafka, logLevel, type Admin } from 'kafkajs';

export interface ConsumerGroup {
  /** The consumer's short name (its label), e.g. "replicas". */
  name: string;
  /** Its Kafka consumer group. */
  groupId: string;
  topics: string[];
}

export interface PartitionLag {
  consumer: string;
  topic: string;
  partition: number;
  /** Records on the partition that the group has not committed yet. */
  lag: number;
}

/**
 * Consumer lag as the broker sees it: the end of each partition minus the group's committed offset.
 * Asked of the broker rather than counted by the consumer, so a consumer that stopped still shows
 * its lag growing. A group that committed nothing yet lags by everything on the partition.
 */
export class KafkaLagProbe {
  private readonly kafka: Kafka;
  private admin?: Promise<Admin>;

  constructor(
    brokers: string[],
    clientId: string,
    private readonly groups: ConsumerGroup[],
  ) {
    // fail fast and quietly: a scrape during an outage must answer, and the bus logs outages itself
    this.kafka = new Kafka({ clientId, brokers, connectionTimeout: 1000, requestTimeout: 3000, retry: { retries: 0 }, logLevel: logLevel.NOTHING });
  }

  async lag(): Promise<PartitionLag[]> {
    if (!this.groups.length) return [];
    try {
      const admin = await this.connect();
      const ends = new Map<string, Array<{ partition: number; high: string; low: string }>>();
      for (const topic of new Set(this.groups.flatMap((g) => g.topics))) ends.set(topic, await admin.fetchTopicOffsets(topic));
      const result: PartitionLag[] = [];
      // consumers of one service share a group: its offsets are asked once
      const groupIds = [...new Set(this.groups.map((g) => g.groupId))];
      const offsets = new Map(
        await Promise.all(
          groupIds.map(async (groupId) => {
            const topics = [...new Set(this.groups.filter((g) => g.groupId === groupId).flatMap((g) => g.topics))];
            return [groupId, await admin.fetchOffsets({ groupId, topics })] as const;
          }),
        ),
      );
      for (const g of this.groups) {
        const committed = offsets.get(g.groupId)!.filter((t) => g.topics.includes(t.topic));
        for (const t of committed) {
          const byPartition = new Map(t.partitions.map((p) => [p.partition, Number(p.offset)]));
          for (const end of ends.get(t.topic) ?? []) {
            const at = byPartition.get(end.partition) ?? -1;
            const from = at >= 0 ? at : Number(end.low);
            result.push({ consumer: g.name, topic: t.topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
          }
        }
      }
      return result;
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }

  private connect(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      this.admin = admin.connect().then(() => admin);
    }
    return this.admin;
  }
}
