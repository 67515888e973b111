import { Kafka, logLevel } from 'kafkajs';
import { OutboxEntry, sourceOf, topicOf } from '../../services/kernel/src/events';
import { newId } from '../../services/kernel/src/domain';
import { openDatabase } from '../../services/kernel/src/db';
import { initiativesService } from '../../services/initiatives/src/service';
import { services } from '../../cli/services';
import { proposeInitiative } from '../../services/initiatives/src/initiative/initiative';
import { InitiativeRecord, initiativeRow } from '../../services/initiatives/src/initiative/initiative.entity';
import { query } from '../../test/support/database';
import { eventually, kafkaBrokers } from '../../test/support/node';
import { startBenchNode, type BenchNode } from '../lib/node-process';
import { cpuBetween, readCpu } from '../lib/cpu';
import { AXES } from '../lib/fixtures';
import { figure, round, summarise, target, type Figure } from '../lib/stats';
import type { BenchContext, Scenario, ScenarioOutcome } from './scenario';

const PROPOSE = `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`;

/** Mutations at a steady rate, spread over the municipal nodes; returns the ids made and the rate reached. */
async function steadyLoad(
  nodes: BenchNode[],
  tokens: string[],
  perSecond: number,
  seconds: number,
  tag: string,
): Promise<{ ids: string[]; achieved: number; failed: number }> {
  const ids: string[] = [];
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const total = perSecond * seconds;
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // a node that falls behind is not sent more than it can take at once
    if (inFlight.size >= 64) await Promise.race(inFlight);
    const n = k % nodes.length;
    const p = nodes[n]
      .graphql(
        PROPOSE,
        { i: { code: `L-${tag}-${k}`, titleAr: `مبادرة قياس ${k}`, axis: AXES[k % AXES.length], plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
        tokens[n],
      )
      .then(
        (r) => {
          if (r.errors || !r.data) failed++;
          else ids.push(r.data.proposeInitiative.id);
        },
        () => void failed++,
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { ids, achieved: ids.length / ((performance.now() - start) / 1000), failed };
}

/** Mutations at a steady rate and, for each, the time from its commit at the municipality to its application at the hub. */
async function lagAt(
  ctx: BenchContext,
  hub: BenchNode,
  municipal: BenchNode[],
  tokens: string[],
  perSecond: number,
  seconds: number,
  tag: string,
): Promise<{ ids: string[]; achieved: number; failed: number; lags: number[]; relayLags: number[] }> {
  ctx.progress(`events: ${perSecond} mutations/s for ${seconds} s at riyadh and jeddah`);
  const steady = await steadyLoad(municipal, tokens, perSecond, seconds, tag);
  ctx.progress(`events: ${steady.ids.length} mutations at ${round(steady.achieved, 1)}/s (${steady.failed} failed); waiting for the hub`);
  await eventually(
    async () =>
      (await query<{ n: number }>(hub.db.url, 'select count(*)::int as n from initiatives.initiative where id = any($1)', [steady.ids]))[0].n ===
      steady.ids.length
        ? true
        : undefined,
    300_000,
    'every mutation visible at the hub',
  );
  // commit: the event's time at its origin; visible: the hub's transaction that applied it
  const origin = (
    await Promise.all(
      municipal.map((n) =>
        query<{ id: string; t: number; sent: number }>(
          n.db.url,
          `select id::text, extract(epoch from "time") * 1000 as t, extract(epoch from sent_at) * 1000 as sent from initiatives.outbox where subject = any($1)`,
          [steady.ids],
        ),
      ),
    )
  ).flat();
  const applied = new Map(
    (
      await query<{ id: string; t: number }>(
        hub.db.url,
        `select event_id as id, extract(epoch from applied_at) * 1000 as t from initiatives.inbox where event_id = any($1)`,
        [origin.map((o) => o.id)],
      )
    ).map((r) => [r.id, Number(r.t)]),
  );
  const lags = origin.filter((o) => applied.has(o.id)).map((o) => applied.get(o.id)! - Number(o.t));
  // the relay's part: from the commit to the start of the relay's transaction that published the event
  const relayLags = origin.map((o) => Number(o.sent) - Number(o.t));
  const s = summarise(lags);
  ctx.progress(`events: at ${perSecond}/s lag p50 ${round(s.median, 0)} ms, p99 ${round(s.p99, 0)} ms`);
  return { ...steady, lags, relayLags };
}

/**
 * Until every consumer group of the nodes that reads from the beginning has committed the end of each
 * topic it reads: the broker keeps every earlier run's events, and a node still reading that history
 * would be measured instead of the load.
 */
async function caughtUp(ctx: BenchContext, nodes: BenchNode[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-events', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // each service's group of the consumers that start from the beginning (the journal's history is all, by default)
    const groups = nodes.flatMap((n) =>
      services.map((def) => ({
        groupId: `${n.clientId}.${n.node}.${def.name}`,
        topics: [...new Set((def.consumers ?? []).filter((c) => c.journal || (c.fromBeginning ?? true)).flatMap((c) => c.topics))],
      })),
    );
    const started = performance.now();
    const notYet = async () => {
      await new Promise((r) => setTimeout(r, 1000));
      return undefined;
    };
    await eventually(
      async () => {
        for (const { groupId, topics } of groups) {
          for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
            const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
            // an empty partition has nothing to commit (-1)
            if (partitions.some((p) => (ends.get(p.partition) ?? 0) > 0 && Number(p.offset) < ends.get(p.partition)!)) return notYet();
          }
        }
        return true;
      },
      900_000,
      'the nodes caught up with the topics',
    );
    ctx.progress(`events: the nodes read the topics' history in ${round((performance.now() - started) / 1000, 0)} s`);
  } finally {
    await admin.disconnect();
  }
}

/** Proposal events written straight into a node's outbox, as committed mutations would leave them. */
export async function fillOutbox(url: string, node: string, count: number, tag: string): Promise<void> {
  const orm = await openDatabase({
    url,
    schema: 'initiatives',
    entities: [...initiativesService.entities, OutboxEntry],
    migrations: initiativesService.migrations,
    poolMax: 2,
  });
  try {
    // one transaction: the relay sees the whole burst at once, so its rate is its own and not the pace of this fill
    await orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < count; i += 2000) {
        const events = Array.from({ length: Math.min(2000, count - i) }, (_, j) =>
          proposeInitiative(
            {
              code: `BU-${tag}-${i + j}`,
              titleAr: `مبادرة دفعة ${i + j}`,
              axis: AXES[(i + j) % AXES.length],
              plannedStart: '2026-01-01',
              plannedEnd: '2026-12-31',
            },
            null,
            { id: newId(), node, by: `${node}-editor`, now: new Date() },
          ),
        );
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
            source: sourceOf(node, 'initiatives'),
            subject: e.subject,
            node,
            aggregateVersion: e.aggregateVersion,
            time: new Date(),
            data: e.data,
          })),
        );
      }
    });
  } finally {
    await orm.close();
  }
}

