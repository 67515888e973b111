import { serviceEvents, type PayloadOf } from '../../kernel/src/events/schemas';
import { campaignEvents } from './campaign/campaign.events';
import { calendarEntryEvents } from './entry/calendar-entry.events';

/** Every event the calendar service records, on mmhub.calendar.v1. */
export const calendarEvents = serviceEvents('calendar', 'campaigns and calendar entries (launches, events, occasions, milestones)', [
  ...campaignEvents,
  ...calendarEntryEvents,
]);

export type CalendarPayload = PayloadOf<(typeof calendarEvents.events)[number]>;
