import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { EventBus } from './bus';
import { toRecord, type BusRecord } from './cloudevent';
import type { Logger } from '../observability/logger';
import { retryDelayMs, wakeableWait } from './wait';
import { outboxChannel } from './outbox';

export interface RelaySettings {
  orm: MikroORM;
  schema: string;
  bus: EventBus;
  log: Logger;
  batchSize: number;
  pollMs: number;
  /** Where to LISTEN for the outbox's commits; without it the relay polls every `pollMs` (and is woken in-process). */
  listenUrl?: string;
  observer?: RelayObserver;
}

/** What a record is made of: not `sent_at` nor `seq`. */
const PUBLISHED_COLUMNS = '"id", "topic", "type", "source", "subject", "node", "aggregate_version", "time", "data"';

/** While the relay listens, polling is only the safety net for a notification lost with its connection. */
const SAFETY_POLL_MS = 5000;

/** Told of each published batch and each failed attempt; for metrics. */
export interface RelayObserver {
  published(count: number): void;
  failed(): void;
}

/** An outbox row as the relay publishes it. */
export function recordOfOutboxRow(r: PendingRow): BusRecord {
  return toRecord(r.topic, {
    id: r.id,
    source: r.source,
    type: r.type,
    subject: r.subject,
    node: r.node,
    aggregateVersion: r.aggregate_version,
    time: new Date(r.time).toISOString(),
    data: r.data,
    traceparent: r.traceparent ?? undefined,
  });
}

export interface PendingRow {
  id: string;
  topic: string;
  type: string;
  source: string;
  subject: string;
  node: string;
  aggregate_version: number;
  time: Date;
  data: object;
  traceparent?: string | null;
}

/**
 * Publishes committed outbox rows in commit order, a batch at a time, and marks them sent.
 * One relay per schema publishes at a time (transaction-scoped advisory lock), so replicas
 * of a service keep per-aggregate order; a failed publish leaves the rows for the next try.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private failures = 0;
  private listener?: Client;
  private listening = false;
  private woken = false;
  private endListenWait?: () => void;
  private columns?: Promise<string>;
  published = 0;

  constructor(private readonly s: RelaySettings) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    if (this.s.listenUrl) void this.listen(this.s.listenUrl);
  }

  /** Keeps a connection that LISTENs for the outbox's commits, reconnecting after a loss; the safety poll covers the gap. */
  private async listen(url: string): Promise<void> {
    for (let failures = 0; this.running; failures++) {
      const client = new Client({ connectionString: url, application_name: `mmhub-relay-${this.s.schema}` });
      const lost = new Promise<void>((resolve) => {
        client.once('error', () => resolve());
        client.once('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', () => this.look());
        await client.query(`listen "${outboxChannel(this.s.schema)}"`);
        this.listener = client;
        this.listening = true;
        failures = 0;
        // rows committed while no one listened
        this.look();
        await lost;
      } catch (e) {
        if (failures % 20 === 0) this.s.log.warn({ err: (e as Error).message }, 'outbox relay cannot listen for commits; polling meanwhile');
      } finally {
        this.listening = false;
        this.listener = undefined;
        await client.end().catch(() => undefined);
      }
      if (!this.running) return;
      const wait = wakeableWait(retryDelayMs(failures + 1));
      this.endListenWait = wait.wake;
      await wait.ended;
    }
  }

  /**
   * Called after a commit in this process so the event leaves at once rather than at the next poll.
   * While the relay listens, the commit's own notification wakes it: a second wake would be a second look.
   */
  wake(): void {
    if (!this.listening) this.look();
  }

  private look(): void {
    // during an outage the back-off holds; a commit must not turn it into a busy retry
    if (this.failures) return;
    // a commit seen while a batch is being published is looked for right after it
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  /** Stops polling, then publishes what is left, for up to `drainMs`. */
  async stop(drainMs = 5000): Promise<void> {
    this.running = false;
    this.endListenWait?.();
    await this.listener?.end().catch(() => undefined);
    this.wakeUp?.();
    await this.loop;
    const deadline = Date.now() + drainMs;
    while (Date.now() < deadline) {
      try {
        if ((await this.publishBatch()) === 0) return;
      } catch (e) {
        this.s.log.warn({ err: e }, 'outbox not drained at shutdown; rows stay for the next start');
        return;
      }
    }
  }

  /** Publishes one batch; returns how many rows were sent. */
  async publishBatch(): Promise<number> {
    const knex = this.s.orm.em.getKnex();
    const table = `"${this.s.schema}"."outbox"`;
    const columns = await this.publishedColumns();
    return knex.transaction(async (trx) => {
      // one statement takes the lock (another relay holding it: no rows), picks and marks the batch;
      // the mark commits only after the broker's acknowledgement, a failed publish rolls it back
      const { rows }: { rows: PendingRow[] } = await trx.raw(
        `with sent as (update ${table} set sent_at = now()
           where (select pg_try_advisory_xact_lock(hashtext(?)))
             and id = any(array(select id from ${table} where sent_at is null order by seq limit ?)) returning seq, ${columns})
         select ${columns} from sent order by seq`,
        [`mmhub.outbox.${this.s.schema}`, this.s.batchSize],
      );
      if (!rows.length) return 0;
      await this.s.bus.publish(rows.map(recordOfOutboxRow));
      return rows.length;
    });
  }

  /** The columns a record is made of; an outbox whose traceparent migration has not run yet publishes without it. */
  private async publishedColumns(): Promise<string> {
    this.columns ??= this.s.orm.em
      .getKnex()
      .raw(
        `select exists (select 1 from information_schema.columns where table_schema = ? and table_name = 'outbox' and column_name = 'traceparent') as traced`,
        [this.s.schema],
      )
      .then((r: { rows: Array<{ traced: boolean }> }) => PUBLISHED_COLUMNS + (r.rows[0].traced ? ', "traceparent"' : ''))
      .catch((e: unknown) => {
        this.columns = undefined;
        throw e;
      });
    return this.columns;
  }

  /** Rows committed but not yet published, and the age of the oldest in seconds. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const r = await this.s.orm.em
      .getKnex()
      .raw(
        `select count(*)::int as pending, coalesce(extract(epoch from now() - min(time)), 0)::float as age from "${this.s.schema}"."outbox" where sent_at is null`,
      );
    return { pending: r.rows[0].pending, oldestAgeSeconds: r.rows[0].age };
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      this.woken = false;
      try {
        sent = await this.publishBatch();
        this.published += sent;
        if (sent) this.s.observer?.published(sent);
        if (this.failures) this.s.log.info({ after: this.failures }, 'outbox relay publishing again');
        this.failures = 0;
      } catch (e) {
        this.failures++;
        this.s.observer?.failed();
        // one warning per outage, then quieter
        if (this.failures === 1 || this.failures % 50 === 0)
          this.s.log.warn({ err: (e as Error).message, failures: this.failures }, 'outbox relay cannot publish; will retry');
      }
      if (sent === this.s.batchSize) continue;
      if (this.woken && !this.failures) {
        this.woken = false;
        continue;
      }
      const wait = wakeableWait(this.failures ? retryDelayMs(this.failures) : this.listening ? SAFETY_POLL_MS : this.s.pollMs);
      this.wakeUp = wait.wake;
      await wait.ended;
      this.wakeUp = undefined;
    }
  }
}
