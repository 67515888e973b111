import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AXES, STATUSES, fillNode, initiatives } from '../lib/fixtures';
import { checkOnce, load, type LoadResult } from '../lib/load';
import { startChild, ROOT, type Child } from '../lib/spawn';
import { figure, ratio, round, target, type Figure, type Ratio, type Target } from '../lib/stats';
import { startBenchNode } from '../lib/node-process';
import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import { GATEWAY_PROOF_HEADER, signGatewayProof, signToken } from '../../services/kernel/src/auth';
import { STATIC_QUERY } from '../gateway/static-subgraphs';
import { rotate, type BenchContext, type Scenario, type ScenarioOutcome } from './scenario';

/** The frontend's nested query: a page of initiatives, their campaigns, the campaigns' messages. */
export const NESTED = `query Nested($first: Int!, $filter: InitiativeFilter) {
  initiatives(first: $first, filter: $filter) {
    edges { node { id code titleAr status campaigns { id titleAr messages { id status } } } }
  }
}`;

/** One subgraph only: the page of initiatives without anything another service adds. */
export const SINGLE = `query Single($first: Int!, $filter: InitiativeFilter) { initiatives(first: $first, filter: $filter) { edges { node { id code titleAr status axis } } } }`;

const repeated = (query: string) => {
  const body = JSON.stringify({ query, variables: { first: 50, filter: null } });
  return () => body;
};

/** Requests that differ: axis, status and page size drawn per request (6 × 7 × 10 combinations). */
export const varied = (query: string) => () =>
  JSON.stringify({
    query,
    variables: {
      first: 41 + Math.floor(Math.random() * 10),
      filter: { axis: [AXES[Math.floor(Math.random() * AXES.length)]], status: [STATUSES[Math.floor(Math.random() * STATUSES.length)]] },
    },
  });

interface Config {
  key: string;
  label: string;
  url: () => string;
  headers: () => Record<string, string>;
  body: () => string;
  connections: number;
}

// the same limits for every gateway run here, whatever the defaults become
const LIMITS = { MMHUB_GATEWAY_MAX_COST: '1000000' };

const SUBGRAPH_NAMES = ['initiatives', 'calendar', 'media'] as const;

