import 'reflect-metadata';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { migrate, openDatabase } from '../../services/kernel/src/db';
import { Axis, newId } from '../../services/kernel/src/domain';
import {
  EventConsumer,
  EventIntake,
  MemoryBus,
  OutboxEntry,
  sourceOf,
  toRecord,
  topicOf,
  type CloudEvent,
  type ReceivedRecord,
} from '../../services/kernel/src/events';
import { createLogger } from '../../services/kernel/src/observability';
import { initiativesService } from '../../services/initiatives/src/service';
import { proposeInitiative } from '../../services/initiatives/src/initiative/initiative';
import { createTestDatabase, query, type TestDatabase } from '../support/database';

// one service's intake on a database of its own, handed batches as the bus hands them in
let db: TestDatabase;
let orm: MikroORM;
// the failures below are meant: their warnings would only be noise here
const log = createLogger('error');
const TOPIC = topicOf('initiatives');

const openInitiatives = (poolMax: number) =>
  openDatabase({
    url: db.url,
    schema: 'initiatives',
    entities: [...initiativesService.entities, OutboxEntry],
    migrations: initiativesService.migrations,
    poolMax,
  });

beforeAll(async () => {
  db = await createTestDatabase('intake');
  orm = await openInitiatives(4);
  await migrate(orm);
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

/** What each consumer was given: one entry per transaction it applied, with that transaction's id. */
interface Applied {
  tx: string;
  ids: string[];
}

/** An intake of two consumers that record what they apply; `gate`, while set, holds every transaction open. */
function intakeOf(name: string, bus = new MemoryBus()) {
  const applied: Record<string, Applied[]> = { copies: [], journal: [] };
  const held: { gate?: Promise<void>; entered?: () => void } = {};
  const consumers = Object.keys(applied).map(
    (c) =>
      new EventConsumer({
        name: `${name}.${c}`,
        orm,
        schema: 'initiatives',
        bus: new MemoryBus(),
        topics: [TOPIC],
        log,
        accept: () => true,
        apply: async (em: EntityManager, events: CloudEvent[]) => {
          const [{ tx }] = await em.getConnection().execute<{ tx: string }[]>('select txid_current()::text as tx', [], 'all', em.getTransactionContext());
          applied[c].push({ tx, ids: events.map((e) => e.id) });
          held.entered?.();
          await held.gate;
        },
      }),
  );
  const intake = new EventIntake({ name, orm, schema: 'initiatives', bus, log, fromBeginning: true, consumers });
  return { intake, applied, held };
}

let offset = 0;
/** `count` proposals of riyadh as one partition's batch of records. */
function batchOf(partition: number, count: number): ReceivedRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const e = proposeInitiative(
      { code: `IN-${newId().slice(-10)}`, titleAr: `مبادرة ${i}`, axis: Object.values(Axis)[i % 6], plannedStart: '2026-01-01', plannedEnd: '2026-12-31' },
      null,
      { id: newId(), node: 'riyadh', by: 'riyadh-editor', now: new Date() },
    );
    const record = toRecord(TOPIC, {
      id: newId(),
      source: sourceOf('riyadh', 'initiatives'),
      type: e.type,
      subject: e.subject,
      time: new Date().toISOString(),
      node: 'riyadh',
      aggregateVersion: e.aggregateVersion,
      data: e.data,
    });
    return { ...record, partition, offset: String(offset++) };
  });
}

const idsOf = (...batches: ReceivedRecord[][]) => batches.flat().map((r) => r.headers.ce_id);

