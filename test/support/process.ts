import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import net from 'node:net';
import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET } from '../../services/kernel/src/config';
import { signToken, type Role } from '../../services/kernel/src/auth';
import { createTestDatabase, query, type TestDatabase } from './database';
import { testNodeEnv, uniqueSuffix, type GraphQLResult } from './node';

const ROOT = path.resolve(__dirname, '../..');

/** Every process group started here; kept after its leader exits, as what the leader started may live on. */
const groups = new Set<ChildProcess>();

/**
 * Spawns a process as the leader of a process group of its own, so that it and every process it
 * starts (the bench's gateways and nodes) end together by `signalGroup`, also after a timeout.
 */
export function spawnInGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  groups.add(child);
  return child;
}

/** Sends a signal to a process's whole group; a group already gone is no error. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing of the group is left
  }
}

/** Kills every group spawned here and waits for their leaders: each test file's teardown (test/support/teardown.ts). */
export async function killAllGroups(): Promise<void> {
  const leaders = [...groups];
  groups.clear();
  const exited = leaders
    .filter((c) => c.exitCode === null && c.signalCode === null)
    .map((c) => new Promise<void>((resolve) => c.once('exit', () => resolve())));
  for (const c of leaders) signalGroup(c, 'SIGKILL');
  await Promise.all(exited);
}

// a test process that ends without its teardown (a worker killed on a timeout) takes its groups with it
process.once('exit', () => {
  for (const c of groups) signalGroup(c, 'SIGKILL');
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

const handedOut = new Set<number>();

/**
 * `count` consecutive free ports, below the kernel's ephemeral range (32768 and up) so that no
 * outgoing connection of this machine takes one of them between this check and the bind.
 */
export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 29_000 + Math.floor(Math.random() * 3_700);
    const block = Array.from({ length: count }, (_, i) => base + i);
    if (block.some((p) => handedOut.has(p))) continue;
    const free = await Promise.all(block.map(portIsFree));
    if (free.every(Boolean)) {
      block.forEach((p) => handedOut.add(p));
      return base;
    }
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

export interface NodeProcess {
  node: string;
  url: string;
  db: TestDatabase;
  /** The Kafka client id, and so the prefix of its consumer groups. */
  clientId: string;
  /** Starts (again) the node's process on the same database and ports. */
  start(): Promise<void>;
  /** SIGTERM, and waits for the process to end. */
  stop(): Promise<void>;
  /** SIGKILL, and waits for the process to end. */
  kill(): Promise<void>;
  /** Of the last start: milliseconds from the spawn until the gateway answered at all, and until it was ready. */
  lastStart(): { listeningMs: number; readyMs: number };
  /** Of the last start: milliseconds from the node's "node starting" log line (MMHUB_LOG_LEVEL info) until the gateway answered. */
  listeningSinceStarting(): number;
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  token(roles: Role[], node?: string, sub?: string): Promise<string>;
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  output(): string;
  dispose(): Promise<void>;
}

export interface NodeProcessOptions {
  /** Names the node with `--node`, as an operator types it, rather than with MMHUB_NODE. */
  nodeFlag?: boolean;
}

/**
 * A node as its own operating-system process (`mmhub serve`, from the compiled code), with a
 * database of its own and the test broker.
 */
export async function startNodeProcess(node: string, env: Record<string, string> = {}, o: NodeProcessOptions = {}): Promise<NodeProcess> {
  const db = await createTestDatabase(node);
  const clientId = `proc-${uniqueSuffix()}`;
  const serve = await startServeProcess(o.nodeFlag ? ['--node', node] : [], { ...testNodeEnv(o.nodeFlag ? undefined : node, db.url, { clientId }), ...env });
  const stop = async () => {
    await serve.stop();
  };
  return {
    node,
    url: serve.url,
    db,
    clientId,
    start: serve.start,
    stop,
    kill: serve.kill,
    lastStart: serve.lastStart,
    listeningSinceStarting: serve.listeningSinceStarting,
    graphql: async (q, variables, token) => {
      const res = await fetch(serve.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: q, variables }),
      });
      return (await res.json()) as GraphQLResult<any>;
    },
    token: (roles, tokenNode = node, sub = `${tokenNode}-${roles.join('-')}`) => signToken(DEVELOPMENT_JWT_SECRET, { sub, node: tokenNode, roles }),
    sql: (text, params) => query(db.url, text, params),
    output: serve.output,
    dispose: async () => {
      await stop();
      await db.drop();
    },
  };
}

