// a node's thread loads this module on its own: the decorators of the services need the metadata API first
import 'reflect-metadata';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { ConfigError, loadConfig } from '../services/kernel/src/config';
import { createLogger, type Logger } from '../services/kernel/src/observability';
import { recordOfOutboxRow, type EventBus } from '../services/kernel/src/events';
import {
  embeddedSocket,
  embeddedStartParams,
  startEmbeddedPostgres,
  PortBus,
  PortBusServer,
  type BusDelivery,
  type BusRequest,
} from '../services/kernel/src/embedded';
import { runStops } from '../services/kernel/src/service';
import { services } from './services';
import { startNode } from './node';

/**
 * Where the demo's nodes run: each in a worker thread of its own (its PGlite, services and gateway),
 * its events carried to and from the one bus in the main thread; or in the main thread itself.
 */

/** What a node's thread is told when it is created. */
export interface NodeSettings {
  env: Record<string, string | undefined>;
  port: number;
  dataDir: string;
  poolMax: number;
  /** Services on any free ports; otherwise on the ports after the gateway's, as `mmhub serve` puts them. */
  anyPorts: boolean;
}

/** Messages between a node's thread and the main thread; the bus's own travel with them. */
type ToNode = { t: 'start' } | { t: 'stop' } | BusDelivery;
type FromNode = { t: 'ready'; url: string } | { t: 'failed'; message: string; code?: string } | { t: 'progress'; line: string } | { t: 'stopped' } | BusRequest;

const THREAD_ROLE = 'mmhub-embedded-node';

/** A node of the demo, in a thread of its own or in this one. */
export interface NodeHost {
  readonly node: string;
  /** Opens the node's database and starts the node; resolves with its gateway's URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** A node's services and gateway first, then the database they used; each part named if it is slow. */
function stopNodeThenDatabase(running: { stop(): Promise<void> }, db: { close(): Promise<void> }, log: Logger): Promise<void> {
  return runStops(
    [
      ['node', () => running.stop()],
      ['database', () => db.close()],
    ],
    log,
  );
}

/** A node in the main thread, its PGlite in a worker thread. */
export class InProcessNode implements NodeHost {
  private stopping: () => Promise<void> = async () => {};

  constructor(
    readonly node: string,
    private readonly s: NodeSettings,
    private readonly bus: EventBus,
    private readonly progress: (line: string) => void,
  ) {}

  start(): Promise<string> {
    const url = (async () => {
      const db = await startDatabaseWorker(this.s.dataDir, services.length * this.s.poolMax);
      this.stopping = () => db.close();
      const replayed = await replayOutbox(db.url, this.bus);
      if (replayed) this.progress(`${this.node}: ${replayed} events of its outbox published again on the bus (consumers skip those they applied)`);
      const log = createLogger(loadConfig({ ...this.s.env, MMHUB_NODE: this.node }).logLevel, { node: this.node });
      const running = await startNode({
        env: { ...this.s.env, MMHUB_NODE: this.node, MMHUB_DATABASE_URL: db.url, MMHUB_DB_POOL_MAX: String(this.s.poolMax), MMHUB_PORT: String(this.s.port) },
        bus: this.bus,
        log,
        migrate: true,
        anyPorts: this.s.anyPorts,
      });
      this.stopping = () => stopNodeThenDatabase(running, db, log);
      this.progress(`${this.node}: gateway at ${running.gateway.url}`);
      return running.gateway.url;
    })();
    url.catch(() => undefined);
    return url;
  }

