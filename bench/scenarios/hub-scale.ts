import { DEVELOPMENT_GATEWAY_SECRET } from '../../services/kernel/src/config';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../../services/kernel/src/auth';
import { MINISTRY, SECTOR_NODES } from '../../services/kernel/src/domain';
import { initiativesService } from '../../services/initiatives/src/service';
import { startTestService } from '../../test/support/node';
import { AXES, STATUSES, fillInitiatives, initiatives } from '../lib/fixtures';
import { migratedDatabase } from '../lib/database';
import { checkOnce } from '../lib/load';
import { figure, quantile, ratio, target } from '../lib/stats';
import type { BenchContext, Scenario, ScenarioOutcome } from './scenario';

const LIST = `query($f: InitiativeFilter, $after: String) { initiatives(filter: $f, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code titleAr status percentComplete rag lateDays } } } }`;
// searched as users type them: hamza and taa marbuta variants that normalisation must fold
const TERMS = ['الحدائق', 'الطرق', 'تطوير الأرصفة', 'الخدمات الالكترونية', 'صيانه', 'إنارة', 'مواقف', 'النظافة', 'الاسواق', 'حي النخيل', 'تشجير', 'رقمنة'];

export const hubScaleScenario: Scenario = {
  id: 'hub',
  title: 'Hub scale: the hub’s initiatives of every node, list and search at the subgraph',
  async run(ctx: BenchContext): Promise<ScenarioOutcome> {
    const nodes = SECTOR_NODES.map((n) => n.code).slice(0, 17);
    const sizes = ctx.smoke ? { nodes: nodes.length, perNode: 50, requests: 20, rounds: 1 } : { nodes: nodes.length, perNode: 5000, requests: 200, rounds: 5 };
    const db = await migratedDatabase('bench-hub');
    try {
      ctx.progress(`hub: ${sizes.nodes} nodes × ${sizes.perNode} initiatives into the hub's database`);
      for (const node of nodes) await fillInitiatives(db.url, initiatives(node, sizes.perNode));
      const hub = await startTestService({ ...initiativesService, consumers: [] }, { node: MINISTRY, db });
      try {
        const headers = {
          [GATEWAY_PROOF_HEADER]: await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, MINISTRY, { sub: 'bench', node: MINISTRY, roles: ['viewer'] }, 3600),
        };
        const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
        const lists: number[] = [];
        const searches: number[] = [];
        const listP95: number[] = [];
        const searchP95: number[] = [];
        const time = async (body: string) => {
          const t0 = performance.now();
          await checkOnce(hub.service.url, headers, body);
          return performance.now() - t0;
        };
        for (let round = 0; round < sizes.rounds; round++) {
          const l: number[] = [];
          const s: number[] = [];
          for (let i = 0; i < sizes.requests; i++) {
            // filtered by node, axis and status, sometimes the second page
            const f = { node: [pick(nodes)], axis: [pick(AXES)], status: [pick(STATUSES), pick(STATUSES)] };
            l.push(await time(JSON.stringify({ query: LIST, variables: { f } })));
            s.push(await time(JSON.stringify({ query: LIST, variables: { f: { search: pick(TERMS), ...(i % 2 ? { node: [pick(nodes)] } : {}) } } })));
          }
          lists.push(...l);
          searches.push(...s);
          listP95.push(quantile(l, 0.95));
          searchP95.push(quantile(s, 0.95));
          ctx.progress(`hub: round ${round + 1}/${sizes.rounds}: list p95 ${listP95[round].toFixed(1)} ms, search p95 ${searchP95[round].toFixed(1)} ms`);
        }
        const listFig = figure('filtered, paginated list: p95 per round', 'ms', listP95);
        const searchFig = figure('Arabic search: p95 per round', 'ms', searchP95);
        return {
          sizes: { ...sizes, initiatives: sizes.nodes * sizes.perNode },
          figures: [
            listFig,
            searchFig,
            figure('filtered list, every request', 'ms', lists, 'sample'),
            figure('Arabic search, every request', 'ms', searches, 'sample'),
          ],
          ratios: [ratio('search p95 ÷ list p95', searchP95, listP95)],
          targets: [
            target(
              'filtered paginated list p95 ≤ 30 ms',
              listFig.median,
              '≤ 30 ms',
              listFig.median <= 30,
              'each page also counts every match for totalCount (two statements in parallel on 85,000 rows), and the HTTP and GraphQL work of the subgraph; measured on a loaded 2-core machine',
            ),
            target(
              'Arabic search p95 ≤ 50 ms',
              searchFig.median,
              '≤ 50 ms',
              searchFig.median <= 50,
              'every page counts its matches for totalCount, and a common word matches 7,000–14,000 of the 85,000 initiatives: counting visits each matching row',
            ),
          ],
          notes: [
            'At the initiatives subgraph (no gateway), one request at a time, with `totalCount`, page info and the derived fields (rag, lateDays); the page is 20.',
          ],
        };
      } finally {
        await hub.stop();
      }
    } finally {
      await db.drop();
    }
  },
};
