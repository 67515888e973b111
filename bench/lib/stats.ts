/** Order statistics of repeated measurements, and the result records every scenario reports. */

export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // nearest rank: a reported p99 is always a value that was measured
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

export function summarise(values: number[]): Summary {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    p99: quantile(values, 0.99),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}

/** One measured quantity: its value in each repeated run (or each sample), and their order statistics. */
export interface Figure extends Summary {
  name: string;
  unit: string;
  /** What one value is: "run" (one per repeated run) or "sample" (one per request or event). */
  per: 'run' | 'sample';
  values: number[];
}

export function figure(name: string, unit: string, values: number[], per: 'run' | 'sample' = 'run'): Figure {
  // samples can be many: keep the order statistics, not every value
  return { name, unit, per, ...summarise(values), values: per === 'run' ? values.map(round) : [] };
}

/** A comparison measured within the same run: the ratio in each round, then their order statistics. */
export interface Ratio extends Summary {
  name: string;
  values: number[];
}

export function ratio(name: string, numerators: number[], denominators: number[]): Ratio {
  const values = numerators.map((n, i) => n / denominators[i]).filter((v) => Number.isFinite(v));
  return { name, ...summarise(values), values: values.map((v) => round(v, 3)) };
}

export interface Target {
  name: string;
  /** What was compared with the goal, in the goal's unit. */
  measured: number;
  goal: string;
  met: boolean;
  /** Why it is missed, or what the figure stands for. */
  note?: string;
}

export function target(name: string, measured: number, goal: string, met: boolean, note?: string): Target {
  return { name, measured: round(measured, 3), goal, met, ...(note ? { note } : {}) };
}

export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** The sizes actually run: records, connections, durations, rounds. */
  sizes: Record<string, unknown>;
  figures: Figure[];
  ratios: Ratio[];
  targets: Target[];
  notes: string[];
  seconds: number;
  /** The machine's 1, 5 and 15 minute load averages as the scenario started and ended: it is shared. */
  load?: { start: number[]; end: number[] };
  error?: string;
}
