import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../services/kernel/src/config';
import { MemoryBus } from '../services/kernel/src/events';
import { ROLES, signToken, type Role } from '../services/kernel/src/auth';
import { createLogger, type Logger } from '../services/kernel/src/observability';
import { migrate, openDatabase } from '../services/kernel/src/db';
import { nodeName } from '../services/kernel/src/domain';
import { startEmbeddedPostgres, LingeringBus } from '../services/kernel/src/embedded';
import { InProcessNode, NodeThread, type NodeHost } from './node-thread';
import { services } from './services';
import { START_ADVICE, requireFreePorts } from './ports';
import { describeSeed, seedSector, type SeedSummary } from './seed/seed';
import { readSeedMarker, writeSeedMarker } from './seed/marker';
import { releaseSeedHeap } from './heap';

export interface EmbeddedOptions {
  env: Record<string, string | undefined>;
  reset: boolean;
  dataDir?: string;
}

/** The demo federation: the hub and two municipalities. */
export const DEMO_NODES = ['ministry', 'riyadh', 'jeddah'] as const;

/** Connections each service's pool may hold; PGlite refuses any beyond the server's maximum. */
const POOL_MAX = 2;
const TOKEN_TTL_SECONDS = 8 * 3600;
/** As Kafka's linger.ms: what is published within this window reaches consumers together. */
const BUS_LINGER_MS = 50;

/**
 * The demo federation in one process: each node's PGlite database in a thread of its own, and the
 * nodes' services and gateways in the main thread, which loads the code once for all three (a thread
 * per node, MMHUB_EMBEDDED_THREADS=all, loads it three times); one in-process bus links them.
 * Seeded through the gateways on first start.
 */
