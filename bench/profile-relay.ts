import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { migrate, openDatabase } from '../services/kernel/src/db';
import { newId } from '../services/kernel/src/domain';
import { KafkaBus, OutboxEntry, OutboxRelay } from '../services/kernel/src/events';
import type { EventBus } from '../services/kernel/src/events';
import { createLogger } from '../services/kernel/src/observability';
import { initiativesService } from '../services/initiatives/src/service';
import { createTestDatabase, query } from '../test/support/database';
import { kafkaBrokers } from '../test/support/node';
import { fillOutbox } from './scenarios/events';
import { printSummary, summarise } from './profile';
import { ROOT } from './lib/spawn';
import { runTool } from './lib/tool';

/**
 * The relay alone: N proposal events (20,000 by default) in a fresh database's outbox, published by one
 * `OutboxRelay` to a topic of their own on the test broker, the relay's phase under the V8 profiler.
 * Prints the rate, the wall time inside the bus's publish and the profile's summary.
 * `TS_NODE_PROJECT=bench/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register bench/profile-relay.ts [N] [batch]`
 * (`RELAY_ONE_AGGREGATE=1`: all N events of one aggregate, the burst that fills a single partition)
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20000);
  const batchSize = Number(process.argv[3] ?? 2000);
  const db = await createTestDatabase('relaybench');
  const log = createLogger('warn');
  const orm = await openDatabase({
    url: db.url,
    schema: 'initiatives',
    entities: [...initiativesService.entities, OutboxEntry],
    migrations: initiativesService.migrations,
    poolMax: 4,
  });
  // a topic of its own: no node's consumers read the bench's records
  const topic = 'mmhub.relaybench.v1';
  const kafka = new KafkaBus({ brokers: kafkaBrokers().split(','), clientId: `relaybench-${newId().slice(-6)}`, partitions: 6, replicationFactor: 1, log });
  let publishMs = 0;
  const timed: EventBus = {
    kind: 'kafka',
    ensureTopics: (t) => kafka.ensureTopics(t),
    subscribe: (o) => kafka.subscribe(o),
    reachable: () => kafka.reachable(),
    close: () => kafka.close(),
    publish: async (records) => {
      const t = performance.now();
      await kafka.publish(records);
      publishMs += performance.now() - t;
    },
  };
  const session = new Session();
  try {
    await migrate(orm);
    await fillOutbox(db.url, 'riyadh', count, newId().slice(-8).toUpperCase());
    await query(db.url, `update initiatives.outbox set topic = $1`, [topic]);
    // RELAY_ONE_AGGREGATE=1: every event of one aggregate, so one partition takes the whole batch
    if (process.env.RELAY_ONE_AGGREGATE === '1') await query(db.url, `update initiatives.outbox set subject = (select min(subject) from initiatives.outbox)`);
    await query(db.url, 'vacuum analyze initiatives.outbox');
    await kafka.ensureTopics([topic]);
    // the producer's connection is made before the clock starts
    await kafka.publish([{ topic, key: 'warm-up', headers: {}, value: '{}' }]);
    const relay = new OutboxRelay({ orm, schema: 'initiatives', bus: timed, log, batchSize, pollMs: 60_000 });
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let sent = 0;
    for (let n; (n = await relay.publishBatch()) > 0;) sent += n;
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const { profile } = await session.post('Profiler.stop');
    process.stdout.write(
      `relay: ${sent} events in ${ms.toFixed(0)} ms = ${((sent * 1000) / ms).toFixed(0)}/s; inside publish ${publishMs.toFixed(0)} ms (${((100 * publishMs) / ms).toFixed(0)} %); this process's CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms\n`,
    );
    const dir = path.join(ROOT, 'bench/results/profiles');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `relay-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`# ${file}\n`);
    printSummary(summarise(profile as never), Number(process.env.TOP ?? 25));
  } finally {
    session.disconnect();
    await kafka.close();
    await orm.close();
    await db.drop();
  }
}
runTool(main);
