import type { EntityData, EntityManager, EntityName } from '@mikro-orm/postgresql';
import { tableOf } from '../db/table';
import { executeBound } from '../db/bound';

export interface Versioned {
  id: string;
  version: number;
}

export interface ReplicaState<E> {
  id: string;
  version: number;
  props: EntityData<E>;
}

interface ReplicaUpsert {
  /** Takes the rows as one JSON array of objects keyed by column. */
  sql: string;
  /** Property name → column name, for each property the states carry. */
  columns: [string, string][];
}

const upserts = new Map<string, ReplicaUpsert>();

/** The upsert of the properties `props` names: others keep their stored value (or default). */
function replicaUpsert(em: EntityManager, entity: EntityName<object>, props: object): ReplicaUpsert {
  const stored = tableOf(em, entity);
  const table = stored.table;
  const key = `${table} ${Object.keys(props).join(',')}`;
  const known = upserts.get(key);
  if (known) return known;
  const columns = stored.columns.filter(([prop]) => prop in props);
  const list = columns.map(([, c]) => `"${c}"`).join(', ');
  const updates = columns
    .filter(([, c]) => c !== 'id')
    .map(([, c]) => `"${c}" = excluded."${c}"`)
    .join(', ');
  // PostgreSQL converts each JSON value to its column's type (timestamptz, date, jsonb, text[]...)
  const sql =
    `insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, ?::jsonb) ` +
    `on conflict ("id") do update set ${updates} where ${table}."version" < excluded."version"`;
  const made = { sql, columns };
  upserts.set(key, made);
  return made;
}

/**
 * Writes replica rows from event-carried state: a row is created or replaced only by a newer
 * version, so duplicates and stale deliveries change nothing. One statement per batch;
 * `applied` counts the rows written, `stale` the states that lost to a newer one.
 */
export async function upsertNewer<E extends Versioned>(
  em: EntityManager,
  entity: EntityName<E>,
  states: ReplicaState<E>[],
): Promise<{ applied: number; stale: number }> {
  if (!states.length) return { applied: 0, stale: 0 };
  // one statement may touch a row only once: the newest state of each aggregate in the batch
  const newest = new Map<string, ReplicaState<E>>();
  for (const s of states) {
    const seen = newest.get(s.id);
    if (!seen || seen.version < s.version) newest.set(s.id, s);
  }
  // states of one entity carry the same properties, so one statement takes them all
  const bySignature = new Map<string, ReplicaState<E>[]>();
  for (const s of newest.values()) {
    const signature = Object.keys(s.props as object).join(',');
    const group = bySignature.get(signature);
    if (group) group.push(s);
    else bySignature.set(signature, [s]);
  }
  let applied = 0;
  for (const group of bySignature.values()) {
    const { sql, columns } = replicaUpsert(em, entity as EntityName<object>, group[0].props as object);
    const rows = group.map((s) => {
      const props = s.props as Record<string, unknown>;
      const row: Record<string, unknown> = {};
      for (const [prop, column] of columns) row[column] = props[prop] ?? null;
      return row;
    });
    applied += (await executeBound(em, sql, [JSON.stringify(rows)])).rowCount;
  }
  return { applied, stale: states.length - applied };
}
