import { MikroORM, PostgreSqlDriver, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import type { Logger } from '../observability/logger';
import { ConfigError } from '../config/config';

export type { EntityManager };

export interface NamedMigration {
  name: string;
  class: new (...args: never[]) => Migration;
}

export interface OrmSettings {
  url: string;
  schema: string;
  entities: Options['entities'];
  migrations: NamedMigration[];
  poolMax: number;
  log?: Logger;
  /** Receives every SQL statement; for tests that count round trips. */
  onQuery?: (sql: string) => void;
}

/** Opens the service's database: its own PostgreSQL schema, committed migrations, no schema sync. */
export async function openDatabase(s: OrmSettings): Promise<MikroORM> {
  return MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: s.url,
    schema: s.schema,
    entities: s.entities,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
    migrations: {
      migrationsList: s.migrations as never,
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: s.poolMax },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: s.onQuery ? ['query'] : false,
    highlighter: undefined,
    logger: (m) => (s.onQuery ? s.onQuery(m) : s.log?.debug({ orm: m })),
  });
}

/** PostgreSQL's code for a database that does not exist. */
const NO_SUCH_DATABASE = '3D000';

/** The database answers; one that does not exist is a configuration error naming the variable. */
export async function requireDatabase(orm: MikroORM): Promise<void> {
  try {
    await orm.em.getConnection().execute('select 1');
  } catch (e) {
    if ((e as { code?: string }).code !== NO_SUCH_DATABASE) throw e;
    const name = orm.config.get('dbName');
    throw new ConfigError([
      `MMHUB_DATABASE_URL: the database "${name}" does not exist; create it first (infra/postgres/create-databases.sh <node>), or correct the URL`,
    ]);
  }
}

/**
 * Applies pending migrations; returns the names applied. The database must exist: the migrator would
 * create it, and a mistyped URL would then serve an empty node.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  await requireDatabase(orm);
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Whether the database answers. */
export async function databaseReachable(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
