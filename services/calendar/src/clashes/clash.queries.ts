import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, type Axis } from '../../../kernel/src/domain';
import { COMMITTED } from '../campaign/campaign';
import { CampaignRecord } from '../campaign/campaign.entity';
import { CalendarEntryKind, CalendarEntryStatus } from '../entry/calendar-entry';
import { CalendarEntryRecord } from '../entry/calendar-entry.entity';
import { OVERLAPS } from '../calendar/calendar.queries';
import { overlaps, type Period } from '../period/period';
import { findClashes, involves, type Clash } from './clash';

export type ClashOfRecords = Clash<CampaignRecord, CalendarEntryRecord>;

function committedCampaigns(em: EntityManager, p: Period, axis?: Axis, excludeId?: string): Promise<CampaignRecord[]> {
  const qb = em
    .createQueryBuilder(CampaignRecord, 'c')
    .where(OVERLAPS('c'), [p.startsAt, p.endsAt])
    .andWhere({ status: { $in: [...COMMITTED] } });
  if (axis) qb.andWhere({ axis });
  if (excludeId) qb.andWhere({ id: { $ne: excludeId } });
  return qb.getResultList();
}

function nationalOccasions(em: EntityManager, p: Period): Promise<CalendarEntryRecord[]> {
  return em
    .createQueryBuilder(CalendarEntryRecord, 'e')
    .where(OVERLAPS('e'), [p.startsAt, p.endsAt])
    .andWhere({ node: MINISTRY, kind: CalendarEntryKind.OCCASION, status: CalendarEntryStatus.CONFIRMED })
    .getResultList();
}

/** The clashes whose overlap falls in a period; with `node`, those concerning that node. */
export async function clashesIn(em: EntityManager, p: Period, node?: string | null): Promise<ClashOfRecords[]> {
  const campaigns = await committedCampaigns(em, p);
  const occasions = await nationalOccasions(em, p);
  return findClashes(campaigns, occasions).filter((c) => overlaps(c.overlap, p) && (!node || involves(c, node)));
}

/** The clashes one campaign is in, as it stands in this unit of work; none unless it is committed. */
export async function clashesOf(em: EntityManager, campaign: CampaignRecord): Promise<ClashOfRecords[]> {
  if (!COMMITTED.includes(campaign.status)) return [];
  const others = await committedCampaigns(em, campaign, campaign.axis, campaign.id);
  const occasions = await nationalOccasions(em, campaign);
  return findClashes([campaign, ...others], occasions, campaign.id);
}

/** The GraphQL shape of a clash. */
export const clashView = (c: ClashOfRecords) => ({
  kind: c.kind,
  node: c.node,
  axis: c.axis,
  audiences: c.audiences,
  campaign: c.campaign,
  otherCampaign: c.otherCampaign,
  occasion: c.occasion,
  overlapFrom: c.overlap.startsAt,
  overlapTo: c.overlap.endsAt,
  reasonAr: c.reason.ar,
  reasonEn: c.reason.en,
});
