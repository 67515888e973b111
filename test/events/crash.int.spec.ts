import { Axis, newId } from '../../services/kernel/src/domain';
import { OutboxEntry, sourceOf, topicOf } from '../../services/kernel/src/events';
import { initiativesService } from '../../services/initiatives/src/service';
import { proposeInitiative } from '../../services/initiatives/src/initiative/initiative';
import { InitiativeRecord, initiativeRow } from '../../services/initiatives/src/initiative/initiative.entity';
import { eventually, startTestService, type TestNode } from '../support/node';
import { startBroker, stopBroker } from '../support/infra';
import { startNodeProcess, type NodeProcess } from '../support/process';

// a broker of this test's own: the hub reads its topics from the beginning, which then hold this test's events only
const PORT = 19492;
const EVENTS = 4000;

const COLUMNS = 'id::text, node, code, title_ar, status, version, axis, planned_start::text, planned_end::text';

describe('the hub killed in the middle of applying a burst', () => {
  let brokers: string;
  let riyadh: TestNode;
  let hub: NodeProcess;

  beforeAll(async () => {
    brokers = await startBroker({ port: PORT });
    [riyadh, hub] = await Promise.all([
      startTestService(initiativesService, { node: 'riyadh', env: { MMHUB_KAFKA_BROKERS: brokers } }),
      startNodeProcess('ministry', { MMHUB_KAFKA_BROKERS: brokers }),
    ]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([riyadh?.stop(), hub?.dispose()]);
    await stopBroker({ port: PORT });
  }, 120_000);

  it('applies every event exactly once after its restart: its copies row by row as at the origin', async () => {
    const tag = newId().slice(-8).toUpperCase();
    // proposals as committed mutations leave them, written at once so that the hub is given them in large batches
    const events = Array.from({ length: EVENTS }, (_, i) =>
      proposeInitiative(
        {
          code: `CR-${tag}-${i}`,
          titleAr: `مبادرة ${i}`,
          axis: Object.values(Axis)[i % Object.values(Axis).length],
          plannedStart: '2026-01-01',
          plannedEnd: '2026-12-31',
        },
        null,
        { id: newId(), node: 'riyadh', by: 'riyadh-editor', now: new Date() },
      ),
    );
    await riyadh.service.orm.em.fork().transactional(async (em) => {
      await em.insertMany(
        InitiativeRecord,
        events.map((e) => initiativeRow(e.data.state)),
      );
      await em.insertMany(
        OutboxEntry,
        events.map((e) => ({
          id: newId(),
          topic: topicOf('initiatives'),
          type: e.type,
          source: sourceOf('riyadh', 'initiatives'),
          subject: e.subject,
          node: 'riyadh',
          aggregateVersion: e.aggregateVersion,
          time: new Date(),
          data: e.data,
        })),
      );
    });
    const copied = async () => (await hub.sql<{ n: number }>('select count(*)::int as n from initiatives.initiative where code like $1', [`CR-${tag}-%`]))[0].n;

    // killed as soon as part of the burst is in, the rest still to come
    const atKill = await eventually(
      async () => {
        const n = await copied();
        return n > 0 ? n : undefined;
      },
      120_000,
      'the hub applying the burst',
    );
    await hub.kill();
    process.stderr.write(`hub killed with ${atKill} of ${EVENTS} events applied\n`);
    expect(atKill).toBeLessThan(EVENTS);

    await hub.start();
    await eventually(async () => ((await copied()) === EVENTS ? true : undefined), 180_000, 'the whole burst at the hub after its restart');

    const where = `from initiatives.initiative where code like $1 order by id`;
    const origin = await riyadh.sql(`select ${COLUMNS} ${where}`, [`CR-${tag}-%`]);
    const copies = await hub.sql(`select ${COLUMNS} ${where}`, [`CR-${tag}-%`]);
    expect(copies).toEqual(origin);
    // once each: one inbox row per event for the copies, and one journal entry per event
    const ids = (await riyadh.sql<{ id: string }>(`select id::text from initiatives.outbox where data->'state'->>'code' like $1`, [`CR-${tag}-%`])).map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(EVENTS);
    const [inbox] = await hub.sql<{ rows: number; events: number }>(
      `select count(*)::int as rows, count(distinct event_id)::int as events from initiatives.inbox where consumer like '%.replicas' and event_id = any($1)`,
      [ids],
    );
    expect(inbox).toEqual({ rows: EVENTS, events: EVENTS });
  }, 600_000);
});
