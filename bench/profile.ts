import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEVELOPMENT_GATEWAY_SECRET } from '../services/kernel/src/config';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../services/kernel/src/auth';
import { ensureFootprint } from './lib/infra';
import { fillNode, initiatives } from './lib/fixtures';
import { checkOnce, load } from './lib/load';
import { startBenchNode } from './lib/node-process';
import { ROOT } from './lib/spawn';
import { NESTED, SINGLE, varied } from './scenarios/gateway';
import { startChild, type Child } from './lib/spawn';
import { DEVELOPMENT_JWT_SECRET } from '../services/kernel/src/config';
import { signToken } from '../services/kernel/src/auth';

/**
 * `npm run bench:profile` — where a request's time goes in a subgraph. Starts a node (`mmhub serve`)
 * under `node --cpu-prof`, fills it as the gateway scenario does, loads the initiatives subgraph
 * directly with the one-subgraph query, stops it and summarises the profile it wrote.
 * `npm run bench:profile -- some.cpuprofile` summarises an existing profile only.
 * `--gateway single|nested` profiles the node's gateway instead (in its own process, as the gateway
 * scenario runs it), loaded with the one-subgraph or the nested query.
 * Options: `--seconds N` (20), `--connections N` (10), `--top N` (25).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds of the machine's monotonic clock, as `process.hrtime` reads it. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which package a frame belongs to: an npm package, a folder of ours, Node itself or V8's pseudo-frames. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`.replace(/^\(\((.*)\)\)$/, '($1)');
  if (url.startsWith('node:')) return 'node (internals)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const rel = path.relative(ROOT, file);
  if (rel.startsWith('..')) return file;
  // ours: services/<service>/src/<area>, the compiled dist tree folded onto its source
  const p = rel.replace(/^dist\//, '').split('/');
  return `mmhub ${p.slice(0, p[0] === 'services' ? 4 : 2).join('/')}`;
}

export interface Summary {
  totalMs: number;
  bySelf: Array<[string, number]>;
  byInclusive: Array<[string, number]>;
  functionsBySelf: Array<[string, number]>;
  functionsByInclusive: Array<[string, number]>;
}

/** Self time per module and function, and inclusive time (counted once per sample per stack); only the samples within `window` (µs, monotonic) when given. */
export function summarise(profile: CpuProfile, window?: { from: number; to: number }): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fn = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${moduleOf(n.callFrame.url, n.callFrame.functionName)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const selfMod = new Map<string, number>();
  const inclMod = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclFn = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.from || at > window.to)) return;
    // a sample's delta is the time since the previous one: it belongs to this sample's stack
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    total += ms;
    add(selfMod, moduleOf(leaf.callFrame.url, leaf.callFrame.functionName), ms);
    add(selfFn, fn(leaf), ms);
    const mods = new Set<string>();
    const fns = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      if (n.callFrame.functionName === '(root)') break;
      mods.add(moduleOf(n.callFrame.url, n.callFrame.functionName));
      fns.add(fn(n));
    }
    for (const m of mods) add(inclMod, m, ms);
    for (const f of fns) add(inclFn, f, ms);
  });
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, bySelf: sorted(selfMod), byInclusive: sorted(inclMod), functionsBySelf: sorted(selfFn), functionsByInclusive: sorted(inclFn) };
}