  stop(): Promise<void> {
    return this.stopping();
  }
}

/**
 * PGlite on a data folder in a worker thread of its own, served over the wire protocol: the SQL
 * of a node that runs in the main thread runs beside it rather than taking turns with it.
 */
async function startDatabaseWorker(dataDir: string, maxConnections: number): Promise<{ url: string; close(): Promise<void> }> {
  const modules = {
    pglite: require.resolve('@electric-sql/pglite'),
    socket: require.resolve('@electric-sql/pglite-socket'),
    trgm: require.resolve('@electric-sql/pglite/contrib/pg_trgm'),
  };
  const socket = await embeddedSocket();
  const worker = new Worker(`(${databaseWorker.toString()})()`, {
    eval: true,
    workerData: { dataDir, maxConnections, modules, startParams: embeddedStartParams(), socket },
    // PGlite's data lives in its WebAssembly memory; the thread's JavaScript makes little garbage, and V8's default young generation (up to 48 MiB) stays resident
    resourceLimits: { maxYoungGenerationSizeMb: 6 },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url?: string; error?: string }) => (m.url ? resolve(m.url) : reject(new Error(`PGlite on ${dataDir}: ${m.error}`))));
    worker.once('error', reject);
    void exited.then(() => reject(new Error(`PGlite on ${dataDir}: the worker ended before serving`)));
  });
  return {
    url,
    close: async () => {
      worker.postMessage('close');
      await exited;
    },
  };
}

/** The database worker's whole program; it is sent as source, so it uses nothing from this module. */
function databaseWorker(): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { dataDir, maxConnections, modules, startParams, socket } = workerData as {
    dataDir: string;
    maxConnections: number;
    modules: Record<'pglite' | 'socket' | 'trgm', string>;
    startParams: string[];
    socket: { folder: string; path: string; url: string };
  };
  const run = async () => {
    require('node:fs').mkdirSync(dataDir, { recursive: true });
    const { PGlite } = require(modules.pglite);
    const { PGLiteSocketServer } = require(modules.socket);
    // extensions must be registered at every open, or queries using them fail after a reopen
    const { pg_trgm } = require(modules.trgm);
    const db = await PGlite.create(dataDir, { extensions: { pg_trgm }, startParams });
    // as startEmbeddedPostgres serves it: on the Unix socket of embeddedSocket, never a TCP port
    const server = new PGLiteSocketServer({ db, path: socket.path, maxConnections });
    await server.start();
    const close = async () => {
      await server.stop();
      await db.close();
      require('node:fs').rmSync(socket.folder, { recursive: true, force: true });
      parentPort!.close();
    };
    // a close that fails ends the worker with the error, which the main thread sees as its exit
    parentPort!.once('message', () => void close());
    parentPort!.postMessage({ url: socket.url });
  };
  run().catch((e: Error) => {
    require('node:fs').rmSync(socket.folder, { recursive: true, force: true });
    parentPort!.postMessage({ error: e.stack ?? e.message });
    parentPort!.close();
  });
}

/** The main thread's side of a node's thread: starts and stops it, and carries its events to and from the bus. */
export class NodeThread implements NodeHost {
  private readonly worker: Worker;
  private readonly busServer: PortBusServer;
  private readonly exited: Promise<void>;
  private ready?: { resolve(url: string): void; reject(e: Error): void };
  private stopped?: () => void;

  constructor(
    readonly node: string,
    settings: NodeSettings,
    bus: EventBus,
    private readonly progress: (line: string) => void,
  ) {
    this.worker = new Worker(__filename, { workerData: { role: THREAD_ROLE, node, settings } });
    this.busServer = new PortBusServer(bus, (m) => this.post(m));
    this.worker.on('message', (m: FromNode) => this.receive(m));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    void this.exited.then(() => {
      this.ready?.reject(new Error(`${node}: its thread ended before the node was up`));
      this.busServer.close(`${node}: its thread ended`);
    });
    this.worker.on('error', (e) => this.ready?.reject(e));
  }

  /** Opens the node's database and starts the node; resolves with its gateway's URL. */
  start(): Promise<string> {
    const url = new Promise<string>((resolve, reject) => (this.ready = { resolve, reject }));
    this.post({ t: 'start' });
    // a failure is reported where the URL is awaited, not as an unhandled rejection meanwhile
    url.catch(() => undefined);
    return url;
  }

