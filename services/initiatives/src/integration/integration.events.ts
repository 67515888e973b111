import { z } from 'zod';
import {
  aggregateEvents,
  aggregateId,
  describing,
  instant,
  nodeCode,
  optionalText,
  text,
  userId,
  version,
  type PayloadOf,
} from '../../../kernel/src/events/schemas';
import type { IntegrationAssessmentState, IntegrationCriterionState } from './integration';

export const integrationCriterionState = describing<IntegrationCriterionState>()(
  z
    .object({
      id: aggregateId('The criterion.'),
      node: nodeCode('Always `ministry`: criteria are defined there.'),
      nameAr: text('The Arabic name.'),
      nameEn: optionalText('The English name.'),
      description: optionalText('What it measures.'),
      weight: z.number().min(0.01).max(100).describe('Its weight in the weighted score.'),
      createdAt: instant('When it was defined.'),
      version: version(),
    })
    .meta({
      id: 'IntegrationCriterionState',
      title: 'Integration criterion',
      description: 'A criterion initiatives are scored against (معايير تكامل المبادرات).',
    }),
);

export const integrationAssessmentState = describing<IntegrationAssessmentState>()(
  z
    .object({
      id: aggregateId('The assessment.'),
      node: nodeCode("Where it was recorded: the initiative's node or the ministry."),
      initiativeId: aggregateId('The initiative assessed.'),
      scores: z
        .array(
          z.object({
            criterionId: aggregateId('The criterion.'),
            nameAr: text('Its Arabic name at the time.'),
            nameEn: optionalText('Its English name at the time.'),
            weight: z.number().describe('Its weight at the time.'),
            score: z.number().min(0).max(100).describe('The score, 0 to 100.'),
          }),
        )
        .describe('One score per criterion, with the weight in force.'),
      weightedScore: z.number().min(0).max(100).describe('Σ(weight × score) / Σ weight, to two decimals.'),
      note: optionalText('A note.'),
      assessedBy: userId('Who assessed it'),
      assessedAt: instant('When.'),
      version: version(),
    })
    .meta({ id: 'IntegrationAssessmentState', title: 'Integration assessment' }),
);

/** The ministry's integration criteria. */
export const integrationCriterionEvents = [
  aggregateEvents('initiatives', 'integrationcriterion')(
    'defined',
    'The ministry defined an integration criterion.',
    z.object({ state: integrationCriterionState }),
  ),
] as const;

/** Initiatives scored against the criteria. */
export const integrationAssessmentEvents = [
  aggregateEvents('initiatives', 'integrationassessment')(
    'recorded',
    'An initiative was scored against the integration criteria.',
    z.object({ state: integrationAssessmentState }),
  ),
] as const;

export type IntegrationPayload = PayloadOf<(typeof integrationCriterionEvents)[number] | (typeof integrationAssessmentEvents)[number]>;
