import type { Locator, Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { signalGroup, spawnInGroup } from '../support/process';

const ROOT = path.resolve(__dirname, '../..');

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The first of three consecutive free ports in 29000–29999, away from the suite's other ports. */
export async function freePorts(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const first = 29000 + 3 * Math.floor(Math.random() * 333);
    if ((await Promise.all([0, 1, 2].map((i) => isFree(first + i)))).every(Boolean)) return first;
  }
  throw new Error('no three consecutive free ports in 29000–29999');
}

/** `npm start` in a process of its own, on a fresh data folder; ready when it says so. */
export async function startDemo(dataDir: string, port: number): Promise<{ stdout: string; child: ChildProcess; kill(): Promise<void> }> {
  const child = spawnInGroup(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), 'start', '--reset', '--data-dir', dataDir, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, MMHUB_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child);
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => /Ready in [\d.]+ s/.test(stdout) && resolve();
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`mmhub start ended (${code}) before it was ready:\n${stderr.slice(-3000)}`)));
    });
  } catch (e) {
    await kill();
    throw e;
  }
  return { stdout, child, kill };
}

export function tokensIn(dataDir: string): Record<string, string> {
  return Object.fromEntries([...readFileSync(path.join(dataDir, 'tokens.env'), 'utf8').matchAll(/^export (\w+)='([^']+)'$/gm)].map((m) => [m[1], m[2]]));
}

export async function graphql<T = Record<string, any>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** A message riyadh writes for a national campaign and submits: the ministry reviews it at the hub. Its id. */
export async function submitNationalMessage(dataDir: string, port: number): Promise<string> {
  const tokens = tokensIn(dataDir);
  const riyadh = `http://127.0.0.1:${port + 1}/graphql`;
  const { campaigns } = await graphql<{ campaigns: { edges: { node: { id: string } }[] } }>(
    riyadh,
    tokens.RIYADH_VIEWER,
    '{ campaigns(first: 1, filter: { scope: NATIONAL, status: [SCHEDULED, LIVE] }) { edges { node { id } } } }',
  );
  const drafted = await graphql<{ draftMessage: { id: string; version: number } }>(
    riyadh,
    tokens.RIYADH_EDITOR,
    'mutation ($c: ID!) { draftMessage(input: { bodyAr: "أمانة الرياض تشارك في الحملة الوطنية", campaignId: $c, variants: [{ channel: "X", text: "أمانة الرياض تشارك في الحملة الوطنية @MOMRAgov", hashtags: ["بلدي"] }] }) { id version } }',
    { c: campaigns.edges[0].node.id },
  );
  const { id, version } = drafted.draftMessage;
  await graphql(riyadh, tokens.RIYADH_EDITOR, 'mutation ($id: ID!, $v: Int!) { submitMessage(id: $id, version: $v) { status } }', { id, v: version });
  return id;
}

/** The message's card in the review queue, once the queue shows it (`reload` opens the queue again). */
export async function reviewCardOf(page: Page, reload: () => Promise<void>, id: string): Promise<Locator> {
  const card = page.locator(`li.card[data-message="${id}"]`);
  for (const deadline = Date.now() + 60_000; ;) {
    await reload();
    if (await card.count()) return card;
    if (Date.now() > deadline) throw new Error('the message submitted at riyadh never reached the hub’s review queue');
    await page.waitForTimeout(500);
  }
}
