import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { signalGroup, spawnInGroup } from '../support/process';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** A port no one listens on, tried by binding it. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The first of three consecutive free ports: MMHUB_DEMO_TEST_PORT, or one found in 21000–28999 (away from the suite's other ports). */
async function freePorts(): Promise<number> {
  if (process.env.MMHUB_DEMO_TEST_PORT) return Number(process.env.MMHUB_DEMO_TEST_PORT);
  for (let tries = 0; tries < 50; tries++) {
    const first = 21000 + 3 * Math.floor(Math.random() * 2666);
    if ((await Promise.all([0, 1, 2].map((i) => isFree(first + i)))).every(Boolean)) return first;
  }
  throw new Error('no three consecutive free ports in 21000–28999');
}

/** `npm start` as the user runs it: the compiled CLI, in a process of its own. */
class Demo {
  private child?: ChildProcess;
  stdout = '';
  stderr = '';

  constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  /** Starts it and waits until it says it is ready (or ends). */
  async start(...args: string[]): Promise<{ stdout: string; stderr: string; readySeconds: number }> {
    this.stdout = '';
    this.stderr = '';
    const child = spawnInGroup(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), 'start', '--data-dir', this.dataDir, '--port', String(this.port), ...args], {
      cwd: ROOT,
      // as an operator runs it: jest's NODE_ENV=test changes how libraries treat signals
      env: { ...process.env, NODE_ENV: undefined, MMHUB_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.stdout += d));
    child.stderr!.on('data', (d) => (this.stderr += d));
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/Ready in [\d.]+ s/.test(this.stdout)) {
          child.stdout!.off('data', check);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) =>
        reject(new Error(`mmhub start ended (${code}) before it was ready:\n${this.stderr.slice(-3000)}\n${this.stdout.slice(-2000)}`)),
      );
    });
    return { stdout: this.stdout, stderr: this.stderr, readySeconds: Number(/Ready in ([\d.]+) s/.exec(this.stdout)![1]) };
  }

  /** SIGTERM (or SIGINT, as Ctrl+C); resolves with the exit code, once the process ended within 10 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const code = await exited;
    if (Date.now() - started > 10_000) throw new Error(`mmhub start took ${Date.now() - started} ms to stop on ${signal}:\n${this.stderr.slice(-3000)}`);
    return code;
  }

  /** A GraphQL request to one of its gateways; a failure carries what the demo logged meanwhile. */
  async ask<T = Record<string, any>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    try {
      return await graphql<T>(url, token, query, variables);
    } catch (e) {
      // the services' own log lines (JSON, on stdout) say what went wrong inside
      const logged = this.stdout.split('\n').filter((l) => l.startsWith('{'));
      throw new Error(`${(e as Error).message}\nthe demo's progress:\n${this.stderr.slice(-2000)}\nits services' log:\n${logged.join('\n').slice(-6000)}`);
    }
  }

  async kill(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child!.once('exit', resolve));
      signalGroup(this.child);
      await exited;
    }
  }
}

async function graphql<T = Record<string, any>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

/** The development tokens the start wrote beside the data, by MMHUB_NODE_ROLE. */
function tokensIn(dataDir: string): Record<string, string> {
  return Object.fromEntries([...readFileSync(path.join(dataDir, 'tokens.env'), 'utf8').matchAll(/^export (\w+)='([^']+)'$/gm)].map((m) => [m[1], m[2]]));
}

/** The sources of cli/ compiled before their last change, so that a stale build is named rather than tested. */
function staleIn(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return staleIn(file);
    if (!file.endsWith('.ts')) return [];
    const built = statSync(path.join(ROOT, 'dist', file.replace(/\.ts$/, '.js')), { throwIfNoEntry: false });
    return !built || built.mtimeMs < statSync(path.join(ROOT, file)).mtimeMs ? [file] : [];
  });
}

const SECTOR = `{
  riyadh: initiatives(filter: { node: ["riyadh"] }) { totalCount }
  jeddah: initiatives(filter: { node: ["jeddah"] }) { totalCount }
  both: initiatives(first: 100, filter: { node: ["riyadh", "jeddah"] }) { totalCount edges { node { node version } } }
  messages: mediaMessages(first: 100, filter: { node: ["riyadh", "jeddah"] }) { edges { node { node status } } }
  campaigns(first: 100, filter: { node: ["riyadh", "jeddah"] }) { totalCount }
}`;

