import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from '../../../kernel/src/graphql';
import { isUuid, normalizeArabic, searchStems } from '../../../kernel/src/domain';
import { plainRow, tableOf } from '../../../kernel/src/db';
import type { InitiativeFilter } from './initiative.types';
import { InitiativeRecord } from './initiative.entity';
import { todayInRiyadh } from './progress';
import { ragSql, sqlDate } from './progress.sql';

const isIdCursor = (k: unknown): k is { id: string } =>
  typeof k === 'object' && k !== null && typeof (k as { id: unknown }).id === 'string' && isUuid((k as { id: string }).id);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// up to this many matches, the page is taken from the matches gathered by index; past it, the
// newest rows are walked, and a match comes at least once in every few dozen of them
const GATHERED_MATCHES = 2000;

type Match = 'stems' | 'text';

/**
 * Lists initiatives newest first, filtered. Search is Arabic-aware: the query is normalised and
 * light-stemmed as the stored text was, and matched word for word on the stored lexemes (GIN);
 * only when no initiative matches so is it looked for as a substring of the text (pg_trgm): a
 * code, or a word still being typed.
 */
export async function listInitiatives(
  em: EntityManager,
  filter: InitiativeFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
  o: { count?: boolean; today?: string } = {},
): Promise<Page<InitiativeRecord>> {
  const n = pageSize(first);
  const cursor = decodeCursor(after, isIdCursor);
  const q = filter?.search ? normalizeArabic(filter.search) : '';
  const stems = q ? searchStems(q) : '';
  // walk: the match is only tested on the newest rows, so the planner may not gather it by index
  const scope = (match?: Match, walk = false) => {
    const tested = (condition: string) => (walk ? `(${condition}) is true` : condition);
    const qb = em.createQueryBuilder(InitiativeRecord, 'i');
    if (filter?.node?.length) qb.andWhere({ node: { $in: filter.node } });
    if (filter?.axis?.length) qb.andWhere({ axis: { $in: filter.axis } });
    if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter?.nationalInitiative) qb.andWhere({ nationalInitiativeId: filter.nationalInitiative });
    // the RAG of today, computed by the row as the Initiative.rag field computes it
    if (filter?.rag?.length)
      qb.andWhere(`${ragSql('i', sqlDate(o.today ?? todayInRiyadh(new Date())))} in (select jsonb_array_elements_text(?::jsonb))`, [
        JSON.stringify(filter.rag),
      ]);
    if (match === 'stems') qb.andWhere(tested(`i.search_vector @@ plainto_tsquery('simple', ?)`), [stems]);
    if (match === 'text') qb.andWhere(tested(`i.search_text ilike ?`), [`%${escapeLike(q)}%`]);
    return qb;
  };
  if (filter?.nationalInitiative && !isUuid(filter.nationalInitiative)) return toPage([], n, 0, () => '', false);
  const encode = (r: InitiativeRecord) => encodeCursor({ id: r.id });
  // the page after the cursor, walking the newest rows first
  // plain rows: a page only answers, so no entity is hydrated nor kept in the request's identity map
  const newest = (qb: QueryBuilder<InitiativeRecord, 'i'>) =>
    (cursor ? qb.andWhere({ id: { $lt: cursor.id } }) : qb)
      .orderBy({ id: 'desc' })
      .limit(n + 1)
      .execute<InitiativeRecord[]>('all', true);
  const count = o.count !== false;
  const filtered = Boolean(filter?.node?.length || filter?.axis?.length || filter?.status?.length || filter?.rag?.length || filter?.nationalInitiative);
  if (q) {
    // the count, taken through the indexes, tells which match applies and how dense the matches are
    let match: Match = stems ? 'stems' : 'text';
    let total = await scope(match).getCount();
    if (!total && match === 'stems') total = await scope((match = 'text')).getCount();
    if (!total) return toPage([], n, 0, encode, Boolean(cursor));
    if (total <= GATHERED_MATCHES) return toPage((await pageOfMatches(em, () => scope(match), n, cursor?.id, false)).rows, n, total, encode, Boolean(cursor));
    return toPage(await newest(scope(match, true)), n, total, encode, Boolean(cursor));
  }
  // counting needs every match anyway
  if (filtered && count) {
    const found = await pageOfMatches(em, () => scope(), n, cursor?.id, true);
    return toPage(found.rows, n, found.total, encode, Boolean(cursor));
  }
  const [rows, totalCount] = await Promise.all([
    newest(scope()),
    // a page asked for without its totalCount costs one statement, not two
    count ? scope().getCount() : Promise.resolve(0),
  ]);
  return toPage(rows, n, totalCount, encode, Boolean(cursor));
}

/**
 * One page of matches and how many match, in one statement. The matches are gathered through the
 * filters' indexes first: left to itself, the planner walks the newest rows one by one and tests
 * each, which for a rare match means the whole table.
 */
async function pageOfMatches(
  em: EntityManager,
  matches: () => QueryBuilder<InitiativeRecord, 'i'>,
  n: number,
  before: string | undefined,
  count: boolean,
): Promise<{ rows: InitiativeRecord[]; total: number }> {
  const { table, columns } = tableOf(em, InitiativeRecord);
  const inner = matches().select('i.id').getKnexQuery().toSQL();
  const sql =
    `with m as materialized (${inner.sql}), ` +
    `page as (select id from m${before ? ' where id < ?' : ''} order by id desc limit ?) ` +
    `select ${columns.map(([, c]) => `i."${c}"`).join(', ')}, ${count ? '(select count(*) from m)::int' : '0'} as "matches_total" ` +
    `from ${table} i join page using (id) order by i.id desc`;
  const found = await em
    .getConnection()
    .execute<Array<Record<string, unknown> & { matches_total: number }>>(sql, [...inner.bindings, ...(before ? [before] : []), n + 1]);
  const rows = found.map(({ matches_total: _, ...row }) => plainRow(em, InitiativeRecord, row));
  if (found.length || !count || !before) return { rows, total: found[0]?.matches_total ?? 0 };
  // past the last page: the count alone
  return { rows, total: await matches().getCount() };
}
