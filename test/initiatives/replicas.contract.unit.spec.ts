import { Axis } from '../../services/kernel/src/domain';
import { isEventOf, type EventsOf, type ReceivedOf } from '../../services/kernel/src/events/schemas';
import { assertType, type Equals } from '../support/types';
import { initiativesEvents } from '../../services/initiatives/src/events';
import { initiativeEvents } from '../../services/initiatives/src/initiative/initiative.events';
import { InitiativeStatus, proposeInitiative, type InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import type { ProgressReportState } from '../../services/initiatives/src/initiative/progress';
import { replicaConsumer } from '../../services/initiatives/src/replication/replicas';

// type-level: each line fails `npm run typecheck` when the producer's payloads and this consumer part ways
type Received = ReceivedOf<EventsOf<typeof initiativesEvents>>;
type Of<T extends Received['type']> = Extract<Received, { type: T }>;

describe("the replica consumer, against the initiatives service's typed events", () => {
  it("takes in exactly the producer's union, each type with its own data", () => {
    assertType<Equals<Parameters<typeof replicaConsumer.apply>[1][number], Received>>();
    assertType<Equals<Of<'mmhub.initiative.proposed.v1'>['data']['state'], InitiativeState>>();
    assertType<Equals<Of<'mmhub.initiative.progressreported.v1'>['data']['change']['report'], ProgressReportState>>();
    assertType<Equals<Of<'mmhub.initiative.approved.v1'>['data']['change']['status']['to'], InitiativeStatus.APPROVED>>();
    // @ts-expect-error the approved change carries no report: the payload is typed, not any
    const noReport = (e: Of<'mmhub.initiative.approved.v1'>) => e.data.change.report;
    // @ts-expect-error no such type: a consumer names only what the producer records
    const unknownType: Received['type'] = 'mmhub.initiative.teleported.v1';
    expect([noReport, unknownType]).toHaveLength(2);
    expect(replicaConsumer.events).toBe(initiativesEvents.events);
  });

  it('narrows what it receives to one aggregate by type, with no cast', () => {
    const now = new Date('2026-03-01T09:00:00Z');
    const proposed = proposeInitiative(
      { code: 'ruh-2026-001', titleAr: 'بوابة الخدمات الإلكترونية', axis: Axis.E_SERVICES, plannedStart: '2026-01-01', plannedEnd: '2026-12-31', targets: [] },
      null,
      { id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716', node: 'riyadh', by: 'editor-1', now },
    );
    const onTheWire = JSON.parse(JSON.stringify({ type: proposed.type, data: proposed.data }));
    const received: Received[] = [
      { id: 'e1', source: '/nodes/riyadh/initiatives', time: now.toISOString(), node: 'riyadh', subject: proposed.subject, aggregateVersion: 1, ...onTheWire },
    ];
    const states: InitiativeState[] = received.filter(isEventOf(initiativeEvents)).map((e) => e.data.state);
    expect(states.map((s) => [s.code, s.status])).toEqual([['RUH-2026-001', InitiativeStatus.PROPOSED]]);
  });
});
