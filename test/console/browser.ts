import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium, installed with apt when missing (the tests run as root; no browser is ever
 * downloaded), with an Arabic font so that pages render letters rather than boxes.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  process.stderr.write("\nChromium is missing: installing Debian's chromium and fonts-noto-core with apt-get (once per machine)...\n");
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-core'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export interface RunningBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Headless Chromium that talks to nothing but the pages it is sent to. */
export async function startBrowser(): Promise<RunningBrowser> {
  ensureChromium();
  // playwright gives each launch a new empty profile of its own
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  return { browser, close: () => browser.close().catch(() => undefined) };
}

/** What the page wrote to its console as errors, and what it threw. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

const AXE = require.resolve('axe-core/axe.min.js');

/** axe-core inside the page: the serious and critical violations, with where they are. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(o: object): Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }))) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}
