import type { MikroORM } from '@mikro-orm/postgresql';
import { SEARCH_STEMS_VERSION, normalizeArabic, searchStems } from '../../../kernel/src/domain';
import { tableOf } from '../../../kernel/src/db';
import type { Logger } from '../../../kernel/src/observability';
import { InitiativeRecord } from './initiative.entity';

const BATCH = 2000;

/**
 * Keys again, in batches, every initiative whose search keys an older stemmer computed (or none):
 * its normalised text normalised anew (NFKC since version 2) and its stems taken from it. A row
 * written meanwhile by this version, or changed by a writer, is left as that writer left it.
 * Returns how many rows were keyed again.
 */
export async function refreshSearchKeys({ orm, log }: { orm: MikroORM; log: Logger }): Promise<number> {
  const em = orm.em.fork();
  const { table } = tableOf(em, InitiativeRecord);
  const connection = em.getConnection();
  let keyed = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await connection.execute<Array<{ id: string; search_text: string }>>(
      `select "id", "search_text" from ${table} where "id" > ? and "search_stems_version" is distinct from ? order by "id" limit ${BATCH}`,
      [after, SEARCH_STEMS_VERSION],
    );
    if (!rows.length) break;
    const keys = rows.map((r) => {
      const text = normalizeArabic(r.search_text);
      return { id: r.id, was: r.search_text, text, stems: searchStems(text) };
    });
    await connection.execute(
      `update ${table} i set "search_text" = v.text, "search_stems" = v.stems, "search_stems_version" = ?
       from jsonb_to_recordset(?::jsonb) as v(id uuid, was text, text text, stems text)
       where i."id" = v.id and i."search_text" = v.was and i."search_stems_version" is distinct from ?`,
      [SEARCH_STEMS_VERSION, JSON.stringify(keys), SEARCH_STEMS_VERSION],
    );
    keyed += rows.length;
    after = rows[rows.length - 1].id;
    log.info({ keyed, version: SEARCH_STEMS_VERSION }, 'initiatives keyed again for search');
  }
  return keyed;
}
