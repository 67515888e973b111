import { initiativesEvents } from './events';
import { calendarEvents } from '../../calendar/src/events';
import { mediaEvents } from '../../media/src/events';
import { journalConsumer } from '../../kernel/src/events';
import { scopeOfDashboardId } from '../../kernel/src/domain';
import type { ServiceDefinition } from '../../kernel/src/service';
import { StreamResolver } from './stream/stream.resolver';
import { InitiativeRecord, ProgressReportRecord } from './initiative/initiative.entity';
import { IntegrationAssessmentRecord, IntegrationCriterionRecord } from './integration/integration.entity';
import { InitiativeResolver, ProgressReportResolver } from './initiative/initiative.resolver';
import { IntegrationResolver } from './integration/integration.resolver';
import { IntegrationRankResolver, SectorDashboardResolver } from './dashboard/dashboard.resolver';
import { DuplicatesResolver } from './duplicates/duplicates.resolver';
import { replicaConsumer } from './replication/replicas';
import { heartbeatConsumer } from './nodes/heartbeats';
import { NodeResolver } from './nodes/node.resolver';
import { Migration20261126200000_nodes } from '../migrations/Migration20261126200000_nodes';
import { Migration20261126300000_journal } from '../migrations/Migration20261126300000_journal';
import { Migration20261126400000_search } from '../migrations/Migration20261126400000_search';
import { Migration20261126500000_stems } from '../migrations/Migration20261126500000_stems';
import { Migration20261206100000_search_keys } from '../migrations/Migration20261206100000_search_keys';
import { refreshSearchKeys } from './initiative/search-keys';
import { extendContext, type InitiativesContext } from './context';
import { Migration20261126000000_initial } from '../migrations/Migration20261126000000_initial';
import { Migration20261126100000_traceparent } from '../migrations/Migration20261126100000_traceparent';
import { Migration20261206300000_outbox_notify } from '../migrations/Migration20261206300000_outbox_notify';
import { Migration20261207000000_inbox_applied_at } from '../migrations/Migration20261207000000_inbox_applied_at';

/** The catalogue of initiatives, integration criteria and implementation monitoring. */
export const initiativesService: ServiceDefinition<InitiativesContext> = {
  name: 'initiatives',
  events: initiativesEvents,
  entities: [InitiativeRecord, ProgressReportRecord, IntegrationCriterionRecord, IntegrationAssessmentRecord],
  migrations: [
    { name: 'Migration20261126000000_initial', class: Migration20261126000000_initial },
    { name: 'Migration20261126100000_traceparent', class: Migration20261126100000_traceparent },
    { name: 'Migration20261126200000_nodes', class: Migration20261126200000_nodes },
    { name: 'Migration20261126300000_journal', class: Migration20261126300000_journal },
    { name: 'Migration20261126400000_search', class: Migration20261126400000_search },
    { name: 'Migration20261126500000_stems', class: Migration20261126500000_stems },
    { name: 'Migration20261206100000_search_keys', class: Migration20261206100000_search_keys },
    { name: 'Migration20261206300000_outbox_notify', class: Migration20261206300000_outbox_notify },
    { name: 'Migration20261207000000_inbox_applied_at', class: Migration20261207000000_inbox_applied_at },
  ],
  subgraph: {
    resolvers: [
      InitiativeResolver,
      ProgressReportResolver,
      IntegrationResolver,
      SectorDashboardResolver,
      IntegrationRankResolver,
      DuplicatesResolver,
      NodeResolver,
      StreamResolver,
    ],
    references: {
      Initiative: (ref, ctx: InitiativesContext) => ctx.loaders.initiative.load(ref.id),
      SectorDashboard: (ref) => scopeOfDashboardId(ref.id),
    },
  },
  extendContext,
  // rows keyed by an older stemmer are keyed again before the service answers a search
  upkeep: refreshSearchKeys,
  // the journal takes every service's events: the analysts' stream is served here
  consumers: [replicaConsumer, heartbeatConsumer, journalConsumer([initiativesEvents, calendarEvents, mediaEvents])],
};
