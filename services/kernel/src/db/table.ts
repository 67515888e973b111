import type { EntityManager, EntityName } from '@mikro-orm/postgresql';

/** An entity's table as SQL names it (schema-qualified, quoted), and its stored columns, property → column. */
export function tableOf(em: EntityManager, entity: EntityName<object>): { table: string; columns: [string, string][] } {
  const meta = em.getMetadata().get(entity as never);
  return {
    table: `"${meta.schema ?? em.config.get('schema')}"."${meta.tableName}"`,
    columns: meta.props.filter((p) => p.persist !== false && p.fieldNames?.length === 1).map((p) => [p.name, p.fieldNames[0]] as [string, string]),
  };
}