export function printSummary(s: Summary, top: number, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): void {
  const busy = s.totalMs - (s.bySelf.find(([k]) => k === '(idle)')?.[1] ?? 0);
  const table = (title: string, rows: Array<[string, number]>) => {
    out(`\n## ${title}\n`);
    out('| share of busy time | ms | where |');
    out('|---:|---:|---|');
    for (const [k, ms] of rows.filter(([k]) => k !== '(idle)').slice(0, top))
      out(`| ${((100 * ms) / busy).toFixed(1)} % | ${ms.toFixed(0)} | ${k.replace(/\|/g, '\\|')} |`);
  };
  out(`profile: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (not idle)`);
  table('Self time by package/module', s.bySelf);
  table('Inclusive time by package/module', s.byInclusive);
  table('Self time by function', s.functionsBySelf);
  table('Inclusive time by function', s.functionsByInclusive);
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** The profile of the node (or of the gateway in front of it), and when the load ran (V8 stamps samples with the same monotonic clock as `process.hrtime`). */
async function profileUnderLoad(
  seconds: number,
  connections: number,
  gateway?: 'single' | 'nested',
): Promise<{ file: string; window: { from: number; to: number } }> {
  const window = { from: 0, to: 0 };
  const progress = (l: string) => process.stderr.write(`[bench:profile] ${l}\n`);
  const dir = path.join(ROOT, 'bench/results/profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const profiling = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  const footprint = await ensureFootprint(progress);
  try {
    const node = await startBenchNode('riyadh', { MMHUB_LOG_LEVEL: 'error' }, undefined, gateway ? [] : profiling);
    let host: Child | undefined;
    try {
      progress('filling riyadh with 600 initiatives, their campaigns and messages (as the gateway scenario)');
      await fillNode(node.db.url, initiatives('riyadh', 600), 2, 2);
      let target: { url: string; headers: Record<string, string>; query: string };
      if (gateway) {
        const subgraphs = (['initiatives', 'calendar', 'media'] as const).map((name) => ({
          name,
          url: node.serviceUrls[name],
          sdl: readFileSync(path.join(ROOT, 'schema', `${name}.graphql`), 'utf8'),
        }));
        host = await startChild(
          'bench/gateway/host.ts',
          [JSON.stringify({ kind: 'mmhub', subgraphs, env: { MMHUB_GATEWAY_MAX_COST: '1000000' } })],
          120_000,
          profiling,
        );
        const token = await signToken(DEVELOPMENT_JWT_SECRET, { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'], ttlSeconds: 3600 });
        target = { url: host.ready.url as string, headers: { authorization: `Bearer ${token}` }, query: gateway === 'single' ? SINGLE : NESTED };
      } else {
        const proof = {
          [GATEWAY_PROOF_HEADER]: await signGatewayProof(
            DEVELOPMENT_GATEWAY_SECRET,
            'riyadh',
            { sub: 'bench-viewer', node: 'riyadh', roles: ['viewer'] },
            3600,
          ),
        };
        target = { url: node.serviceUrls.initiatives, headers: proof, query: SINGLE };
      }
      await checkOnce(target.url, target.headers, JSON.stringify({ query: target.query, variables: { first: 50, filter: null } }));
      progress(
        `loading ${gateway ? `the gateway with the ${gateway === 'single' ? 'one-subgraph' : 'nested'} query` : 'the initiatives subgraph directly'} for ${seconds} s at ${connections} connections`,
      );
      window.from = monotonicMicros();
      const r = await load({ url: target.url, connections, seconds, headers: target.headers, body: varied(target.query) });
      window.to = monotonicMicros();
      progress(`${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${r.failures} failed`);
    } finally {
      await host?.stop();
      await node.dispose();
    }
  } finally {
    await footprint.release();
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) throw new Error(`no profile written in ${dir}: the process did not exit by itself`);
  // `mmhub serve` runs the services in one process; the largest profile is the one that served
  return { file: files.map((f) => path.join(dir, f)).sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0], window };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? fallback) || fallback;
  const given = args.find((a) => a.endsWith('.cpuprofile'));
  (given
    ? Promise.resolve({ file: given, window: undefined })
    : profileUnderLoad(
        args.includes('--seconds') ? opt('--seconds', 20) : 20,
        args.includes('--connections') ? opt('--connections', 10) : 10,
        args.includes('--gateway') ? (args[args.indexOf('--gateway') + 1] === 'nested' ? 'nested' : 'single') : undefined,
      )
  )
    .then(({ file, window }) => {
      process.stdout.write(`# ${path.relative(ROOT, file)}${window ? ', the samples taken under load' : ''}\n\n`);
      printSummary(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, window), args.includes('--top') ? opt('--top', 25) : 25);
    })
    .catch((e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    });
}
