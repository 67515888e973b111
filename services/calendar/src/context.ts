import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hideUnpublished } from '../../kernel/src/auth';
import { plainRows } from '../../kernel/src/db';
import type { RequestContext } from '../../kernel/src/graphql';
import { calendarUnpublished } from './events';
import { CampaignRecord } from './campaign/campaign.entity';
import { CalendarEntryRecord } from './entry/calendar-entry.entity';

const byStart = (a: { startsAt: Date; id: string }, b: { startsAt: Date; id: string }) =>
  a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id);

/** Per-request batching: one SQL statement per entity type and level of a query. */
export function createLoaders(em: EntityManager) {
  return {
    campaign: new DataLoader<string, CampaignRecord | null>(async (ids) => {
      const rows = await em.find(CampaignRecord, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    calendarEntry: new DataLoader<string, CalendarEntryRecord | null>(async (ids) => {
      const rows = await em.find(CalendarEntryRecord, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Initiative.campaigns: one "&&" over every initiative id of the batch. */
    campaignsByInitiative: new DataLoader<string, CampaignRecord[]>(async (ids) => {
      // plain rows: the campaigns of a page of initiatives are only answered with
      const rows = await plainRows(em, CampaignRecord, { initiativeIds: { $overlap: [...ids] } });
      rows.sort(byStart);
      return ids.map((id) => rows.filter((r) => r.initiativeIds.includes(id)));
    }),
    entriesByCampaign: new DataLoader<string, CalendarEntryRecord[]>(async (ids) => {
      const rows = await em.find(CalendarEntryRecord, { campaignId: { $in: [...ids] } });
      rows.sort(byStart);
      return ids.map((id) => rows.filter((r) => r.campaignId === id));
    }),
  };
}

export interface CalendarContext extends RequestContext {
  loaders: ReturnType<typeof createLoaders>;
}

export const extendContext = (base: RequestContext): CalendarContext => {
  // another node's drafts are not there for callers the permission matrix does not let read them
  hideUnpublished(base.em, base.caller, CampaignRecord, calendarUnpublished['mmhub.campaign.']);
  return { ...base, loaders: createLoaders(base.em) };
};
