import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { numberIn } from '../../console/src/lib/dates';
import { collectErrors, startBrowser, type RunningBrowser } from './browser';
import { freePorts, graphql, reviewCardOf, startDemo, submitNationalMessage, tokensIn } from './demo';

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

  it('shows on a message sent back for review what its reviewers asked before', async () => {
    const tokens = tokensIn(dataDir);
    const riyadh = `http://127.0.0.1:${port + 1}/graphql`;
    const hub = `http://127.0.0.1:${port}/graphql`;
    const id = await submitNationalMessage(dataDir, port);
    const versionAt = async (url: string, token: string, status: string) => {
      for (const deadline = Date.now() + 60_000; ; await page.waitForTimeout(250)) {
        const { mediaMessage } = await graphql<{ mediaMessage: { status: string; version: number } | null }>(
          url,
          token,
          'query ($id: ID!) { mediaMessage(id: $id) { status version } }',
          { id },
        );
        if (mediaMessage?.status === status) return mediaMessage.version;
        if (Date.now() > deadline) throw new Error(`the message is ${mediaMessage?.status ?? 'not there'} at ${url}, not ${status}`);
      }
    };
    // the ministry asks for changes at the hub; riyadh's editor sends the message back unchanged
    await graphql(
      hub,
      tokens.MINISTRY_REVIEWER,
      'mutation ($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: REQUEST_CHANGES, comment: "أضيفوا رابط الخدمة") { id } }',
      {
        id,
        v: await versionAt(hub, tokens.MINISTRY_REVIEWER, 'IN_REVIEW'),
      },
    );
    const v = await versionAt(riyadh, tokens.RIYADH_EDITOR, 'CHANGES_REQUESTED');
    await graphql(riyadh, tokens.RIYADH_EDITOR, 'mutation ($id: ID!, $v: Int!) { submitMessage(id: $id, version: $v) { status } }', { id, v });
    await versionAt(hub, tokens.MINISTRY_REVIEWER, 'IN_REVIEW');

    const card = await reviewCardOf(page, () => page.goto(`http://127.0.0.1:${port}/console/review`).then(() => cards().first().waitFor()), id);
    // its node by the name the API gives it, as every municipality is named, not only those the console knows
    expect(await card.locator('h2').innerText()).toContain('أمانة منطقة الرياض');
    const earlier = card.locator('[data-testid="earlier-reviews"] li');
    expect(await earlier.count()).toBe(1);
    expect(await earlier.innerText()).toContain('طلب تعديلات');
    expect(await earlier.locator('.comment').innerText()).toBe('أضيفوا رابط الخدمة');
    // it took effect at riyadh: no note that it did not
    expect(await earlier.locator('[data-testid="review-outcome"]').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});
