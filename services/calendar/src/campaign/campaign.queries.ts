import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, isUuid, validId } from '../../../kernel/src/domain';
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from '../../../kernel/src/graphql';
import { CampaignScope } from './campaign';
import { CampaignRecord } from './campaign.entity';
import type { CampaignFilter } from './campaign.types';

interface StartCursor {
  s: string;
  id: string;
}
const isStartCursor = (k: unknown): k is StartCursor =>
  typeof k === 'object' &&
  k !== null &&
  typeof (k as StartCursor).s === 'string' &&
  !Number.isNaN(Date.parse((k as StartCursor).s)) &&
  isUuid(String((k as StartCursor).id));

/** Lists campaigns latest start first, filtered, a page at a time. */
export async function listCampaigns(
  em: EntityManager,
  filter: CampaignFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<CampaignRecord>> {
  const n = pageSize(first);
  const cursor = decodeCursor(after, isStartCursor);
  if (filter?.initiative) validId('initiative', filter.initiative);
  const scope = async () => {
    const qb = em.createQueryBuilder(CampaignRecord, 'c');
    await qb.applyFilters();
    if (filter?.node?.length) qb.andWhere({ node: { $in: filter.node } });
    if (filter?.axis?.length) qb.andWhere({ axis: { $in: filter.axis } });
    if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter?.scope) qb.andWhere({ node: filter.scope === CampaignScope.NATIONAL ? MINISTRY : { $ne: MINISTRY } });
    if (filter?.initiative) qb.andWhere({ initiativeIds: { $overlap: [filter.initiative.toLowerCase()] } });
    // wrapped: a query builder is thenable, and awaiting it would run it
    return { qb };
  };
  const [{ qb: page }, { qb: count }] = await Promise.all([scope(), scope()]);
  if (cursor) page.andWhere('(c.starts_at, c.id) < (?, ?)', [new Date(cursor.s), cursor.id]);
  const [rows, totalCount] = await Promise.all([
    page
      .orderBy({ startsAt: 'desc', id: 'desc' })
      .limit(n + 1)
      .getResultList(),
    count.getCount(),
  ]);
  return toPage(rows, n, totalCount, (r) => encodeCursor({ s: r.startsAt.toISOString(), id: r.id }), Boolean(cursor));
}
