import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs a statement with its values sent as bound parameters, in the entity manager's transaction
 * when it has one. MikroORM's `execute` writes values into the SQL text, escaping them a character
 * at a time: for a batch's JSON of a megabyte that is most of the work, and most of the garbage.
 */
export async function executeBound<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<{ rows: T[]; rowCount: number }> {
  const query = em
    .getConnection()
    .getKnex()
    .raw(sql, params as never[]);
  const trx = em.getTransactionContext();
  if (trx) query.transacting(trx);
  const result = (await query) as { rows: T[]; rowCount: number | null };
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}
