import { initiativesService } from '../../services/initiatives/src/service';
import { eventually, startTestService, type TestNode } from '../support/node';
import { propose } from '../initiatives/fixtures';

// a service whose migration adding outbox.traceparent has not run yet (tracing off) keeps working
let riyadh: TestNode;

beforeAll(async () => {
  const before = { ...initiativesService, migrations: initiativesService.migrations.filter((m) => !m.name.endsWith('_traceparent')) };
  riyadh = await startTestService(before, { node: 'riyadh' });
});
afterAll(() => riyadh?.stop());

it('records and publishes events from an outbox without the traceparent column', async () => {
  const columns = await riyadh.sql(
    `select 1 from information_schema.columns where table_schema = 'initiatives' and table_name = 'outbox' and column_name = 'traceparent'`,
  );
  expect(columns).toHaveLength(0);
  const i = await propose(riyadh);
  await eventually(
    async () => ((await riyadh.sql('select sent_at from initiatives.outbox where subject = $1', [i.id]))[0]?.sent_at ? true : undefined),
    20_000,
    'the event published',
  );
});
