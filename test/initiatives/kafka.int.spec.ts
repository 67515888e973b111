import { initiativesService } from '../../services/initiatives/src/service';
import { readTopic, startTestService, type TestNode } from '../support/node';
import { propose } from './fixtures';

let riyadh: TestNode;
beforeAll(async () => {
  riyadh = await startTestService(initiativesService, { node: 'riyadh' });
});
afterAll(() => riyadh?.stop());

describe('events on Kafka', () => {
  it('proposeInitiative produces exactly one CloudEvents record, keyed by the initiative id', async () => {
    const i = await propose(riyadh);
    const records = await readTopic('mmhub.initiatives.v1', (rs) => rs.length >= 1, { filter: (r) => r.headers.ce_subject === i.id });
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r.key).toBe(i.id);
    expect(r.headers).toMatchObject({
      ce_specversion: '1.0',
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

    // the row is marked sent, and nothing else was published for it
    const [row] = await riyadh.sql<{ sent_at: Date | null }>('select sent_at from initiatives.outbox where subject = $1', [i.id]);
    expect(row.sent_at).not.toBeNull();
  });
});