  /** Asks the thread to stop its node and close its database; a thread that lingers after that is ended. */
  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.stopped = resolve));
    this.post({ t: 'stop' });
    await Promise.race([stopped, this.exited]);
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.worker.terminate();
  }

  private post(m: ToNode): void {
    this.worker.postMessage(m);
  }

  private receive(m: FromNode): void {
    switch (m.t) {
      case 'ready':
        this.ready?.resolve(m.url);
        this.progress(`${this.node}: gateway at ${m.url}`);
        return;
      case 'failed':
        this.ready?.reject(
          m.code === 'EADDRINUSE'
            ? // taken since the check before the start: the listen's own message names the port
              new ConfigError([`MMHUB_PORT: a port of ${this.node} is in use (${m.message}); choose another first port (MMHUB_PORT or --port)`])
            : new Error(`${this.node}: ${m.message}`),
        );
        return;
      case 'progress':
        this.progress(`${this.node}: ${m.line}`);
        return;
      case 'stopped':
        this.stopped?.();
        return;
      default:
        this.busServer.receive(m);
    }
  }
}

/** A node's thread: its database, replayed outbox, services and gateway. */
function runNodeThread(node: string, s: NodeSettings): void {
  const port = parentPort!;
  const post = (m: FromNode) => port.postMessage(m);
  const bus = new PortBus(post);
  let starting: Promise<void> | undefined;
  let stop: () => Promise<void> = async () => {};
  const start = async () => {
    const db = await startEmbeddedPostgres(s.dataDir, services.length * s.poolMax);
    stop = () => db.close();
    const replayed = await replayOutbox(db.url, bus);
    if (replayed) post({ t: 'progress', line: `${replayed} events of its outbox published again on the bus (consumers skip those they applied)` });
    const log = createLogger(loadConfig({ ...s.env, MMHUB_NODE: node }).logLevel, { node });
    const running = await startNode({
      env: { ...s.env, MMHUB_NODE: node, MMHUB_DATABASE_URL: db.url, MMHUB_DB_POOL_MAX: String(s.poolMax), MMHUB_PORT: String(s.port) },
      bus,
      log,
      migrate: true,
      anyPorts: s.anyPorts,
    });
    stop = () => stopNodeThenDatabase(running, db, log);
    post({ t: 'ready', url: running.gateway.url });
  };
  port.on('message', (m: ToNode) => {
    if (m.t === 'batch') bus.deliver(m);
    if (m.t === 'start') starting = start().catch((e: NodeJS.ErrnoException) => post({ t: 'failed', message: e.message, code: e.code }));
    if (m.t === 'stop') {
      // a node still starting is stopped once it is up
      void Promise.resolve(starting)
        .then(() => stop())
        .catch((e: Error) => post({ t: 'progress', line: `did not stop cleanly: ${e.message}` }))
        .finally(() => {
          post({ t: 'stopped' });
          port.close();
        });
    }
  });
}

/**
 * The in-process bus starts empty at every start, but each node's outbox keeps every event it
 * published: they are published again, in order, before the node starts, so that a node that
 * missed an event when the process last stopped receives it. Consumers skip what their inbox
 * shows applied; events never published are the relay's, as always.
 */
async function replayOutbox(url: string, bus: EventBus): Promise<number> {
  let count = 0;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const def of services) {
      const table = `"${def.name}"."outbox"`;
      const found = await client.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
      if (!found.rows[0].t) continue;
      const { rows } = await client.query(`select * from ${table} where sent_at is not null order by seq`);
      await bus.publish(rows.map(recordOfOutboxRow));
      count += rows.length;
    }
  } finally {
    await client.end();
  }
  return count;
}

// loaded as a node's thread: run that node
if (!isMainThread && (workerData as { role?: string } | null)?.role === THREAD_ROLE) {
  const w = workerData as { node: string; settings: NodeSettings };
  runNodeThread(w.node, w.settings);
}
