import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { ensureFootprint, machine } from './lib/infra';
import { markdown, type BenchResults } from './lib/report';
import { benchProgram } from './program';
import { ROOT } from './lib/spawn';
import { round, type ScenarioResult } from './lib/stats';
import { SCENARIOS } from './scenarios';
import type { BenchContext } from './scenarios/scenario';

export interface RunOptions {
  smoke: boolean;
  /** Scenario ids to run; all when empty. */
  only: string[];
  /** Where the JSON and the Markdown go; none when null. */
  outDir: string | null;
  progress?: (line: string) => void;
}

/** Runs the scenarios one after the other; a failing scenario is reported and the others still run. */
export async function runBench(o: RunOptions): Promise<{ results: BenchResults; json?: string; md?: string }> {
  const started = Date.now();
  const progress = o.progress ?? ((line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`));
  const footprint = await ensureFootprint(progress);
  const results: BenchResults = { startedAt: new Date(started).toISOString(), smoke: o.smoke, machine: await machine(), scenarios: [] };
  const ctx: BenchContext = { smoke: o.smoke, progress };
  try {
    for (const s of SCENARIOS) {
      if (o.only.length && !o.only.includes(s.id)) continue;
      progress(
        `${s.id}: ${s.title} (load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(', ')})`,
      );
      const t0 = Date.now();
      const loadAtStart = loadavg().map((x) => round(x));
      let result: ScenarioResult;
      try {
        result = { id: s.id, title: s.title, ...(await s.run(ctx)), seconds: (Date.now() - t0) / 1000 };
      } catch (e) {
        result = {
          id: s.id,
          title: s.title,
          sizes: {},
          figures: [],
          ratios: [],
          targets: [],
          notes: [],
          seconds: (Date.now() - t0) / 1000,
          error: (e as Error).stack ?? String(e),
        };
      }
      result.load = { start: loadAtStart, end: loadavg().map((x) => round(x)) };
      results.scenarios.push(result);
      const met = result.targets.filter((t) => t.met).length;
      progress(
        `${s.id}: done in ${result.seconds.toFixed(0)} s${result.error ? ` — FAILED: ${result.error.split('\n')[0]}` : ''}; targets met ${met}/${result.targets.length}`,
      );
    }
  } finally {
    await footprint.release();
  }
  if (!o.outDir) return { results };
  mkdirSync(o.outDir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = path.join(o.outDir, `${stamp}.json`);
  const md = path.join(o.outDir, `${stamp}.md`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(md, markdown(results));
  progress(`results: ${path.relative(ROOT, json)} and ${path.relative(ROOT, md)}`);
  return { results, json, md };
}

if (require.main === module) {
  const program = benchProgram(SCENARIOS.map((s) => s.id)).exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2));
  program.parse(process.argv);
  const { smoke, only } = program.opts<{ smoke: boolean; only: string[] }>();
  runBench({ smoke, only, outDir: path.join(ROOT, 'bench/results') })
    .then(({ results }) => {
      const failed = results.scenarios.filter((s) => s.error);
      process.exit(failed.length ? 1 : 0);
    })
    .catch((e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    });
}
