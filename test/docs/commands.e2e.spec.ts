import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { adminQuery, dropDatabase } from '../support/database';
import { testNodeEnv } from '../support/node';
import { documentationFiles, ROOT, shellBlocks, type Footprint, type ShellBlock } from './markdown';

/**
 * Every shell block of the README and docs/ is run as written, in bash from the repository's root,
 * on the footprint its marker names: the embedded demo (`npm start` as the README shows it) or a
 * node on this machine's PostgreSQL and Kafka. The documented ports are used, so they must be free.
 */

const blocks = documentationFiles().flatMap(shellBlocks);
const where = (b: ShellBlock) => `${b.file}:${b.line}`;

/** A block's bash, in a process group of its own so that everything it started can be stopped. */
class Shell {
  output = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(
    readonly block: ShellBlock,
    env: Record<string, string | undefined>,
  ) {
    this.child = spawn('bash', ['-e', '-c', block.code], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM to the whole group, as Ctrl+C reaches a terminal's; SIGKILL after 20 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const group = -this.child.pid!;
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      return;
    }
    const killer = setTimeout(() => killGroup(group), 20_000);
    await this.exited;
    clearTimeout(killer);
    // what the shell started in the background ends with it
    killGroup(group);
  }
}

function killGroup(group: number) {
  try {
    process.kill(group, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

const started: Shell[] = [];
// a test process that dies leaves no server behind
process.once('exit', () => started.forEach((s) => s.running && killGroup(-s.child.pid!)));

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}

/** The documented ports, free: a server stopped just before may still be closing them, so it is given a few seconds. */
async function requireFree(ports: number[]) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const busy = (await Promise.all(ports.map(async (p) => ((await portInUse(p)) ? p : 0)))).filter(Boolean);
    if (!busy.length) return;
    if (Date.now() > deadline)
      throw new Error(`the documented commands use ports ${ports.join(', ')}; ${busy.join(', ')} in use here: stop what listens there first`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/** Runs a block to its end, or starts one that stays and waits until it is ready. */
async function run(block: ShellBlock, env: Record<string, string | undefined>): Promise<void> {
  const shell = new Shell(block, env);
  started.push(shell);
  const stays = block.staysUntil;
  if (!stays) {
    const timer = setTimeout(() => void shell.stop(), 120_000);
    const code = await shell.exited;
    clearTimeout(timer);
    expect({ at: where(block), code, output: shell.output.slice(-3000) }).toEqual({ at: where(block), code: block.exit, output: expect.anything() });
    if (block.prints) expect({ at: where(block), output: shell.output }).toEqual({ at: where(block), output: expect.stringMatching(block.prints) });
    return;
  }
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (!shell.running) throw new Error(`${where(block)} ended (${shell.child.exitCode}) before it was ready:\n${shell.output.slice(-3000)}`);
    if ('printed' in stays ? stays.printed.test(shell.output) : await answers(stays.url)) return;
    if (Date.now() > deadline) throw new Error(`${where(block)} not ready after 600 s:\n${shell.output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** As a reader's shell has it: no test settings, the environment variables of the footprint added. */
function readerEnv(extra: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: undefined, JEST_WORKER_ID: undefined, ...extra };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}

async function stopAll() {
  for (const shell of started.splice(0).reverse()) await shell.stop();
}

/** The database the documented commands create: this test drops it only when it made it itself. */
const NODE_DATABASE = 'mmhub_riyadh';
const MADE_HERE = 'made by test/docs/commands.e2e.spec.ts';

async function databaseComment(): Promise<string | null | undefined> {
  const rows = await adminQuery<{ comment: string | null }>('select shobj_description(oid, $2) as comment from pg_database where datname = $1', [
    NODE_DATABASE,
    'pg_database',
  ]);
  return rows.length ? rows[0].comment : undefined;
}

const on = (footprint: Footprint) => blocks.filter((b) => b.footprint === footprint);

describe('the commands of the README and docs/', () => {
  afterAll(stopAll);

  it('are every one marked: run on the demo or on a node, or not run with the reason', () => {
    expect(blocks.filter((b) => 'problem' in b && b.problem).map((b) => `${where(b)}: ${b.problem}`)).toEqual([]);
    expect(on('demo').length).toBeGreaterThan(0);
    expect(on('node').length).toBeGreaterThan(0);
    // the few left out are few
    expect(blocks.filter((b) => b.reason).length).toBeLessThanOrEqual(blocks.length / 3);
  });

  it('run as written on the embedded demo (npm start)', async () => {
    await requireFree([4000, 4001, 4002]);
    try {
      // as on a newcomer's machine: the demo has no broker, so nothing may answer where the suite's broker does
      for (const block of on('demo')) await run(block, readerEnv({ MMHUB_KAFKA_BROKERS: '127.0.0.1:1' }));
    } finally {
      // the node's commands use the same ports: the demo is gone before they start, whatever happened here
      await stopAll();
    }
  }, 900_000);

  describe('on a node on PostgreSQL and Kafka', () => {
    const files = ['/tmp/riyadh-events.csv'];
    afterAll(async () => {
      await stopAll();
      if ((await databaseComment()) === MADE_HERE) await dropDatabase(NODE_DATABASE);
      files.forEach((f) => rmSync(f, { force: true }));
    });

    it('run as written', async () => {
      await requireFree([4000, 4001, 4002, 4003, 4100, 4101, 4102, 4103]);
      // a database the documented commands create: one this test made earlier goes, someone's own stays
      const comment = await databaseComment();
      if (comment === MADE_HERE) await dropDatabase(NODE_DATABASE);
      else if (comment !== undefined)
        throw new Error(
          `${NODE_DATABASE} is there already and was not made by this test: the documented commands would use it; drop it or run the test elsewhere`,
        );
      // the test broker's settings for a node of the tests: consumer groups of its own, the topics' history left out
      // the documented port and the development secrets stay as the docs have them
      const asDocumented = new Set(['MMHUB_PORT', 'MMHUB_JWT_SECRET', 'MMHUB_GATEWAY_SECRET']);
      const test = Object.fromEntries(Object.entries(testNodeEnv(undefined, '')).filter(([k, v]) => v && !asDocumented.has(k))) as Record<string, string>;
      for (const block of on('node')) {
        await run(block, readerEnv(test));
        if ((await databaseComment()) === null) await adminQuery(`comment on database ${NODE_DATABASE} is '${MADE_HERE}'`);
      }
    }, 900_000);
  });
});
