import { EventEmitter } from 'node:events';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config/config';
import { MINISTRY } from '../domain/sector';
import { DomainError } from '../domain/errors';
import type { CloudEvent } from './cloudevent';
import { executeBound } from '../db/bound';
import { eventDefinition, eventTopicOf } from './schemas/catalog';
import type { ServiceEvents } from './schemas/event';

/**
 * The journal: every event a node has taken in, numbered in the order it was taken in. It is what
 * subscriptions read, so that a client that comes back with the number of the last event it saw
 * receives every later one. Written by one consumer at a time (a transaction lock), so that
 * numbers become visible in order and a reader never passes over one still being written.
 */

/** Which events a node's journal takes: at the hub every node's; elsewhere its own and the ministry's. */
export const journalAccepts = (e: CloudEvent, config: Config): boolean => config.role === 'hub' || e.node === config.node || e.node === MINISTRY;

/** Adds events to the journal, in the consumer's transaction; an event already there is skipped. */
export async function journalEvents(em: EntityManager, schema: string, events: CloudEvent[]): Promise<void> {
  if (!events.length) return;
  const ctx = em.getTransactionContext();
  // numbers are handed out and committed one writer at a time, so they appear in order
  await em.getConnection().execute(`select pg_advisory_xact_lock(hashtext(?))`, [`${schema}.journal`], 'all', ctx);
  const rows = events.map((e) => ({
    id: e.id,
    type: e.type,
    service: eventDefinition(e.type)?.service ?? 'nodes',
    source: e.source,
    node: e.node,
    subject: e.subject,
    version: e.aggregateVersion,
    time: e.time,
    data: e.data,
  }));
  await executeBound(
    em,
    `insert into "${schema}"."journal" ("id", "type", "service", "source", "node", "subject", "aggregate_version", "time", "data")
       select r.id, r.type, r.service, r.source, r.node, r.subject, r.version, r.time, r.data
       from rows from (jsonb_to_recordset(?::jsonb) as (id uuid, type text, service text, source text, node text, subject text, version integer, time timestamptz, data jsonb))
         with ordinality as r(id, type, service, source, node, subject, version, time, data, n)
       order by r.n
     on conflict ("id") do nothing`,
    [JSON.stringify(rows)],
  );
}

/** One event of the journal, as subscriptions deliver it. */
export interface JournalEvent {
  seq: string;
  id: string;
  type: string;
  service: string;
  source: string;
  node: string;
  subject: string;
  aggregateVersion: number;
  time: Date;
  data: Record<string, unknown>;
}

export interface JournalFilter {
  nodes?: string[];
  services?: string[];
  /** Exact types, or patterns with `*` (mmhub.initiative.*). */
  types?: string[];
  axes?: string[];
  subject?: string;
}

/** Where a reader starts: after a cursor, at the first event taken in at or after a time, or now. */
export type JournalStart = { after: string } | { since: Date } | 'now';

const CURSOR_PREFIX = 'j1:';

/** Opaque to clients: the journal's number of an event. */
export const cursorOf = (seq: string): string => Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');

/** The number inside a cursor, or null when it is not one of ours. */
export function seqOfCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const seq = text.slice(CURSOR_PREFIX.length);
  return /^\d{1,18}$/.test(seq) ? seq : null;
}

/**
 * Refuses a cursor from before what the journal still keeps (its retention deleted the events that
 * followed it), naming the cursor from which every event still kept is delivered.
 */
export async function requireKept(em: EntityManager, schema: string, after: string): Promise<void> {
  const [r] = await em.getConnection().execute<{ oldest: string | null }[]>(`select min("seq")::text as oldest from "${schema}"."journal"`);
  if (!r.oldest || BigInt(after) >= BigInt(r.oldest) - 1n) return;
  const oldestCursor = cursorOf((BigInt(r.oldest) - 1n).toString());
  throw new DomainError(
    'BAD_USER_INPUT',
    {
      en: `The events that followed this cursor are no longer kept here (the journal keeps the last MMHUB_JOURNAL_RETENTION_DAYS days). Resume with after: "${oldestCursor}" to receive every event still kept, or with since: a time.`,
      ar: `لم تعد الأحداث التي تلت هذا المؤشر محفوظة هنا (يحفظ السجل آخر MMHUB_JOURNAL_RETENTION_DAYS يوماً). استأنف بـ after: "${oldestCursor}" لتصلك كل الأحداث المحفوظة، أو بـ since ووقتٍ.`,
    },
    { field: 'after', oldestCursor },
  );
}

