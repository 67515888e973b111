import { OutboxEntry, migrate, openDatabase } from '../../services/kernel/src';
import { initiativesService } from '../../services/initiatives/src/service';
import { listInitiatives } from '../../services/initiatives/src/initiative/initiative.queries';
import { createTestDatabase, query, type TestDatabase } from '../support/database';

const STEMS = 'Migration20261126500000_stems';
const before = initiativesService.migrations.filter((m) => m.name < STEMS);

describe('the light-stems migration', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('stems');
  });
  afterAll(() => db.drop());

  const open = (migrations = initiativesService.migrations) =>
    openDatabase({ url: db.url, schema: 'initiatives', entities: [...initiativesService.entities, OutboxEntry], migrations, poolMax: 2 });

  it('gives the rows already stored their stems, and a search finds them by another form of a word', async () => {
    const old = await open(before);
    try {
      expect(await migrate(old)).not.toContain(STEMS);
      // rows as the previous version wrote them, more than one batch of the migration's
      await old.em.getConnection().execute(
        `insert into initiatives.initiative (id, node, code, title_ar, axis, status, planned_start, planned_end, search_text, created_by, created_at, updated_at, version)
         select gen_random_uuid(), 'riyadh', 'R-' || i, 'تطوير الحدائق ' || i, 'INFRASTRUCTURE', 'APPROVED', '2026-01-01', '2026-12-31', 'r-' || i || ' تطوير الحدائق ' || i, 'test', now(), now(), 1
         from generate_series(1, 5200) i`,
      );
    } finally {
      await old.close();
    }
    const orm = await open();
    try {
      expect(await migrate(orm)).toEqual([STEMS]);
      expect(await query(db.url, `select count(*)::int as n from initiatives.initiative where search_stems is distinct from 'r-' || substr(code, 3) || ' تطوير حدائق ' || substr(code, 3)`)).toEqual([{ n: 0 }]);
      const page = await listInitiatives(orm.em.fork(), { search: 'والحدائق' } as never, 5, null);
      expect(page.totalCount).toBe(5200);
      // a row written without stems, as a replica not yet upgraded writes it, is still found by its words
      await orm.em.getConnection().execute(
        `insert into initiatives.initiative (id, node, code, title_ar, axis, status, planned_start, planned_end, search_text, created_by, created_at, updated_at, version)
         values (gen_random_uuid(), 'riyadh', 'OLD-1', 'منصة البلاغات', 'INFRASTRUCTURE', 'APPROVED', '2026-01-01', '2026-12-31', 'old-1 منصه البلاغات', 'test', now(), now(), 1)`,
      );
      expect((await listInitiatives(orm.em.fork(), { search: 'منصة' } as never, 5, null)).totalCount).toBe(1);
    } finally {
      await orm.close();
    }
  });
});
