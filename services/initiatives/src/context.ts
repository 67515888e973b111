import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../kernel/src/graphql';
import { InitiativeRecord, ProgressReportRecord } from './initiative/initiative.entity';
import { IntegrationAssessmentRecord } from './integration/integration.entity';

/** Per-request batching: one SQL statement per entity type and level of a query. */
export function createLoaders(em: EntityManager) {
  return {
    initiative: new DataLoader<string, InitiativeRecord | null>(async (ids) => {
      const rows = await em.find(InitiativeRecord, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    progressReports: new DataLoader<string, ProgressReportRecord[]>(async (ids) => {
      const rows = await em.find(ProgressReportRecord, { initiativeId: { $in: [...ids] } }, { orderBy: { reportedAt: 'desc', id: 'desc' } });
      return ids.map((id) => rows.filter((r) => r.initiativeId === id));
    }),
    assessments: new DataLoader<string, IntegrationAssessmentRecord[]>(async (ids) => {
      const rows = await em.find(IntegrationAssessmentRecord, { initiativeId: { $in: [...ids] } }, { orderBy: { assessedAt: 'desc', id: 'desc' } });
      return ids.map((id) => rows.filter((r) => r.initiativeId === id));
    }),
  };
}

export interface InitiativesContext extends RequestContext {
  loaders: ReturnType<typeof createLoaders>;
}

export const extendContext = (base: RequestContext): InitiativesContext => ({ ...base, loaders: createLoaders(base.em) });
