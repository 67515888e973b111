import type { EntityManager } from '@mikro-orm/postgresql';
import type { Axis } from '../../../kernel/src/domain';
import { normalisedSql } from './normalised-sql';

/**
 * Scoring (the duplicate finder of "collecting the initiatives"):
 * - `score` is pg_trgm `similarity` of the two Arabic titles, both Arabic-normalised: the share of
 *   trigrams they have in common, 0 to 1, to four decimals. Spelling variants (ة/ه, أ/ا, ى/ي,
 *   tashkeel, tatweel) do not lower it.
 * - `descriptionScore` is the same measure over the Arabic descriptions when both have one. It is
 *   shown beside the score, not mixed into it: nodes describe the same work at very different
 *   lengths, and a short description against a long one scores low for no reason a reviewer shares.
 * - Candidates come from the GIN trigram index on `search_text` (every name and description,
 *   normalised): `title <% search_text` with pg_trgm.word_similarity_threshold = minScore. A title
 *   is a stretch of its own search text, so word similarity to it is at least the title score and
 *   no pair at or above minScore is missed.
 * - Pairs are of two different nodes; an initiative and the national initiative it declares it
 *   rolls up to are not a pair (the link is known, not a duplicate).
 */
const TITLE = (alias: string) => normalisedSql(`${alias}.title_ar`);
const DESCRIPTION = (alias: string) => normalisedSql(`${alias}.description_ar`);

/** The initiatives whose title resembles one title, from other nodes; parameters as `similarParams`. */
export const SIMILAR_SQL = `
  with x as (select ?::text as title, ?::text as description, ?::text as node, ?::uuid as id, ?::uuid as parent, ?::real as min_score)
  select y.id as "otherId",
    round(public.similarity(x.title, ${TITLE('y')})::numeric, 4)::float8 as score,
    case when x.description <> '' and y.description_ar is not null
      then round(public.similarity(x.description, ${DESCRIPTION('y')})::numeric, 4)::float8 end as "descriptionScore"
  from x join initiatives.initiative y
    on x.title operator(public.<%) y.search_text
   and y.node <> x.node
   and y.id is distinct from x.parent
   and y.national_initiative_id is distinct from x.id
  where public.similarity(x.title, ${TITLE('y')}) >= x.min_score
  order by score desc, y.id
  limit ?`;

export interface SimilarTo {
  id: string;
  node: string;
  nationalInitiativeId: string | null;
  /** Arabic-normalised. */
  title: string;
  /** Arabic-normalised; empty when there is none. */
  description: string;
}

export const similarParams = (x: SimilarTo, minScore: number, first: number): unknown[] => [
  x.title,
  x.description,
  x.node,
  x.id,
  x.nationalInitiativeId,
  minScore,
  first,
];

export interface PairRow {
  initiativeId: string;
  otherId: string;
  score: number;
  descriptionScore: number | null;
}

/** Runs `work` in a transaction where the word-similarity operators use `threshold`. */
async function withWordSimilarity<T>(
  em: EntityManager,
  threshold: number,
  work: (run: <R>(sql: string, params: unknown[]) => Promise<R[]>) => Promise<T>,
): Promise<T> {
  return em.transactional(async (tem) => {
    const run = <R>(sql: string, params: unknown[]) => tem.getConnection().execute<R[]>(sql, params, 'all', tem.getTransactionContext());
    await run(`select set_config('pg_trgm.word_similarity_threshold', ?, true)`, [String(threshold)]);
    return work(run);
  });
}

export async function similarInitiatives(em: EntityManager, x: SimilarTo, minScore: number, first: number): Promise<PairRow[]> {
  const rows = await withWordSimilarity(em, minScore, (run) => run<Omit<PairRow, 'initiativeId'>>(SIMILAR_SQL, similarParams(x, minScore, first)));
  return rows.map((r) => ({ initiativeId: x.id, ...r }));
}

/**
 * Every pair of initiatives of two nodes whose titles score at least `minScore`, best first: each
 * title in scope is normalised once and probes the trigram index once, so the work grows with the
 * number of initiatives times the length of the index's lists for their trigrams.
 */
export async function duplicateCandidates(em: EntityManager, axis: Axis | null, minScore: number, first: number): Promise<PairRow[]> {
  const sql = `
    with titles as materialized (
      select id, node, national_initiative_id, ${TITLE('i')} as title
      from initiatives.initiative i
      ${axis ? 'where i.axis = ?' : ''}
    ),
    pairs as (
      select least(a.id, b.id) as first_id, greatest(a.id, b.id) as second_id, public.similarity(a.title, t.title) as score
      from titles a
      join initiatives.initiative b
        on a.title operator(public.<%) b.search_text
       and b.node <> a.node
       and b.id is distinct from a.national_initiative_id
       and a.id is distinct from b.national_initiative_id
      join titles t on t.id = b.id
    ),
    top as (
      select distinct first_id, second_id, score from pairs where score >= ?::real order by score desc, first_id, second_id limit ?
    )
    select t.first_id as "initiativeId", t.second_id as "otherId", round(t.score::numeric, 4)::float8 as score,
      case when f.description_ar is not null and s.description_ar is not null
        then round(public.similarity(${DESCRIPTION('f')}, ${DESCRIPTION('s')})::numeric, 4)::float8 end as "descriptionScore"
    from top t
    join initiatives.initiative f on f.id = t.first_id
    join initiatives.initiative s on s.id = t.second_id
    order by t.score desc, t.first_id, t.second_id`;
  const params = [...(axis ? [axis] : []), minScore, first];
  return withWordSimilarity(em, minScore, (run) => run<PairRow>(sql, params));
}