export async function startEmbedded(o: EmbeddedOptions): Promise<{ stop(): Promise<void> }> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const progress = (line: string) => process.stderr.write(`[mmhub ${elapsed().padStart(6)}] ${line}\n`);
  const env = {
    // the demo's own output is the banner; the services speak up only when something is wrong
    MMHUB_LOG_LEVEL: 'warn',
    // nine services and three databases share one machine: a service may take longer to answer
    MMHUB_GATEWAY_SUBGRAPH_TIMEOUT_MS: '60000',
    // every commit that records events wakes its relay at once (a request's, a consumer's): the poll is a safety net, and each costs PGlite work
    MMHUB_OUTBOX_POLL_MS: '10000',
    ...o.env,
    MMHUB_EVENT_BUS: 'memory',
    MMHUB_NODE: undefined,
    MMHUB_NODE_ROLE: undefined,
  };
  const base = loadConfig(env);
  const log = createLogger(base.logLevel, { footprint: 'embedded' });
  const ports = gatewayPorts(base.port);
  await requireFreePorts(
    base.host,
    ports.map((port, i) => ({ port, holder: `the gateway of ${DEMO_NODES[i]}`, variable: 'MMHUB_PORT' })),
    START_ADVICE,
  );
  // each node's console links to the others' sign-in, when their addresses are known before they start
  if (!o.env.MMHUB_CONSOLE_NODES && ports.every((p) => p > 0)) {
    Object.assign(env, { MMHUB_CONSOLE_NODES: DEMO_NODES.map((node, i) => `${node}=http://${browserHost(base.host)}:${ports[i]}`).join(',') });
  }
  const root = path.resolve(o.dataDir ?? base.demo.dataDir ?? '.mmhub/data');

  if (o.reset) rmSync(root, { recursive: true, force: true });
  if (readSeedMarker(root)?.state === 'seeding') {
    progress(`the first start before this one stopped while seeding; starting again from empty data folders in ${root}`);
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync(root, { recursive: true });

  // the threads load the code while the data folders are made
  const bus = new LingeringBus(new MemoryBus(), BUS_LINGER_MS);
  const placement = base.demo.threads;
  const threads: NodeHost[] = DEMO_NODES.map((node, i) => {
    const settings = { env, port: ports[i], dataDir: path.join(root, node), poolMax: POOL_MAX, anyPorts: true };
    const own = placement === 'all' || (placement === 'municipalities' && node !== 'ministry');
    return own ? new NodeThread(node, settings, bus, progress) : new InProcessNode(node, settings, bus, progress);
  });
  const stop = async () => {
    await Promise.all(threads.map((t) => t.stop()));
    await bus.close();
  };
  try {
    await prepareDataFolders(root, DEMO_NODES, log, progress);
    const found = readSeedMarker(root);
    const gateways = threads.map((t) => t.start());
    const token = (node: string, role: Role) => devToken(base, node, role);
    let seeded = found?.state === 'seeded' ? found : undefined;
    if (!seeded) {
      await gateways[0];
      progress('first start: seeding a sector through the gateways (the ministry, then riyadh and jeddah, then the hub)');
      writeSeedMarker(root, { state: 'seeding', startedAt: new Date().toISOString() });
      const summary = await seedSector({
        gateways: Object.fromEntries(DEMO_NODES.map((n, i) => [n, gateways[i]])),
        token,
        progress: (line) => progress(`seed  ${line}`),
      });
      seeded = { state: 'seeded', seededAt: new Date().toISOString(), summary };
      writeSeedMarker(root, seeded);
    }
    const urls = await Promise.all(gateways);

    const tokens = await Promise.all(
      DEMO_NODES.map(async (node) => ({ node, byRole: await Promise.all(ROLES.map(async (role) => ({ role, token: await token(node, role) }))) })),
    );
    const tokensFile = path.join(root, 'tokens.env');
    writeFileSync(
      tokensFile,
      tokens.flatMap((t) => t.byRole.map((r) => `export ${t.node.toUpperCase()}_${r.role.toUpperCase()}='${r.token}'`)).join('\n') + '\n',
      { mode: 0o600 },
    );
    process.stdout.write(banner({ urls, root, tokens, tokensFile, seeded, firstStart: !found, elapsed: elapsed() }));
    // the seed's garbage goes at once rather than when V8 gets to it
    if (!found) releaseSeedHeap();
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
  return { stop: () => stopWithin(stop, 20_000, log) };
}

export interface EmbeddedNodeOptions {
  env: Record<string, string | undefined>;
  /** Where the node's folder is made: <dir>/<node>; .mmhub/serve by default. */
  dataDir?: string;
}

export interface RunningEmbeddedNode {
  node: string;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** What an embedded node runs with, or the configuration error that stops it before anything starts. */
export function embeddedNodeConfig(given: EmbeddedNodeOptions['env']): { env: EmbeddedNodeOptions['env']; config: Config } {
  // an explicit Kafka without a database would be half of what was asked: said rather than ignored
  if (given.MMHUB_EVENT_BUS === 'kafka') {
    throw new ConfigError([
      'MMHUB_DATABASE_URL: is required with MMHUB_EVENT_BUS=kafka; without MMHUB_DATABASE_URL the node runs on an embedded database and an in-process bus',
    ]);
  }
  // each commit that records events wakes its relay at once; each poll costs PGlite work
  const env = { MMHUB_OUTBOX_POLL_MS: '10000', ...given, MMHUB_EVENT_BUS: 'memory' };
  const config = loadConfig(env);
  if (config.mode === 'production') {
    throw new ConfigError(['MMHUB_DATABASE_URL: is required in production mode; the embedded database is for development']);
  }
  return { env, config };
}

/**
 * One node — its three services and its gateway — on the embedded default, as `mmhub start` runs
 * each of its nodes: PGlite in a data folder kept across restarts, and an in-process bus. What
 * `mmhub serve` runs when MMHUB_DATABASE_URL is not set; for development only.
 */
export async function startEmbeddedNode(o: EmbeddedNodeOptions): Promise<RunningEmbeddedNode> {
  const { env, config } = embeddedNodeConfig(o.env);
  const log = createLogger(config.logLevel, { node: config.node, footprint: 'embedded' });
  const progress = (line: string) => process.stderr.write(`[mmhub] ${line}\n`);
  const root = path.resolve(o.dataDir ?? '.mmhub/serve');
  mkdirSync(root, { recursive: true });
  await prepareDataFolders(root, [config.node], log, progress);
  const bus = new LingeringBus(new MemoryBus(), BUS_LINGER_MS);
  const dataDir = path.join(root, config.node);
  const host = new InProcessNode(config.node, { env, port: config.port, dataDir, poolMax: POOL_MAX, anyPorts: config.port === 0 }, bus, progress);
  const stop = async () => {
    await host.stop();
    await bus.close();
  };
  try {
    const url = await host.start();
    process.stderr.write(
      [
        `mmhub serve: node ${config.node} on an embedded database (PGlite in ${shownPath(dataDir)}, kept across restarts) and an in-process bus`,
        `  gateway  ${url}   (GraphiQL opens there in a browser)`,
        `  console  ${consoleUrl(url)}`,
        `  a token  npx mmhub token --node ${config.node} --roles editor`,
        'Set MMHUB_DATABASE_URL (and MMHUB_KAFKA_BROKERS) to run it on PostgreSQL and Kafka. Stop with Ctrl+C.',
        '',
      ].join('\n'),
    );
    return { node: config.node, url, dataDir, stop: () => stopWithin(stop, 20_000, log) };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}

/** The gateways' ports: the first port (MMHUB_PORT, --port) for the ministry and the next ones for the others; 0 means any free ports. */
function gatewayPorts(first: number): number[] {
  if (first === 0) return DEMO_NODES.map(() => 0);
  if (first + DEMO_NODES.length - 1 > 65535) throw new ConfigError([`MMHUB_PORT: ${first} leaves no room for ${DEMO_NODES.length} gateways below 65536`]);
  return DEMO_NODES.map((_n, i) => first + i);
}

/**
 * A data folder per node. A new PGlite folder costs an initdb (seconds and hundreds of MB), so it
 * is paid once: one folder is created and migrated, then copied for the other nodes. That folder is
 * also kept in node_modules/.cache, so that later fresh folders (--reset, another --data-dir) are
 * copies of it, made side by side.
 */
async function prepareDataFolders(root: string, nodes: readonly string[], log: Logger, progress: (line: string) => void): Promise<void> {
  // each folder appears whole, by a rename, so a folder with PG_VERSION is a finished one
  const missing = nodes.filter((node) => !existsSync(path.join(root, node, 'PG_VERSION')));
  if (!missing.length) return;
  const cache = templateCache();
  const cached = existsSync(path.join(cache.folder, 'PG_VERSION'));
  const template = path.join(root, '.template');
  if (!cached) {
    rmSync(template, { recursive: true, force: true });
    await createTemplate(template, log);
    cache.keep(template);
  }
  const source = cached ? cache.folder : template;
  // a template made here becomes the last node's folder; the others are copies
  const copied = cached ? missing : missing.slice(0, -1);
  await Promise.all(
    copied.map(async (node) => {
      const folder = path.join(root, node);
      await rm(folder, { recursive: true, force: true });
      await rm(`${folder}.tmp`, { recursive: true, force: true });
      await cp(source, `${folder}.tmp`, { recursive: true });
      await rename(`${folder}.tmp`, folder);
    }),
  );
  if (!cached) {
    const last = path.join(root, missing[missing.length - 1]);
    rmSync(last, { recursive: true, force: true });
    renameSync(template, last);
  }
  progress(`created the PostgreSQL (PGlite) data folders of ${missing.join(', ')} in ${root}${cached ? ' (copies of the cached one)' : ''}`);
}

/**
 * Makes the migrated, empty PGlite folder that first starts copy, unless it is already kept: run at
 * installation, so that the first `npm start` does not wait for PostgreSQL's initdb.
 */
export async function prepareEmbeddedTemplate(log: Logger): Promise<'made' | 'kept'> {
  const cache = templateCache();
  if (existsSync(path.join(cache.folder, 'PG_VERSION'))) return 'kept';
  // made outside the cache's folder, which keeping empties
  const made = path.join(mkdtempSync(path.join(tmpdir(), 'mmhub-template-')), 'data');
  await createTemplate(made, log);
  cache.keep(made);
  rmSync(path.dirname(made), { recursive: true, force: true });
  return 'made';
}

/** A new PGlite folder with every service's schema migrated. */
async function createTemplate(folder: string, log: Logger): Promise<void> {
  const db = await startEmbeddedPostgres(folder, 1);
  try {
    for (const def of services) {
      const orm = await openDatabase({ url: db.url, schema: def.name, entities: def.entities, migrations: def.migrations, poolMax: 1, log });
      try {
        await migrate(orm);
      } finally {
        await orm.close();
      }
    }
  } finally {
    await db.close();
  }
}

/**
 * Where a migrated, empty folder is kept between starts: named by the PGlite version and the
 * migrations, so that a new version or a new migration makes a new one. `npm ci` clears it.
 */
function templateCache(): { folder: string; keep(template: string): void } {
  const pglite = require.resolve('@electric-sql/pglite');
  const version = (JSON.parse(readFileSync(path.join(path.dirname(pglite), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const migrations = services.flatMap((s) => s.migrations.map((m) => `${s.name}/${m.name}`)).sort();
  const key = createHash('sha256').update(JSON.stringify({ version, migrations })).digest('hex').slice(0, 16);
  const dir = path.join(pglite.slice(0, pglite.lastIndexOf(`${path.sep}node_modules${path.sep}`)), 'node_modules', '.cache', 'mmhub');
  const folder = path.join(dir, `pglite-${version}-${key}`);
  return {
    folder,
    keep: (template) => {
      try {
        // one at a time: an older version's folder is of no more use
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        cpSync(template, `${folder}.tmp`, { recursive: true });
        renameSync(`${folder}.tmp`, folder);
      } catch {
        // a read-only installation starts a little slower, that is all
      }
    },
  };
}

/** Stops in order; past the deadline it gives up waiting (PostgreSQL recovers an unclosed folder at the next start). */
async function stopWithin(stop: () => Promise<void>, ms: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn({ ms }, 'the nodes did not stop in time; leaving anyway');
      resolve();
    }, ms);
  });
  try {
    await Promise.race([stop(), late]);
  } finally {
    clearTimeout(timer);
  }
}

function devToken(config: Config, node: string, role: Role): Promise<string> {
  return signToken(config.auth.secret!, {
    sub: `${node}-${role}`,
    node,
    roles: [role],
    ttlSeconds: TOKEN_TTL_SECONDS,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
}

interface BannerFacts {
  urls: string[];
  root: string;
  tokens: { node: string; byRole: { role: Role; token: string }[] }[];
  tokensFile: string;
  seeded: { seededAt: string; summary: SeedSummary };
  firstStart: boolean;
  elapsed: string;
}

/** The console a node's gateway serves, beside its GraphQL endpoint. */
function consoleUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, '/console/');
}

/** An address a browser on this machine can open: a wildcard listener is reached at the loopback. */
function browserHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/** A path as the user would type it from here: relative inside the working directory, else whole. */
function shownPath(p: string): string {
  const relative = path.relative(process.cwd(), p);
  return relative.startsWith('..') ? p : relative || '.';
}

function banner(f: BannerFacts): string {
  const viewer = f.tokens[0].byRole.find((r) => r.role === 'viewer')!.token;
  const query =
    '{ initiatives(first: 5, filter: {node: [\\"riyadh\\", \\"jeddah\\"]}) { totalCount edges { node { node code titleAr status rag lateDays } } } }';
  return [
    '',
    `mmhub demo federation: ${DEMO_NODES.join(' + ')} in one process, nothing else to run`,
    `  data    ${shownPath(f.root)}/<node> (PGlite per node; kept across restarts, --reset wipes it)`,
    '  events  one in-process bus: the hub takes every node’s events, the municipalities take the ministry’s',
    '',
    ...DEMO_NODES.map((node, i) => `  ${node.padEnd(9)} ${(i === 0 ? 'hub' : 'municipality').padEnd(13)} ${f.urls[i]}   ${nodeName(node).nameAr}`),
    '  (GraphiQL opens at each address in a browser)',
    '',
    'The console, per node (sign in there by choosing a role):',
    ...DEMO_NODES.map((node, i) => `  ${node.padEnd(9)} ${consoleUrl(f.urls[i])}`),
    '',
    f.firstStart ? `Seeded now: ${describeSeed(f.seeded.summary)}.` : `Data as the last run left it (seeded ${f.seeded.seededAt}).`,
    '',
    `Development tokens, one per role and node, valid ${TOKEN_TTL_SECONDS / 3600} hours (also in ${shownPath(f.tokensFile)}, for "source"):`,
    ...f.tokens.flatMap((t) => [`  ${t.node}`, ...t.byRole.map((r) => `    ${r.role.padEnd(9)} ${r.token}`)]),
    '',
    'Try: the hub answers with riyadh’s and jeddah’s initiatives',
    `  curl -s ${f.urls[0]} -H 'content-type: application/json' \\`,
    `    -H 'authorization: Bearer ${viewer}' \\`,
    `    -d '{"query":"${query}"}'`,
    '',
    `Ready in ${f.elapsed}. Stop with Ctrl+C; the data is kept.`,
    '',
  ].join('\n');
}
