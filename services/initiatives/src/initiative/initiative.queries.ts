import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from '../../../kernel/src/graphql';
import { isUuid, normalizeArabic, optionalText, searchStems, validId } from '../../../kernel/src/domain';
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

/** What a person types into a search box, with room to spare; a longer one would only cost the database (and the embedded one its stack). */
export const MAX_SEARCH_CHARACTERS = 200;

// a longer query is looked for as one substring when its words do not all match: a condition a word is enough
const WORDS_ONE_BY_ONE = 8;

type Match = 'stems' | 'words' | 'text';

/** A word of the query as the fallback looks for it: its key, or the word itself within a word, or so without a particle before it. */
interface QueryWord {
  stem: string;
  texts: string[];
}

/** The query's words that carry meaning (particles have no key), each with what may stand for it in the text. */
function queryWords(q: string): QueryWord[] {
  return [...new Set(q.split(' '))].flatMap((word) => {
    const stem = searchStems(word);
    if (!stem) return [];
    const texts = new Set([word]);
    // ب، ل، ك، ف، و before a word that is not a derived noun (بجدة، لحمى) stay on its key: the word without it is looked for too
    if (/^[وفبلك][\u0621-\u064A]{3,}$/.test(word)) texts.add(word.slice(1));
    // and the key within a word, where the text keeps a particle the query has not (الحمى in لحمى); a short key would be in too many
    if (stem.length >= 3) texts.add(stem);
    return [{ stem, texts: [...texts] }];
  });
}

/**
 * Lists initiatives newest first, filtered. Search is Arabic-aware: the query is normalised and
 * light-stemmed as the stored text was, and matched word for word on the stored lexemes (GIN).
 * When no initiative matches every word so, each word may match by its key or as a substring of
 * the text (pg_trgm), with a particle before it or without: a code, a word still being typed, or a
 * word whose particle the stemmer keeps (بجدة). A query of many words is then looked for whole.
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
  const search = optionalText('search', filter?.search, { label: { en: 'The search', ar: 'نص البحث' }, max: MAX_SEARCH_CHARACTERS, multiline: true });
  const q = search ? normalizeArabic(search) : '';
  const stems = q ? searchStems(q) : '';
  const words = q ? queryWords(q) : [];
  // walk: the match is only tested on the newest rows, so the planner may not gather it by index
  // the SQL is written here rather than built through the query builder: building it cost as much as running it
  const scope = (match?: Match, walk = false): Scope => {
    const tested = (condition: string) => (walk ? `(${condition}) is true` : condition);
    const where: string[] = [];
    const params: unknown[] = [];
    const among = (column: string, values: readonly string[]) => {
      where.push(`i.${column} in (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    if (filter?.node?.length) among('node', filter.node);
    if (filter?.axis?.length) among('axis', filter.axis);
    if (filter?.status?.length) among('status', filter.status);
    if (filter?.nationalInitiative) {
      where.push('i.national_initiative_id = ?');
      params.push(filter.nationalInitiative);
    }
    // the RAG of today, computed by the row as the Initiative.rag field computes it
    if (filter?.rag?.length) {
      where.push(`${ragSql('i', sqlDate(o.today ?? todayInRiyadh(new Date())))} in (select jsonb_array_elements_text(?::jsonb))`);
      params.push(JSON.stringify(filter.rag));
    }
    if (match === 'stems') {
      where.push(tested(`i.search_vector @@ plainto_tsquery('simple', ?)`));
      params.push(stems);
    }
    if (match === 'words') {
      for (const w of words) {
        where.push(tested(`(${[`i.search_vector @@ plainto_tsquery('simple', ?)`, ...w.texts.map(() => 'i.search_text ilike ?')].join(' or ')})`));
        params.push(w.stem, ...w.texts.map((t) => `%${escapeLike(t)}%`));
      }
    }
    if (match === 'text') {
      where.push(tested(`i.search_text ilike ?`));
      params.push(`%${escapeLike(q)}%`);
    }
    return { where, params };
  };
  if (filter?.nationalInitiative) validId('nationalInitiative', filter.nationalInitiative);
  const encode = (r: InitiativeRecord) => encodeCursor({ id: r.id });
  // the page after the cursor, walking the newest rows first
  // plain rows: a page only answers, so no entity is hydrated nor kept in the request's identity map
  const newest = (sc: Scope) => {
    const where = cursor ? [...sc.where, 'i.id < ?'] : sc.where;
    return selectRows(em, `${whereSql(where)} order by i.id desc limit ?`, [...sc.params, ...(cursor ? [cursor.id] : []), n + 1]);
  };
  const count = o.count !== false;
  const filtered = Boolean(filter?.node?.length || filter?.axis?.length || filter?.status?.length || filter?.rag?.length || filter?.nationalInitiative);
  if (q) {
    // the count, taken through the indexes, tells which match applies and how dense the matches are
    let match: Match = stems ? 'stems' : 'text';
    let total = await countOf(em, scope(match));
    const fallback: Match = words.length && words.length <= WORDS_ONE_BY_ONE ? 'words' : 'text';
    if (!total && match === 'stems') total = await countOf(em, scope((match = fallback)));
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
    count ? countOf(em, scope()) : Promise.resolve(0),
  ]);
  return toPage(rows, n, totalCount, encode, Boolean(cursor));
}

/** The conditions of a read of initiatives (alias `i`), with their parameters in order. */
interface Scope {
  where: string[];
  params: unknown[];
}

