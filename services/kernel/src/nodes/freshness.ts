import type { EntityManager } from '@mikro-orm/postgresql';
import type { CloudEvent } from '../events/cloudevent';
import { executeBound } from '../db/bound';

/**
 * Notes, in the consumer's transaction, the newest event applied from each origin node, how many,
 * and how long the newest took to arrive: one statement per batch.
 */
export async function noteFreshness(em: EntityManager, schema: string, events: CloudEvent[]): Promise<void> {
  if (!events.length) return;
  const byNode = new Map<string, { last: number; count: number }>();
  for (const e of events) {
    const t = Date.parse(e.time);
    const n = byNode.get(e.node) ?? { last: 0, count: 0 };
    byNode.set(e.node, { last: Math.max(n.last, t), count: n.count + 1 });
  }
  // rows in one order: batches applied side by side lock them without deadlock
  const rows = [...byNode].sort(([a], [b]) => (a < b ? -1 : 1)).map(([node, v]) => ({ node, last: new Date(v.last).toISOString(), count: v.count }));
  await executeBound(
    em,
    `insert into "${schema}"."node_freshness" ("node", "last_event_at", "last_applied_at", "events_applied", "lag_seconds")
       select r.node, r.last, now(), r.count, greatest(0, extract(epoch from now() - r.last))
       from jsonb_to_recordset(?::jsonb) as r(node text, last timestamptz, count bigint)
     on conflict ("node") do update set
       "last_event_at" = greatest("node_freshness"."last_event_at", excluded."last_event_at"),
       "last_applied_at" = excluded."last_applied_at",
       "events_applied" = "node_freshness"."events_applied" + excluded."events_applied",
       "lag_seconds" = excluded."lag_seconds"`,
    [JSON.stringify(rows)],
  );
}

export interface Freshness {
  node: string;
  lastEventAt: Date;
  lastAppliedAt: Date;
  eventsApplied: number;
  lagSeconds: number;
}

/** What this service has applied from each node. */
export async function freshnessOf(em: EntityManager, schema: string): Promise<Freshness[]> {
  const rows = await em
    .getConnection()
    .execute<{ node: string; last_event_at: Date; last_applied_at: Date; events_applied: string; lag_seconds: number }[]>(
      `select node, last_event_at, last_applied_at, events_applied, lag_seconds from "${schema}"."node_freshness"`,
    );
  return rows.map((r) => ({
    node: r.node,
    lastEventAt: new Date(r.last_event_at),
    lastAppliedAt: new Date(r.last_applied_at),
    eventsApplied: Number(r.events_applied),
    lagSeconds: Number(r.lag_seconds),
  }));
}
