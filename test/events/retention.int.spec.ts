import { initiativesService } from '../../services/initiatives/src/service';
import { cursorOf, pruneStatements } from '../../services/kernel/src/events';
import { parsePrometheusText, samplesOf } from '../../services/kernel/src/observability';
import { eventually, startTestNode, type TestGatewayNode } from '../support/node';
import { subscribeSse, type OpenSubscription } from '../support/subscriptions';
import { PROPOSE, proposal } from '../initiatives/fixtures';

let riyadh: TestGatewayNode;
const open: OpenSubscription[] = [];

beforeAll(async () => {
  riyadh = await startTestNode('riyadh', {
    services: [initiativesService],
    // a pass every second, in the smallest batches: pruning a backlog takes many statements
    env: {
      MMHUB_OUTBOX_RETENTION_DAYS: '7',
      MMHUB_INBOX_RETENTION_DAYS: '30',
      MMHUB_JOURNAL_RETENTION_DAYS: '90',
      MMHUB_RETENTION_INTERVAL_SECONDS: '1',
      MMHUB_RETENTION_BATCH_SIZE: '10',
    },
  });
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await riyadh?.stop();
});

const OUTBOX_ROW = `insert into initiatives.outbox ("id", "topic", "type", "source", "subject", "node", "aggregate_version", "time", "data", "sent_at")
  select gen_random_uuid(), 'mmhub.initiatives.v1', 'mmhub.initiative.updated.v1', '/nodes/riyadh/initiatives', gen_random_uuid()::text, 'riyadh', 1, now() - $1::interval, '{}'::jsonb, now() - $1::interval
  from generate_series(1, $2)`;

