import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SeedSummary } from './seed';

/** What the data folder says of its seed: begun and never finished, or done (and what it made). */
export type SeedMarker = { state: 'seeding'; startedAt: string } | { state: 'seeded'; seededAt: string; summary: SeedSummary };

const FILE = 'seed.json';

export function readSeedMarker(root: string): SeedMarker | null {
  try {
    return JSON.parse(readFileSync(path.join(root, FILE), 'utf8')) as SeedMarker;
  } catch {
    return null;
  }
}

/** Replaces the marker in one step, so that a crash leaves the old one or the new one. */
export function writeSeedMarker(root: string, marker: SeedMarker): void {
  const file = path.join(root, FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(marker, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
