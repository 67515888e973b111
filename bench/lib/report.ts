import type { Machine } from './infra';
import { round, type Figure, type ScenarioResult } from './stats';

export interface BenchResults {
  startedAt: string;
  smoke: boolean;
  machine: Machine;
  scenarios: ScenarioResult[];
}

const n = (x: number, digits = 2) => (Number.isFinite(x) ? round(x, digits).toLocaleString('en-US', { maximumFractionDigits: digits }) : '—');

function figureRow(f: Figure): string {
  const runs = f.per === 'run' ? `${f.n} runs` : `${f.n.toLocaleString('en-US')} samples`;
  return `| ${f.name} | ${n(f.median)} | ${n(f.p95)} | ${n(f.p99)} | ${f.unit} | ${runs} |`;
}

/** The Markdown summary: the machine, every target with its measured value, then each scenario's figures and ratios. */
export function markdown(r: BenchResults): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(`### Benchmark ${r.smoke ? '(smoke size) ' : ''}of ${r.startedAt}`);
  lines.push('');
  lines.push(`Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB memory, Node ${m.node}, PostgreSQL ${m.postgres ?? '?'}, ${m.platform}.`);
  lines.push(
    'Each figure is the median, p95 and p99 over repeated runs (or over every sample, where marked); each ratio is taken within one round and then summarised, so both sides saw the same machine at the same moment.',
  );
  lines.push('');
  lines.push('#### Targets');
  lines.push('');
  lines.push('| scenario | target | goal | measured | met | why missed / note |');
  lines.push('|---|---|---|---|---|---|');
  for (const s of r.scenarios) {
    if (s.error) lines.push(`| ${s.id} | (scenario failed) | | | ✗ | ${s.error.split('\n')[0].replace(/\|/g, '/')} |`);
    for (const t of s.targets) lines.push(`| ${s.id} | ${t.name} | ${t.goal} | ${n(t.measured)} | ${t.met ? '✓' : '✗'} | ${t.met ? '' : (t.note ?? '')} |`);
  }
  for (const s of r.scenarios) {
    lines.push('');
    lines.push(`#### ${s.title}`);
    lines.push('');
    const sizes = Object.entries(s.sizes)
      .filter(([, v]) => typeof v !== 'object' || v === null)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? n(v) : String(v)}`)
      .join(', ');
    lines.push(`Sizes: ${sizes}. Took ${n(s.seconds, 0)} s.`);
    if (s.load)
      lines.push(
        `Load average (1, 5, 15 min): ${s.load.start.map((x) => n(x)).join(', ')} at the start, ${s.load.end.map((x) => n(x)).join(', ')} at the end.`,
      );
    if (s.error) lines.push(`\n**Failed:** ${s.error}`);
    if (s.ratios.length) {
      lines.push('');
      lines.push('| ratio (same run) | median | p95 | p99 | rounds |');
      lines.push('|---|---|---|---|---|');
      for (const x of s.ratios) lines.push(`| ${x.name} | ${n(x.median)}× | ${n(x.p95)}× | ${n(x.p99)}× | ${x.n} |`);
    }
    if (s.figures.length) {
      lines.push('');
      lines.push('| figure | median | p95 | p99 | unit | over |');
      lines.push('|---|---|---|---|---|---|');
      for (const f of s.figures) lines.push(figureRow(f));
    }
    for (const note of s.notes) lines.push(`\n- ${note}`);
  }
  return `${lines.join('\n')}\n`;
}
