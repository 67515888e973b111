import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../services/kernel/src/config';
import { createLogger } from '../../services/kernel/src/observability';
import { signToken } from '../../services/kernel/src/auth';
import type { ServiceDefinition } from '../../services/kernel/src/service';
import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { startGateway } from '../../gateway/src/gateway';
import { startTestService, type TestNode } from '../../test/support/node';
import { fillNode, initiatives } from '../lib/fixtures';
import { migratedDatabase } from '../lib/database';
import { checkOnce } from '../lib/load';
import { figure, target, type Figure } from '../lib/stats';
import { NESTED } from './gateway';
import type { BenchContext, Scenario, ScenarioOutcome } from './scenario';

// what the relay, the consumers and the heartbeats send on their own, beside the request
const BACKGROUND = /\b(outbox|inbox|node_freshness|node_heartbeat|pg_try_advisory)\b|^select 1\b/i;
const isStatement = (line: string) => !/^\s*(begin|commit|rollback)\b/i.test(line.replace(/^.*?\]\s*/, ''));

export const sqlScenario: Scenario = {
  id: 'sql',
  title: 'SQL statements per request: the nested query at growing sizes',
  async run(ctx: BenchContext): Promise<ScenarioOutcome> {
    const sizes = ctx.smoke ? [10, 30] : [10, 100, 1000];
    const repeats = ctx.smoke ? 2 : 5;
    const db = await migratedDatabase('bench-sql');
    const sent: Record<string, string[]> = { initiatives: [], calendar: [], media: [] };
    const quiet = (def: ServiceDefinition<any>): ServiceDefinition<any> => ({ ...def, consumers: [] });
    const services: TestNode[] = [];
    try {
      for (const def of [initiativesService, calendarService, mediaService]) {
        services.push(await startTestService(quiet(def), { node: 'riyadh', db, onQuery: (q) => sent[def.name].push(q) }));
      }
      const config = loadConfig({
        MMHUB_NODE: 'riyadh',
        MMHUB_PORT: '0',
        MMHUB_LOG_LEVEL: 'error',
        MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
        MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
        MMHUB_GATEWAY_MAX_COST: '1000000',
        MMHUB_EVENT_BUS: 'memory',
      });
      const gateway = await startGateway({
        config,
        subgraphs: services.map((s) => ({ name: s.service.name, url: s.service.url, sdl: s.service.sdl })),
        log: createLogger('error', {}),
      });
      try {
        const token = await signToken(DEVELOPMENT_JWT_SECRET, { sub: 'bench', node: 'riyadh', roles: ['viewer'] });
        const body = JSON.stringify({ query: NESTED, variables: { first: 50, filter: null } });
        const counts: Record<number, Record<string, number>> = {};
        const figures: Figure[] = [];
        let filled = 0;
        for (const size of sizes) {
          await fillNode(db.url, initiatives('riyadh', size - filled, filled), 2, 2);
          filled = size;
          const perRun: Record<string, number>[] = [];
          const ms: number[] = [];
          for (let i = 0; i < repeats; i++) {
            // the background's polls can land in the window: they are filtered out by what they touch
            const from = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, v.length]));
            const t0 = performance.now();
            await checkOnce(gateway.url, { authorization: `Bearer ${token}` }, body);
            ms.push(performance.now() - t0);
            perRun.push(
              Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, v.slice(from[k]).filter((q) => !BACKGROUND.test(q) && isStatement(q)).length])),
            );
          }
          // the fewest seen: a background statement that slipped the filter only adds
          counts[size] = Object.fromEntries(Object.keys(sent).map((k) => [k, Math.min(...perRun.map((r) => r[k]))]));
          figures.push(figure(`${size} initiatives: nested query through the gateway`, 'ms', ms));
          figures.push(
            figure(
              `${size} initiatives: statements (initiatives + calendar + media)`,
              'statements',
              perRun.map((r) => r.initiatives + r.calendar + r.media),
            ),
          );
          ctx.progress(`sql: ${size} initiatives: ${JSON.stringify(counts[size])} statements`);
        }
        const first = counts[sizes[0]];
        const sameAtEverySize = sizes.every((s) => Object.keys(first).every((k) => counts[s][k] === first[k]));
        const levels = { Initiative: first.initiatives, Campaign: first.calendar, MediaMessage: first.media };
        const onePerLevel = Object.values(levels).every((c) => c <= 1);
        return {
          sizes: { initiatives: sizes.join(' / '), campaignsPerInitiative: 2, messagesPerCampaign: 2, repeats },
          figures,
          ratios: [],
          targets: [
            target(
              'the same statement count at every size',
              sizes.map((s) => counts[s].initiatives + counts[s].calendar + counts[s].media).reduce((a, b) => Math.max(a, b), 0),
              'equal at every size',
              sameAtEverySize,
            ),
            target(
              'at most one statement per entity type per level',
              Math.max(...Object.values(levels)),
              '≤ 1 per level',
              onePerLevel,
              onePerLevel ? undefined : `per level: ${JSON.stringify(levels)}`,
            ),
          ],
          notes: [
            `Statements per service and size: ${sizes.map((s) => `${s}: ${JSON.stringify(counts[s])}`).join('; ')}.`,
            'Counted with the ORM’s query log at each service, for one nested query (50 initiatives → campaigns → messages) through the gateway.',
          ],
        };
      } finally {
        await gateway.stop();
      }
    } finally {
      for (const s of services) await s.stop();
      await db.drop();
    }
  },
};
