import { z } from 'zod';
import type { CampaignState } from '../../../../calendar/src/campaign/campaign';
import type { CalendarEntryState } from '../../../../calendar/src/entry/calendar-entry';
import { aggregateId, axis, by, fromTo, instant, nodeCode, optionalId, optionalText, reason, statusChange, text, userId, version } from './common';
import { defineEvent, type EventDefinition } from './event';
import { describing } from './wire';

const CAMPAIGN_STATUSES = ['DRAFT', 'SCHEDULED', 'LIVE', 'DONE', 'CANCELLED'] as const;
const ENTRY_KINDS = ['CAMPAIGN_LAUNCH', 'EVENT', 'OCCASION', 'MILESTONE', 'PRESS_CONFERENCE'] as const;
const ENTRY_STATUSES = ['CONFIRMED', 'CANCELLED'] as const;

const sequence = () => z.number().int().min(0).describe('iCalendar SEQUENCE: grows at every change of time and at cancellation.');

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
      status: z.enum(CAMPAIGN_STATUSES).describe('DRAFT → SCHEDULED → LIVE → DONE, or CANCELLED.'),
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

const campaignData = (change: z.ZodType, what: string) => z.object({ state: campaignState, change: change.describe(what) });
const campaignStatusData = (to: readonly [string, ...string[]]) =>
  campaignData(z.object({ status: statusChange(CAMPAIGN_STATUSES, to), reason: reason(), by: by() }), 'The status change, the reason given and who made it.');

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

export const calendarEntryState = describing<CalendarEntryState>()(
  z
    .object({
      id: aggregateId('The calendar entry (UUID v7, minted by its owner node).'),
      node: nodeCode(),
      kind: z.enum(ENTRY_KINDS).describe('What the entry is.'),
      titleAr: text('The Arabic title.'),
      titleEn: optionalText('The English title.'),
      descriptionAr: optionalText('The Arabic description.'),
      descriptionEn: optionalText('The English description.'),
      location: optionalText('Where.'),
      axis: axis().nullable(),
      campaignId: optionalId('The campaign it belongs to, if any.'),
      allDay: z.boolean().describe('Whole days (startsAt and endsAt are then midnights in Asia/Riyadh) or a timed period.'),
      startsAt: instant('The start.'),
      endsAt: instant('The end (excluded).'),
      status: z.enum(ENTRY_STATUSES).describe('CONFIRMED or CANCELLED (a cancelled entry stays, marked).'),
      occasionCode: optionalText('For a national occasion the ministry generated: which one.'),
      occasionHijriYear: z.number().int().nullable().describe('For a national occasion: its Hijri year.'),
      sequence: sequence(),
      createdBy: userId('Who added it'),
      createdAt: instant('When it was added.'),
      updatedAt: instant('When it last changed.'),
      version: version(),
    })
    .meta({ id: 'CalendarEntryState', title: 'Calendar entry', description: 'The calendar entry after the change (event-carried state).' }),
);

const entryTime = z.object({ allDay: z.boolean(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) });

const C = (verb: string, summary: string, data: z.ZodType) => defineEvent('calendar', 'campaign', verb, summary, data);
const E = (verb: string, summary: string, data: z.ZodType) => defineEvent('calendar', 'calendarentry', verb, summary, data);

export const calendarEvents: EventDefinition[] = [
  C('drafted', 'A campaign was drafted at its owner node (status DRAFT, version 1).', campaignData(campaignState, 'The whole new campaign.')),
  C('updated', "A campaign's content or audience changed.", campaignData(campaignEdits, 'Each field that changed, before and after.')),
  C(
    'scheduled',
    'A draft campaign was committed to its period (SCHEDULED), possibly a new one.',
    campaignData(
      z.object({ status: statusChange(CAMPAIGN_STATUSES, ['SCHEDULED']), by: by(), period: period().optional(), reason: reason().optional() }),
      'The status change and who made it; `period` when the period moved.',
    ),
  ),
  C('rescheduled', "A campaign's period moved.", campaignData(z.object({ period: period(), by: by() }), 'The period before and after, and who moved it.')),
  C('launched', 'A scheduled campaign went live (LIVE).', campaignStatusData(['LIVE'])),
  C('completed', 'A live campaign ended (DONE).', campaignStatusData(['DONE'])),
  C('cancelled', 'A campaign was cancelled; its own calendar entries are cancelled with it.', campaignStatusData(['CANCELLED'])),
  E(
    'added',
    'A calendar entry was added (version 1); national occasions are added by the ministry.',
    z.object({
      state: calendarEntryState,
      change: calendarEntryState
        .extend({ occasion: z.object({ code: z.string(), hijriYear: z.number().int() }).optional().describe('For a generated national occasion: which, and its Hijri year.') })
        .describe('The whole new entry.'),
    }),
  ),
  E(
    'moved',
    'A calendar entry moved to a new time.',
    z.object({ state: calendarEntryState, change: z.object({ time: fromTo(entryTime), by: by() }).describe('The time before and after, and who moved it.') }),
  ),
  E(
    'cancelled',
    'A calendar entry was cancelled (it stays in the calendar, marked).',
    z.object({
      state: calendarEntryState,
      change: z.object({ status: statusChange(ENTRY_STATUSES, ['CANCELLED']), reason: reason(), by: by() }).describe('The status change, the reason given and who made it.'),
    }),
  ),
];
