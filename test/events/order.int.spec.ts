import { randomUUID } from 'node:crypto';
import { initiativesService } from '../../services/initiatives/src/service';
import { startTestNode, uniqueSuffix, type TestGatewayNode } from '../support/node';
import { subscribeSse, subscribeWs, type OpenSubscription } from '../support/subscriptions';

/**
 * The `events` stream resumed from a cursor after a burst: every event once, in cursor order, each
 * aggregate's versions in order — while the journal's numbers cross 9→10, 99→100, 999→1000 and
 * beyond 10,000. The bursts are written straight into the hub's journal (what the stream reads);
 * they are read through the gateway, over WebSocket and SSE.
 */
let hub: TestGatewayNode;
const open: OpenSubscription[] = [];
// events of a node of this test alone: other tests share the broker, and the hub takes in every node's events
const origin = `order${uniqueSuffix()}`;

beforeAll(async () => {
  hub = await startTestNode('ministry', { services: [initiativesService] });
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await hub?.stop();
});

const EVENTS = `subscription($filter: EventFilter, $after: String, $since: DateTime) {
  events(filter: $filter, after: $after, since: $since) { id subject aggregateVersion cursor }
}`;
type Delivered = { id: string; subject: string; aggregateVersion: number; cursor: string };

interface Written {
  id: string;
  subject: string;
  version: number;
}

/** Writes events into the hub's journal in this order; returns them in the order the journal numbered them. */
async function journal(events: Written[]): Promise<Written[]> {
  const rows = await hub.sql<{ seq: string; id: string; subject: string; version: number }>(
    `insert into initiatives.journal ("id", "type", "service", "source", "node", "subject", "aggregate_version", "time", "data")
       select r.id, 'mmhub.initiative.updated.v1', 'initiatives', '/nodes/' || $2 || '/initiatives', $2, r.subject, r.version, now(), '{}'::jsonb
       from rows from (jsonb_to_recordset($1::jsonb) as (id uuid, subject text, version integer)) with ordinality as r(id, subject, version, n)
       order by r.n
     returning "seq"::text as seq, "id", "subject", "aggregate_version" as version`,
    [JSON.stringify(events), origin],
  );
  return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1)).map(({ id, subject, version }) => ({ id, subject, version }));
}

const seqOf = (cursor: string) => BigInt(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^j1:/, ''));

/** 1,000 updates of one aggregate interleaved with 1,000 across 200 others, each in version order. */
function burst(one: { id: string; version: number }): Written[] {
  const many = Array.from({ length: 200 }, () => randomUUID());
  const out: Written[] = [];
  for (let n = 0; n < 1000; n++) {
    out.push({ id: randomUUID(), subject: one.id, version: ++one.version });
    out.push({ id: randomUUID(), subject: many[n % 200], version: Math.floor(n / 200) + 1 });
  }
  return out;
}

/** Subscribes over both transports after a cursor, as an analyst coming back. */
async function resume(after: string): Promise<OpenSubscription[]> {
  const analyst = await hub.token(['analyst'], 'ministry');
  const variables = { filter: { nodes: [origin] }, after };
  const subs = await Promise.all([subscribeWs(hub.url, EVENTS, variables, analyst), subscribeSse(hub.url, EVENTS, variables, analyst)]);
  open.push(...subs);
  return subs;
}

const delivered = (s: OpenSubscription): Delivered[] =>
  s.results.map((r) => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.events as Delivered;
  });

/** Each subscription delivers exactly `expected`, in that order, then the marker written after them. */
async function expectExactly(subs: OpenSubscription[], from: number, expected: Written[]): Promise<Delivered> {
  const [marker] = await journal([{ id: randomUUID(), subject: randomUUID(), version: 1 }]);
  let last!: Delivered;
  for (const s of subs) {
    await s.received(from + expected.length + 1, 60_000);
    const got = delivered(s).slice(from);
    // the marker came after the burst: whatever was still to come of it would have come before
    expect(got.map((e) => e.id)).toEqual([...expected, marker].map((e) => e.id));
    expect(got.map((e) => `${e.subject}@${e.aggregateVersion}`)).toEqual([...expected, marker].map((e) => `${e.subject}@${e.version}`));
    const seqs = got.map((e) => seqOf(e.cursor));
    expect(seqs.every((q, n) => n === 0 || q > seqs[n - 1])).toBe(true);
    last = got[got.length - 1];
  }
  return last;
}

/** `times` rounds of: go away, a burst of 2,000 events, come back after the last cursor seen. */
async function rounds(times: number, start: Delivered): Promise<Delivered> {
  const one = { id: randomUUID(), version: 0 };
  let last = start;
  for (let round = 0; round < times; round++) {
    await Promise.all(open.splice(0).map((s) => s.close()));
    const written = await journal(burst(one));
    last = await expectExactly(await resume(last.cursor), 0, written);
  }
  return last;
}

describe('the events stream resumed after a burst', () => {
  let last: Delivered;

  it('on a fresh journal: every event once, in cursor order, as the numbers cross 9→10, 99→100 and 999→1000', async () => {
    const [{ n }] = await hub.sql<{ n: number }>('select count(*)::int as n from initiatives.journal');
    expect(n).toBe(0);
    const analyst = await hub.token(['analyst'], 'ministry');
    const first = await subscribeSse(hub.url, EVENTS, { filter: { nodes: [origin] }, since: '2020-01-01T00:00:00Z' }, analyst);
    open.push(first);
    // a first event, read live: the cursor the first round resumes from
    last = await expectExactly([first], 0, []);
    expect(seqOf(last.cursor)).toBeLessThan(10n);
    last = await rounds(10, last);
    expect(seqOf(last.cursor)).toBeGreaterThan(10_000n);
  }, 300_000);

  it('on a journal past 10,000: the same, as the numbers cross 99,999→100,000', async () => {
    // the journal filled by events of other nodes up to just before 100,000
    await hub.sql(
      `insert into initiatives.journal ("id", "type", "service", "source", "node", "subject", "aggregate_version", "time", "data")
         select gen_random_uuid(), 'mmhub.initiative.updated.v1', 'initiatives', '/nodes/jeddah/initiatives', 'jeddah', gen_random_uuid()::text, 1, now(), '{}'::jsonb
         from generate_series(1, 99000 - (select max(seq) from initiatives.journal))`,
    );
    last = await rounds(10, last);
    expect(seqOf(last.cursor)).toBeGreaterThan(100_000n);
  }, 300_000);
});
