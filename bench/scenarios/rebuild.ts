import { loadConfig } from '../../services/kernel/src/config';
import { MINISTRY } from '../../services/kernel/src/domain';
import { rebuildNode } from '../../cli/rebuild';
import { kafkaBrokers, uniqueSuffix } from '../../test/support/node';
import { migratedDatabase } from '../lib/database';
import { figure, target } from '../lib/stats';
import type { BenchContext, Scenario, ScenarioOutcome } from './scenario';

export const rebuildScenario: Scenario = {
  id: 'rebuild',
  title: 'Rebuild: the hub’s copies from Kafka, from the beginning',
  async run(ctx: BenchContext): Promise<ScenarioOutcome> {
    const rounds = ctx.smoke ? 1 : 2;
    const db = await migratedDatabase('bench-rebuild');
    try {
      const config = loadConfig({
        MMHUB_NODE: MINISTRY,
        MMHUB_DATABASE_URL: db.url,
        MMHUB_KAFKA_BROKERS: kafkaBrokers(),
        MMHUB_KAFKA_CLIENT_ID: `bench-${uniqueSuffix()}`,
        MMHUB_LOG_LEVEL: 'error',
      });
      const rates: number[] = [];
      const records: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        const result = await rebuildNode(config, () => undefined);
        const seconds = (performance.now() - t0) / 1000;
        rates.push(result.records / seconds);
        records.push(result.records);
        ctx.progress(`rebuild: round ${r + 1}/${rounds}: ${result.records} records (${result.applied} applied) in ${seconds.toFixed(1)} s`);
      }
      const rate = figure('records read and applied per second (every topic, every consumer)', 'events/s', rates);
      return {
        sizes: { rounds, records: Math.max(...records) },
        figures: [rate, figure('records on the topics', 'records', records)],
        ratios: [],
        targets: [
          target(
            'hub rebuild ≥ 5,000 events/s',
            rate.median,
            '≥ 5,000/s',
            rate.median >= 5000,
            'the hub’s consumers replay side by side, each record applied by every consumer of its topic, on 2 cores shared with Kafka and PostgreSQL',
          ),
        ],
        notes: [
          '`rebuildNode` as `mmhub rebuild` runs it, for the hub, over whatever the broker holds (the event scenario’s burst included when it ran first); the time includes clearing the copies and joining a consumer group per consumer; the consumers replay side by side.',
        ],
      };
    } finally {
      await db.drop();
    }
  },
};
