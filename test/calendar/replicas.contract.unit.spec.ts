import type { EventsOf, ReceivedOf } from '../../services/kernel/src/events/schemas';
import { assertType, type Equals } from '../support/types';
import { calendarEvents } from '../../services/calendar/src/events';
import type { CampaignState, CampaignStatus } from '../../services/calendar/src/campaign/campaign';
import type { CalendarEntryState } from '../../services/calendar/src/entry/calendar-entry';
import { replicaConsumer } from '../../services/calendar/src/replication/replicas';

// type-level: each line fails `npm run typecheck` when the producer's payloads and this consumer part ways
type Received = ReceivedOf<EventsOf<typeof calendarEvents>>;
type Of<T extends Received['type']> = Extract<Received, { type: T }>;

describe("the replica consumer, against the calendar service's typed events", () => {
  it("takes in exactly the producer's union, each type with its own data", () => {
    assertType<Equals<Parameters<typeof replicaConsumer.apply>[1][number], Received>>();
    assertType<Equals<Of<'mmhub.campaign.drafted.v1'>['data']['state'], CampaignState>>();
    assertType<Equals<Of<'mmhub.calendarentry.moved.v1'>['data']['state'], CalendarEntryState>>();
    assertType<Equals<Of<'mmhub.campaign.launched.v1'>['data']['change']['status']['to'], CampaignStatus.LIVE>>();
    // @ts-expect-error a move carries the time, not a status: the payload is typed, not any
    const noStatus = (e: Of<'mmhub.calendarentry.moved.v1'>) => e.data.change.status;
    // @ts-expect-error no such type: a consumer names only what the producer records
    const unknownType: Received['type'] = 'mmhub.campaign.postponed.v1';
    expect([noStatus, unknownType]).toHaveLength(2);
    expect(replicaConsumer.events).toBe(calendarEvents.events);
  });
});
