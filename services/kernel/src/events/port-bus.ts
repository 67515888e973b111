import type { BusRecord } from './cloudevent';
import type { EventBus, ReceivedRecord, SubscribeOptions, Subscription } from './bus';

/** What a thread's bus asks of the one bus in the main thread. */
export type BusRequest =
  | { t: 'topics'; topics: string[] }
  | { t: 'publish'; records: BusRecord[] }
  | { t: 'subscribe'; sub: number; groupId: string; topics: string[]; fromBeginning: boolean }
  | { t: 'unsubscribe'; sub: number }
  | { t: 'ack'; batch: number; error?: string };

/** What the main thread sends a thread's bus: a batch for one of its consumers. */
export interface BusDelivery {
  t: 'batch';
  sub: number;
  batch: number;
  records: ReceivedRecord[];
}

/** The bus as a worker thread sees it: a message port to the main thread, where the one bus is. */
export class PortBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly handlers = new Map<number, SubscribeOptions['onBatch']>();
  private subs = 0;

  constructor(private readonly post: (m: BusRequest) => void) {}

  async ensureTopics(topics: string[]): Promise<void> {
    this.post({ t: 'topics', topics });
  }

  async publish(records: BusRecord[]): Promise<void> {
    this.post({ t: 'publish', records });
  }

  async subscribe(o: SubscribeOptions): Promise<Subscription> {
    const sub = ++this.subs;
    this.handlers.set(sub, o.onBatch);
    this.post({ t: 'subscribe', sub, groupId: o.groupId, topics: o.topics, fromBeginning: o.fromBeginning });
    return {
      stop: async () => {
        this.handlers.delete(sub);
        this.post({ t: 'unsubscribe', sub });
      },
    };
  }

  async reachable(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }

  /** A batch for one of this thread's consumers; the ack tells the bus to go on, or to deliver again. */
  deliver(m: BusDelivery): void {
    const handler = this.handlers.get(m.sub);
    (handler ? handler(m.records) : Promise.resolve()).then(
      () => this.post({ t: 'ack', batch: m.batch }),
      (e: Error) => this.post({ t: 'ack', batch: m.batch, error: e.message || 'failed' }),
    );
  }
}

/** The main thread's side of one thread's `PortBus`: carries its requests to the one bus and its batches back. */
export class PortBusServer {
  private readonly subscriptions = new Map<number, Promise<Subscription>>();
  private readonly acks = new Map<number, { resolve(): void; reject(e: Error): void }>();
  private batches = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly deliver: (m: BusDelivery) => void,
  ) {}

  receive(m: BusRequest): void {
    switch (m.t) {
      case 'topics':
        void this.bus.ensureTopics(m.topics);
        return;
      case 'publish':
        void this.bus.publish(m.records);
        return;
      case 'subscribe':
        this.subscriptions.set(
          m.sub,
          this.bus.subscribe({
            groupId: m.groupId,
            topics: m.topics,
            fromBeginning: m.fromBeginning,
            onBatch: (records) =>
              new Promise<void>((resolve, reject) => {
                const batch = ++this.batches;
                this.acks.set(batch, { resolve, reject });
                this.deliver({ t: 'batch', sub: m.sub, batch, records });
              }),
          }),
        );
        return;
      case 'unsubscribe':
        void this.subscriptions.get(m.sub)?.then((s) => s.stop());
        this.subscriptions.delete(m.sub);
        return;
      case 'ack': {
        const ack = this.acks.get(m.batch);
        this.acks.delete(m.batch);
        if (m.error) ack?.reject(new Error(m.error));
        else ack?.resolve();
        return;
      }
    }
  }

  /** The thread is gone: its batches in flight fail (the bus delivers them again) and its consumers stop. */
  close(reason: string): void {
    for (const a of this.acks.values()) a.reject(new Error(reason));
    this.acks.clear();
    for (const s of this.subscriptions.values()) void s.then((sub) => sub.stop());
    this.subscriptions.clear();
  }
}
