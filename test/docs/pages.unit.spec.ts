import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { documentationFiles, relativeLinks, ROOT } from './markdown';

interface Figure {
  name: string;
  median: number;
}
interface BenchRun {
  startedAt: string;
  smoke: boolean;
  scenarios: { id: string; figures: Figure[] }[];
}

/** The newest full bench run in bench/results that measured the start (smoke runs measure nothing worth quoting; a run of some scenarios may leave it out). */
function latestBench(): { file: string; run: BenchRun } {
  const dir = path.join(ROOT, 'bench/results');
  const runs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .reverse()
    .map((file) => ({ file, run: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as BenchRun }))
    .filter((r) => !r.run.smoke && r.run.scenarios.some((s) => s.id === 'start'));
  if (!runs.length) throw new Error('no full bench run of the start scenario in bench/results');
  return runs[0];
}

const figure = (run: BenchRun, name: string) => {
  const found = run.scenarios.flatMap((s) => s.figures).find((f) => f.name === name);
  if (!found) throw new Error(`the latest bench has no figure "${name}"`);
  return found.median;
};

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the documentation pages', () => {
  it('keep the README short: at most 12 KB', () => {
    expect(statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(12 * 1024);
  });

  it('link only to files that exist', () => {
    const broken = documentationFiles().flatMap((file) =>
      relativeLinks(file)
        .filter((l) => !l.exists)
        .map((l) => `${file}: ${l.target}`),
    );
    expect(broken).toEqual([]);
  });

  it('are all reachable from the README', () => {
    const linked = new Set(relativeLinks('README.md').map((l) => path.normalize(l.target)));
    expect(documentationFiles().filter((f) => f !== 'README.md' && !linked.has(f))).toEqual([]);
  });

  it('quote the start times of the latest bench, in the README and in docs/performance.md', () => {
    const { file, run } = latestBench();
    const first = figure(run, 'first start: ready (as printed)').toFixed(1);
    const restart = figure(run, 'restart: ready (as printed)').toFixed(1);
    expect(read('README.md')).toMatch(
      new RegExp(`ready in\\s+${first.replace('.', '\\.')} s the first time[^.]*?\\s${restart.replace('.', '\\.')} s on a restart`),
    );
    const performance = read('docs/performance.md');
    expect(performance).toContain(`bench/results/${file.replace(/\.json$/, '')}`);
    expect(performance).toContain(`**${first} s** first start`);
    expect(performance).toContain(`**${restart} s** restarts`);
  });
});
