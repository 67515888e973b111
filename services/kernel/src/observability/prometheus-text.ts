/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  /** Metric families declared by `# TYPE`. */
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/** Parses the Prometheus text format (0.0.4); throws on a line that is neither a sample, a comment nor blank. */
export function parsePrometheusText(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const t = /^#\s+TYPE\s+(\S+)\s+(counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (t) types.set(t[1], t[2]);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not a sample: ${line.slice(0, 120)}`);
    const labels: Record<string, string> = {};
    if (m[3]) {
      let pos = 0;
      while (pos < m[3].length) {
        LABEL.lastIndex = pos;
        const l = LABEL.exec(m[3]);
        if (!l) throw new Error(`line ${i + 1}: bad labels: ${m[3].slice(0, 120)}`);
        labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
        pos = LABEL.lastIndex;
      }
    }
    // as Prometheus reads them (Go's ParseFloat): NaN and Inf in any case; prom-client writes "Nan"
    const word = m[4].toLowerCase();
    const value = word === 'nan' ? NaN : /^\+?inf$/.test(word) ? Infinity : word === '-inf' ? -Infinity : Number(m[4]);
    if (Number.isNaN(value) && word !== 'nan') throw new Error(`line ${i + 1}: bad value "${m[4]}"`);
    samples.push({ name: m[1], labels, value });
  }
  return { samples, types };
}

/** The samples of one metric whose labels include `labels`. */
export function samplesOf(e: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return e.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** The sum of those samples; undefined when there are none. */
export function sumOf(e: Exposition, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samplesOf(e, name, labels);
  return found.length ? found.reduce((a, s) => a + s.value, 0) : undefined;
}
