import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY } from '../../../kernel/src/domain';
import { isEventOf, type EventsOf, type ReceivedOf } from '../../../kernel/src/events/schemas';
import { topicOf, upsertNewer } from '../../../kernel/src/events';
import type { ConsumerDefinition } from '../../../kernel/src/service';
import { CampaignRecord, campaignRow } from '../campaign/campaign.entity';
import { campaignEvents } from '../campaign/campaign.events';
import { CalendarEntryRecord, calendarEntryRow } from '../entry/calendar-entry.entity';
import { calendarEntryEvents } from '../entry/calendar-entry.events';
import { calendarEvents } from '../events';

type CalendarEvent = EventsOf<typeof calendarEvents>;

/** Applies other nodes' events to read-only replicas: newest version wins, duplicates change nothing. */
async function applyReplicas(em: EntityManager, events: ReceivedOf<CalendarEvent>[]): Promise<void> {
  await upsertNewer(
    em,
    CampaignRecord,
    events.filter(isEventOf(campaignEvents)).map(({ data: { state } }) => ({ id: state.id, version: state.version, props: campaignRow(state) })),
  );
  await upsertNewer(
    em,
    CalendarEntryRecord,
    events.filter(isEventOf(calendarEntryEvents)).map(({ data: { state } }) => ({ id: state.id, version: state.version, props: calendarEntryRow(state) })),
  );
}

/** The hub keeps every node's campaigns and entries; a municipality keeps the ministry's. */
export const replicaConsumer: ConsumerDefinition<CalendarEvent> = {
  name: 'replicas',
  topics: [topicOf('calendar')],
  events: calendarEvents.events,
  accept: (e, config) => e.node !== config.node && (config.role === 'hub' || e.node === MINISTRY),
  apply: applyReplicas,
  rebuilds: [{ table: 'campaign' }, { table: 'calendar_entry' }],
};
