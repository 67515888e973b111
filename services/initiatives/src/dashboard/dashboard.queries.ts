import type { EntityManager } from '@mikro-orm/postgresql';
import type { Axis, DashboardScope } from '../../../kernel/src/domain';
import { lateDaysSql, lit, ragSql } from '../initiative/progress.sql';
import { Rag } from '../initiative/progress';
import type { InitiativeStatus } from '../initiative/initiative';

/** `where` over an initiative alias for the scope; lists travel as one JSON parameter each. */
function scopeWhere(scope: DashboardScope, alias: string): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.nodes.length) {
    parts.push(`${alias}.node in (select jsonb_array_elements_text(?::jsonb))`);
    params.push(JSON.stringify(scope.nodes));
  }
  if (scope.axes.length) {
    parts.push(`${alias}.axis in (select jsonb_array_elements_text(?::jsonb))`);
    params.push(JSON.stringify(scope.axes));
  }
  return { where: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

export interface InitiativeCountRow {
  node: string;
  axis: Axis;
  status: InitiativeStatus;
  count: number;
}

/** Initiatives by node × axis × status: one GROUP BY. */
export async function countInitiatives(em: EntityManager, scope: DashboardScope): Promise<InitiativeCountRow[]> {
  const { where, params } = scopeWhere(scope, 'i');
  return em
    .getConnection()
    .execute<InitiativeCountRow[]>(
      `select i.node, i.axis, i.status, count(*)::int as count from initiatives.initiative i ${where} group by i.node, i.axis, i.status`,
      params,
      'all',
    );
}

export interface ImplementationRow {
  node: string;
  initiatives: number;
  rated: number;
  averageProgress: number | null;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  late: number;
  averageLateDays: number | null;
}

/**
 * Per node: RAG counts, average progress of the rated initiatives, lateness — one GROUP BY.
 * `lateDays` and `rag` are ../initiative/progress.sql.ts, the inventory's filter's too; the dashboard
 * tests check them against ../initiative/progress.ts.
 */
export async function implementationByNode(em: EntityManager, scope: DashboardScope, today: string): Promise<ImplementationRow[]> {
  const { where, params } = scopeWhere(scope, 'i');
  const sql = `
    with p as (select ?::date as today),
    r as (
      select i.node, i.percent_complete, ${lateDaysSql('i', 'p.today')} as late_days, ${ragSql('i', 'p.today')} as rag
      from initiatives.initiative i cross join p
      ${where}
    )
    select node,
      count(*)::int as initiatives,
      count(rag)::int as rated,
      round((avg(percent_complete) filter (where rag is not null))::numeric, 1)::float8 as "averageProgress",
      (count(*) filter (where rag = ${lit(Rag.ON_TRACK)}))::int as "onTrack",
      (count(*) filter (where rag = ${lit(Rag.AT_RISK)}))::int as "atRisk",
      (count(*) filter (where rag = ${lit(Rag.OFF_TRACK)}))::int as "offTrack",
      (count(*) filter (where late_days > 0))::int as late,
      round((avg(late_days) filter (where late_days > 0))::numeric, 1)::float8 as "averageLateDays"
    from r
    group by node`;
  return em.getConnection().execute<ImplementationRow[]>(sql, [today, ...params], 'all');
}

export interface IntegrationRankRow {
  rank: number;
  assessmentId: string;
  initiativeId: string;
  node: string;
  score: number;
  assessedAt: Date;
  assessorNode: string;
}

/** The latest assessment of each initiative in scope, best score first, ranked 1, 2, 2, 4 on ties. */
export async function rankIntegration(em: EntityManager, scope: DashboardScope, first: number): Promise<IntegrationRankRow[]> {
  const { where, params } = scopeWhere(scope, 'i');
  const sql = `
    with latest as (
      select distinct on (a.initiative_id) a.id, a.initiative_id, a.weighted_score, a.assessed_at, a.node
      from initiatives.integration_assessment a
      order by a.initiative_id, a.assessed_at desc, a.id desc
    )
    select (rank() over (order by l.weighted_score desc))::int as rank,
      l.id as "assessmentId", l.initiative_id as "initiativeId", i.node, l.weighted_score as score,
      l.assessed_at as "assessedAt", l.node as "assessorNode"
    from latest l join initiatives.initiative i on i.id = l.initiative_id
    ${where}
    order by l.weighted_score desc, i.node, i.code
    limit ?`;
  return em.getConnection().execute<IntegrationRankRow[]>(sql, [...params, first], 'all');
}