/** What a command of the CLI said, and how it ended. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `mmhub <args>` from the compiled code to its end, with the environment given (undefined removes a variable). */
export function runMmhub(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawnInGroup(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL');
      reject(new Error(`mmhub ${args.join(' ')} still running after ${timeoutMs} ms:\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServeProcess {
  /** The gateway's GraphQL address. */
  url: string;
  /** The gateway's port; the services take the three after it. */
  port: number;
  /** Starts (again) the same command on the same ports; resolves once the gateway is ready. */
  start(): Promise<void>;
  /** SIGTERM (or the signal given); resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL, as a crash: nothing of the process runs after it. */
  kill(): Promise<void>;
  /** Of the last start: milliseconds from the spawn until the gateway answered at all, and until it was ready. */
  lastStart(): { listeningMs: number; readyMs: number };
  /** Of the last start: milliseconds from the node's "node starting" log line (MMHUB_LOG_LEVEL info) until the gateway answered. */
  listeningSinceStarting(): number;
  output(): string;
}

/**
 * `mmhub serve <args>` as an operator runs it, from the compiled code, with the environment given
 * (undefined removes a variable) and a block of free ports: the gateway's, then one per service.
 */
export async function startServeProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<ServeProcess> {
  let port = await freePortBlock(4);
  let child: ChildProcess | undefined;
  let log = '';
  let timing = { listeningMs: NaN, readyMs: NaN };
  let listeningAt = NaN;
  const start = async () => {
    log = '';
    const spawnedAt = Date.now();
    timing = { listeningMs: NaN, readyMs: NaN };
    const started = spawnInGroup(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), 'serve', ...args, '--port', String(port)], {
      cwd: ROOT,
      env: {
        ...process.env,
        MMHUB_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
        MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout?.on('data', (d) => (log += d));
    started.stderr?.on('data', (d) => (log += d));
    const deadline = Date.now() + 150_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`mmhub serve ${args.join(' ')} exited with ${started.exitCode}:\n${log.slice(-3000)}`);
      try {
        const ready = (await fetch(`http://127.0.0.1:${port}/ready`)).ok;
        if (Number.isNaN(timing.listeningMs)) {
          timing.listeningMs = Date.now() - spawnedAt;
          listeningAt = Date.now();
        }
        if (ready) {
          timing.readyMs = Date.now() - spawnedAt;
          return;
        }
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`mmhub serve ${args.join(' ')} not ready after 150 s:\n${log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  // the signal goes to the node's process alone, as an operator's would; a kill takes its whole group
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return c?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    if (signal === 'SIGKILL') signalGroup(c, signal);
    else c.kill(signal);
    return exited;
  };
  // another test process may bind one of the ports between the check and the start: take others
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (e) {
      await stop('SIGKILL');
      if (attempt >= 3 || !/EADDRINUSE/.test(String(e))) throw e;
      port = await freePortBlock(4);
    }
  }
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    signalGroup(c, 'SIGKILL');
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    start,
    stop,
    kill,
    lastStart: () => timing,
    listeningSinceStarting: () => {
      // the node's own start, once Node has loaded the program: what a busy machine's module loading adds is left out
      const line = log.split('\n').find((l) => l.includes('"node starting"'));
      const at = line ? Date.parse(JSON.parse(line).time) : NaN;
      return listeningAt - at;
    },
    output: () => log,
  };
}
