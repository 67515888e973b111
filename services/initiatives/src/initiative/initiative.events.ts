import { z } from 'zod';
import {
  aggregateEvents,
  aggregateId,
  axis,
  by,
  describing,
  fromTo,
  instant,
  localDay,
  nodeCode,
  optionalId,
  optionalInstant,
  optionalText,
  reason,
  statusChange,
  text,
  userId,
  version,
  type PayloadOf,
} from '../../../kernel/src/events/schemas';
import { InitiativeStatus, type InitiativeState } from './initiative';
import type { ProgressReportState } from './progress';

const S = InitiativeStatus;

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
      status: z.enum(InitiativeStatus).describe('PROPOSED → APPROVED → IN_PROGRESS → COMPLETED, or SUSPENDED / CANCELLED.'),
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

const withChange = <C extends z.ZodType>(change: C, what: string) => z.object({ state: initiativeState, change: change.describe(what) });

const statusData = <const T extends readonly [InitiativeStatus, ...InitiativeStatus[]]>(to: T) =>
  withChange(z.object({ status: statusChange(InitiativeStatus, to), reason: reason(), by: by() }), 'The status change, the reason given and who made it.');

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

const I = aggregateEvents('initiatives', 'initiative');

/** What happens to an initiative, its progress reports included. */
export const initiativeEvents = [
  I('proposed', 'An initiative was proposed at its owner node (status PROPOSED, version 1).', withChange(initiativeState, 'The whole new initiative.')),
  I('updated', "An initiative's descriptive fields changed.", withChange(edits, 'Each field that changed, before and after; at least one.')),
  I('approved', 'A proposed initiative was approved.', statusData([S.APPROVED])),
  I('started', 'An approved initiative started (IN_PROGRESS).', statusData([S.IN_PROGRESS])),
  I('suspended', 'An initiative was suspended.', statusData([S.SUSPENDED])),
  I('resumed', 'A suspended initiative was resumed (back to APPROVED or IN_PROGRESS).', statusData([S.APPROVED, S.IN_PROGRESS])),
  I('completed', 'An initiative was completed.', statusData([S.COMPLETED])),
  I('cancelled', 'An initiative was cancelled.', statusData([S.CANCELLED])),
  I('progressreported', 'Progress was reported on an initiative in progress.', withChange(z.object({ report: progressReportState }), 'The progress report.')),
] as const;

/** An initiative event as recorded and as its consumers read it, discriminated by `type`. */
export type InitiativePayload = PayloadOf<(typeof initiativeEvents)[number]>;
