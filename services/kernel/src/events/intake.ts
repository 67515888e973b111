import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventBus, ReceivedRecord, Subscription } from './bus';
import { dlqOf, type CloudEvent } from './cloudevent';
import type { Logger } from '../observability/logger';
import { claimInbox, type EventConsumer } from './consumer';

export interface IntakeSettings {
  /** The Kafka consumer group. */
  name: string;
  orm: MikroORM;
  schema: string;
  bus: EventBus;
  log: Logger;
  fromBeginning: boolean;
  consumers: EventConsumer[];
}

/**
 * One subscription for several consumers of a service: each batch is applied by all of them in one
 * transaction, with one inbox statement, so a record is read and committed once per service rather
 * than once per consumer; the batches of several partitions that arrive together share that
 * transaction. Should that transaction fail, each consumer applies the batch on its own,
 * dead-lettering what it cannot apply, as it would alone.
 */
export class EventIntake {
  private sub?: Subscription;
  private starting?: Promise<void>;
  private readonly waiting: Array<{ records: ReceivedRecord[]; applied: () => void; failed: (e: unknown) => void }> = [];
  /** The loop applying the waiting batches, while one runs: a stop waits for it. */
  private applying?: Promise<void>;

  constructor(private readonly s: IntakeSettings) {
    for (const c of s.consumers) c.intake = this;
  }

  get name(): string {
    return this.s.name;
  }

  get topics(): string[] {
    return [...new Set(this.s.consumers.flatMap((c) => c.topics))];
  }

  async start(): Promise<void> {
    if (this.sub) return;
    // the consumers of an intake start and stop together: the first to start it starts it for all
    this.starting ??= (async () => {
      const topics = this.topics;
      await this.s.bus.ensureTopics([...topics, ...topics.map(dlqOf)]);
      this.sub = await this.s.bus.subscribe({ groupId: this.s.name, topics, fromBeginning: this.s.fromBeginning, onBatch: (records) => this.handle(records) });
    })().finally(() => (this.starting = undefined));
    await this.starting;
  }

  /** Leaves the bus, then waits for the batches in hand: none is cut off by the database closing after the stop. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const sub = this.sub;
    this.sub = undefined;
    await sub?.stop();
    await this.applying;
  }

  /**
   * Handles one batch; fails only when the database cannot be reached, so the bus delivers again.
   * Batches handed in while a transaction runs wait and are applied together in the next one.
   */
  handle(records: ReceivedRecord[]): Promise<void> {
    return new Promise((applied, failed) => {
      this.waiting.push({ records, applied, failed });
      // the bus hands in a fetch's partitions one after another: gathered first, they commit in one transaction
      this.applying ??= new Promise<void>((r) => setImmediate(r)).then(() => this.applyWaiting());
    });
  }

  private async applyWaiting(): Promise<void> {
    while (this.waiting.length) {
      const taken = this.waiting.splice(0);
      try {
        await this.apply(taken.flatMap((t) => t.records));
        for (const t of taken) t.applied();
      } catch (e) {
        for (const t of taken) t.failed(e);
      }
    }
    this.applying = undefined;
  }

  private async apply(records: ReceivedRecord[]): Promise<void> {
    const byTopic = new Map<string, ReceivedRecord[]>();
    // pushed, not copied: a batch of thousands of records is grouped in one pass
    for (const r of records) {
      const same = byTopic.get(r.topic);
      if (same) same.push(r);
      else byTopic.set(r.topic, [r]);
    }
    for (const [topic, rs] of byTopic) await this.handleTopic(topic, rs);
  }

  private async handleTopic(topic: string, records: ReceivedRecord[]): Promise<void> {
    const parts = this.s.consumers
      .filter((c) => c.topics.includes(topic))
      .map((consumer) => ({ consumer, ...consumer.decode(records), fresh: [] as CloudEvent[] }));
    const taking = parts.filter((p) => p.decoded.length);
    if (taking.length) {
      try {
        const em = this.s.orm.em.fork();
        const work = () =>
          em.transactional(async (tem) => {
            const claimed = await claimInbox(
              tem,
              this.s.schema,
              taking.flatMap((p) => p.decoded.map((d) => ({ consumer: p.consumer.name, event_id: d.event.id }))),
            );
            for (const p of taking) {
              p.fresh = p.consumer.firstTime(p.decoded, claimed);
              await p.consumer.applyFresh(tem, p.fresh);
            }
          });
        // each consumer's trace of the batch wraps the one transaction
        await taking.reduce<() => Promise<void>>((inner, p) => () => p.consumer.around(p.decoded, inner), work)();
        for (const p of taking) p.consumer.committed(p.decoded, p.fresh);
      } catch (batchError) {
        this.s.log.warn({ err: (batchError as Error).message, intake: this.s.name }, 'batch failed for the service; each consumer applies it on its own');
        for (const p of taking) await p.consumer.applyOrDeadLetter(p.decoded, p.dead);
      }
    }
    for (const p of parts) await p.consumer.sendDeadLetters(p.dead);
  }
}