const whereSql = (where: string[]) => (where.length ? `where ${where.join(' and ')}` : '');

/** The initiatives' stored columns, as `select` lists them and as the rows are mapped back to properties. */
function selectList(em: EntityManager): { table: string; columns: string } {
  const t = tableOf(em, InitiativeRecord);
  let columns = selectLists.get(t.columns);
  if (!columns) selectLists.set(t.columns, (columns = t.columns.map(([, c]) => `i."${c}"`).join(', ')));
  return { table: t.table, columns };
}

const selectLists = new WeakMap<object, string>();

async function selectRows(em: EntityManager, rest: string, params: unknown[]): Promise<InitiativeRecord[]> {
  const { table, columns } = selectList(em);
  const rows = await em.getConnection().execute<Array<Record<string, unknown>>>(`select ${columns} from ${table} i ${rest}`, params);
  return rows.map((row) => plainRow(em, InitiativeRecord, row));
}

async function countOf(em: EntityManager, scope: Scope): Promise<number> {
  const [row] = await em
    .getConnection()
    .execute<Array<{ count: number }>>(`select count(*)::int as "count" from ${selectList(em).table} i ${whereSql(scope.where)}`, scope.params);
  return row?.count ?? 0;
}

/**
 * One page of matches and how many match, in one statement. The matches are gathered through the
 * filters' indexes first: left to itself, the planner walks the newest rows one by one and tests
 * each, which for a rare match means the whole table.
 */
async function pageOfMatches(
  em: EntityManager,
  matches: () => Scope,
  n: number,
  before: string | undefined,
  count: boolean,
): Promise<{ rows: InitiativeRecord[]; total: number }> {
  const { table, columns } = selectList(em);
  const scope = matches();
  const sql =
    `with m as materialized (select i.id from ${table} i ${whereSql(scope.where)}), ` +
    `page as (select id from m${before ? ' where id < ?' : ''} order by id desc limit ?) ` +
    `select ${columns}, ${count ? '(select count(*) from m)::int' : '0'} as "matches_total" ` +
    `from ${table} i join page using (id) order by i.id desc`;
  const found = await em
    .getConnection()
    .execute<Array<Record<string, unknown> & { matches_total: number }>>(sql, [...scope.params, ...(before ? [before] : []), n + 1]);
  const rows = found.map(({ matches_total: _, ...row }) => plainRow(em, InitiativeRecord, row));
  if (found.length || !count || !before) return { rows, total: found[0]?.matches_total ?? 0 };
  // past the last page: the count alone
  return { rows, total: await countOf(em, matches()) };
}
