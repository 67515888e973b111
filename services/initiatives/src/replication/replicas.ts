import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, topicOf, upsertNewer, type CloudEvent, type ConsumerDefinition } from '../../../kernel/src';
import { InitiativeRecord, ProgressReportRecord, initiativeRow, progressReportRow } from '../initiative/initiative.entity';
import type { InitiativeState } from '../initiative/initiative';
import type { ProgressReportState } from '../initiative/progress';
import { IntegrationAssessmentRecord, IntegrationCriterionRecord, assessmentRow, criterionRow } from '../integration/integration.entity';
import type { IntegrationAssessmentState, IntegrationCriterionState } from '../integration/integration';

const aggregateOf = (type: string) => type.split('.')[1];

/** Applies other nodes' events to read-only replicas: newest version wins, duplicates change nothing. */
async function applyReplicas(em: EntityManager, events: CloudEvent[]): Promise<void> {
  const initiatives = events.filter((e) => aggregateOf(e.type) === 'initiative');
  const reports = initiatives
    .map((e) => (e.data as { change?: { report?: ProgressReportState } }).change?.report)
    .filter((r): r is ProgressReportState => Boolean(r));
  await upsertNewer(
    em,
    InitiativeRecord,
    initiatives.map((e) => {
      const state = (e.data as { state: InitiativeState }).state;
      return { id: state.id, version: state.version, props: initiativeRow(state) };
    }),
  );
  if (reports.length) {
    const known = new Set((await em.find(ProgressReportRecord, { id: { $in: reports.map((r) => r.id) } }, { fields: ['id'] })).map((r) => r.id));
    for (const r of reports) if (!known.has(r.id)) em.create(ProgressReportRecord, progressReportRow(r));
    await em.flush();
  }
  await upsertNewer(
    em,
    IntegrationCriterionRecord,
    events
      .filter((e) => aggregateOf(e.type) === 'integrationcriterion')
      .map((e) => {
        const state = (e.data as { state: IntegrationCriterionState }).state;
        return { id: state.id, version: state.version, props: criterionRow(state) };
      }),
  );
  await upsertNewer(
    em,
    IntegrationAssessmentRecord,
    events
      .filter((e) => aggregateOf(e.type) === 'integrationassessment')
      .map((e) => {
        const state = (e.data as { state: IntegrationAssessmentState }).state;
        return { id: state.id, version: state.version, props: assessmentRow(state) };
      }),
  );
}

/** The hub keeps every node's initiatives; a municipality keeps the ministry's. */
export const replicaConsumer: ConsumerDefinition = {
  name: 'replicas',
  topics: [topicOf('initiatives')],
  accept: (e, config) => e.node !== config.node && (config.role === 'hub' || e.node === MINISTRY),
  apply: applyReplicas,
  rebuilds: [{ table: 'initiative' }, { table: 'progress_report' }, { table: 'integration_criterion' }, { table: 'integration_assessment' }],
};