describe('npm start: the demo federation in one process', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mmhub-demo-'));
  let demo: Demo;

  beforeAll(async () => {
    const stale = staleIn('cli');
    if (stale.length) throw new Error(`dist/ is older than ${stale.join(', ')}: run "npm run build" first`);
    demo = new Demo(dataDir, await freePorts());
  });

  afterAll(async () => {
    await demo?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds on the first start, shows the hub every node’s data, and starts again on the same data without seeding', async () => {
    const hub = `http://127.0.0.1:${demo.port}/graphql`;
    const riyadh = `http://127.0.0.1:${demo.port + 1}/graphql`;

    const first = await demo.start('--reset');
    expect(first.stderr).toMatch(/first start: seeding/);
    expect(first.stderr).toMatch(/seed {2}riyadh/);
    for (const [node, port] of [
      ['ministry', demo.port],
      ['riyadh', demo.port + 1],
      ['jeddah', demo.port + 2],
    ] as const) {
      expect(first.stdout).toContain(`${node}`);
      expect(first.stdout).toContain(`http://127.0.0.1:${port}/graphql`);
    }
    const tokens = tokensIn(dataDir);
    for (const node of ['MINISTRY', 'RIYADH', 'JEDDAH'])
      for (const role of ['VIEWER', 'EDITOR', 'REVIEWER', 'ADMIN', 'ANALYST']) expect(first.stdout).toContain(tokens[`${node}_${role}`]);

    // the hub answers from its own copies of riyadh's and jeddah's data
    // messages in every state, drafts included, are read at the hub by the ministry's reviewers (drafts.read)
    const seen = await demo.ask(hub, tokens.MINISTRY_REVIEWER, SECTOR);
    expect(seen.riyadh.totalCount).toBeGreaterThan(0);
    expect(seen.jeddah.totalCount).toBeGreaterThan(0);
    expect(seen.campaigns.totalCount).toBeGreaterThan(0);
    expect(new Set(seen.messages.edges.map((e: { node: { status: string } }) => e.node.status))).toEqual(
      new Set(['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED']),
    );
    // and riyadh sees the ministry's national initiatives
    const national = await demo.ask<{ nationalInitiatives: { node: string; axis: string }[] }>(
      riyadh,
      tokens.RIYADH_VIEWER,
      '{ nationalInitiatives { node axis } }',
    );
    expect(national.nationalInitiatives.length).toBeGreaterThan(0);
    expect(national.nationalInitiatives.every((i) => i.node === 'ministry')).toBe(true);
    expect(new Set(national.nationalInitiatives.map((i) => i.axis)).size).toBe(6);

    // the sample query works as printed
    const curl = /^ {2}curl (?:.*\\\n)*.*$/m.exec(first.stdout)![0];
    const { stdout } = await run('bash', ['-c', curl]);
    expect(JSON.parse(stdout).data.initiatives.totalCount).toBe(seen.both.totalCount);

    // mmhub status follows the ministry's gateway to the ministry's own services, wherever the demo put them
    const status = await run(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), 'status', '--node', 'ministry', '--port', String(demo.port)], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: undefined },
    });
    for (const service of ['initiatives', 'calendar', 'media']) expect(status.stdout).toMatch(new RegExp(`^${service} +ready`, 'm'));
    expect(status.stdout).toMatch(/Freshness/);
    // and at riyadh's port it says whose gateway answers there, exiting 1
    const wrong = await run(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), 'status', '--node', 'ministry', '--port', String(demo.port + 1)], {
      cwd: ROOT,
    }).catch((e: { code: number; stdout: string }) => e);
    expect(wrong).toMatchObject({ code: 1, stdout: expect.stringContaining("is riyadh's gateway, not ministry's") });

    expect(await demo.stop('SIGINT')).toBe(0);

    const second = await demo.start();
    expect(second.stderr).not.toMatch(/seeding/);
    expect(second.stdout).toMatch(/Data as the last run left it/);
    // the same data, nothing doubled by the events published again
    const again = await demo.ask(hub, tokens.MINISTRY_REVIEWER, SECTOR);
    expect(again.both.edges).toEqual(seen.both.edges);
    expect(again.messages.edges).toEqual(seen.messages.edges);

    // and new events flow on the bus the restart began empty
    const fresh = tokensIn(dataDir);
    const made = await demo.ask<{ proposeInitiative: { id: string } }>(
      riyadh,
      fresh.RIYADH_EDITOR,
      `
        mutation {
          proposeInitiative(
            input: { code: "RUH-TEST-001", titleAr: "مبادرة تجريبية بعد إعادة التشغيل", axis: E_SERVICES, plannedStart: "2030-01-01", plannedEnd: "2030-12-31" }
          ) {
            id
          }
        }
      `,
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      const r = await demo.ask<{ initiative: { node: string } | null }>(hub, fresh.MINISTRY_VIEWER, 'query ($id: ID!) { initiative(id: $id) { node } }', {
        id: made.proposeInitiative.id,
      });
      if (r.initiative) {
        expect(r.initiative.node).toBe('riyadh');
        break;
      }
      if (Date.now() > deadline) throw new Error('an initiative proposed at riyadh after the restart never reached the hub');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await demo.stop()).toBe(0);
    process.stdout.write(`demo start: cold ${first.readySeconds} s, warm ${second.readySeconds} s (load ${os.loadavg()[0].toFixed(1)})\n`);
  }, 900_000);
});
