import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import { wakeableWait } from './wait';

/** How long each event table keeps its rows (see Config): sent outbox rows, the journal, the inbox. */
export type Retention = Config['retention'];

export interface PruneSettings {
  orm: MikroORM;
  schema: string;
  retention: Retention;
  log: Logger;
}

/** Rows removed by one pass, per table. */
export interface Pruned {
  outbox: number;
  journal: number;
  inbox: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes what the event tables no longer need to keep, a small batch per statement, so that no
 * lock is held for long: the relay and the consumers go on between batches. Outbox rows still to
 * publish are never touched; the journal loses its oldest numbers first, so that what it keeps is
 * always every event from its oldest cursor on.
 */
export class RetentionPruner {
  private running = false;
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(private readonly s: PruneSettings) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
  }

  /** One pass over the three tables; each table until a batch comes back short. */
  async prune(now = new Date()): Promise<Pruned> {
    const r = this.s.retention;
    const sql = pruneStatements(this.s.schema);
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const pruned: Pruned = { outbox: 0, journal: 0, inbox: 0 };
    if (r.outboxDays > 0) pruned.outbox = await this.inBatches(sql.outbox, before(r.outboxDays));
    if (r.inboxDays > 0) pruned.inbox = await this.inBatches(sql.inbox, before(r.inboxDays));
    if (r.journalDays > 0 && (await this.hasJournal())) pruned.journal = await this.inBatches(sql.journal, before(r.journalDays));
    return pruned;
  }

  private async inBatches(sql: string, cutoff: Date): Promise<number> {
    const conn = this.s.orm.em.getConnection();
    let total = 0;
    while (!this.stopping) {
      const result = await conn.execute<{ affectedRows: number }>(sql, [cutoff, this.s.retention.batchSize], 'run');
      total += result.affectedRows;
      if (result.affectedRows < this.s.retention.batchSize) break;
    }
    return total;
  }

  private async hasJournal(): Promise<boolean> {
    const [r] = await this.s.orm.em.getConnection().execute<{ found: string | null }[]>(`select to_regclass(?) as found`, [`"${this.s.schema}"."journal"`]);
    return Boolean(r.found);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const pruned = await this.prune();
        if (pruned.outbox || pruned.journal || pruned.inbox) this.s.log.info({ pruned }, 'event tables pruned');
      } catch (e) {
        this.s.log.warn({ err: (e as Error).message }, 'event tables not pruned; will try again');
      }
      const wait = wakeableWait(this.s.retention.intervalMs);
      this.wakeUp = wait.wake;
      await wait.ended;
      this.wakeUp = undefined;
    }
  }
}

/** The statements that delete a batch of a table's rows older than a cutoff (the first parameter; the second is the batch's size). */
export function pruneStatements(schema: string): Record<keyof Pruned, string> {
  const table = (name: string) => `"${schema}"."${name}"`;
  return {
    // locked rows (a relay or a consumer at work on them) are left for the next pass rather than waited for;
    // outbox ids are time-ordered, so its oldest rows come first through the primary key
    outbox: `delete from ${table('outbox')} where ctid = any(array(
       select ctid from ${table('outbox')} where "sent_at" is not null and "sent_at" < ? order by "id" limit ? for update skip locked))`,
    // found through the block-range index on applied_at: no pass reads the whole inbox
    inbox: `delete from ${table('inbox')} where ctid = any(array(
       select ctid from ${table('inbox')} where "applied_at" < ? limit ? for update skip locked))`,
    // the oldest numbers first, up to the first event taken in within the retention; the newest event stays
    // however old, so that a cursor from before it is still told apart from one that has missed nothing
    journal: `delete from ${table('journal')} where "seq" = any(array(
       select "seq" from ${table('journal')}
       where "seq" < coalesce((select min("seq") from ${table('journal')} where "taken_at" >= ?), (select max("seq") from ${table('journal')}))
       order by "seq" limit ?))`,
  };
}

/** The sizes of a schema's event tables: bytes on disk (with indexes) and rows as PostgreSQL last estimated them. */
export async function eventTableSizes(orm: MikroORM, schema: string): Promise<{ table: string; bytes: number; rows: number }[]> {
  return orm.em.getConnection().execute(
    `select t.name as "table", pg_total_relation_size(c.oid)::float8 as bytes, greatest(c.reltuples, 0)::float8 as rows
       from unnest(array['outbox', 'journal', 'inbox']) as t(name)
       join pg_class c on c.oid = to_regclass(format('%I.%I', ?::text, t.name))`,
    [schema],
  );
}
