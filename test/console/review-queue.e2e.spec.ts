import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { numberIn } from '../../console/src/lib/dates';
import { collectErrors, startBrowser, type RunningBrowser } from './browser';
import { freePorts, graphql, startDemo, submitNationalMessage, tokensIn } from './demo';

/** The queue's page, as the console asks for it. */
const PAGE = 50;

describe('the review queue in a real browser, longer than a page', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-queue-'));
  let demo: Awaited<ReturnType<typeof startDemo>> | undefined;
  let chromium: RunningBrowser | undefined;
  let port: number;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    port = await freePorts();
    [demo, chromium] = await Promise.all([startDemo(dataDir, port), startBrowser()]);
    page = await (await chromium.browser.newContext({ locale: 'ar-SA' })).newPage();
    errors = collectErrors(page);
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await demo?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** How many messages the hub's reviewers have in review, as the API counts them. */
  const inReviewAtHub = async () => {
    const { mediaMessages } = await graphql<{ mediaMessages: { totalCount: number } }>(
      `http://127.0.0.1:${port}/graphql`,
      tokensIn(dataDir).MINISTRY_REVIEWER,
      '{ mediaMessages(filter: { status: [IN_REVIEW] }) { totalCount } }',
    );
    return mediaMessages.totalCount;
  };
  const cards = () => page.locator('li.card[data-message]');

  it('counts every message in review and pages through them, none out of reach', async () => {
    // the seed's messages in review, and fifty more: a page and some
    const seeded = await inReviewAtHub();
    expect(seeded).toBeGreaterThan(0);
    const submitted: string[] = [];
    for (let i = 0; i < PAGE; i++) submitted.push(await submitNationalMessage(dataDir, port));
    // riyadh's messages reach the hub through its event stream
    const total = seeded + PAGE;
    for (const deadline = Date.now() + 120_000; ; await page.waitForTimeout(500)) {
      const n = await inReviewAtHub();
      if (n === total) break;
      if (Date.now() > deadline) throw new Error(`the hub has ${n} messages in review, not ${total}`);
    }

    await page.goto(`http://127.0.0.1:${port}/console/sign-in`);
    await page.click('button[data-role="reviewer"]');
    await page.waitForURL(/\/console\/calendar/);
    await page.goto(`http://127.0.0.1:${port}/console/review`);
    await cards().first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="queue-count"]').innerText()).toBe(`(${numberIn(total, 'ar')})`);
    expect(await cards().count()).toBe(PAGE);
    const first = await cards().evaluateAll((all) => all.map((c) => c.getAttribute('data-message')!));

    await page.locator('[data-testid="queue-next"]').click();
    await page.waitForURL(/\/console\/review\?after=/);
    await page.waitForFunction((shown) => !document.querySelector(`li.card[data-message="${shown}"]`), first[0]);
    await cards().first().waitFor();
    const second = await cards().evaluateAll((all) => all.map((c) => c.getAttribute('data-message')!));
    // the rest of the queue, on the page after, and the count still the queue's
    expect(second).toHaveLength(total - PAGE);
    expect(new Set([...first, ...second]).size).toBe(total);
    expect(submitted.every((id) => first.includes(id) || second.includes(id))).toBe(true);
    expect(await page.locator('[data-testid="queue-count"]').innerText()).toBe(`(${numberIn(total, 'ar')})`);
    expect(await page.locator('[data-testid="queue-next"]').count()).toBe(0);

    await page.getByRole('button', { name: 'الصفحة الأولى' }).click();
    await page.waitForURL(/\/console\/review$/);
    await page.locator(`li.card[data-message="${first[0]}"]`).waitFor();
    expect(errors).toEqual([]);
  }, 400_000);
});