/** How often the bench looks whether the burst has left the outbox and reached the hub: its rates come from the rows' own times. */
const BURST_POLL_MS = 1000;

/** Each part's share of the cores, busiest first: where the machine's time went. */
const shares = (used: ReturnType<typeof cpuBetween>): string => used.map((c) => `${c.part} ${c.cores.toFixed(2)}`).join(', ') + ' cores';

export const eventsScenario: Scenario = {
  id: 'events',
  title: 'Event pipeline: lag from a municipality’s commit to the hub, and a burst',
  async run(ctx: BenchContext): Promise<ScenarioOutcome> {
    const sizes = ctx.smoke
      ? { lightPerSecond: 10, perSecond: 20, seconds: 2, burst: 500 }
      : { lightPerSecond: 50, perSecond: 200, seconds: 30, burst: 50_000 };
    const tag = newId().slice(-8).toUpperCase();
    const nodes: BenchNode[] = [];
    try {
      ctx.progress('events: starting ministry, riyadh and jeddah, each its own process');
      nodes.push(...(await Promise.all(['ministry', 'riyadh', 'jeddah'].map((n) => startBenchNode(n, { MMHUB_OUTBOX_POLL_MS: '50' })))));
      const [hub, riyadh, jeddah] = nodes;
      const municipal = [riyadh, jeddah];
      const tokens = await Promise.all(municipal.map((n) => n.token(['editor'])));
      // the hub's consumers join from the beginning of the topics: let them reach the end first
      await steadyLoad(municipal, tokens, 10, 1, `${tag}w`);
      await caughtUp(ctx, nodes);

      // the lag target is set at 50 mutations/s; the higher rate shows where the machine saturates
      const beforeLight = readCpu(nodes);
      const light = await lagAt(ctx, hub, municipal, tokens, sizes.lightPerSecond, sizes.seconds, `${tag}l`);
      const lightCpu = cpuBetween(beforeLight, readCpu(nodes), light.ids.length);
      ctx.progress(`events: CPU at ${sizes.lightPerSecond} mutations/s, ${shares(lightCpu)}`);
      const steady = await lagAt(ctx, hub, municipal, tokens, sizes.perSecond, sizes.seconds, tag);
      const lightLag = figure(`lag from commit at the municipality to applied at the hub, ${sizes.lightPerSecond} mutations/s`, 'ms', light.lags, 'sample');
      const lag = figure(`lag from commit at the municipality to applied at the hub, ${sizes.perSecond} mutations/s`, 'ms', steady.lags, 'sample');
      const relayLag = figure(`of which from commit to the relay's pick-up, ${sizes.lightPerSecond} mutations/s`, 'ms', light.relayLags, 'sample');

      ctx.progress(`events: a burst of ${sizes.burst} events in riyadh's outbox`);
      await fillOutbox(riyadh.db.url, 'riyadh', sizes.burst, tag);
      // from the fill's commit until the hub has the burst: the relay's, the hub's and every other node's share
      const beforeBurst = readCpu(nodes);
      const pending = async () => (await query<{ n: number }>(riyadh.db.url, 'select count(*)::int as n from initiatives.outbox where sent_at is null'))[0].n;
      // looked at once a second: each look is a connection and a count, which would take the cores the burst is measured on
      await eventually(async () => ((await pending()) === 0 ? true : undefined), 600_000, 'the outbox drained', BURST_POLL_MS);
      const [relay] = await query<{ n: number; s: number }>(
        riyadh.db.url,
        // the first batch's rows share one sent_at: the span covers the others
        `with b as (select sent_at from initiatives.outbox where (data->'state'->>'code') like $1)
         select count(*) filter (where sent_at > (select min(sent_at) from b))::int as n, extract(epoch from max(sent_at) - min(sent_at)) as s from b`,
        [`BU-${tag}-%`],
      );
      await eventually(
        async () =>
          (await query<{ n: number }>(hub.db.url, `select count(*)::int as n from initiatives.initiative where code like $1`, [`BU-${tag}-%`]))[0].n ===
          sizes.burst
            ? true
            : undefined,
        600_000,
        'the burst at the hub',
        BURST_POLL_MS,
      );
      const burstCpu = cpuBetween(beforeBurst, readCpu(nodes), sizes.burst);
      ctx.progress(`events: CPU in the burst, ${shares(burstCpu)}`);
      const [hubSpan] = await query<{ n: number; s: number }>(
        hub.db.url,
        // each of the service's consumers (copies, journal) has its inbox row for an event: events are counted once
        `with b as (select event_id, min(applied_at) as applied_at from initiatives.inbox where event_id = any($1) group by event_id)
         select count(*) filter (where applied_at > (select min(applied_at) from b))::int as n, extract(epoch from max(applied_at) - min(applied_at)) as s from b`,
        [
          (await query<{ id: string }>(riyadh.db.url, `select id::text from initiatives.outbox where (data->'state'->>'code') like $1`, [`BU-${tag}-%`])).map(
            (r) => r.id,
          ),
        ],
      );
      // a span shorter than one batch's transaction is measured as at least a millisecond
      const relayRate = relay.n / Math.max(Number(relay.s), 0.001);
      const hubRate = hubSpan.n / Math.max(Number(hubSpan.s), 0.001);
      ctx.progress(`events: relay ${round(relayRate, 0)} events/s, hub ingestion ${round(hubRate, 0)} events/s`);

      // a crashed node comes back: how soon its gateway answers, and when its consumers have joined
      ctx.progress('events: jeddah killed with kill -9 and started again on its database');
      await jeddah.kill();
      const restarted = await startBenchNode('jeddah', { MMHUB_OUTBOX_POLL_MS: '50' }, jeddah.db);
      nodes[2] = { ...restarted, dispose: () => restarted.dispose().then(() => jeddah.db.drop()) };
      ctx.progress(`events: jeddah listening ${round(restarted.listeningMs, 0)} ms after its spawn, ready after ${round(restarted.readyMs, 0)} ms`);
      const figures: Figure[] = [
        lightLag,
        relayLag,
        lag,
        figure(`mutations per second reached, ${sizes.lightPerSecond}/s asked`, 'mutations/s', [light.achieved]),
        figure(`mutations per second reached, ${sizes.perSecond}/s asked`, 'mutations/s', [steady.achieved]),
        figure('relay throughput (burst)', 'events/s', [relayRate]),
        figure('hub ingestion throughput (burst)', 'events/s', [hubRate]),
        figure('restart after kill -9: gateway listening, from the spawn', 's', [restarted.listeningMs / 1000]),
        figure('restart after kill -9: ready (consumers joined), from the spawn', 's', [restarted.readyMs / 1000]),
        ...lightCpu.map((c) => figure(`CPU per mutation at ${sizes.lightPerSecond} mutations/s: ${c.part}`, 'µs', [c.perUnitUs])),
        ...burstCpu.map((c) => figure(`CPU per event in the burst: ${c.part}`, 'µs', [c.perUnitUs])),
      ];
      return {
        sizes: { ...sizes, mutations: light.ids.length + steady.ids.length, failedMutations: light.failed + steady.failed },
        figures,
        ratios: [],
        targets: [
          target(
            `lag p50 ≤ 100 ms at ${sizes.lightPerSecond} mutations/s`,
            lightLag.median,
            '≤ 100 ms',
            lightLag.median <= 100,
            'three nodes (nine services and three gateways), PostgreSQL, Kafka and the load generator share 2 cores',
          ),
          target(
            `lag p99 ≤ 300 ms at ${sizes.lightPerSecond} mutations/s`,
            lightLag.p99,
            '≤ 300 ms',
            lightLag.p99 <= 300,
            'the tail is the shared machine: batches queue behind the mutations the same cores take',
          ),
          target(
            'relay throughput ≥ 5,000 events/s',
            relayRate,
            '≥ 5,000/s',
            relayRate >= 5000,
            'one idempotent producer request in flight, acknowledged by all replicas, 2,000 rows per transaction; encoding the records and their CloudEvents headers in kafkajs takes most of the relay’s CPU, and in the burst it shares the 2 cores with the hub and the broker',
          ),
          target(
            'hub ingestion ≥ 5,000 events/s',
            hubRate,
            '≥ 5,000/s',
            hubRate >= 5000,
            'each of the hub’s services reads a record once and applies it for all its consumers (copies, journal, views) in one transaction with one inbox statement; the hub’s three services, the relay and Kafka share the 2 cores',
          ),
          target(
            'a restarted node’s gateway listens within 5 s',
            restarted.listeningMs / 1000,
            '≤ 5 s',
            restarted.listeningMs <= 5000,
            'from the spawn of `mmhub serve`, module loading included; its consumers join in the background and /ready says when',
          ),
          target(
            `${sizes.perSecond} mutations/s sustained`,
            steady.achieved,
            `${sizes.perSecond}/s`,
            steady.achieved >= sizes.perSecond * 0.95,
            'each proposal is a gateway request, a token check, a transaction with two inserts and a publish: three nodes (nine services), PostgreSQL, Kafka and the load generator share 2 cores',
          ),
        ],
        notes: [
          'Commit time: the event’s time recorded in the origin’s outbox (set as the mutation runs, a few milliseconds before its commit); visible: the start of the hub transaction that applied it (its inbox row), committed a few milliseconds later. Both clocks are this machine’s.',
          'The burst: proposal events written straight into riyadh’s outbox with their initiatives in one transaction, as committed mutations leave them, so the relay finds them all at once; relay throughput from the first to the last `sent_at`, hub ingestion from the first to the last inbox row at the hub.',
          'The restart: jeddah, idle after the burst, killed with `kill -9` and started again on its database; listening is the first answer of its gateway, ready its `/ready` (every consumer joined).',
          'Three `mmhub serve` processes (ministry, riyadh, jeddah) with PostgreSQL, Kafka and the load generator on the same 2 cores.',
          'CPU per mutation and per event: from `/proc`, each node’s process, the PostgreSQL backends connected to its database, all of PostgreSQL’s processes (its own workers too), the broker, the bench’s own process and the whole machine (everything but idle), divided by the mutations of the light load or the events of the burst (from the fill’s commit until the hub has them all). The machine’s figure also holds the load generator and whatever else runs; a backend that closed meanwhile is not counted.',
        ],
      };
    } finally {
      await Promise.all(nodes.map((n) => n.dispose()));
    }
  },
};
