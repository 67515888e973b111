import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePortBlock, signalGroup, spawnInGroup } from '../../test/support/process';
import { ROOT, residentMiB } from '../lib/spawn';
import { figure, target } from '../lib/stats';
import type { BenchContext, Scenario, ScenarioOutcome } from './scenario';

/** `npm start` as a user runs it (the compiled CLI): its own "Ready in N s", and its resident memory once ready. */
async function startOnce(dataDir: string, port: number): Promise<{ ready: number; rssMiB: number; wallSeconds: number }> {
  const t0 = performance.now();
  const child = spawnInGroup(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), 'start', '--data-dir', dataDir, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, MMHUB_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-5000)));
  try {
    const ready = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready after 180 s:\n${err}`)), 180_000);
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /Ready in ([\d.]+) s/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once('exit', (code) => reject(new Error(`mmhub start ended (${code}):\n${err}`)));
    });
    const wallSeconds = (performance.now() - t0) / 1000;
    // settled: the seed and the first events have passed
    await new Promise((r) => setTimeout(r, 2000));
    return { ready, rssMiB: await residentMiB(child.pid!), wallSeconds };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const kill = setTimeout(() => signalGroup(child), 15_000);
    await exited;
    clearTimeout(kill);
  }
}

export const startScenario: Scenario = {
  id: 'start',
  title: 'Start and footprint: `npm start`, the demo federation in one process',
  async run(ctx: BenchContext): Promise<ScenarioOutcome> {
    const restarts = ctx.smoke ? 0 : 3;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-bench-start-'));
    try {
      const port = await freePortBlock(3);
      ctx.progress('start: first start (prepares and seeds three embedded databases)');
      const first = await startOnce(dataDir, port);
      const again = [];
      for (let i = 0; i < restarts; i++) {
        again.push(await startOnce(dataDir, port));
        ctx.progress(`start: restart ${i + 1}/${restarts}: ready in ${again[i].ready} s, ${again[i].rssMiB.toFixed(0)} MiB resident`);
      }
      const worst = Math.max(first.ready, ...again.map((a) => a.ready));
      return {
        sizes: { restarts },
        figures: [
          figure('first start: ready (as printed)', 's', [first.ready]),
          ...(again.length
            ? [
                figure(
                  'restart: ready (as printed)',
                  's',
                  again.map((a) => a.ready),
                ),
                figure(
                  'restart: from spawn to ready',
                  's',
                  again.map((a) => a.wallSeconds),
                ),
              ]
            : []),
          figure('resident memory once ready (three nodes, nine services, three gateways, three PGlite)', 'MiB', [first.rssMiB, ...again.map((a) => a.rssMiB)]),
        ],
        ratios: [],
        targets: [
          target(
            '`npm start` ready ≤ 15 s (first start and restarts)',
            worst,
            '≤ 15 s',
            worst <= 15,
            'the main thread loads and compiles the code once for the three nodes (about 2.5 s of CPU), each PGlite opens in its own thread, and the first start copies three data folders and seeds them through their gateways (about 10 s on a quiet machine, the ministry’s national initiatives and campaigns the critical path)',
          ),
        ],
        notes: ['Resident memory (VmRSS) of the one `mmhub start` process, 2 s after it printed Ready.'],
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
