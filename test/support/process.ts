import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import net from 'node:net';
import { DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET, signToken, type Role } from '../../services/kernel/src';
import { createTestDatabase, query, type TestDatabase } from './database';
import { kafkaBrokers, uniqueSuffix, type GraphQLResult } from './node';

const ROOT = path.resolve(__dirname, '../..');

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

/** What a node process of the tests is given: its name, its database, the test broker, quick polls. */
export function testNodeEnv(node: string | undefined, databaseUrl: string, clientId = `proc-${uniqueSuffix()}`): Record<string, string | undefined> {
  return {
    MMHUB_NODE: node,
    MMHUB_DATABASE_URL: databaseUrl,
    MMHUB_KAFKA_BROKERS: kafkaBrokers(),
    MMHUB_KAFKA_CLIENT_ID: clientId,
    MMHUB_KAFKA_TOPIC_PARTITIONS: '3',
    MMHUB_OUTBOX_POLL_MS: '50',
    MMHUB_EVENT_JOURNAL_HISTORY: 'none',
  };
}

/**
 * A node as its own operating-system process (`mmhub serve`, from the compiled code), with a
 * database of its own and the test broker.
 */
export async function startNodeProcess(node: string, env: Record<string, string> = {}, o: NodeProcessOptions = {}): Promise<NodeProcess> {
  const db = await createTestDatabase(node);
  const clientId = `proc-${uniqueSuffix()}`;
  const serve = await startServeProcess(o.nodeFlag ? ['--node', node] : [], { ...testNodeEnv(o.nodeFlag ? undefined : node, db.url, clientId), ...env });
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
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
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
    const started = spawn(process.execPath, [path.join(ROOT, 'bin/mmhub.js'), 'serve', ...args, '--port', String(port)], {
      cwd: ROOT,
      env: { ...process.env, MMHUB_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', MMHUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET, MMHUB_GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET, ...env },
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
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return c?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    c.kill(signal);
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
    c.kill('SIGKILL');
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
