import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { newId } from '../services/kernel/src/domain';
import { query } from '../test/support/database';
import { eventually } from '../test/support/node';
import { startBenchNode } from './lib/node-process';
import { ROOT } from './lib/spawn';
import { fillOutbox } from './scenarios/events';
import { printSummary, summarise } from './profile';
import { runTool } from './lib/tool';

/**
 * Where the relay's and the hub's time goes in a burst: starts ministry and riyadh (`mmhub serve`)
 * under `node --cpu-prof`, writes N proposal events (20,000 by default) into riyadh's outbox in one
 * transaction, waits until the hub has them all, stops both and summarises each profile.
 * `TS_NODE_PROJECT=bench/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register bench/profile-events.ts [N]`
 * after `npm run build`; profiles go to `bench/results/profiles/` (not committed).
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20000);
  const dir = path.join(ROOT, 'bench/results/profiles', `events-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const dirs = { ministry: path.join(dir, 'ministry'), riyadh: path.join(dir, 'riyadh') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const tag = newId().slice(-8).toUpperCase();
  const [hub, riyadh] = await Promise.all(
    (['ministry', 'riyadh'] as const).map((n) => startBenchNode(n, { MMHUB_OUTBOX_POLL_MS: '50' }, undefined, ['--cpu-prof', `--cpu-prof-dir=${dirs[n]}`])),
  );
  try {
    await new Promise((r) => setTimeout(r, 5000));
    await fillOutbox(riyadh.db.url, 'riyadh', count, tag);
    const t0 = Date.now();
    await eventually(
      async () =>
        (await query<{ n: number }>(riyadh.db.url, 'select count(*)::int as n from initiatives.outbox where sent_at is null'))[0].n === 0 ? true : undefined,
      600_000,
      'the outbox drained',
    );
    const t1 = Date.now();
    await eventually(
      async () =>
        (await query<{ n: number }>(hub.db.url, `select count(*)::int as n from initiatives.initiative where code like $1`, [`BU-${tag}-%`]))[0].n === count
          ? true
          : undefined,
      600_000,
      'the burst at the hub',
    );
    const t2 = Date.now();
    process.stdout.write(
      `outbox drained ${t1 - t0} ms after the fill committed; the hub had every event after ${t2 - t0} ms (${((count * 1000) / (t2 - t0)).toFixed(0)}/s)\n`,
    );
  } finally {
    await Promise.all([hub.dispose(), riyadh.dispose()]);
  }
  for (const [n, d] of Object.entries(dirs)) {
    const files = readdirSync(d)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(d, f));
    const file = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (!file) continue;
    process.stdout.write(`\n# ${n}: ${file}\n`);
    printSummary(summarise(JSON.parse(readFileSync(file, 'utf8'))), 30);
  }
}
runTool(main);
