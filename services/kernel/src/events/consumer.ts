import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventBus, ReceivedRecord, Subscription } from './bus';
import { dataOf, dlqOf, envelopeOf, type BusRecord, type CloudEvent } from './cloudevent';
import type { Logger } from '../observability/logger';
import { validateEvent } from './schemas/validate';
import { executeBound } from '../db/bound';

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
// two generations, the older dropped whole: evicting a Map's oldest key one at a time scans the
// deleted entries before it on every call, which took a tenth of the hub's time in a burst
let validValues = new Map<string, string>();
let validBefore = new Map<string, string>();

/** The errors of an event against its schema; a record already found valid here is not checked again. */
function validated(event: CloudEvent, value: string): string[] {
  if ((validValues.get(event.id) ?? validBefore.get(event.id)) === value) return [];
  const invalid = validateEvent(event.type, event.data);
  if (invalid.length) return invalid;
  if (validValues.size >= VALID_KEPT) {
    validBefore = validValues;
    validValues = new Map();
  }
  validValues.set(event.id, value);
  return [];
}

/** A record as read once for all the consumers of a batch: its attributes, then, if one takes it, its data and their check. */
interface Reading {
  attributes?: CloudEvent;
  event?: CloudEvent;
  /** Why the record cannot be applied: undecodable, or invalid against its schema. */
  refused?: string;
}

// the consumers of an intake see the same record objects: each is decoded and checked once
const readings = new WeakMap<ReceivedRecord, Reading>();

function readingOf(record: ReceivedRecord): Reading {
  let r = readings.get(record);
  if (!r) {
    try {
      r = { attributes: { ...envelopeOf(record), data: undefined } };
    } catch (e) {
      r = { refused: `undecodable: ${(e as Error).message}` };
    }
    readings.set(record, r);
  }
  return r;
}

/** The event with its data, decoded and checked on the first call. */
function eventOf(record: ReceivedRecord, r: Reading): void {
  if (r.event || r.refused) return;
  try {
    const event: CloudEvent = { ...r.attributes!, data: dataOf(record) };
    const invalid = validated(event, record.value!);
    if (invalid.length) r.refused = `invalid: ${invalid.join('; ')}`;
    else r.event = event;
  } catch (e) {
    r.refused = `undecodable: ${(e as Error).message}`;
  }
}

/** The database's own words first: the driver prefixes them with the statement, which a reader of the DLQ does not need. */
function causeOf(e: Error): string {
  const db = e as Error & { code?: string; detail?: string };
  const at = e.message.lastIndexOf(' - ');
  const said = db.code && at >= 0 ? e.message.slice(at + 3) : e.message;
  return db.detail ? `${said} (${db.detail})` : said;
}

/** Claims (consumer, event id) pairs in the inbox in one statement; returns the pairs seen for the first time. */
export async function claimInbox(
  em: EntityManager,
  schema: string,
  rows: { consumer: string; event_id: string }[],
): Promise<{ consumer: string; event_id: string }[]> {
  const claimed = await executeBound<{ consumer: string; event_id: string }>(
    em,
    `insert into "${schema}"."inbox" ("consumer", "event_id") select "consumer", "event_id" from jsonb_to_recordset(?::jsonb) as r("consumer" text, "event_id" text) on conflict do nothing returning "consumer", "event_id"`,
    [JSON.stringify(rows)],
  );
  return claimed.rows;
}

export interface Decoded {
  record: ReceivedRecord;
  event: CloudEvent;
}

/** What reads the bus for several consumers of a service (`EventIntake`): it starts and stops for them all. */
export interface ConsumerIntake {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Idempotent consumer: an inbox row per (consumer, event id) in the same transaction as the
 * handler's writes; records that cannot be decoded or applied go to `<topic>.dlq` with the reason,
 * and the consumer goes on.
 */
export class EventConsumer {
  readonly stats: ConsumerStats = { applied: 0, duplicates: 0, deadLettered: 0 };
  private sub?: Subscription;
  /** The service's intake that reads the bus for this consumer, when it has one. */
  intake?: ConsumerIntake;

  constructor(private readonly s: ConsumerSettings) {}

  get name(): string {
    return this.s.name;
  }

  get topics(): readonly string[] {
    return this.s.topics;
  }

  get fromBeginning(): boolean {
    return this.s.fromBeginning ?? true;
  }

  async start(): Promise<void> {
    if (this.intake) return this.intake.start();
    await this.s.bus.ensureTopics([...this.s.topics, ...this.s.topics.map(dlqOf)]);
    this.sub = await this.s.bus.subscribe({
      groupId: this.s.name,
      topics: this.s.topics,
      fromBeginning: this.s.fromBeginning ?? true,
      onBatch: (records) => this.handle(records),
    });
  }

  async stop(): Promise<void> {
    if (this.intake) return this.intake.stop();
    await this.sub?.stop();
    this.sub = undefined;
  }

  /** Handles one batch; throws only when the database cannot be reached, so the bus delivers again. */
  async handle(records: ReceivedRecord[]): Promise<void> {
    const { decoded, dead } = this.decode(records);
    if (decoded.length) await this.applyOrDeadLetter(decoded, dead);
    await this.sendDeadLetters(dead);
  }

  /** The records this consumer takes, decoded and valid; the others it refuses, as dead letters. */
  decode(records: ReceivedRecord[]): { decoded: Decoded[]; dead: BusRecord[] } {
    const dead: BusRecord[] = [];
    const decoded: Decoded[] = [];
    for (const record of records) {
      const r = readingOf(record);
      // a record this node does not take is not worth parsing
      if (r.attributes && !this.s.accept(r.attributes)) continue;
      eventOf(record, r);
      if (r.event) decoded.push({ record, event: r.event });
      else dead.push(this.deadLetter(record, r.refused!));
    }
    return { decoded, dead };
  }

  /** Applies in one transaction, or else record by record, dead-lettering those that cannot be applied. */
  async applyOrDeadLetter(decoded: Decoded[], dead: BusRecord[]): Promise<void> {
    {
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
  }

  async sendDeadLetters(dead: BusRecord[]): Promise<void> {
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
    const work = () =>
      em.transactional(async (tem) => {
        const claimed = await claimInbox(
          tem,
          this.s.schema,
          batch.map((d) => ({ consumer: this.s.name, event_id: d.event.id })),
        );
        fresh = this.firstTime(batch, claimed);
        await this.applyFresh(tem, fresh);
      });
    await this.around(batch, work);
    this.committed(batch, fresh);
  }

  /** The events of the batch the inbox took for the first time, in batch order. */
  firstTime(batch: Decoded[], claimed: { consumer: string; event_id: string }[]): CloudEvent[] {
    const ids = new Set(claimed.filter((r) => r.consumer === this.s.name).map((r) => r.event_id));
    return batch.filter((d) => ids.delete(d.event.id)).map((d) => d.event);
  }

  async applyFresh(em: EntityManager, fresh: CloudEvent[]): Promise<void> {
    if (fresh.length) await this.s.apply(em, fresh);
  }

  around<T>(batch: Decoded[], work: () => Promise<T>): Promise<T> {
    return this.s.observer
      ? this.s.observer.around(
          batch[0].record.topic,
          batch.map((d) => d.event),
          work,
        )
      : work();
  }

  /** After the transaction that applied the batch committed. */
  committed(batch: Decoded[], fresh: CloudEvent[]): void {
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
