import { Client } from 'pg';
import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, readTopicToEnd, startTestService, type TestNode } from '../support/node';
import { propose } from './fixtures';

const TOPIC = 'mmhub.initiatives.v1';
let riyadh: TestNode;
beforeAll(async () => {
  riyadh = await startTestService(initiativesService, { node: 'riyadh' });
});
afterAll(() => riyadh?.stop());

/** The outbox row of an event once the relay has marked it sent. */
const sentRow = (n: TestNode, subject: string) =>
  eventually(
    async () =>
      (
        await n.sql<{ id: string; sent_at: Date | null }>('select id, sent_at from initiatives.outbox where subject = $1 and sent_at is not null', [subject])
      )[0],
    20_000,
    `the outbox row of ${subject} sent`,
  );

describe('events on Kafka', () => {
  it('proposeInitiative produces exactly one CloudEvents record, keyed by the initiative id', async () => {
    const i = await propose(riyadh);
    // the row is marked sent only after the broker acknowledged the record: the topic's end now includes it
    const row = await sentRow(riyadh, i.id);
    const records = await readTopicToEnd(TOPIC, { filter: (r) => r.headers.ce_subject === i.id });
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r.key).toBe(i.id);
    expect(r.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: row.id,
      ce_source: '/nodes/riyadh/initiatives',
      ce_type: 'mmhub.initiative.proposed.v1',
      ce_subject: i.id,
      ce_node: 'riyadh',
      ce_aggregateversion: '1',
      'content-type': 'application/json',
    });
    expect(r.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(r.headers.ce_time)).not.toBeNaN();
    const data = JSON.parse(r.value!);
    expect(data.state).toMatchObject({ id: i.id, code: i.code, node: 'riyadh', status: 'PROPOSED', version: 1 });
    expect(data.change).toBeDefined();

    // one row for the one mutation
    expect(await riyadh.sql('select id from initiatives.outbox where subject = $1', [i.id])).toHaveLength(1);
  });
});

describe('a graceful stop', () => {
  it('publishes what is left in the outbox before it closes', async () => {
    // the relay polls once a minute: only the stop can publish what a commit did not
    const node = await startTestService(initiativesService, { node: 'riyadh', env: { MMHUB_OUTBOX_POLL_MS: '60000' } });
    const lock = new Client({ connectionString: node.db.url });
    await lock.connect();
    try {
      // as another replica of the service would, hold the relay's lock: the commit's wake-up publishes nothing
      await lock.query('begin');
      await lock.query("select pg_advisory_xact_lock(hashtext('mmhub.outbox.initiatives'))");
      const i = await propose(node);
      // looked at while the lock is held: once it is let go, the commit's notification may reach the relay first
      const [pending] = await node.sql<{ id: string; sent_at: Date | null }>('select id, sent_at from initiatives.outbox where subject = $1', [i.id]);
      expect(pending.sent_at).toBeNull();
      await lock.query('commit');

      await node.service.stop();
      const [row] = await node.sql<{ sent_at: Date | null }>('select sent_at from initiatives.outbox where id = $1', [pending.id]);
      expect(row.sent_at).not.toBeNull();
      const records = await readTopicToEnd(TOPIC, { filter: (r) => r.headers.ce_id === pending.id });
      expect(records).toHaveLength(1);
      expect(records[0].headers).toMatchObject({ ce_subject: i.id, ce_type: 'mmhub.initiative.proposed.v1' });
    } finally {
      await lock.end();
      // the service's stop is idempotent: this drops the database, and stops the service when the test failed early
      await node.stop();
    }
  });
});
