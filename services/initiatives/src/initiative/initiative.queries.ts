import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, isUuid, normalizeArabic, pageSize, toPage, type Page } from '../../../kernel/src';
import type { InitiativeFilter } from './initiative.types';
import { InitiativeRecord } from './initiative.entity';

const isIdCursor = (k: unknown): k is { id: string } => typeof k === 'object' && k !== null && typeof (k as { id: unknown }).id === 'string' && isUuid((k as { id: string }).id);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Lists initiatives newest first, filtered. Search is Arabic-aware: the query is normalised as
 * the stored text was, then matched by full text (arabic configuration), substring or trigram
 * word similarity, all served by indexes.
 */
export async function listInitiatives(
  em: EntityManager,
  filter: InitiativeFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  o: { count?: boolean } = {},
): Promise<Page<InitiativeRecord>> {
  const n = pageSize(first);
  const cursor = decodeCursor(after, isIdCursor);
  const scope = () => {
    const qb = em.createQueryBuilder(InitiativeRecord, 'i');
    if (filter?.node?.length) qb.andWhere({ node: { $in: filter.node } });
    if (filter?.axis?.length) qb.andWhere({ axis: { $in: filter.axis } });
    if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter?.nationalInitiative) qb.andWhere({ nationalInitiativeId: filter.nationalInitiative });
    const q = filter?.search ? normalizeArabic(filter.search) : '';
    if (q) {
      qb.andWhere(
        `(to_tsvector('arabic', i.search_text) @@ plainto_tsquery('arabic', ?) or i.search_text ilike ? or ? operator(public.<%) i.search_text)`,
        [q, `%${escapeLike(q)}%`, q],
      );
    }
    return qb;
  };
  if (filter?.nationalInitiative && !isUuid(filter.nationalInitiative)) return toPage([], n, 0, () => '', false);
  const [rows, totalCount] = await Promise.all([
    (cursor ? scope().andWhere({ id: { $lt: cursor.id } }) : scope()).orderBy({ id: 'desc' }).limit(n + 1).getResultList(),
    // a page asked for without its totalCount costs one statement, not two
    o.count === false ? Promise.resolve(0) : scope().getCount(),
  ]);
  return toPage(rows, n, totalCount, (r) => encodeCursor({ id: r.id }), Boolean(cursor));
}
