import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY } from '../../../kernel/src/domain';
import { isEventOf, type EventsOf, type ReceivedOf } from '../../../kernel/src/events/schemas';
import { topicOf, upsertNewer } from '../../../kernel/src/events';
import type { ConsumerDefinition } from '../../../kernel/src/service';
import { InitiativeRecord, ProgressReportRecord, initiativeRow, progressReportRow } from '../initiative/initiative.entity';
import { initiativeEvents } from '../initiative/initiative.events';
import { IntegrationAssessmentRecord, IntegrationCriterionRecord, assessmentRow, criterionRow } from '../integration/integration.entity';
import { integrationAssessmentEvents, integrationCriterionEvents } from '../integration/integration.events';
import { initiativesEvents } from '../events';

type InitiativesEvent = EventsOf<typeof initiativesEvents>;

/** Applies other nodes' events to read-only replicas: newest version wins, duplicates change nothing. */
async function applyReplicas(em: EntityManager, events: ReceivedOf<InitiativesEvent>[]): Promise<void> {
  const initiatives = events.filter(isEventOf(initiativeEvents));
  const reports = initiatives.flatMap((e) => (e.type === 'mmhub.initiative.progressreported.v1' ? [e.data.change.report] : []));
  await upsertNewer(
    em,
    InitiativeRecord,
    initiatives.map(({ data: { state } }) => ({ id: state.id, version: state.version, props: initiativeRow(state) })),
  );
  if (reports.length) {
    const known = new Set((await em.find(ProgressReportRecord, { id: { $in: reports.map((r) => r.id) } }, { fields: ['id'] })).map((r) => r.id));
    for (const r of reports) if (!known.has(r.id)) em.create(ProgressReportRecord, progressReportRow(r));
    await em.flush();
  }
  await upsertNewer(
    em,
    IntegrationCriterionRecord,
    events.filter(isEventOf(integrationCriterionEvents)).map(({ data: { state } }) => ({ id: state.id, version: state.version, props: criterionRow(state) })),
  );
  await upsertNewer(
    em,
    IntegrationAssessmentRecord,
    events.filter(isEventOf(integrationAssessmentEvents)).map(({ data: { state } }) => ({ id: state.id, version: state.version, props: assessmentRow(state) })),
  );
}

/** The hub keeps every node's initiatives; a municipality keeps the ministry's. */
export const replicaConsumer: ConsumerDefinition<InitiativesEvent> = {
  name: 'replicas',
  topics: [topicOf('initiatives')],
  events: initiativesEvents.events,
  accept: (e, config) => e.node !== config.node && (config.role === 'hub' || e.node === MINISTRY),
  apply: applyReplicas,
  rebuilds: [{ table: 'initiative' }, { table: 'progress_report' }, { table: 'integration_criterion' }, { table: 'integration_assessment' }],
};
