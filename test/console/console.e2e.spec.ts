import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SeedDays } from '../../cli/seed/days';
import { consoleSite } from '../../gateway/src/console';
import { createLogger } from '../../services/kernel/src/observability';
import { loadConfig } from '../../services/kernel/src/config';
import { hijriOfDay } from '../../services/kernel/src/domain';
import { accessibilityProblems, collectErrors, startBrowser, type RunningBrowser } from './browser';
import { freePorts, graphql, reviewCardOf, startDemo, submitNationalMessage, tokensIn } from './demo';

const ROOT = path.resolve(__dirname, '../..');
/** The screenshots of docs/console.md, rewritten only when asked: `npm run console:screenshots`. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/console') : undefined;
const shoot = async (page: Page, name: string, o: { fullPage?: boolean } = {}) => {
  // taken either way, so that a view that cannot be drawn fails the test as it would the documentation
  const png = await page.screenshot({ ...o, ...(SHOTS ? { path: path.join(SHOTS, `${name}.png`) } : {}) });
  expect(png.length).toBeGreaterThan(0);
};

/** The demo's seeded Ramadan: the one the seed placed its campaigns around. */
const ramadan = new SeedDays(new Date()).ramadan();

describe('the console in a real browser, on the demo federation', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-console-'));
  let demo: Awaited<ReturnType<typeof startDemo>> | undefined;
  let chromium: RunningBrowser | undefined;
  let port: number;
  let hub: string;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    port = await freePorts();
    hub = `http://127.0.0.1:${port}`;
    [demo, chromium] = await Promise.all([startDemo(dataDir, port), startBrowser()]);
    // axe-core is injected as an inline script, which the console's Content-Security-Policy rightly refuses
    context = await chromium.browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'ar-SA', timezoneId: 'Asia/Riyadh', bypassCSP: true });
    page = await context.newPage();
    errors = collectErrors(page);
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await demo?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    // every view loads without an error in the page's console
    expect(errors).toEqual([]);
  });

  const view = async (address: string, ready: string) => {
    await page.goto(`${hub}/console${address}`);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
  };
  const accessible = async () => expect(await accessibilityProblems(page)).toEqual([]);

  it('prints the console of every node, sends a browser from / to it, and signs in as a role of the node in development', async () => {
    for (const [i, node] of ['ministry', 'riyadh', 'jeddah'].entries()) {
      expect(demo!.stdout).toMatch(new RegExp(`${node}\\s+http://127\\.0\\.0\\.1:${port + i}/console/`));
    }
    await page.goto(`${hub}/`);
    await page.waitForURL(`${hub}/console/sign-in`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    // the other nodes' consoles are one link away
    expect(await page.locator(`a[href="http://127.0.0.1:${port + 1}/console/sign-in"]`).count()).toBe(1);
    await accessible();
    await shoot(page, 'sign-in');
    await page.click('button[data-role="reviewer"]');
    await page.waitForURL(/\/console\/calendar/);
    // the token stays in this tab's session storage, out of the address and of localStorage
    const stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: sessionStorage.getItem('mmhub.session') ?? '' }));
    expect(stored.session).toMatch(/"token":"ey/);
    expect(stored.local).not.toMatch(/ey[\w-]+\.ey/);
    expect(page.url()).not.toMatch(/ey[\w-]+\.ey/);
  }, 120_000);

  it('shows the seeded Ramadan by Hijri month: its first day first, weeks from Sunday, Friday and Saturday shaded, the occasions on their days', async () => {
    await view(`/calendar?y=${ramadan.hijriYear}&m=9`, '[data-testid="month-grid"] td[data-date]');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    const days = page.locator('[data-testid="month-grid"] td[data-date]');
    expect(await days.first().getAttribute('data-date')).toBe(ramadan.from);
    expect(await days.first().getAttribute('data-hijri-day')).toBe('1');
    expect(await days.last().getAttribute('data-date')).toBe(ramadan.to);
    expect(await page.locator('[data-testid="month-grid"] th').first().textContent()).toBe('الأحد');
    expect(await page.locator('[data-testid="month-grid"] th.weekend').allTextContents()).toEqual(['الجمعة', 'السبت']);
    // the Ramadan occasion from its first day to its last, and no day outside it
    const ramadanDays = await page.locator('td[data-date]:has([data-occasion="RAMADAN"])').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-date')));
    expect(ramadanDays[0]).toBe(ramadan.from);
    expect(ramadanDays[ramadanDays.length - 1]).toBe(ramadan.to);
    // Founding Day (22 February) falls in this Ramadan when the seed's year has it there
    const foundingDay = `${ramadan.from.slice(0, 4)}-02-22`;
    if (foundingDay >= ramadan.from && foundingDay <= ramadan.to) {
      expect(
        await page.locator('td[data-date]:has([data-occasion="FOUNDING_DAY"])').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-date'))),
      ).toEqual([foundingDay]);
    }
    // campaigns are on the grid too, national and local told apart, the seed's clash marked
    expect(await page.locator('.chip[data-kind="campaign"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.chip.national[data-kind="campaign"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.chip.local[data-kind="campaign"]').count()).toBeGreaterThan(0);
    await accessible();
    await shoot(page, 'calendar-hijri-month', { fullPage: true });

    // a clash's reasons in the detail
    const clashing = page.locator('.chip:has(.clash-mark)').first();
    await clashing.click();
    await page.locator('[data-testid="detail"]').waitFor();
    expect(await page.locator('[data-testid="detail"] .clash-list li').count()).toBeGreaterThan(0);
    await accessible();
    await shoot(page, 'calendar-detail');
    // a modal of the browser's own: Tab stays inside, and Escape gives focus back to the chip that opened it
    for (let k = 0; k < 6; k++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="detail"]')))).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="detail"]').waitFor({ state: 'detached' });
    expect(await clashing.evaluate((el) => el === document.activeElement)).toBe(true);

    // a campaign's detail gives its first and last days in both calendars, the last the day before its midnight end
    await page.locator('.chip[data-kind="campaign"]').first().click();
    for (const part of ['from', 'to']) {
      const text = (await page.locator(`[data-testid="detail-${part}"]`).textContent())!;
      const day = /\((\d{4}-\d{2}-\d{2})\)/.exec(text)![1];
      expect(text.startsWith(hijriOfDay(day).ar)).toBe(true);
    }
    // and the item as an .ics file, fetched with the session's token
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="item-ics"]')]);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('BEGIN:VEVENT');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="detail"]').waitFor({ state: 'detached' });

    // the filter narrows the grid and the ICS link follows it
    await page.selectOption('select[name="node"]', 'riyadh');
    await page.waitForURL(/node=riyadh/);
    expect(await page.getAttribute('[data-testid="ics-link"]', 'href')).toBe(`${hub}/calendar.ics?node=riyadh`);
    // a subscription link of one's own, which a calendar app follows without a sign-in token
    await page.click('[data-testid="ics-issue"]');
    const subscription = page.locator('[data-testid="ics-subscription"]');
    await subscription.waitFor({ timeout: 60_000 });
    const href = (await subscription.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^${hub}/calendar\\.ics\\?node=riyadh&token=`));
    const feed = await fetch(href);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  }, 180_000);

  it('shows the same month by Gregorian month, a week and an agenda', async () => {
    // switching calendars keeps the month in view: the Gregorian month that holds the middle of Ramadan
    await view(`/calendar?y=${ramadan.hijriYear}&m=9`, '[data-testid="month-grid"] td[data-date]');
    await page.click('.segmented button:nth-child(2)');
    await page.waitForURL(/cal=gregorian/);
    const mid = new Date(`${ramadan.from}T00:00:00Z`);
    mid.setUTCDate(mid.getUTCDate() + 14);
    const shown = new URL(page.url()).searchParams;
    expect([shown.get('y'), shown.get('m')]).toEqual([String(mid.getUTCFullYear()), String(mid.getUTCMonth() + 1)]);
    const [y, m] = ramadan.from.split('-');
    await view(`/calendar?cal=gregorian&y=${y}&m=${Number(m)}`, '[data-testid="month-grid"] td[data-date]');
    expect(await page.locator('[data-testid="month-grid"] td[data-date]').first().getAttribute('data-date')).toBe(`${y}-${m}-01`);
    await accessible();
    await shoot(page, 'calendar-gregorian-month', { fullPage: true });
    await view(`/calendar?view=week&w=${ramadan.from}`, '[data-testid="month-grid"] td[data-date]');
    expect(await page.locator('[data-testid="month-grid"] td[data-date]').count()).toBe(7);
    expect(await page.locator('[data-occasion="RAMADAN"]').count()).toBeGreaterThan(0);
    // the week of the day asked, from its Sunday
    const sunday = new Date(`${ramadan.from}T00:00:00Z`);
    sunday.setUTCDate(sunday.getUTCDate() - sunday.getUTCDay());
    expect(await page.locator('[data-testid="month-grid"] td[data-date]').first().getAttribute('data-date')).toBe(sunday.toISOString().slice(0, 10));
    // an address edited by hand shows this week or month, not a blank page
    for (const address of ['/calendar?view=week&w=garbage', '/calendar?view=week&w=2027-02-30', '/calendar?y=1448&m=13']) {
      await view(address, '[data-testid="month-grid"] td[data-date]');
      expect(await page.locator('[data-testid="view-error"], [data-testid="api-error"]').count()).toBe(0);
    }
    expect(errors).toEqual([]);
    await accessible();
    await shoot(page, 'calendar-week');
    await view(`/calendar?view=agenda&y=${ramadan.hijriYear}&m=9`, '[data-testid="agenda"] li');
    expect(await page.locator('[data-testid="agenda"] li').first().getAttribute('data-date')).toBe(ramadan.from);
    await accessible();
    await shoot(page, 'calendar-agenda');
  }, 180_000);

  it('lists the sector’s initiatives, finds one by an Arabic spelling variant, and shows its progress as a chart', async () => {
    await view('/initiatives', '[data-testid="initiatives"] tbody tr');
    expect(await page.locator('[data-testid="initiatives"] tbody tr').count()).toBe(20);
    await accessible();
    await shoot(page, 'initiatives', { fullPage: true });
    const rows = page.locator('[data-testid="initiatives"] tbody tr');
    const ragOfRows = () => rows.locator('td:nth-child(6)').allTextContents();
    // filtered by RAG in the API: every row off track, and only those
    await page.selectOption('select[name="rag"]', 'OFF_TRACK');
    await page.waitForURL(/rag=OFF_TRACK/);
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="initiatives"] tbody tr td:nth-child(6)')];
      return cells.length > 0 && cells.every((td) => td.querySelector('.rag-OFF_TRACK'));
    });
    expect(await rows.count()).toBeGreaterThan(0);
    expect(new Set(await ragOfRows())).toEqual(new Set(['خارج المسار']));
    // local and off track: the municipalities' only
    await page.selectOption('select[name="scope"]', 'local');
    await page.waitForURL(/scope=local/);
    await page.waitForFunction(() => {
      const trs = [...document.querySelectorAll('[data-testid="initiatives"] tbody tr')];
      return trs.length > 0 && trs.every((tr) => tr.querySelector('.tag.local') && tr.querySelector('.rag-OFF_TRACK'));
    });
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="initiatives"] tbody tr .tag.national').count()).toBe(0);
    await accessible();
    // a filter value edited into the address that the API does not know is no filter, not an error
    await view('/initiatives?axis=BOGUS&status=NOPE', '[data-testid="initiatives"] tbody tr');
    expect(await page.locator('[data-testid="api-error"]').count()).toBe(0);
    expect(await rows.count()).toBe(20);
    await view('/initiatives', '[data-testid="initiatives"] tbody tr');
    // written «الإلكتروني» in the seed: searched without the hamza
    await page.fill('input[name="q"]', 'الدفع الالكتروني');
    await page.click('form[role="search"] button[type="submit"]');
    await page.waitForURL(/q=/);
    const found = page.locator('[data-testid="initiatives"] tbody tr a', { hasText: 'الدفع الإلكتروني الموحد' });
    await found.first().waitFor({ timeout: 60_000 });
    // another search, then Back: the box says what the list was searched for
    await page.fill('input[name="q"]', 'الرقابة');
    await page.click('form[role="search"] button[type="submit"]');
    await page.waitForURL(/q=%D8%A7%D9%84%D8%B1%D9%82%D8%A7%D8%A8%D8%A9|q=الرقابة/);
    await page.goBack();
    await found.first().waitFor({ timeout: 60_000 });
    expect(await page.inputValue('input[name="q"]')).toBe('الدفع الالكتروني');
    await found.first().click();
    await page.locator('[data-testid="progress-chart"] svg').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="progress-chart"] .recharts-cartesian-axis-tick-value').allTextContents()).toContain('١٠٠٪');
    await accessible();
    await shoot(page, 'initiative', { fullPage: true });
  }, 180_000);

  it('shows the sector dashboard: every node’s freshness, RAG per axis, integration ranked', async () => {
    await view('/dashboard', '[data-testid="freshness"] tbody tr');
    // the three nodes of the demo are heard from; the sector's other municipalities are known but silent
    for (const node of ['ministry', 'riyadh', 'jeddah'])
      expect(await page.locator(`[data-testid="freshness"] tr[data-node="${node}"] .liveness-LIVE`).count()).toBe(1);
    expect(await page.locator('[data-testid="freshness"] tr[data-node="riyadh"]').innerText()).toMatch(/هـ \([٠-٩]+ [^)]+ [٠-٩]{4} م\)، /);
    await page.locator('[data-testid="rag-by-axis"] .recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('[data-testid="ranking"] li').count()).toBeGreaterThan(0);
    await accessible();
    await shoot(page, 'dashboard', { fullPage: true });
  }, 180_000);

  const submittedNationalMessage = () => submitNationalMessage(dataDir, port);

  const queueHolding = (id: string) => reviewCardOf(page, () => view('/review', '[data-testid="queue-count"]'), id);

  it('lets the hub’s reviewer approve a municipality’s message, and the queue updates', async () => {
    const tokens = tokensIn(dataDir);
    const id = await submittedNationalMessage();
    const card = await queueHolding(id);
    expect(await card.locator('figure[data-channel="X"] figcaption').innerText()).toMatch(/[٠-٩]+ حرفًا موزونًا من ٢٨٠/);
    const before = await page.locator('li.card[data-message]').count();
    await accessible();
    await shoot(page, 'review', { fullPage: true });
    await card.locator('[data-testid="approve"]').click();
    await card.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.locator('li.card[data-message]').count()).toBe(before - 1);
    // the decision is the API's, not only the page's: applied at riyadh, it comes back to the hub as APPROVED
    for (const deadline = Date.now() + 60_000; ;) {
      // a municipality's message in review is read at the hub by the ministry's reviewers (drafts.read)
      const { mediaMessage } = await graphql<{ mediaMessage: { status: string } }>(
        `${hub}/graphql`,
        tokens.MINISTRY_REVIEWER,
        'query ($id: ID!) { mediaMessage(id: $id) { status } }',
        { id },
      );
      if (mediaMessage.status === 'APPROVED') break;
      if (Date.now() > deadline) throw new Error(`the approved message is still ${mediaMessage.status} at the hub`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // and the queue, reloaded, no longer holds it
    await view('/review', '[data-testid="queue-count"]');
    expect(await card.count()).toBe(0);
  }, 180_000);

  it('offers the hub’s reviewer no decision the API would refuse, and says in the user’s language why it refuses one', async () => {
    // a municipality's own local message is for its own reviewers: the hub's are offered no decision on it
    await view('/review', 'li.card[data-message]');
    const local = page
      .locator('li.card[data-message]')
      .filter({ has: page.locator('h2', { hasText: 'محلي' }) })
      .first();
    expect(await local.locator('[data-testid="approve"]').isDisabled()).toBe(true);
    expect(await local.locator('[data-testid="request-changes"]').isDisabled()).toBe(true);
    expect(await local.locator('[data-testid="decided-by-others"]').textContent()).toMatch(/[\u0600-\u06FF]/);

    // a decision on a version someone changed meanwhile is refused by the API, in Arabic: the page was one version behind
    const id = await submittedNationalMessage();
    const card = await queueHolding(id);
    await page.route(`${hub}/graphql`, async (route) => {
      const body = route.request().postDataJSON() as { variables?: { id?: string; version?: number } } | null;
      if (body?.variables?.id !== id || typeof body.variables.version !== 'number') return route.continue();
      await route.continue({ postData: JSON.stringify({ ...body, variables: { ...body.variables, version: body.variables.version - 1 } }) });
    });
    try {
      // refused as stale, the queue is read again: the card shows the message as it is now
      const reread = page.waitForRequest((r) => r.url().includes('/graphql') && `${r.url()} ${r.postData() ?? ''}`.includes('ReviewQueue'), {
        timeout: 60_000,
      });
      await card.locator('[data-testid="approve"]').click();
      const alert = card.locator('[data-testid="api-error"]');
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.textContent()).toMatch(/[\u0600-\u06FF]/);
      await reread;
    } finally {
      await page.unroute(`${hub}/graphql`);
    }
  }, 180_000);

  it('shows a change made through the API live, without reload', async () => {
    // the streams are open before the change is made
    const streaming = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().headers().accept ?? '').includes('text/event-stream'), {
      timeout: 60_000,
    });
    await view('/live', '#live-title');
    await streaming;
    const tokens = tokensIn(dataDir);
    const title = `مبادرة مباشرة ${Date.now()}`;
    await graphql(
      `${hub}/graphql`,
      tokens.MINISTRY_EDITOR,
      'mutation ($t: String!) { proposeInitiative(input: { code: "MIN-LIVE-1", titleAr: $t, axis: OVERSIGHT, plannedStart: "2030-01-01", plannedEnd: "2030-06-30" }) { id } }',
      { t: title },
    );
    await page.locator('[data-testid="live"] li', { hasText: title }).waitFor({ timeout: 60_000 });
    await accessible();
    await shoot(page, 'live');
  }, 180_000);

  it('shows a node whose gateway does not answer as not answering, not as an empty page', async () => {
    // the console's own files, beside a GraphQL endpoint that closes every connection unanswered
    const site = consoleSite(loadConfig({ MMHUB_NODE: 'riyadh' }), createLogger('silent'));
    const silent = http.createServer((req, res) => (site.serve(req, res) ? undefined : req.socket.destroy()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const other = await context.newPage();
    try {
      const at = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/console`;
      await other.goto(`${at}/sign-in`);
      await other.click('button[data-role="viewer"]');
      await other.waitForURL(/\/console\/calendar/);
      await other.goto(`${at}/initiatives`);
      const alert = other.locator('.alert-unreachable').first();
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.textContent()).toContain('الجهة لا تستجيب');
    } finally {
      await other.close();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 120_000);

  it('switches to English: texts and direction change', async () => {
    await view('/calendar', '[data-testid="month-grid"]');
    await page.click('[data-testid="switch-lang"]');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Unified calendar');
    expect(await page.locator('[data-testid="month-grid"] th').first().textContent()).toBe('Sun');
    await accessible();
    await shoot(page, 'calendar-english', { fullPage: true });
    // back to Arabic for whoever comes next
    await page.click('[data-testid="switch-lang"]');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  }, 120_000);

  it('ends a session whose token the API refuses (a key rotated, a token revoked) and says so at sign-in', async () => {
    await view('/initiatives', '[data-testid="initiatives"] tbody tr');
    // the same claims under a signature the node no longer accepts
    const spoil = () =>
      page.evaluate(() => {
        const s = JSON.parse(sessionStorage.getItem('mmhub.session')!) as { token: string };
        sessionStorage.setItem('mmhub.session', JSON.stringify({ ...s, token: `${s.token.slice(0, -6)}AAAAAA` }));
      });
    await spoil();
    for (const address of ['/initiatives', '/live']) {
      await page.goto(`${hub}/console${address}`);
      const ended = page.locator('[data-testid="session-ended"]');
      await ended.waitFor({ timeout: 60_000 });
      expect(page.url()).toMatch(/\/console\/sign-in/);
      expect(await ended.textContent()).toMatch(/[\u0600-\u06FF]/);
      expect(await page.evaluate(() => sessionStorage.getItem('mmhub.session'))).toBeNull();
      // the browser's complaints are the refused requests only
      expect(errors.filter((m) => !/\b401\b/.test(m))).toEqual([]);
      errors.length = 0;
      await page.click('button[data-role="reviewer"]');
      await page.waitForURL(/\/console\/calendar/);
      if (address === '/initiatives') await spoil();
    }
  }, 180_000);
});
