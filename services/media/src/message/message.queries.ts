import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from '../../../kernel/src/graphql';
import { isUuid, validId } from '../../../kernel/src/domain';
import { validChannel } from '../channel/channel';
import { CampaignView, InitiativeView } from '../replication/sources.entity';
import type { MessageState } from './message';
import { unknownLink } from './message-checks';
import { MediaMessageRecord } from './message.entity';
import type { MessageFilter } from './message.types';

/** Whether a campaign is national (the ministry's), as far as this node knows. */
export async function isNationalCampaign(em: EntityManager, campaignId: string | null): Promise<boolean> {
  if (!campaignId) return false;
  const c = await em.findOne(CampaignView, { id: campaignId }, { fields: ['national'] });
  return Boolean(c?.national);
}

/** Refuses a message whose campaign or initiative has not reached this node's read models. */
export async function requireKnownLinks(em: EntityManager, s: Pick<MessageState, 'campaignId' | 'initiativeId'>, node: string): Promise<void> {
  if (s.campaignId && !(await em.count(CampaignView, { id: s.campaignId }))) throw unknownLink('campaignId', s.campaignId, node);
  if (s.initiativeId && !(await em.count(InitiativeView, { id: s.initiativeId }))) throw unknownLink('initiativeId', s.initiativeId, node);
}

const isIdCursor = (k: unknown): k is { id: string } =>
  typeof k === 'object' && k !== null && typeof (k as { id: unknown }).id === 'string' && isUuid((k as { id: string }).id);

/** Messages newest first, filtered, as a page. */
export async function listMessages(
  em: EntityManager,
  filter: MessageFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<MediaMessageRecord>> {
  const n = pageSize(first);
  const cursor = decodeCursor(after, isIdCursor);
  // a malformed id is the caller's to fix, as everywhere else
  const ids = (field: string, list: string[]) => list.map((id, i) => validId(`${field}.${i}`, id));
  const scope = async () => {
    const qb = em.createQueryBuilder(MediaMessageRecord, 'm');
    await qb.applyFilters();
    if (filter?.node?.length) qb.andWhere({ node: { $in: filter.node } });
    if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter?.origin?.length) qb.andWhere({ origin: { $in: filter.origin } });
    if (filter?.campaignId?.length) qb.andWhere({ campaignId: { $in: ids('campaignId', filter.campaignId) } });
    if (filter?.initiativeId?.length) qb.andWhere({ initiativeId: { $in: ids('initiativeId', filter.initiativeId) } });
    if (filter?.keyMessageId?.length) qb.andWhere({ keyMessageId: { $in: ids('keyMessageId', filter.keyMessageId) } });
    if (filter?.channel?.length) {
      // validated channel codes only, so the array literal is safe
      const channels = filter.channel.map((c, i) => validChannel(`filter.channel.${i}`, c));
      qb.andWhere(`exists (select 1 from jsonb_array_elements(m.variants) v where v->>'channel' = any(?::text[]))`, [`{${channels.join(',')}}`]);
    }
    // wrapped: a query builder is thenable, and awaiting it would run it
    return { qb };
  };
  const [{ qb: page }, { qb: count }] = await Promise.all([scope(), scope()]);
  const [rows, totalCount] = await Promise.all([
    (cursor ? page.andWhere({ id: { $lt: cursor.id } }) : page)
      .orderBy({ id: 'desc' })
      .limit(n + 1)
      .getResultList(),
    count.getCount(),
  ]);
  return toPage(rows, n, totalCount, (r) => encodeCursor({ id: r.id }), Boolean(cursor));
}
