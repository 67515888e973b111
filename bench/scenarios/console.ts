import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SeedDays } from '../../cli/seed/days';
import { CONSOLE_DIR } from '../../gateway/src/console';
import { startBrowser } from '../../test/console/browser';
import { freePorts, startDemo } from '../../test/console/demo';
import { figure, quantile, target } from '../lib/stats';
import type { BenchContext, Scenario, ScenarioOutcome } from './scenario';

const BUDGET_KIB = 500;

/** The scripts index.html loads before anything else, gzip-compressed as the gateway sends them. */
function firstLoadKiB(): { kib: number; scripts: number } {
  const page = readFileSync(path.join(CONSOLE_DIR, 'index.html'), 'utf8');
  const scripts = [...page.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = scripts.reduce((n, s) => n + gzipSync(readFileSync(path.join(CONSOLE_DIR, s))).length, 0);
  return { kib: bytes / 1024, scripts: scripts.length };
}

/**
 * The console on the demo in Debian's Chromium: how long the calendar takes from a navigation to
 * its painted month, as the page itself measures it (`calendar:month` in its performance timeline).
 */
export const consoleScenario: Scenario = {
  id: 'console',
  title: 'The console: the calendar month from navigation to paint, on the demo, in Chromium; the first load’s compressed JavaScript',
  async run(ctx: BenchContext): Promise<ScenarioOutcome> {
    const loads = ctx.smoke ? 2 : 5;
    const moves = ctx.smoke ? 3 : 24;
    const size = firstLoadKiB();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-bench-console-'));
    const port = await freePorts();
    const hub = `http://127.0.0.1:${port}/console`;
    ctx.progress('console: starting the demo and Chromium');
    const [demo, chromium] = await Promise.all([startDemo(dataDir, port), startBrowser()]);
    try {
      const page = await (await chromium.browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' })).newPage();
      await page.goto(`${hub}/sign-in`);
      await page.click('button[data-role="viewer"]');
      await page.waitForURL(/\/console\/calendar/);
      const measured = (n: number) =>
        page
          .waitForFunction((k) => performance.getEntriesByName('calendar:month').length > k, n, { timeout: 60_000 })
          .then(() => page.evaluate(() => performance.getEntriesByName('calendar:month').map((e) => e.duration)));
      // a few months before the seeded Ramadan, so that the months walked through hold the seed's campaigns
      const ramadan = new SeedDays(new Date()).ramadan();
      const start = `${hub}/calendar?y=${ramadan.hijriYear}&m=6`;
      const pageLoads: number[] = [];
      for (let i = 0; i < loads; i++) {
        await page.goto(start);
        pageLoads.push((await measured(0))[0]);
        ctx.progress(`console: page load ${i + 1}/${loads}: month painted after ${pageLoads[i].toFixed(0)} ms`);
      }
      // the next month, again and again, each one not seen before in this page
      const navigations: number[] = [];
      for (let i = 0; i < moves; i++) {
        await page.click('[data-testid="next"]');
        const all = await measured(i + 1);
        navigations.push(all[i + 1]);
      }
      ctx.progress(`console: ${moves} months by the next button, the slowest ${Math.max(...navigations).toFixed(0)} ms`);
      const p95 = quantile([...pageLoads, ...navigations], 0.95);
      return {
        sizes: { pageLoads: loads, navigations: moves, firstLoadScripts: size.scripts },
        figures: [
          figure('calendar month: from the page’s navigation start to its painted month (page load, signed in)', 'ms', pageLoads),
          figure('calendar month: from the next-month click to its painted month (in the page)', 'ms', navigations),
          figure('first load: JavaScript, gzip-compressed', 'KiB', [size.kib]),
        ],
        ratios: [],
        targets: [
          target('calendar month renders ≤ 1.5 s after navigation (p95 of page loads and in-page moves)', p95 / 1000, '≤ 1.5 s', p95 <= 1500),
          target('first load ≤ 500 KB of compressed JavaScript', size.kib, `≤ ${BUDGET_KIB} KiB`, size.kib <= BUDGET_KIB),
        ],
        notes: [
          'Measured by the console itself: a `calendar:month` performance measure from the navigation (the page’s start for a load, the click for a move) to the first frame after the month is committed with its data.',
          'Chromium headless on the same 2 cores as the demo’s three nodes.',
        ],
      };
    } finally {
      await chromium.close();
      await demo.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
