import type { EntityManager, EntityName, FilterQuery, QBQueryOrderMap } from '@mikro-orm/postgresql';

/** An entity's table as SQL names it (schema-qualified, quoted), and its stored columns, property → column. */
export function tableOf(em: EntityManager, entity: EntityName<object>): { table: string; columns: [string, string][] } {
  const meta = em.getMetadata().get(entity as never);
  const schema = meta.schema ?? em.config.get('schema');
  // read on every request of a read path: the metadata does not change once the ORM has started
  let byMeta = tables.get(meta);
  if (!byMeta) tables.set(meta, (byMeta = new Map()));
  let table = byMeta.get(schema);
  if (!table) {
    table = {
      table: `"${schema}"."${meta.tableName}"`,
      columns: meta.props.filter((p) => p.persist !== false && p.fieldNames?.length === 1).map((p) => [p.name, p.fieldNames[0]] as [string, string]),
    };
    byMeta.set(schema, table);
  }
  return table;
}

const tables = new WeakMap<object, Map<string | undefined, { table: string; columns: [string, string][] }>>();

/**
 * A row as the entity's properties (column names mapped, dates parsed), as a plain object: read
 * paths that only answer need neither the identity map nor change tracking, which cost as much as the statement.
 */
export function plainRow<T extends object>(em: EntityManager, entity: EntityName<T>, row: Record<string, unknown>): T {
  return em.getComparator().mapResult(em.getMetadata().get(entity as never).className, row) as T;
}

/**
 * The rows `em.find(entity, where)` would read, the request's filters applied, as plain objects (see plainRow):
 * for read paths that load many rows per request only to answer with them.
 */
export async function plainRows<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, orderBy?: QBQueryOrderMap<T>): Promise<T[]> {
  const qb = em.createQueryBuilder(entity).where(where);
  if (orderBy) qb.orderBy(orderBy);
  await qb.applyFilters();
  return qb.execute<T[]>('all', true);
}
