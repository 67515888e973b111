import { OutboxEntry } from '../../services/kernel/src/events';
import { migrate, openDatabase } from '../../services/kernel/src/db';
import { services } from '../../cli/services';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';

/** A fresh database with every service's schema migrated, as `mmhub migrate` leaves it. */
export async function migratedDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  for (const def of services) {
    const orm = await openDatabase({ url: db.url, schema: def.name, entities: [...def.entities, OutboxEntry], migrations: def.migrations, poolMax: 1 });
    try {
      await migrate(orm);
    } finally {
      await orm.close();
    }
  }
  return db;
}
