import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../services/kernel/src/config';
import { GATEWAY_PROOF_HEADER, signGatewayProof, signToken } from '../services/kernel/src/auth';
import { ensureFootprint } from './lib/infra';
import { fillNode, initiatives } from './lib/fixtures';
import { checkOnce, load } from './lib/load';
import { startBenchNode } from './lib/node-process';
import { ROOT, startChild, type Child } from './lib/spawn';
import { quantile } from './lib/stats';
import { SINGLE, varied } from './scenarios/gateway';

/**
 * `npm run bench:overhead` — the gateway's overhead per request alone, in about a minute: the gateway
 * scenario's `direct.single.one` and `ours.single.one` (one-subgraph query, 1 connection) on a node filled
 * as that scenario fills it, with the node's gateway run by bench/gateway/host.ts. Rounds alternate the
 * two loads (who goes first rotates); each round gives gateway p50 − direct p50, and the gateway
 * process's CPU time per request read from /proc around its load.
 * Options: `--rounds N` (5), `--seconds N` (4 per load, after 1 s of warm-up).
 */

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of a process so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after the command's closing parenthesis: utime and stime are the 12th and 13th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => x.toFixed(2).padStart(6);

async function main(rounds: number, seconds: number): Promise<void> {
  const progress = (l: string) => process.stderr.write(`[bench:overhead] ${l}\n`);
  const footprint = await ensureFootprint(progress);
  let gateway: Child | undefined;
  try {
    const node = await startBenchNode('riyadh', { MMHUB_LOG_LEVEL: 'error' });
    try {
      progress('filling riyadh with 600 initiatives, their campaigns and messages (as the gateway scenario)');
      await fillNode(node.db.url, initiatives('riyadh', 600), 2, 2);
      const subgraphs = (['initiatives', 'calendar', 'media'] as const).map((name) => ({
        name,
        url: node.serviceUrls[name],
        sdl: readFileSync(path.join(ROOT, 'schema', `${name}.graphql`), 'utf8'),
      }));
      gateway = await startChild('bench/gateway/host.ts', [JSON.stringify({ kind: 'mmhub', subgraphs, env: { MMHUB_GATEWAY_MAX_COST: '1000000' } })]);
      const token = await signToken(DEVELOPMENT_JWT_SECRET, { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'], ttlSeconds: 3600 });
      const proof = await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'] }, 3600);
      const targets = {
        direct: { url: node.serviceUrls.initiatives, headers: { [GATEWAY_PROOF_HEADER]: proof } },
        gateway: { url: gateway.ready.url as string, headers: { authorization: `Bearer ${token}` } },
      };
      // both answer, and answer the same, before anything is measured
      const probe = JSON.stringify({ query: SINGLE, variables: { first: 50, filter: { axis: ['E_SERVICES'] } } });
      const [direct, through] = await Promise.all([
        checkOnce(targets.direct.url, targets.direct.headers, probe),
        checkOnce(targets.gateway.url, targets.gateway.headers, probe),
      ]);
      if (JSON.stringify(direct.data) !== JSON.stringify(through.data)) throw new Error('the gateway answers differently from the subgraph');

      const pid = gateway.process.pid!;
      const rows: Array<{ direct: number; gateway: number; overhead: number; cpuPerRequest: number; failures: number }> = [];
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 ? (['gateway', 'direct'] as const) : (['direct', 'gateway'] as const);
        const p50: Record<string, number> = {};
        let cpuPerRequest = NaN;
        let failures = 0;
        for (const which of order) {
          const t = targets[which];
          await load({ url: t.url, connections: 1, seconds: 1, headers: t.headers, body: varied(SINGLE) });
          const cpu0 = cpuMs(pid);
          const r = await load({ url: t.url, connections: 1, seconds, headers: t.headers, body: varied(SINGLE) });
          if (which === 'gateway') cpuPerRequest = (cpuMs(pid) - cpu0) / r.requests;
          p50[which] = r.p50;
          failures += r.failures;
        }
        rows.push({ direct: p50.direct, gateway: p50.gateway, overhead: p50.gateway - p50.direct, cpuPerRequest, failures });
        progress(
          `round ${round + 1}/${rounds}: direct p50 ${ms(p50.direct)} ms, gateway p50 ${ms(p50.gateway)} ms, overhead ${ms(p50.gateway - p50.direct)} ms, gateway CPU ${ms(cpuPerRequest)} ms/request${failures ? `, ${failures} failed` : ''}`,
        );
      }
      const m = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k]));
      process.stdout.write(
        `overhead (gateway p50 − direct p50, median of ${rounds} rounds): ${m('overhead').toFixed(2)} ms; direct p50 ${m('direct').toFixed(2)} ms, ` +
          `gateway p50 ${m('gateway').toFixed(2)} ms, gateway CPU ${m('cpuPerRequest').toFixed(2)} ms/request; rounds ${rows.map((r) => r.overhead.toFixed(2)).join(' ')}` +
          `${rows.some((r) => r.failures) ? '; SOME REQUESTS FAILED' : ''}\n`,
      );
    } finally {
      await gateway?.stop();
      await node.dispose();
    }
  } finally {
    await footprint.release();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
  main(opt('--rounds', 5), opt('--seconds', 4)).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