const like = (pattern: string) => pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');

function whereOf(f: JournalFilter, params: unknown[]): string {
  const where: string[] = [];
  // lists travel as one JSON value: the driver would spread an array into several parameters
  const anyOf = (values: string[]) => {
    params.push(JSON.stringify(values));
    return `any(array(select jsonb_array_elements_text(?::jsonb)))`;
  };
  if (f.nodes?.length) where.push(`"node" = ${anyOf(f.nodes)}`);
  if (f.services?.length) where.push(`"service" = ${anyOf(f.services)}`);
  if (f.types?.length) where.push(`"type" like ${anyOf(f.types.map(like))}`);
  if (f.axes?.length) where.push(`"data" -> 'state' ->> 'axis' = ${anyOf(f.axes)}`);
  if (f.subject) {
    params.push(f.subject);
    where.push(`"subject" = ?`);
  }
  return where.length ? ` and ${where.join(' and ')}` : '';
}

type Row = {
  cursor_seq: string;
  id: string;
  type: string;
  service: string;
  source: string;
  node: string;
  subject: string;
  aggregate_version: number;
  time: Date;
  data: Record<string, unknown>;
};

/** Wakes the readers of a journal when its own process writes to it; others find out by polling. */
export class JournalBell {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  ring(): void {
    this.emitter.emit('ring');
  }

  /** Resolves at the next ring, after `ms`, or when `signal` aborts, whichever comes first. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('ring', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.once('ring', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

export interface JournalReadOptions {
  em: EntityManager;
  schema: string;
  bell: JournalBell;
  filter: JournalFilter;
  start: JournalStart;
  signal: AbortSignal;
  /** How often to look when no ring came (another process of the service may have written). */
  pollMs?: number;
  pageSize?: number;
}

/** The journal's events from `start`, matching the filter, in order, then each new one as it is taken in. */
export async function* readJournal(o: JournalReadOptions): AsyncGenerator<JournalEvent> {
  const conn = o.em.getConnection();
  const table = `"${o.schema}"."journal"`;
  let after: string;
  if (o.start === 'now') {
    after = (await conn.execute<{ seq: string | null }[]>(`select max("seq")::text as seq from ${table}`))[0].seq ?? '0';
  } else if ('after' in o.start) {
    after = o.start.after;
  } else {
    const first = await conn.execute<{ seq: string | null }[]>(`select min("seq")::text as seq from ${table} where "time" >= ?`, [o.start.since]);
    after = first[0].seq
      ? (BigInt(first[0].seq) - 1n).toString()
      : ((await conn.execute<{ seq: string | null }[]>(`select max("seq")::text as seq from ${table}`))[0].seq ?? '0');
  }
  const pageSize = o.pageSize ?? 200;
  while (!o.signal.aborted) {
    const params: unknown[] = [after];
    const where = whereOf(o.filter, params);
    params.push(pageSize);
    // sorted by the number itself: its text (the cursor) would put 10 before 9
    const rows = await conn.execute<Row[]>(
      `select j."seq"::text as cursor_seq, j."id", j."type", j."service", j."source", j."node", j."subject", j."aggregate_version", j."time", j."data"
         from ${table} j where j."seq" > ?::bigint${where} order by j."seq" limit ?`,
      params,
    );
    for (const r of rows) {
      if (o.signal.aborted) return;
      after = r.cursor_seq;
      yield {
        seq: r.cursor_seq,
        id: r.id,
        type: r.type,
        service: r.service,
        source: r.source,
        node: r.node,
        subject: r.subject,
        aggregateVersion: r.aggregate_version,
        time: new Date(r.time),
        data: r.data,
      };
    }
    if (rows.length < pageSize) await o.bell.wait(o.pollMs ?? 500, o.signal);
  }
}

/** The consumer that fills a service's journal with the events of `services`, from their topics. */
export const journalConsumer = (services: readonly ServiceEvents[]) => ({
  name: 'journal',
  topics: services.map((s) => eventTopicOf(s.service)),
  events: services.flatMap((s) => s.events),
  accept: journalAccepts,
  apply: async () => {},
  journal: true,
});
