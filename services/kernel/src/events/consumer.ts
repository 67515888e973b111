import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventBus, ReceivedRecord, Subscription } from './bus';
import { dataOf, dlqOf, envelopeOf, type BusRecord, type CloudEvent } from './cloudevent';
import type { Logger } from '../logger';
import { validateEvent } from './schemas/validate';

/** Applies events inside the consumer's transaction; stale and duplicate versions are its to ignore. */
export type ApplyEvents = (em: EntityManager, events: CloudEvent[]) => Promise<void>;

export interface ConsumerSettings {
  /** Stable name: the inbox key and the Kafka consumer group. */
  name: string;
  orm: MikroORM;
  schema: string;
  bus: EventBus;
  topics: string[];
  log: Logger;
  /** Which events this node takes (by origin node, type...); others are skipped without a trace. Sees the attributes only: the data is decoded after. */
  accept: (e: CloudEvent) => boolean;
  apply: ApplyEvents;
  fromBeginning?: boolean;
  observer?: ConsumerObserver;
  /** After a batch commits, with the events applied for the first time. */
  afterCommit?: (fresh: CloudEvent[]) => void;
}

/** Metrics and traces of a consumer, kept out of its logic. */
export interface ConsumerObserver {
  /** Wraps the transaction that applies a batch (a span per event, child of the event's traceparent). */
  around<T>(topic: string, events: CloudEvent[], work: () => Promise<T>): Promise<T>;
  /** After a batch of `topic` commits: the events applied for the first time, and how many were duplicates. */
  applied(topic: string, fresh: CloudEvent[], duplicates: number): void;
  deadLettered(records: BusRecord[]): void;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  deadLettered: number;
  lastEventAt?: Date;
}

// the services of one process take in the same records: each is checked against its schema once
const VALID_KEPT = 20_000;
const validValues = new Map<string, string>();

/** The errors of an event against its schema; a record already found valid here is not checked again. */
function validated(event: CloudEvent, value: string): string[] {
  if (validValues.get(event.id) === value) return [];
  const invalid = validateEvent(event.type, event.data);
  if (invalid.length) return invalid;
  if (validValues.size >= VALID_KEPT) validValues.delete(validValues.keys().next().value!);
  validValues.set(event.id, value);
  return [];
}

/** The database's own words first: the driver prefixes them with the statement, which a reader of the DLQ does not need. */
function causeOf(e: Error): string {
  const db = e as Error & { code?: string; detail?: string };
  const at = e.message.lastIndexOf(' - ');
  const said = db.code && at >= 0 ? e.message.slice(at + 3) : e.message;
  return db.detail ? `${said} (${db.detail})` : said;
}

interface Decoded {
  record: ReceivedRecord;
  event: CloudEvent;
}

/**
 * Idempotent consumer: an inbox row per (consumer, event id) in the same transaction as the
 * handler's writes; records that cannot be decoded or applied go to `<topic>.dlq` with the reason,
 * and the consumer goes on.
 */
export class EventConsumer {
  readonly stats: ConsumerStats = { applied: 0, duplicates: 0, deadLettered: 0 };
  private sub?: Subscription;

  constructor(private readonly s: ConsumerSettings) {}

  get name(): string {
    return this.s.name;
  }

  async start(): Promise<void> {
    await this.s.bus.ensureTopics([...this.s.topics, ...this.s.topics.map(dlqOf)]);
    this.sub = await this.s.bus.subscribe({
      groupId: this.s.name,
      topics: this.s.topics,
      fromBeginning: this.s.fromBeginning ?? true,
      onBatch: (records) => this.handle(records),
    });
  }

  async stop(): Promise<void> {
    await this.sub?.stop();
    this.sub = undefined;
  }

  /** Handles one batch; throws only when the database cannot be reached, so the bus delivers again. */
  async handle(records: ReceivedRecord[]): Promise<void> {
    const dead: BusRecord[] = [];
    const decoded: Decoded[] = [];
    for (const record of records) {
      try {
        const envelope = envelopeOf(record);
        // a record this node does not take is not worth parsing
        if (!this.s.accept({ ...envelope, data: undefined })) continue;
        const event: CloudEvent = { ...envelope, data: dataOf(record) };
        const invalid = validated(event, record.value!);
        if (invalid.length) dead.push(this.deadLetter(record, `invalid: ${invalid.join('; ')}`));
        else decoded.push({ record, event });
      } catch (e) {
        dead.push(this.deadLetter(record, `undecodable: ${(e as Error).message}`));
      }
    }
    if (decoded.length) {
      try {
        await this.applyAll(decoded);
      } catch (batchError) {
        this.s.log.warn({ err: (batchError as Error).message, consumer: this.s.name }, 'batch failed; applying one by one');
        for (const d of decoded) {
          try {
            await this.applyAll([d]);
          } catch (e) {
            if (!(await this.databaseAnswers())) throw e;
            dead.push(this.deadLetter(d.record, `not applied: ${causeOf(e as Error)}`));
          }
        }
      }
    }
    if (dead.length) {
      await this.s.bus.publish(dead);
      this.stats.deadLettered += dead.length;
      this.s.observer?.deadLettered(dead);
      this.s.log.warn({ consumer: this.s.name, count: dead.length }, 'records sent to the dead-letter topic');
    }
  }

  private async applyAll(batch: Decoded[]): Promise<void> {
    const em = this.s.orm.em.fork();
    let fresh: CloudEvent[] = [];
    const work = () => em.transactional(async (tem) => {
      const ids = batch.map((d) => d.event.id);
      const claimed = await tem
        .getConnection()
        .execute<{ event_id: string }[]>(
          `insert into "${this.s.schema}"."inbox" ("consumer", "event_id") select ?, jsonb_array_elements_text(?::jsonb) on conflict do nothing returning "event_id"`,
          [this.s.name, JSON.stringify(ids)],
          'all',
          tem.getTransactionContext(),
        );
      const firstTime = new Set(claimed.map((r) => r.event_id));
      fresh = [];
      for (const d of batch) {
        if (firstTime.delete(d.event.id)) fresh.push(d.event);
      }
      if (fresh.length) await this.s.apply(tem, fresh);
    });
    await (this.s.observer ? this.s.observer.around(batch[0].record.topic, batch.map((d) => d.event), work) : work());
    this.s.observer?.applied(batch[0].record.topic, fresh, batch.length - fresh.length);
    if (fresh.length) this.s.afterCommit?.(fresh);
    this.stats.applied += fresh.length;
    this.stats.duplicates += batch.length - fresh.length;
    if (fresh.length) this.stats.lastEventAt = new Date();
  }

  private deadLetter(r: ReceivedRecord, reason: string): BusRecord {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = v;
    Object.assign(headers, {
      dlq_reason: reason.slice(0, 2000),
      dlq_consumer: this.s.name,
      dlq_topic: r.topic,
      dlq_partition: String(r.partition),
      dlq_offset: r.offset,
      dlq_time: new Date().toISOString(),
    });
    return { topic: dlqOf(r.topic), key: r.key ?? '', headers, value: r.value ?? '' };
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.s.orm.em.getConnection().execute('select 1');
      return true;
    } catch {
      return false;
    }
  }
}
