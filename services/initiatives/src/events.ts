import { serviceEvents, type PayloadOf } from '../../kernel/src/events/schemas';
import { initiativeEvents } from './initiative/initiative.events';
import { integrationAssessmentEvents, integrationCriterionEvents } from './integration/integration.events';

/** Every event the initiatives service records, on mmhub.initiatives.v1. */
export const initiativesEvents = serviceEvents('initiatives', 'initiatives, their progress reports, integration criteria and assessments', [
  ...initiativeEvents,
  ...integrationCriterionEvents,
  ...integrationAssessmentEvents,
]);

export type InitiativesPayload = PayloadOf<(typeof initiativesEvents.events)[number]>;
