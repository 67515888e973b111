import type { EventsOf, ReceivedOf } from '../../services/kernel/src/events/schemas';
import { assertType, type Equals } from '../support/types';
import { initiativesEvents } from '../../services/initiatives/src/events';
import type { InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import { calendarEvents } from '../../services/calendar/src/events';
import type { CampaignState } from '../../services/calendar/src/campaign/campaign';
import { mediaEvents } from '../../services/media/src/events';
import type { ReviewState } from '../../services/media/src/review/review';
import { campaignSource, initiativeSource } from '../../services/media/src/replication/sources';
import { replicaConsumer } from '../../services/media/src/replication/replicas';

// type-level: each line fails `npm run typecheck` when a producer's payloads and these consumers part ways
type Initiatives = ReceivedOf<EventsOf<typeof initiativesEvents>>;
type Calendar = ReceivedOf<EventsOf<typeof calendarEvents>>;
type Media = ReceivedOf<EventsOf<typeof mediaEvents>>;

describe("media's consumers, against the typed events of the services they read", () => {
  it("take in exactly each producer's union, each type with its own data", () => {
    assertType<Equals<Parameters<typeof initiativeSource.apply>[1][number], Initiatives>>();
    assertType<Equals<Parameters<typeof campaignSource.apply>[1][number], Calendar>>();
    assertType<Equals<Parameters<typeof replicaConsumer.apply>[1][number], Media>>();
    assertType<Equals<Extract<Initiatives, { type: 'mmhub.initiative.updated.v1' }>['data']['state'], InitiativeState>>();
    assertType<Equals<Extract<Calendar, { type: 'mmhub.campaign.rescheduled.v1' }>['data']['state'], CampaignState>>();
    assertType<Equals<Extract<Media, { type: 'mmhub.review.decided.v1' }>['data']['state'], ReviewState>>();
    // @ts-expect-error a criterion carries no change: the payload is typed, not any
    const noChange = (e: Extract<Initiatives, { type: 'mmhub.integrationcriterion.defined.v1' }>) => e.data.change;
    // @ts-expect-error no such type: a consumer names only what the producer records
    const unknownType: Media['type'] = 'mmhub.message.deleted.v1';
    expect([noChange, unknownType]).toHaveLength(2);
    expect([initiativeSource.events, campaignSource.events, replicaConsumer.events]).toEqual([
      initiativesEvents.events,
      calendarEvents.events,
      mediaEvents.events,
    ]);
  });
});
