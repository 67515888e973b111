import type { BusRecord } from './cloudevent';
import type { EventBus, SubscribeOptions, Subscription } from './bus';
import type { MemoryBus } from './memory-bus';

/**
 * The in-process bus with a producer's linger, as Kafka's linger.ms: what is published within a
 * few milliseconds reaches the consumers together, so that a burst of changes is applied in fewer
 * transactions.
 */
export class LingeringBus implements EventBus {
  readonly kind = 'memory' as const;
  private pending: BusRecord[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly inner: MemoryBus,
    private readonly lingerMs: number,
  ) {}

  ensureTopics(topics: string[]): Promise<void> {
    return this.inner.ensureTopics(topics);
  }

  async publish(records: BusRecord[]): Promise<void> {
    this.pending.push(...records);
    this.timer ??= setTimeout(() => void this.flush(), this.lingerMs);
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    return this.inner.subscribe(options);
  }

  reachable(): Promise<boolean> {
    return this.inner.reachable();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.inner.close();
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const records = this.pending;
    this.pending = [];
    if (records.length) await this.inner.publish(records);
  }
}
