import type { EntityManager } from '@mikro-orm/postgresql';
import { COMMITTED } from '../campaign/campaign';
import type { CampaignDays } from './campaign-months';
import type { DashboardScope } from '../../../kernel/src/domain';

/**
 * Committed campaigns (scheduled, live, done: those of the clashes and the feed) grouped by axis and
 * by the Riyadh days they run, first and last (the end is excluded, as in `lastDay`): one GROUP BY,
 * whose rows the months are counted from.
 */
export async function campaignDays(em: EntityManager, scope: DashboardScope): Promise<CampaignDays[]> {
  const parts = [`c.status in (${COMMITTED.map((s) => `'${s}'`).join(', ')})`];
  const params: unknown[] = [];
  if (scope.nodes.length) {
    parts.push('c.node in (select jsonb_array_elements_text(?::jsonb))');
    params.push(JSON.stringify(scope.nodes));
  }
  if (scope.axes.length) {
    parts.push('c.axis in (select jsonb_array_elements_text(?::jsonb))');
    params.push(JSON.stringify(scope.axes));
  }
  // Asia/Riyadh is UTC+3 all year, as the kernel's riyadhDate has it
  const sql = `
    select c.axis,
      to_char((c.starts_at at time zone 'UTC') + interval '3 hours', 'YYYY-MM-DD') as "firstDay",
      to_char((c.ends_at at time zone 'UTC') + interval '3 hours' - interval '1 millisecond', 'YYYY-MM-DD') as "lastDay",
      count(*)::int as campaigns
    from calendar.campaign c
    where ${parts.join(' and ')}
    group by 1, 2, 3`;
  return em.getConnection().execute<CampaignDays[]>(sql, params, 'all');
}