it("applies the batches of a fetch's partitions, handed in together, in one transaction for all its consumers", async () => {
  const { intake, applied } = intakeOf(`intake-${newId().slice(-8)}`);
  const batches = [batchOf(0, 30), batchOf(1, 20), batchOf(2, 25)];
  // as the bus hands in a fetch: one call per partition, in the same turn
  await Promise.all(batches.map((b) => intake.handle(b)));
  for (const c of ['copies', 'journal']) {
    expect(applied[c]).toHaveLength(1);
    // each partition's records in their order
    expect(applied[c][0].ids).toEqual(idsOf(...batches));
  }
  expect(applied.copies[0].tx).toBe(applied.journal[0].tx);
  const [{ n }] = await query<{ n: number }>(db.url, `select count(*)::int as n from initiatives.inbox where event_id = any($1)`, [idsOf(...batches)]);
  expect(n).toBe(2 * 75);
});

it('gathers the batches handed in while a transaction runs into the next one, and answers each when its own is committed', async () => {
  const { intake, applied, held } = intakeOf(`intake-${newId().slice(-8)}`);
  let release!: () => void;
  held.gate = new Promise<void>((r) => (release = r));
  const inFirst = new Promise<void>((r) => (held.entered = r));
  const first = batchOf(0, 10);
  const answered: string[] = [];
  const firstDone = intake.handle(first).then(() => answered.push('first'));
  await inFirst;
  const later = [batchOf(1, 5), batchOf(2, 7)];
  const laterDone = Promise.all(later.map((b) => intake.handle(b))).then(() => answered.push('later'));
  // nothing handed in later is answered before its transaction commits
  await new Promise((r) => setImmediate(r));
  expect(answered).toEqual([]);
  held.entered = undefined;
  held.gate = undefined;
  release();
  await Promise.all([firstDone, laterDone]);
  expect(answered).toEqual(['first', 'later']);
  expect(applied.copies.map((a) => a.ids)).toEqual([idsOf(first), idsOf(...later)]);
  expect(applied.journal.map((a) => a.ids)).toEqual([idsOf(first), idsOf(...later)]);
  expect(applied.copies[0].tx).not.toBe(applied.copies[1].tx);
});

it('answers every batch of a failed transaction with its failure, so the bus hands them in again', async () => {
  const { intake } = intakeOf(`intake-${newId().slice(-8)}`);
  const other = await openInitiatives(1);
  const closed = new EventIntake({
    name: `intake-closed-${newId().slice(-8)}`,
    orm: other,
    schema: 'initiatives',
    bus: new MemoryBus(),
    log,
    fromBeginning: true,
    consumers: [
      new EventConsumer({
        name: 'closed.copies',
        orm: other,
        schema: 'initiatives',
        bus: new MemoryBus(),
        topics: [TOPIC],
        log,
        accept: () => true,
        apply: async () => {},
      }),
    ],
  });
  // the database is out of reach: no batch may be taken as applied
  await other.close();
  const results = await Promise.allSettled([batchOf(0, 3), batchOf(1, 3)].map((b) => closed.handle(b)));
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  // an intake on a reachable database is not held up by it
  await intake.handle(batchOf(0, 2));
});

it('stops only once the batch it was applying is committed', async () => {
  const bus = new MemoryBus();
  const name = `intake-${newId().slice(-8)}`;
  const { intake, applied, held } = intakeOf(name, bus);
  let release!: () => void;
  held.gate = new Promise<void>((r) => (release = r));
  const entered = new Promise<void>((r) => (held.entered = r));
  await intake.start();
  const batch = batchOf(0, 5);
  await bus.publish(batch.map(({ topic, key, headers, value }) => ({ topic, key: key!, headers: headers as Record<string, string>, value: value! })));
  await entered;
  let stopped = false;
  const stopping = intake.stop().then(() => (stopped = true));
  try {
    // the bus has let go of the intake; its transaction is still open
    for (let turn = 0; turn < 3; turn++) await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
  } finally {
    release();
    await stopping;
  }
  // what the stop waited for is committed: a database closed after it would not have cut it off
  const [{ n }] = await query<{ n: number }>(db.url, `select count(*)::int as n from initiatives.inbox where consumer like $1`, [`${name}.%`]);
  expect(n).toBe(2 * 5);
  expect(applied.copies.map((a) => a.ids)).toEqual([idsOf(batch)]);
});
