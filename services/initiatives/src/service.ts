import type { ServiceDefinition } from '../../kernel/src';
import { InitiativeRecord, ProgressReportRecord } from './initiative/initiative.entity';
import { IntegrationAssessmentRecord, IntegrationCriterionRecord } from './integration/integration.entity';
import { InitiativeResolver, ProgressReportResolver } from './initiative/initiative.resolver';
import { IntegrationResolver } from './integration/integration.resolver';
import { replicaConsumer } from './replication/replicas';
import { extendContext, type InitiativesContext } from './context';
import { Migration20261126000000_initial } from '../migrations/Migration20261126000000_initial';

/** The catalogue of initiatives, integration criteria and implementation monitoring. */
export const initiativesService: ServiceDefinition<InitiativesContext> = {
  name: 'initiatives',
  entities: [InitiativeRecord, ProgressReportRecord, IntegrationCriterionRecord, IntegrationAssessmentRecord],
  migrations: [{ name: 'Migration20261126000000_initial', class: Migration20261126000000_initial }],
  subgraph: {
    resolvers: [InitiativeResolver, ProgressReportResolver, IntegrationResolver],
    references: {
      Initiative: (ref, ctx: InitiativesContext) => ctx.loaders.initiative.load(ref.id),
    },
  },
  extendContext,
  consumers: [replicaConsumer],
};
