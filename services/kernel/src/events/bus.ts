import type { BusRecord } from './cloudevent';

export interface ReceivedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string | undefined>;
  value: string | null;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  /** Called with records in partition order; throwing makes the bus deliver them again. */
  onBatch: (records: ReceivedRecord[]) => Promise<void>;
}

export interface Subscription {
  stop(): Promise<void>;
}

/** The port every service publishes and consumes through; Kafka and in-process adapters implement it. */
export interface EventBus {
  readonly kind: 'kafka' | 'memory';
  ensureTopics(topics: string[]): Promise<void>;
  publish(records: BusRecord[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}
