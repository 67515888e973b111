import { z } from 'zod';
import type { InitiativeState } from '../../../../initiatives/src/initiative/initiative';
import type { ProgressReportState } from '../../../../initiatives/src/initiative/progress';
import type { IntegrationAssessmentState, IntegrationCriterionState } from '../../../../initiatives/src/integration/integration';
import { aggregateId, axis, by, fromTo, instant, localDay, nodeCode, optionalId, optionalInstant, optionalText, reason, statusChange, text, userId, version } from './common';
import { defineEvent, type EventDefinition } from './event';
import { describing } from './wire';

const STATUSES = ['PROPOSED', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED', 'CANCELLED'] as const;

const target = z
  .object({
    kpi: text('The KPI (مؤشر أداء) measured.'),
    unit: text('Its unit, e.g. count, percent, SAR.'),
    targetValue: z.number().describe('The value aimed at.'),
    kpiEn: optionalText('The KPI in English, for English texts; absent from earlier events.').optional(),
    unitEn: optionalText('Its unit in English; absent from earlier events.').optional(),
  })
  .meta({ id: 'Target', title: 'Target' });

export const initiativeState = describing<InitiativeState>()(
  z
    .object({
      id: aggregateId('The initiative (UUID v7, minted by its owner node).'),
      node: nodeCode(),
      code: text('Its code, unique within the node, upper case, e.g. RUH-2026-014.'),
      titleAr: text('The Arabic title.'),
      titleEn: optionalText('The English title.'),
      descriptionAr: optionalText('The Arabic description.'),
      descriptionEn: optionalText('The English description.'),
      axis: axis(),
      nationalInitiativeId: optionalId('The national (ministry) initiative this one rolls up to; null for a national initiative.'),
      status: z.enum(STATUSES).describe('PROPOSED → APPROVED → IN_PROGRESS → COMPLETED, or SUSPENDED / CANCELLED.'),
      plannedStart: localDay('The planned start'),
      plannedEnd: localDay('The planned end'),
      targets: z.array(target).describe('Its targets (KPIs).'),
      percentComplete: z.number().min(0).max(100).describe('Progress last reported, 0 to 100.'),
      lastReportedAt: optionalInstant('When progress was last reported.'),
      createdBy: userId('Who proposed it'),
      createdAt: instant('When it was proposed.'),
      updatedAt: instant('When it last changed.'),
      version: version(),
    })
    .meta({ id: 'InitiativeState', title: 'Initiative', description: 'The initiative after the change (event-carried state).' }),
);

export const progressReportState = describing<ProgressReportState>()(
  z
    .object({
      id: aggregateId('The progress report.'),
      initiativeId: aggregateId('The initiative reported on.'),
      node: nodeCode(),
      percentComplete: z.number().min(0).max(100).describe('Progress, 0 to 100.'),
      kpiActuals: z
        .array(z.object({ kpi: text("One of the initiative's KPIs."), value: z.number().describe('Its value so far.') }))
        .describe('Values reached so far, per KPI.'),
      note: optionalText('A note.'),
      reportedAt: instant('When it was reported.'),
      reportedBy: userId('Who reported it'),
    })
    .meta({ id: 'ProgressReport', title: 'Progress report' }),
);

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
    .meta({ id: 'IntegrationCriterionState', title: 'Integration criterion', description: 'A criterion initiatives are scored against (معايير تكامل المبادرات).' }),
);

export const integrationAssessmentState = describing<IntegrationAssessmentState>()(
  z
    .object({
      id: aggregateId('The assessment.'),
      node: nodeCode('Where it was recorded: the initiative\'s node or the ministry.'),
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

const withChange = (change: z.ZodType, what: string) =>
  z.object({ state: initiativeState, change: change.describe(what) });

const statusData = (to: readonly [string, ...string[]]) =>
  withChange(z.object({ status: statusChange(STATUSES, to), reason: reason(), by: by() }), 'The status change, the reason given and who made it.');

const edits = z
  .object({
    titleAr: fromTo(z.string()),
    titleEn: fromTo(z.string().nullable()),
    descriptionAr: fromTo(z.string().nullable()),
    descriptionEn: fromTo(z.string().nullable()),
    axis: fromTo(axis()),
    nationalInitiativeId: fromTo(z.guid().nullable()),
    plannedStart: fromTo(z.iso.date()),
    plannedEnd: fromTo(z.iso.date()),
    targets: fromTo(z.array(target)),
  })
  .partial();

const I = (verb: string, summary: string, data: z.ZodType) => defineEvent('initiatives', 'initiative', verb, summary, data);

export const initiativesEvents: EventDefinition[] = [
  I('proposed', 'An initiative was proposed at its owner node (status PROPOSED, version 1).', withChange(initiativeState, 'The whole new initiative.')),
  I('updated', "An initiative's descriptive fields changed.", withChange(edits, 'Each field that changed, before and after; possibly none.')),
  I('approved', 'A proposed initiative was approved.', statusData(['APPROVED'])),
  I('started', 'An approved initiative started (IN_PROGRESS).', statusData(['IN_PROGRESS'])),
  I('suspended', 'An initiative was suspended.', statusData(['SUSPENDED'])),
  I('resumed', 'A suspended initiative was resumed (back to APPROVED or IN_PROGRESS).', statusData(['APPROVED', 'IN_PROGRESS'])),
  I('completed', 'An initiative was completed.', statusData(['COMPLETED'])),
  I('cancelled', 'An initiative was cancelled.', statusData(['CANCELLED'])),
  I('progressreported', 'Progress was reported on an initiative in progress.', withChange(z.object({ report: progressReportState }), 'The progress report.')),
  defineEvent(
    'initiatives',
    'integrationcriterion',
    'defined',
    'The ministry defined an integration criterion.',
    z.object({ state: integrationCriterionState }),
  ),
  defineEvent(
    'initiatives',
    'integrationassessment',
    'recorded',
    'An initiative was scored against the integration criteria.',
    z.object({ state: integrationAssessmentState }),
  ),
];
