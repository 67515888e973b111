import { OutboxEntry } from '../../services/kernel/src/events';
import { SEARCH_STEMS_VERSION } from '../../services/kernel/src/domain';
import { createLogger } from '../../services/kernel/src/observability';
import { migrate, openDatabase } from '../../services/kernel/src/db';
import { initiativesService } from '../../services/initiatives/src/service';
import { listInitiatives } from '../../services/initiatives/src/initiative/initiative.queries';
import { refreshSearchKeys } from '../../services/initiatives/src/initiative/search-keys';
import { createTestDatabase, query, type TestDatabase } from '../support/database';

const STEMS = 'Migration20261126500000_stems';
const KEYS = 'Migration20261206100000_search_keys';
const before = initiativesService.migrations.filter((m) => m.name < STEMS);
const log = createLogger('silent');

const INSERT = `insert into initiatives.initiative (id, node, code, title_ar, axis, status, planned_start, planned_end, search_text, created_by, created_at, updated_at, version)`;

describe('search keys of rows stored before this version', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('stems');
  });
  afterAll(() => db.drop());

  const open = (migrations = initiativesService.migrations) =>
    openDatabase({ url: db.url, schema: 'initiatives', entities: [...initiativesService.entities, OutboxEntry], migrations, poolMax: 2 });

  it('are computed again at start, in batches, and a search then finds them by another form of a word', async () => {
    const old = await open(before);
    try {
      expect(await migrate(old)).not.toContain(STEMS);
      // rows as a version before the stems wrote them, more than one batch, one with a lam-alef ligature
      await old.em.getConnection().execute(
        `${INSERT} select gen_random_uuid(), 'riyadh', 'R-' || i, 'تطوير الحدائق ' || i, 'INFRASTRUCTURE', 'APPROVED', '2026-01-01', '2026-12-31', 'r-' || i || ' تطوير الحدائق ' || i, 'test', now(), now(), 1
         from generate_series(1, 4100) i`,
      );
      await old.em
        .getConnection()
        .execute(
          `${INSERT} values (gen_random_uuid(), 'riyadh', 'PDF-1', 'تحسين اﻷمانة', 'E_SERVICES', 'APPROVED', '2026-01-01', '2026-12-31', 'pdf-1 تحسين اﻷمانه', 'test', now(), now(), 1)`,
        );
    } finally {
      await old.close();
    }
    const orm = await open();
    try {
      // the migrations are SQL alone: the stems wait for the service; later migrations follow them
      expect((await migrate(orm)).slice(0, 2)).toEqual([STEMS, KEYS]);
      expect(await query(db.url, `select count(*)::int as n from initiatives.initiative where search_stems is not null`)).toEqual([{ n: 0 }]);

      // as the service does at start
      expect(await initiativesService.upkeep!({ orm, log })).toBe(4101);
      // the hamza of الحدائق on its seat ئ is keyed ء
      expect(
        await query(
          db.url,
          `select count(*)::int as n from initiatives.initiative where code like 'R-%' and search_stems is distinct from 'r-' || substr(code, 3) || ' تطوير حداءق ' || substr(code, 3)`,
        ),
      ).toEqual([{ n: 0 }]);
      expect(await query(db.url, `select search_text, search_stems, search_stems_version from initiatives.initiative where code = 'PDF-1'`)).toEqual([
        { search_text: 'pdf-1 تحسين الامانه', search_stems: 'pdf-1 تحسين امان', search_stems_version: SEARCH_STEMS_VERSION },
      ]);
      expect((await listInitiatives(orm.em.fork(), { search: 'والحدائق' } as never, 5, null)).totalCount).toBe(4100);
      expect((await listInitiatives(orm.em.fork(), { search: 'أمانة' } as never, 5, null)).totalCount).toBe(1);

      // nothing left to key: a second start keys nothing
      expect(await refreshSearchKeys({ orm, log })).toBe(0);

      // a row keyed by the previous stemmer (الإلكترونية → الكترون, إلكترونية → كترون), as a replica not yet upgraded writes it
      await orm.em
        .getConnection()
        .execute(
          `${INSERT.replace(')', ', search_stems, search_stems_version)')} values (gen_random_uuid(), 'riyadh', 'OLD-1', 'الخدمات الإلكترونية', 'E_SERVICES', 'APPROVED', '2026-01-01', '2026-12-31', 'old-1 الخدمات الالكترونيه', 'test', now(), now(), 1, 'old-1 خدم الكترون', 1)`,
        );
      // before it is keyed again, the keys of the indefinite form miss it
      const byKeys = `select count(*)::int as n from initiatives.initiative where code = 'OLD-1' and search_vector @@ plainto_tsquery('simple', 'خدم كتروني')`;
      expect(await query(db.url, byKeys)).toEqual([{ n: 0 }]);
      expect(await refreshSearchKeys({ orm, log })).toBe(1);
      expect(await query(db.url, byKeys)).toEqual([{ n: 1 }]);
      expect((await listInitiatives(orm.em.fork(), { search: 'خدمات إلكترونية' } as never, 5, null)).totalCount).toBe(1);

      // a row keyed before digits were folded (version 2): Arabic-Indic digits kept in its search text
      await orm.em
        .getConnection()
        .execute(
          `${INSERT.replace(')', ', search_stems, search_stems_version)')} values (gen_random_uuid(), 'riyadh', 'OLD-2', 'بلاغات ٩٤٠', 'E_SERVICES', 'APPROVED', '2026-01-01', '2026-12-31', 'old-2 بلاغات ٩٤٠', 'test', now(), now(), 1, 'old-2 بلاغ ٩٤٠', 2)`,
        );
      expect((await listInitiatives(orm.em.fork(), { search: 'بلاغات 940' } as never, 5, null)).totalCount).toBe(0);
      expect(await refreshSearchKeys({ orm, log })).toBe(1);
      expect(await query(db.url, `select search_text, search_stems from initiatives.initiative where code = 'OLD-2'`)).toEqual([
        { search_text: 'old-2 بلاغات 940', search_stems: 'old-2 بلاغ 940' },
      ]);
      expect((await listInitiatives(orm.em.fork(), { search: 'بلاغات ٩٤٠' } as never, 5, null)).totalCount).toBe(1);
    } finally {
      await orm.close();
    }
  });
});
