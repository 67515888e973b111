import type { Unpublished } from '../../kernel/src/auth';
import { serviceEvents, type PayloadOf } from '../../kernel/src/events/schemas';
import { CampaignStatus } from './campaign/campaign';
import { campaignEvents } from './campaign/campaign.events';
import { calendarEntryEvents } from './entry/calendar-entry.events';

/** Every event the calendar service records, on mmhub.calendar.v1. */
export const calendarEvents = serviceEvents('calendar', 'campaigns and calendar entries (launches, events, occasions, milestones)', [
  ...campaignEvents,
  ...calendarEntryEvents,
]);

/** A campaign in these statuses is its node's own until published: its events too (the events stream). */
export const calendarUnpublished = { 'mmhub.campaign.': [CampaignStatus.DRAFT] } as const satisfies Unpublished;

export type CalendarPayload = PayloadOf<(typeof calendarEvents.events)[number]>;