describe('retention of the event tables', () => {
  it('deletes sent outbox rows, inbox rows and journal events older than their retention, and keeps the newer ones', async () => {
    await riyadh.sql(OUTBOX_ROW, ['8 days', 3]);
    await riyadh.sql(OUTBOX_ROW, ['6 days', 2]);
    const inbox = (age: string, n: number) =>
      riyadh.sql(
        `insert into initiatives.inbox ("consumer", "event_id", "applied_at") select 'retention-test', gen_random_uuid()::text, now() - $1::interval from generate_series(1, $2)`,
        [age, n],
      );
    await inbox('31 days', 4);
    await inbox('29 days', 2);
    // the journal is pruned from its start, as it grows in time order: the old events must come first, though
    // events of other tests on the shared topics keep arriving, so the numbers below 100 are kept for these
    await riyadh.sql(
      `select setval(pg_get_serial_sequence('initiatives.journal', 'seq'), greatest(coalesce((select max("seq") from initiatives.journal), 0), 100))`,
    );
    await riyadh.sql('delete from initiatives.journal where "seq" <= 100');
    const journal = (age: string, from: number, to: number) =>
      riyadh.sql(
        `insert into initiatives.journal ("seq", "id", "type", "service", "source", "node", "subject", "aggregate_version", "time", "data", "taken_at")
           overriding system value
           select s, gen_random_uuid(), 'mmhub.initiative.updated.v1', 'initiatives', '/nodes/riyadh/initiatives', 'riyadh', gen_random_uuid()::text, 1, now() - $1::interval, '{}'::jsonb, now() - $1::interval
           from generate_series($2::int, $3::int) s`,
        [age, from, to],
      );
    await journal('91 days', 11, 15);
    await journal('89 days', 16, 18);

    const counts = async () =>
      (
        await riyadh.sql<{ outbox_old: number; outbox_new: number; inbox_old: number; inbox_new: number; journal_old: number; journal_new: number }>(
          `select
             (select count(*)::int from initiatives.outbox where sent_at < now() - interval '7 days') as outbox_old,
             (select count(*)::int from initiatives.outbox where sent_at between now() - interval '7 days' and now() - interval '5 days') as outbox_new,
             (select count(*)::int from initiatives.inbox where applied_at < now() - interval '30 days') as inbox_old,
             (select count(*)::int from initiatives.inbox where applied_at between now() - interval '30 days' and now() - interval '28 days') as inbox_new,
             (select count(*)::int from initiatives.journal where taken_at < now() - interval '90 days') as journal_old,
             (select count(*)::int from initiatives.journal where taken_at between now() - interval '90 days' and now() - interval '88 days') as journal_new`,
        )
      )[0];
    const after = await eventually(
      async () => {
        const c = await counts();
        return c.outbox_old + c.inbox_old + c.journal_old === 0 ? c : undefined;
      },
      30_000,
      'the old rows pruned',
    );
    expect(after).toEqual({ outbox_old: 0, outbox_new: 2, inbox_old: 0, inbox_new: 2, journal_old: 0, journal_new: 3 });
  }, 60_000);

  it('refuses to resume from a cursor whose following events are gone, naming the oldest cursor, from which every kept event arrives', async () => {
    const [{ oldest }] = await riyadh.sql<{ oldest: string }>('select min(seq)::text as oldest from initiatives.journal');
    expect(BigInt(oldest)).toBeGreaterThan(2n);
    const analyst = await riyadh.token(['analyst'], 'riyadh');
    const EVENTS = `subscription($after: String) { events(after: $after) { id cursor } }`;
    const refused = await subscribeSse(riyadh.url, EVENTS, { after: cursorOf('1') }, analyst);
    open.push(refused);
    const [r] = await refused.received(1);
    const oldestCursor = cursorOf((BigInt(oldest) - 1n).toString());
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', oldestCursor } });
    expect(r.errors?.[0].message).toContain(oldestCursor);
    expect(r.errors?.[0].extensions?.messageAr).toContain(oldestCursor);

    const resumed = await subscribeSse(riyadh.url, EVENTS, { after: oldestCursor }, analyst);
    open.push(resumed);
    const kept = await riyadh.sql<{ id: string }>('select id from initiatives.journal order by seq');
    const got = await resumed.received(kept.length);
    expect(got.map((x) => x.data!.events.id)).toEqual(kept.map((k) => k.id));
  }, 60_000);

  it('keeps the newest event however old: a journal pruned empty would take any old cursor as one that missed nothing', async () => {
    // a journal of its own, whose every event is older than the retention, as on a node that took in nothing for 90 days
    await riyadh.sql('drop schema if exists retention_probe cascade; create schema retention_probe');
    try {
      await riyadh.sql('create table retention_probe.journal (like initiatives.journal including all)');
      await riyadh.sql(
        `insert into retention_probe.journal ("seq", "id", "type", "service", "source", "node", "subject", "aggregate_version", "time", "data", "taken_at")
           overriding system value
           select s, gen_random_uuid(), 'mmhub.initiative.updated.v1', 'initiatives', '/nodes/riyadh/initiatives', 'riyadh', gen_random_uuid()::text, 1, now() - interval '100 days', '{}'::jsonb, now() - interval '100 days'
           from generate_series(1, 25) s`,
      );
      let n = 0;
      const prune = pruneStatements('retention_probe').journal.replace(/\?/g, () => `$${++n}`);
      for (let pass = 0; pass < 5; pass++) await riyadh.sql(prune, [new Date(Date.now() - 90 * 86_400_000), 10]);
      expect(await riyadh.sql('select "seq"::int as seq from retention_probe.journal')).toEqual([{ seq: 25 }]);
    } finally {
      await riyadh.sql('drop schema if exists retention_probe cascade');
    }
  });

  it('shows the sizes of the outbox, the journal and the inbox as metrics', async () => {
    const res = await fetch(riyadh.running.services[0].url.replace(/\/graphql$/, '/metrics'));
    const m = parsePrometheusText(await res.text());
    for (const table of ['outbox', 'journal', 'inbox']) {
      expect(samplesOf(m, 'mmhub_event_table_bytes', { table })[0].value).toBeGreaterThan(0);
      expect(samplesOf(m, 'mmhub_event_table_rows', { table })).toHaveLength(1);
    }
  });

  it('finds the inbox rows to delete through an index, without reading the whole inbox', async () => {
    // a month of recent rows, none old enough: the pass that finds nothing to delete is the one every interval makes
    await riyadh.sql(
      `insert into initiatives.inbox ("consumer", "event_id", "applied_at")
         select 'retention-index-test', gen_random_uuid()::text, now() - interval '29 days' + i * interval '20 seconds' from generate_series(1, 100000) i`,
    );
    await riyadh.sql('analyze initiatives.inbox');
    let n = 0;
    const statement = pruneStatements('initiatives').inbox.replace(/\?/g, () => `$${++n}`);
    const [{ 'QUERY PLAN': plan }] = await riyadh.sql<{ 'QUERY PLAN': unknown }>(`explain (format json) ${statement}`, [
      new Date(Date.now() - 30 * 86_400_000),
      1000,
    ]);
    type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
    const nodes = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodes)];
    const all = nodes((plan as Array<{ Plan: PlanNode }>)[0].Plan);
    expect(all.filter((p) => p['Relation Name'] === 'inbox' && p['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(all.map((p) => p['Index Name'])).toContain('inbox_applied_at');
  });

  it('never holds up the relay while it prunes', async () => {
    // a backlog that takes the pruner thousands of statements, seconds even on a quiet machine
    const backlog = 50_000;
    await riyadh.sql(OUTBOX_ROW, ['10 days', backlog]);
    const remaining = async () =>
      (await riyadh.sql<{ n: number }>(`select count(*)::int as n from initiatives.outbox where sent_at < now() - interval '7 days'`))[0].n;
    // the pruner at work first, then events made and published while it still has rows to delete
    await eventually(async () => ((await remaining()) < backlog ? true : undefined), 60_000, 'the pruner at work');
    const editor = await riyadh.token(['editor'], 'riyadh');
    const sentWhilePruning: number[] = [];
    for (let n = 0; n < 3; n++) {
      const r = await riyadh.graphql(PROPOSE, { input: proposal() }, editor);
      expect(r.errors).toBeUndefined();
      const id = r.data!.proposeInitiative.id;
      await eventually(
        async () => ((await riyadh.sql(`select 1 from initiatives.outbox where subject = $1 and sent_at is not null`, [id])).length ? true : undefined),
        10_000,
        'the event published',
      );
      sentWhilePruning.push(await remaining());
    }
    // each event left while old rows were still to delete
    expect(sentWhilePruning.every((left) => left > 0)).toBe(true);
    await eventually(async () => ((await remaining()) === 0 ? true : undefined), 120_000, 'the backlog pruned');
  }, 180_000);
});
