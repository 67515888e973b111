import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Axis, badInput, normalizeArabic, notFound, validId } from '../../../kernel/src/domain';
import type { InitiativesContext } from '../context';
import { Initiative } from '../initiative/initiative.types';
import { duplicateCandidates, similarInitiatives, type PairRow } from './duplicates.queries';
import { InitiativePair } from './duplicates.types';

const MAX_PAIRS = 100;

// scores are given to four decimals: a smaller minimum means nothing, and PostgreSQL's real cannot hold 3e-323
const LOWEST_SCORE = 0.0001;

function validMinScore(v: number | null | undefined, fallback: number): number {
  const s = v ?? fallback;
  if (!Number.isFinite(s) || s < LOWEST_SCORE || s > 1) {
    throw badInput('minScore', {
      en: `minScore must be at least ${LOWEST_SCORE} and at most 1; got ${s}.`,
      ar: `يجب ألا تقل أدنى درجة عن ${LOWEST_SCORE} ولا تتجاوز 1؛ القيمة ${s}.`,
    });
  }
  return s;
}

function validFirst(v: number | null | undefined, fallback: number): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAIRS) {
    throw badInput('first', { en: `first must be between 1 and ${MAX_PAIRS}; got ${n}.`, ar: `يجب أن يكون عدد العناصر بين 1 و${MAX_PAIRS}؛ القيمة ${n}.` });
  }
  return n;
}

@Resolver(() => InitiativePair)
export class DuplicatesResolver {
  @Query(() => [InitiativePair], {
    description:
      "Initiatives of other nodes whose Arabic title resembles this one's, most alike first (at a municipality: its own and the ministry's are what it sees).",
  })
  async similarInitiatives(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: InitiativesContext,
    @Arg('minScore', () => Float, { nullable: true, defaultValue: 0.3, description: 'At least 0.0001, at most 1.' }) minScore?: number | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10, description: `1 to ${MAX_PAIRS}.` }) first?: number | null,
  ): Promise<PairRow[]> {
    const min = validMinScore(minScore, 0.3);
    const n = validFirst(first, 10);
    const x = await ctx.loaders.initiative.load(validId('id', id));
    if (!x) throw notFound('initiative', id);
    return similarInitiatives(
      ctx.em,
      {
        id: x.id,
        node: x.node,
        nationalInitiativeId: x.nationalInitiativeId,
        title: normalizeArabic(x.titleAr),
        description: x.descriptionAr ? normalizeArabic(x.descriptionAr) : '',
      },
      min,
      n,
    );
  }

  @Query(() => [InitiativePair], {
    description:
      'Pairs of initiatives of two different nodes whose Arabic titles resemble each other, most alike first: candidates for the ministry to merge or link. An initiative and the national initiative it rolls up to are not a pair.',
  })
  async duplicateCandidates(
    @Ctx() ctx: InitiativesContext,
    @Arg('axis', () => Axis, { nullable: true, description: 'Pairs whose two initiatives are both on this axis.' }) axis?: Axis | null,
    @Arg('minScore', () => Float, { nullable: true, defaultValue: 0.5, description: 'At least 0.0001, at most 1.' }) minScore?: number | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: `1 to ${MAX_PAIRS}.` }) first?: number | null,
  ): Promise<PairRow[]> {
    return duplicateCandidates(ctx.em, axis ?? null, validMinScore(minScore, 0.5), validFirst(first, 50));
  }

  @FieldResolver(() => Initiative, { description: 'In similarInitiatives the initiative asked about; in duplicateCandidates the older of the two.' })
  async initiative(@Root() p: PairRow, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.initiative.load(p.initiativeId);
  }

  @FieldResolver(() => Initiative, { description: 'The initiative that resembles it, of another node.' })
  async other(@Root() p: PairRow, @Ctx() ctx: InitiativesContext) {
    return ctx.loaders.initiative.load(p.otherId);
  }
}
