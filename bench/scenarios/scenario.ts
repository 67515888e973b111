import type { ScenarioResult } from '../lib/stats';

export interface BenchContext {
  /** The CI size: every step runs, on a few records, for a second or two. */
  smoke: boolean;
  /** One line on stderr, for the operator watching the run. */
  progress(line: string): void;
}

export type ScenarioOutcome = Omit<ScenarioResult, 'id' | 'title' | 'seconds'>;

export interface Scenario {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<ScenarioOutcome>;
}

/** Rotates a list by `k`: configurations take turns going first across rounds, so drift is spread. */
export const rotate = <T>(xs: T[], k: number): T[] => xs.map((_, i) => xs[(i + k) % xs.length]);