export const gatewayScenario: Scenario = {
  id: 'gateway',
  title: 'Gateway: our gateway vs @apollo/gateway, and vs the subgraph directly',
  async run(ctx: BenchContext): Promise<ScenarioOutcome> {
    const sizes = ctx.smoke
      ? {
          initiatives: 60,
          campaignsPerInitiative: 2,
          messagesPerCampaign: 2,
          nestedConnections: 4,
          singleConnections: 4,
          seconds: 1,
          warmupSeconds: 0,
          rounds: 1,
        }
      : {
          initiatives: 600,
          campaignsPerInitiative: 2,
          messagesPerCampaign: 2,
          nestedConnections: 20,
          singleConnections: 10,
          seconds: 6,
          warmupSeconds: 2,
          rounds: 3,
        };
    const children: Child[] = [];
    const node = await startBenchNode('riyadh', { MMHUB_LOG_LEVEL: 'error' });
    try {
      ctx.progress(`gateway: filling riyadh with ${sizes.initiatives} initiatives, their campaigns and messages`);
      await fillNode(node.db.url, initiatives('riyadh', sizes.initiatives), sizes.campaignsPerInitiative, sizes.messagesPerCampaign);
      const subgraphs = SUBGRAPH_NAMES.map((name) => ({
        name,
        url: node.serviceUrls[name],
        sdl: readFileSync(path.join(ROOT, 'schema', `${name}.graphql`), 'utf8'),
      }));
      ctx.progress('gateway: starting the gateways under test, each in its own process');
      const host = (spec: object) => startChild('bench/gateway/host.ts', [JSON.stringify(spec)]).then((c) => (children.push(c), c));
      const statics = await host({ kind: 'static-subgraphs' });
      const [oursReal, oursRealNoDedupe, apolloReal, oursStatic, oursStaticNoDedupe, apolloStatic] = await Promise.all([
        host({ kind: 'mmhub', subgraphs, env: LIMITS }),
        host({ kind: 'mmhub', subgraphs, dedupe: false, env: LIMITS }),
        host({ kind: 'apollo', subgraphs }),
        host({ kind: 'mmhub', subgraphs: statics.ready.subgraphs, env: LIMITS }),
        host({ kind: 'mmhub', subgraphs: statics.ready.subgraphs, dedupe: false, env: LIMITS }),
        host({ kind: 'apollo', subgraphs: statics.ready.subgraphs }),
      ]);
      const token = await signToken(DEVELOPMENT_JWT_SECRET, { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'], ttlSeconds: 4 * 3600 });
      const bearer = { authorization: `Bearer ${token}` };
      // the subgraph directly trusts only a gateway's proof: one signed for the whole run
      const proof = {
        [GATEWAY_PROOF_HEADER]: await signGatewayProof(
          DEVELOPMENT_GATEWAY_SECRET,
          'riyadh',
          { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'] },
          4 * 3600,
        ),
      };
      const staticBody = () => JSON.stringify({ query: STATIC_QUERY });

      const nc = sizes.nestedConnections;
      const configs: Config[] = [
        {
          key: 'apollo.nested.repeated',
          label: '@apollo/gateway, nested, one repeated query',
          url: () => apolloReal.ready.url,
          headers: () => bearer,
          body: repeated(NESTED),
          connections: nc,
        },
        {
          key: 'ours.nested.repeated',
          label: 'our gateway (merging on), nested, one repeated query',
          url: () => oursReal.ready.url,
          headers: () => bearer,
          body: repeated(NESTED),
          connections: nc,
        },
        {
          key: 'oursNoDedupe.nested.repeated',
          label: 'our gateway, merging off, nested, one repeated query',
          url: () => oursRealNoDedupe.ready.url,
          headers: () => bearer,
          body: repeated(NESTED),
          connections: nc,
        },
        {
          key: 'apollo.nested.varied',
          label: '@apollo/gateway, nested, varied variables',
          url: () => apolloReal.ready.url,
          headers: () => bearer,
          body: varied(NESTED),
          connections: nc,
        },
        {
          key: 'ours.nested.varied',
          label: 'our gateway (merging on), nested, varied variables',
          url: () => oursReal.ready.url,
          headers: () => bearer,
          body: varied(NESTED),
          connections: nc,
        },
        {
          key: 'oursNoDedupe.nested.varied',
          label: 'our gateway, merging off, nested, varied variables',
          url: () => oursRealNoDedupe.ready.url,
          headers: () => bearer,
          body: varied(NESTED),
          connections: nc,
        },
        {
          key: 'apollo.static',
          label: '@apollo/gateway, static subgraphs',
          url: () => apolloStatic.ready.url,
          headers: () => bearer,
          body: staticBody,
          connections: nc,
        },
        {
          key: 'ours.static',
          label: 'our gateway (merging on), static subgraphs',
          url: () => oursStatic.ready.url,
          headers: () => bearer,
          body: staticBody,
          connections: nc,
        },
        {
          key: 'oursNoDedupe.static',
          label: 'our gateway, merging off, static subgraphs',
          url: () => oursStaticNoDedupe.ready.url,
          headers: () => bearer,
          body: staticBody,
          connections: nc,
        },
        {
          key: 'direct.single',
          label: 'the initiatives subgraph directly, one-subgraph query',
          url: () => subgraphs[0].url,
          headers: () => proof,
          body: varied(SINGLE),
          connections: sizes.singleConnections,
        },
        {
          key: 'ours.single',
          label: 'our gateway, one-subgraph query',
          url: () => oursReal.ready.url,
          headers: () => bearer,
          body: varied(SINGLE),
          connections: sizes.singleConnections,
        },
        // one request at a time: what the gateway's hop adds to a request, without queueing behind others
        {
          key: 'direct.single.one',
          label: 'the initiatives subgraph directly, one-subgraph query, 1 connection',
          url: () => subgraphs[0].url,
          headers: () => proof,
          body: varied(SINGLE),
          connections: 1,
        },
        {
          key: 'ours.single.one',
          label: 'our gateway, one-subgraph query, 1 connection',
          url: () => oursReal.ready.url,
          headers: () => bearer,
          body: varied(SINGLE),
          connections: 1,
        },
      ];

      // every configuration answers without errors, and both gateways answer the same
      const answers = new Map<string, string>();
      const responseBytes: Record<string, number> = {};
      for (const c of configs) {
        const body =
          c.key.endsWith('varied') || c.key.includes('single')
            ? JSON.stringify({ query: c.key.includes('single') ? SINGLE : NESTED, variables: { first: 50, filter: { axis: ['E_SERVICES'] } } })
            : c.body();
        const r = await checkOnce(c.url(), c.headers(), body);
        answers.set(c.key, JSON.stringify(r.data));
        responseBytes[c.key] = r.bytes;
      }
      const same = (a: string, b: string) => answers.get(a) === answers.get(b);
      const identical = {
        nested: same('apollo.nested.repeated', 'ours.nested.repeated') && same('ours.nested.repeated', 'oursNoDedupe.nested.repeated'),
        static: same('apollo.static', 'ours.static') && same('ours.static', 'oursNoDedupe.static'),
        single: same('direct.single', 'ours.single') && same('direct.single', 'direct.single.one') && same('ours.single', 'ours.single.one'),
      };
      if (!identical.nested || !identical.static || !identical.single) throw new Error(`the gateways answer differently: ${JSON.stringify(identical)}`);

      const runs = new Map<string, LoadResult[]>(configs.map((c) => [c.key, []]));
      for (let round = 0; round < sizes.rounds; round++) {
        for (const c of rotate(configs, round)) {
          if (sizes.warmupSeconds) await load({ url: c.url(), connections: c.connections, seconds: sizes.warmupSeconds, headers: c.headers(), body: c.body });
          const r = await load({ url: c.url(), connections: c.connections, seconds: sizes.seconds, headers: c.headers(), body: c.body });
          runs.get(c.key)!.push(r);
          ctx.progress(
            `gateway: round ${round + 1}/${sizes.rounds} ${c.label}: ${round1(r.rps)} req/s, p95 ${round1(r.p95)} ms${r.failures ? `, ${r.failures} failed` : ''}`,
          );
        }
      }

      const figures: Figure[] = [];
      for (const c of configs) {
        const rs = runs.get(c.key)!;
        figures.push(
          figure(
            `${c.label}: throughput`,
            'req/s',
            rs.map((r) => r.rps),
          ),
        );
        figures.push(
          figure(
            `${c.label}: p50 latency`,
            'ms',
            rs.map((r) => r.p50),
          ),
        );
        figures.push(
          figure(
            `${c.label}: p95 latency`,
            'ms',
            rs.map((r) => r.p95),
          ),
        );
        figures.push(
          figure(
            `${c.label}: p99 latency`,
            'ms',
            rs.map((r) => r.p99),
          ),
        );
      }
      // the hop's own cost, round by round: the same query one at a time through the gateway and directly
      const p50 = (k: string) => runs.get(k)!.map((r) => r.p50);
      const overheads = p50('ours.single.one').map((ms, i) => ms - p50('direct.single.one')[i]);
      const overhead = figure('one-subgraph query, 1 connection: gateway p50 − direct p50 (the gateway’s overhead per request)', 'ms', overheads);
      figures.push(overhead);
      const rps = (k: string) => runs.get(k)!.map((r) => r.rps);
      const p95 = (k: string) => runs.get(k)!.map((r) => r.p95);
      const ratios: Ratio[] = [
        ratio('nested, varied variables: our gateway ÷ @apollo/gateway throughput', rps('ours.nested.varied'), rps('apollo.nested.varied')),
        ratio(
          'nested, varied variables, merging off: our gateway ÷ @apollo/gateway throughput',
          rps('oursNoDedupe.nested.varied'),
          rps('apollo.nested.varied'),
        ),
        ratio('nested, one repeated query: our gateway ÷ @apollo/gateway throughput', rps('ours.nested.repeated'), rps('apollo.nested.repeated')),
        ratio(
          'nested, one repeated query, merging off: our gateway ÷ @apollo/gateway throughput',
          rps('oursNoDedupe.nested.repeated'),
          rps('apollo.nested.repeated'),
        ),
        ratio('static subgraphs: our gateway ÷ @apollo/gateway throughput', rps('ours.static'), rps('apollo.static')),
        ratio('static subgraphs, merging off: our gateway ÷ @apollo/gateway throughput', rps('oursNoDedupe.static'), rps('apollo.static')),
        ratio('one-subgraph query: gateway p95 ÷ direct p95', p95('ours.single'), p95('direct.single')),
        ratio('one-subgraph query: gateway throughput ÷ direct throughput', rps('ours.single'), rps('direct.single')),
      ];
      const r = (name: string) => ratios.find((x) => x.name === name)!.median;
      const realVaried = r(ratios[0].name);
      const staticOn = r(ratios[4].name);
      const hop = r(ratios[6].name);
      const targets: Target[] = [
        target(
          'throughput ≥ 3× @apollo/gateway (real subgraphs, varied variables, as shipped)',
          realVaried,
          '≥ 3×',
          realVaried >= 3,
          'our subgraphs and PostgreSQL take most of each request, so the gateways differ by their share only',
        ),
        target('throughput ≥ 3× @apollo/gateway (static subgraphs, the gateway the bottleneck)', staticOn, '≥ 3×', staticOn >= 3),
        target(
          'gateway p95 ≤ 1.5× the direct p95 (one-subgraph query)',
          hop,
          '≤ 1.5×',
          hop <= 1.5,
          'a gateway hop costs a fixed few milliseconds (parse, plan, verify the token, sign the proof, a second HTTP request); the subgraph answers a small page in about as much',
        ),
      ];
      targets.push(target('gateway overhead ≤ 2 ms at p50 (one-subgraph query, 1 connection)', round(overhead.median, 2), '≤ 2 ms', overhead.median <= 2));
      const failures = [...runs.values()].flat().reduce((s, x) => s + x.failures, 0);
      return {
        sizes: { ...sizes, responseBytes, failedRequests: failures },
        figures,
        ratios,
        targets,
        notes: [
          `Each configuration: ${sizes.warmupSeconds} s warm-up then ${sizes.seconds} s measured, ${sizes.rounds} rounds interleaved; autocannon in the bench process, each gateway in its own process, the three services in one \`mmhub serve\` process on PostgreSQL.`,
          'The nested query (50 initiatives → campaigns → messages) is estimated at about 23,700 by the gateway’s cost rule, within the default `MMHUB_GATEWAY_MAX_COST` (50,000).',
          'Answers were checked identical between the gateways before loading (same data for the same query).',
          'Merging = the Hive runtime’s deduplication of identical in-flight subgraph fetches (on by default); off through the HTTP transport option `deduplicateInflightRequests: false`.',
          `Static subgraphs: The Guild’s benchmark shape (accounts, inventory, products, reviews), served from constants; response ${round((responseBytes['ours.static'] ?? 0) / 1024, 1)} KiB.`,
        ],
      };
    } finally {
      for (const c of children) await c.stop();
      await node.dispose();
    }
  },
};

const round1 = (x: number) => round(x, 1);
