import { z } from 'zod';
import {
  aggregateEvents,
  aggregateId,
  axis,
  by,
  describing,
  fromTo,
  instant,
  nodeCode,
  optionalText,
  reason,
  statusChange,
  text,
  userId,
  version,
  type PayloadOf,
} from '../../../kernel/src/events/schemas';
import { CampaignStatus, type CampaignState } from './campaign';

const S = CampaignStatus;

/** iCalendar SEQUENCE, as campaigns and calendar entries carry it. */
export const sequence = () => z.number().int().min(0).describe('iCalendar SEQUENCE: grows at every change of time and at cancellation.');

export const campaignState = describing<CampaignState>()(
  z
    .object({
      id: aggregateId('The campaign (UUID v7, minted by its owner node).'),
      node: nodeCode('The owner node; campaigns of `ministry` are national, the others local.'),
      titleAr: text('The Arabic title.'),
      titleEn: optionalText('The English title.'),
      descriptionAr: optionalText('The Arabic description.'),
      descriptionEn: optionalText('The English description.'),
      axis: axis(),
      audiences: z.array(z.string()).describe('Audience codes, e.g. RESIDENTS, FAMILIES.'),
      channels: z.array(z.string()).describe('Channel codes, e.g. X, INSTAGRAM.'),
      startsAt: instant('The start of its period.'),
      endsAt: instant('The end of its period (excluded).'),
      initiativeIds: z.array(z.guid()).describe('The initiatives it promotes.'),
      status: z.enum(CampaignStatus).describe('DRAFT → SCHEDULED → LIVE → DONE, or CANCELLED.'),
      sequence: sequence(),
      createdBy: userId('Who drafted it'),
      createdAt: instant('When it was drafted.'),
      updatedAt: instant('When it last changed.'),
      version: version(),
    })
    .meta({ id: 'CampaignState', title: 'Campaign', description: 'The campaign after the change (event-carried state).' }),
);

const periodValue = z.object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) });
const period = () => fromTo(periodValue).describe('The period before and after.');

const campaignData = <C extends z.ZodType>(change: C, what: string) => z.object({ state: campaignState, change: change.describe(what) });
const campaignStatusData = <const T extends readonly [CampaignStatus, ...CampaignStatus[]]>(to: T) =>
  campaignData(z.object({ status: statusChange(CampaignStatus, to), reason: reason(), by: by() }), 'The status change, the reason given and who made it.');

const campaignEdits = z
  .object({
    titleAr: fromTo(z.string()),
    titleEn: fromTo(z.string().nullable()),
    descriptionAr: fromTo(z.string().nullable()),
    descriptionEn: fromTo(z.string().nullable()),
    axis: fromTo(axis()),
    audiences: fromTo(z.array(z.string())),
    channels: fromTo(z.array(z.string())),
    initiativeIds: fromTo(z.array(z.guid())),
  })
  .partial();

const C = aggregateEvents('calendar', 'campaign');

export const campaignEvents = [
  C('drafted', 'A campaign was drafted at its owner node (status DRAFT, version 1).', campaignData(campaignState, 'The whole new campaign.')),
  C('updated', "A campaign's content or audience changed.", campaignData(campaignEdits, 'Each field that changed, before and after.')),
  C(
    'scheduled',
    'A draft campaign was committed to its period (SCHEDULED), possibly a new one.',
    campaignData(
      z.object({ status: statusChange(CampaignStatus, [S.SCHEDULED]), by: by(), period: period().optional(), reason: reason().optional() }),
      'The status change and who made it; `period` when the period moved.',
    ),
  ),
  C('rescheduled', "A campaign's period moved.", campaignData(z.object({ period: period(), by: by() }), 'The period before and after, and who moved it.')),
  C('launched', 'A scheduled campaign went live (LIVE).', campaignStatusData([S.LIVE])),
  C('completed', 'A live campaign ended (DONE).', campaignStatusData([S.DONE])),
  C('cancelled', 'A campaign was cancelled; its own calendar entries are cancelled with it.', campaignStatusData([S.CANCELLED])),
] as const;

export type CampaignPayload = PayloadOf<(typeof campaignEvents)[number]>;
