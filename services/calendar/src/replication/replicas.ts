import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, topicOf, upsertNewer, type CloudEvent, type ConsumerDefinition } from '../../../kernel/src';
import { CampaignRecord, campaignRow } from '../campaign/campaign.entity';
import type { CampaignState } from '../campaign/campaign';
import { CalendarEntryRecord, calendarEntryRow } from '../entry/calendar-entry.entity';
import type { CalendarEntryState } from '../entry/calendar-entry';

const aggregateOf = (type: string) => type.split('.')[1];
const statesOf = <S>(events: CloudEvent[], aggregate: string) =>
  events.filter((e) => aggregateOf(e.type) === aggregate).map((e) => (e.data as { state: S }).state);

/** Applies other nodes' events to read-only replicas: newest version wins, duplicates change nothing. */
async function applyReplicas(em: EntityManager, events: CloudEvent[]): Promise<void> {
  await upsertNewer(
    em,
    CampaignRecord,
    statesOf<CampaignState>(events, 'campaign').map((s) => ({ id: s.id, version: s.version, props: campaignRow(s) })),
  );
  await upsertNewer(
    em,
    CalendarEntryRecord,
    statesOf<CalendarEntryState>(events, 'calendarentry').map((s) => ({ id: s.id, version: s.version, props: calendarEntryRow(s) })),
  );
}

/** The hub keeps every node's campaigns and entries; a municipality keeps the ministry's. */
export const replicaConsumer: ConsumerDefinition = {
  name: 'replicas',
  topics: [topicOf('calendar')],
  accept: (e, config) => e.node !== config.node && (config.role === 'hub' || e.node === MINISTRY),
  apply: applyReplicas,
  rebuilds: [{ table: 'campaign' }, { table: 'calendar_entry' }],
};
