import type { BusRecord } from './cloudevent';
import type { EventBus, ReceivedRecord, SubscribeOptions, Subscription } from './bus';

interface Reader {
  options: SubscribeOptions;
  positions: Map<string, number>;
  running: boolean;
  pumping: boolean;
}

/** An in-process bus with Kafka's shape: ordered logs per topic, readers that resume and retry. */
export class MemoryBus implements EventBus {
  readonly kind = 'memory';
  private readonly logs = new Map<string, ReceivedRecord[]>();
  private readonly readers = new Set<Reader>();
  private readonly groupOffsets = new Map<string, Map<string, number>>();

  async ensureTopics(topics: string[]): Promise<void> {
    for (const t of topics) if (!this.logs.has(t)) this.logs.set(t, []);
  }

  async publish(records: BusRecord[]): Promise<void> {
    for (const r of records) {
      const log = this.logs.get(r.topic) ?? [];
      this.logs.set(r.topic, log);
      log.push({ topic: r.topic, partition: 0, offset: String(log.length), key: r.key, headers: { ...r.headers }, value: r.value });
    }
    for (const reader of this.readers) this.pump(reader);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const committed = this.groupOffsets.get(options.groupId) ?? new Map<string, number>();
    this.groupOffsets.set(options.groupId, committed);
    for (const t of options.topics) {
      if (!committed.has(t)) committed.set(t, options.fromBeginning ? 0 : (this.logs.get(t)?.length ?? 0));
    }
    const reader: Reader = { options, positions: committed, running: true, pumping: false };
    this.readers.add(reader);
    this.pump(reader);
    return {
      stop: async () => {
        reader.running = false;
        this.readers.delete(reader);
      },
    };
  }

  async reachable(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    for (const r of this.readers) r.running = false;
    this.readers.clear();
  }

  private pump(reader: Reader): void {
    if (reader.pumping || !reader.running) return;
    reader.pumping = true;
    // each delivery's failure is caught in the loop: the promise only ends the pump
    setImmediate(() => void this.drain(reader));
  }

  private async drain(reader: Reader): Promise<void> {
    try {
      for (;;) {
        if (!reader.running) return;
        let delivered = false;
        for (const topic of reader.options.topics) {
          const log = this.logs.get(topic) ?? [];
          const from = reader.positions.get(topic) ?? 0;
          if (from >= log.length) continue;
          const batch = log.slice(from, from + 500);
          try {
            await reader.options.onBatch(batch);
            reader.positions.set(topic, from + batch.length);
          } catch {
            // as Kafka does: the same records come again after a pause
            await new Promise((r) => setTimeout(r, 200));
          }
          delivered = true;
        }
        if (!delivered) return;
      }
    } finally {
      reader.pumping = false;
    }
  }
}
