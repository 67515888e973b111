import { initiativesService } from '../../services/initiatives/src/service';
import { proposeInitiative } from '../../services/initiatives/src/initiative/initiative';
import { Axis, newId } from '../../services/kernel/src/domain';
import { InvalidEventError, recordEvent } from '../../services/kernel/src/events';
import { startTestService, type TestNode } from '../support/node';

let n: TestNode;

beforeAll(async () => {
  n = await startTestService(initiativesService, { node: 'riyadh' });
});
afterAll(async () => {
  await n?.stop();
});

const outboxCount = async () => (await n.sql<{ n: number }>('select count(*)::int as n from initiatives.outbox'))[0].n;

describe('a service recording an event', () => {
  it('refuses an event its schema refuses, and the change it came with does not commit', async () => {
    const proposed = proposeInitiative(
      { code: `BAD-${newId().slice(-6)}`, titleAr: 'مبادرة', axis: Axis.E_SERVICES, plannedStart: '2026-01-01', plannedEnd: '2026-06-30' },
      null,
      {
        id: newId(),
        node: 'riyadh',
        by: 'riyadh-editor',
        now: new Date(),
      },
    );
    const before = await outboxCount();
    const marker = newId();
    const attempt = n.service.orm.em.fork().transactional(async (em) => {
      // a state change in the same transaction, to see it rolled back
      await em
        .getConnection()
        .execute(`insert into initiatives.inbox (consumer, event_id) values ('producer-test', ?)`, [marker], 'run', em.getTransactionContext());
      recordEvent(em, { node: 'riyadh', service: 'initiatives' }, { ...proposed, data: { state: { ...proposed.data.state, percentComplete: 'half' } } });
    });
    await expect(attempt).rejects.toThrow(InvalidEventError);
    await expect(attempt).rejects.toThrow(
      /mmhub\.initiative\.proposed\.v1 event does not match its schema: state\.percentComplete: expected number, got string "half"/,
    );
    expect(await outboxCount()).toBe(before);
    expect(await n.sql('select 1 from initiatives.inbox where event_id = $1', [marker])).toHaveLength(0);
  });

  it('refuses a type no schema describes', () => {
    const em = n.service.orm.em.fork();
    expect(() =>
      recordEvent(
        em as never,
        { node: 'riyadh', service: 'initiatives' },
        { type: 'mmhub.initiative.teleported.v1', subject: newId(), aggregateVersion: 1, data: {} },
      ),
    ).toThrow(/unknown event type "mmhub\.initiative\.teleported\.v1".*the initiative types are/);
  });
});
