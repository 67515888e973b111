import type { EntityManager } from '@mikro-orm/postgresql';
import { Axis, MINISTRY, badInput } from '../../../kernel/src/domain';
import { CampaignStatus, validAudiences, validChannels } from '../campaign/campaign';
import { CampaignRecord } from '../campaign/campaign.entity';
import { CalendarEntryKind, CalendarEntryStatus } from '../entry/calendar-entry';
import { CalendarEntryRecord } from '../entry/calendar-entry.entity';
import type { Period } from '../period/period';

export interface CalendarQuery {
  node?: string[] | null;
  axis?: Axis[] | null;
  channel?: string[] | null;
  audience?: string[] | null;
  kind?: CalendarEntryKind[] | null;
  includeCancelled?: boolean | null;
  /** Drafts are for planners; the iCalendar feed leaves them out. */
  includeDrafts?: boolean;
  /** With a node filter: the ministry's national occasions as well. */
  includeNationalOccasions?: boolean;
  ids?: string[];
}

export type CalendarItemRecord = CampaignRecord | CalendarEntryRecord;

export const OVERLAPS = (alias: string) => `tstzrange(${alias}.starts_at, ${alias}.ends_at) && tstzrange(?, ?)`;

/** A national occasion of every axis: not tied to a campaign, so no axis, channel or audience filter hides it. */
const sectorWide = { kind: CalendarEntryKind.OCCASION, axis: null, campaignId: null };

function validFilter(q: CalendarQuery): CalendarQuery {
  for (const a of q.axis ?? []) {
    if (!Object.values(Axis).includes(a)) throw badInput('filter.axis', { en: `Unknown axis "${a}".`, ar: `المحور "${a}" غير معروف.` });
  }
  for (const k of q.kind ?? []) {
    if (!Object.values(CalendarEntryKind).includes(k)) throw badInput('filter.kind', { en: `Unknown kind "${k}".`, ar: `النوع "${k}" غير معروف.` });
  }
  return {
    ...q,
    channel: q.channel?.length ? validChannels(q.channel, 'filter.channel') : null,
    audience: q.audience?.length ? validAudiences(q.audience, 'filter.audience') : null,
  };
}

async function campaignsIn(em: EntityManager, p: Period, q: CalendarQuery): Promise<CampaignRecord[]> {
  const qb = em.createQueryBuilder(CampaignRecord, 'c').where(OVERLAPS('c'), [p.startsAt, p.endsAt]);
  if (q.ids) qb.andWhere({ id: { $in: q.ids } });
  if (q.node?.length) qb.andWhere({ node: { $in: q.node } });
  if (q.axis?.length) qb.andWhere({ axis: { $in: q.axis } });
  if (q.channel?.length) qb.andWhere({ channels: { $overlap: q.channel } });
  if (q.audience?.length) qb.andWhere({ audiences: { $overlap: q.audience } });
  const hidden = [...(q.includeCancelled === false ? [CampaignStatus.CANCELLED] : []), ...(q.includeDrafts ? [] : [CampaignStatus.DRAFT])];
  if (hidden.length) qb.andWhere({ status: { $nin: hidden } });
  await qb.applyFilters();
  return qb.getResultList();
}

async function entriesIn(em: EntityManager, p: Period, q: CalendarQuery): Promise<CalendarEntryRecord[]> {
  const qb = em.createQueryBuilder(CalendarEntryRecord, 'e').where(OVERLAPS('e'), [p.startsAt, p.endsAt]);
  if (q.ids) qb.andWhere({ id: { $in: q.ids } });
  if (q.node?.length) {
    const national = { node: MINISTRY, kind: CalendarEntryKind.OCCASION };
    qb.andWhere(q.includeNationalOccasions ? { $or: [{ node: { $in: q.node } }, national] } : { node: { $in: q.node } });
  }
  if (q.kind?.length) qb.andWhere({ kind: { $in: q.kind } });
  if (q.includeCancelled === false) qb.andWhere({ status: CalendarEntryStatus.CONFIRMED });
  if (q.axis?.length) qb.andWhere({ $or: [{ axis: { $in: q.axis } }, sectorWide] });
  if (q.channel?.length || q.audience?.length) {
    const campaigns = em.createQueryBuilder(CampaignRecord, 'c').select('c.id');
    if (q.channel?.length) campaigns.andWhere({ channels: { $overlap: q.channel } });
    if (q.audience?.length) campaigns.andWhere({ audiences: { $overlap: q.audience } });
    qb.andWhere({ $or: [{ campaignId: { $in: campaigns.getKnexQuery() } }, sectorWide] });
  }
  return qb.getResultList();
}

const startOf = (i: CalendarItemRecord) => i.startsAt.getTime();

/** The campaigns and entries overlapping a period, ordered by start (campaigns first on a tie, then by id). */
export async function calendarItems(em: EntityManager, p: Period, query: CalendarQuery): Promise<CalendarItemRecord[]> {
  const q = validFilter(query);
  const [campaigns, entries] = await Promise.all([q.kind?.length ? Promise.resolve([]) : campaignsIn(em, p, q), entriesIn(em, p, q)]);
  const rank = (i: CalendarItemRecord) => (i instanceof CalendarEntryRecord ? 1 : 0);
  return [...campaigns, ...entries].sort((a, b) => startOf(a) - startOf(b) || rank(a) - rank(b) || a.id.localeCompare(b.id));
}
