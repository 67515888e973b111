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
  optionalId,
  optionalText,
  reason,
  statusChange,
  text,
  userId,
  version,
  type PayloadOf,
} from '../../../kernel/src/events/schemas';
import { sequence } from '../campaign/campaign.events';
import { CalendarEntryKind, CalendarEntryStatus, type CalendarEntryState } from './calendar-entry';

export const calendarEntryState = describing<CalendarEntryState>()(
  z
    .object({
      id: aggregateId('The calendar entry (UUID v7, minted by its owner node).'),
      node: nodeCode(),
      kind: z.enum(CalendarEntryKind).describe('What the entry is.'),
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
      status: z.enum(CalendarEntryStatus).describe('CONFIRMED or CANCELLED (a cancelled entry stays, marked).'),
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

const E = aggregateEvents('calendar', 'calendarentry');

export const calendarEntryEvents = [
  E(
    'added',
    'A calendar entry was added (version 1); national occasions are added by the ministry.',
    z.object({
      state: calendarEntryState,
      change: calendarEntryState
        .extend({
          occasion: z
            .object({ code: z.string(), hijriYear: z.number().int() })
            .optional()
            .describe('For a generated national occasion: which, and its Hijri year.'),
        })
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
      change: z
        .object({ status: statusChange(CalendarEntryStatus, [CalendarEntryStatus.CANCELLED]), reason: reason(), by: by() })
        .describe('The status change, the reason given and who made it.'),
    }),
  ),
] as const;

export type CalendarEntryPayload = PayloadOf<(typeof calendarEntryEvents)[number]>;
