import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../services/kernel/src/config';
import { GATEWAY_PROOF_HEADER, signGatewayProof, signToken } from '../services/kernel/src/auth';
import { ensureFootprint } from './lib/infra';
import { fillNode, initiatives } from './lib/fixtures';
import { checkOnce, load } from './lib/load';
import { startBenchNode } from './lib/node-process';
import { ROOT, startChild, type Child } from './lib/spawn';
import { quantile } from './lib/stats';
import { cpuMsOf } from './lib/cpu';
import { SINGLE, varied } from './scenarios/gateway';

/**
 * `npm run bench:overhead` — the gateway's overhead per request alone, in about a minute: the gateway
 * scenario's `direct.single.one` and `ours.single.one` (one-subgraph query, 1 connection) on a node filled
 * as that scenario fills it, with the node's gateway run by bench/gateway/host.ts. Rounds alternate the
 * two loads (who goes first rotates); each round gives gateway p50 − direct p50, and the gateway
 * process's CPU time per request read from /proc around its load.
 * Options: `--rounds N` (5), `--seconds N` (4 per load, after 1 s of warm-up), `--compare DIR`: another
 * checkout of mmhub (e.g. `git worktree add DIR <commit>`, with this tree's node_modules) whose gateway is
 * started beside this one and loaded in the same rounds, so that two revisions are compared on a machine
 * whose load drifts.
 */

const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => x.toFixed(2).padStart(6);

interface Row {
  direct: number;
  gateway: Record<string, { p50: number; overhead: number; cpuPerRequest: number }>;
  failures: number;
}

async function main(rounds: number, seconds: number, compare?: string): Promise<void> {
  const progress = (l: string) => process.stderr.write(`[bench:overhead] ${l}\n`);
  const footprint = await ensureFootprint(progress);
  const gateways: Child[] = [];
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
      const spec = JSON.stringify({ kind: 'mmhub', subgraphs, env: { MMHUB_GATEWAY_MAX_COST: '1000000' } });
      const hosts: Record<string, string> = {
        gateway: 'bench/gateway/host.ts',
        ...(compare ? { compared: path.resolve(compare, 'bench/gateway/host.ts') } : {}),
      };
      const pids: Record<string, number> = {};
      const token = await signToken(DEVELOPMENT_JWT_SECRET, { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'], ttlSeconds: 3600 });
      const proof = await signGatewayProof(DEVELOPMENT_GATEWAY_SECRET, 'riyadh', { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'] }, 3600);
      const targets: Record<string, { url: string; headers: Record<string, string> }> = {
        direct: { url: node.serviceUrls.initiatives, headers: { [GATEWAY_PROOF_HEADER]: proof } },
      };
      for (const [name, file] of Object.entries(hosts)) {
        const child = await startChild(file, [spec]);
        gateways.push(child);
        pids[name] = child.process.pid!;
        targets[name] = { url: child.ready.url as string, headers: { authorization: `Bearer ${token}` } };
      }
      // every target answers, and answers the same, before anything is measured
      const probe = JSON.stringify({ query: SINGLE, variables: { first: 50, filter: { axis: ['E_SERVICES'] } } });
      const answers = await Promise.all(Object.values(targets).map((t) => checkOnce(t.url, t.headers, probe)));
      if (answers.some((a) => JSON.stringify(a.data) !== JSON.stringify(answers[0].data))) throw new Error('a gateway answers differently from the subgraph');

      const names = Object.keys(targets);
      const rows: Row[] = [];
      for (let round = 0; round < rounds; round++) {
        const p50: Record<string, number> = {};
        const cpu: Record<string, number> = {};
        let failures = 0;
        // who goes first rotates, so that a drift of the machine's load is spread
        for (const which of names.map((_, i) => names[(i + round) % names.length])) {
          const t = targets[which];
          await load({ url: t.url, connections: 1, seconds: 1, headers: t.headers, body: varied(SINGLE) });
          const cpu0 = pids[which] ? cpuMsOf(pids[which]) : 0;
          const r = await load({ url: t.url, connections: 1, seconds, headers: t.headers, body: varied(SINGLE) });
          if (pids[which]) cpu[which] = (cpuMsOf(pids[which]) - cpu0) / r.requests;
          p50[which] = r.p50;
          failures += r.failures;
        }
        const gateway = Object.fromEntries(Object.keys(hosts).map((g) => [g, { p50: p50[g], overhead: p50[g] - p50.direct, cpuPerRequest: cpu[g] }]));
        rows.push({ direct: p50.direct, gateway, failures });
        progress(
          `round ${round + 1}/${rounds} (load ${loadavg()[0].toFixed(1)}): direct p50 ${ms(p50.direct)} ms; ` +
            Object.entries(gateway)
              .map(([g, x]) => `${g} p50 ${ms(x.p50)} ms, overhead ${ms(x.overhead)} ms, CPU ${ms(x.cpuPerRequest)} ms/request`)
              .join('; ') +
            (failures ? `; ${failures} failed` : ''),
        );
      }
      const direct = rows.map((r) => r.direct);
      process.stdout.write(`direct p50 median ${median(direct).toFixed(2)} ms (rounds ${direct.map((x) => x.toFixed(2)).join(' ')})\n`);
      for (const g of Object.keys(hosts)) {
        const overheads = rows.map((r) => r.gateway[g].overhead);
        const cpus = rows.map((r) => r.gateway[g].cpuPerRequest);
        process.stdout.write(
          `${g}: overhead (p50 − direct p50) median ${median(overheads).toFixed(2)} ms, min ${Math.min(...overheads).toFixed(2)} ms (rounds ${overheads.map((x) => x.toFixed(2)).join(' ')}); ` +
            `p50 median ${median(rows.map((r) => r.gateway[g].p50)).toFixed(2)} ms; CPU median ${median(cpus).toFixed(2)} ms/request, min ${Math.min(...cpus).toFixed(2)}\n`,
        );
      }
      if (compare) {
        const diff = rows.map((r) => r.gateway.gateway.overhead - r.gateway.compared.overhead);
        const cpuDiff = rows.map((r) => r.gateway.gateway.cpuPerRequest - r.gateway.compared.cpuPerRequest);
        process.stdout.write(
          `this tree − ${compare}, paired by round: overhead median ${median(diff).toFixed(2)} ms, CPU median ${median(cpuDiff).toFixed(2)} ms/request\n`,
        );
      }
      if (rows.some((r) => r.failures)) process.stdout.write('SOME REQUESTS FAILED\n');
    } finally {
      for (const g of gateways) await g.stop();
      await node.dispose();
    }
  } finally {
    await footprint.release();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
  main(opt('--rounds', 5), opt('--seconds', 4), args.includes('--compare') ? args[args.indexOf('--compare') + 1] : undefined).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
