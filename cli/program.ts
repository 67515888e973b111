import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, Option } from 'commander';
import { ConfigError, NODE_CODE, loadConfig, type Config } from '../services/kernel/src/config';
import { createLogger } from '../services/kernel/src/observability';
import { EVENTS_HELP } from './events-help';
import { EXIT, Failure, UsageError } from './errors';
import type { Io } from './io';

export { EXIT };
export type { Io };

export interface RunContext {
  env: Record<string, string | undefined>;
  io: Io;
  /** Set by a command that keeps running (a server): its stop, called on SIGINT and SIGTERM. */
  keepRunning?: () => Promise<void>;
}

// the project's root from cli/ (the sources) or dist/cli/ (the compiled code)
const ROOT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')].find((d) => existsSync(path.join(d, 'package.json')))!;
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const EXIT_CODES = `
Exit codes:
  0   done
  1   failed (the message says why)
  2   used wrongly: an unknown command or option, a missing or bad argument
  78  the configuration is wrong (the message names the variable)

Configuration is read from the environment: docs/configuration.md lists every variable.`;

/** --node and --port, which override the environment's for one command. */
function nodeOptions(cmd: Command, o: { port: boolean } = { port: true }): Command {
  cmd.option('--node <code>', "the node, e.g. riyadh (else the environment's MMHUB_NODE)");
  // offered only where a port is used: a command that would ignore it does not take it
  return o.port ? cmd.option('--port <n>', "the gateway's port (else MMHUB_PORT)") : cmd;
}

/** The environment with the command's --node and --port applied; a bad value is the option's fault, named as such. */
function envOf(ctx: RunContext, o: { node?: string; port?: string }): Record<string, string | undefined> {
  if (o.port !== undefined && (!/^\d{1,5}$/.test(o.port) || Number(o.port) > 65535)) {
    throw new UsageError(`--port takes a port number from 0 to 65535; got "${o.port.slice(0, 40)}"`);
  }
  if (o.node !== undefined && !NODE_CODE.test(o.node)) {
    throw new UsageError(`--node takes a node code such as riyadh (lower-case letters, digits and -); got "${o.node.slice(0, 40)}"`);
  }
  return { ...ctx.env, ...(o.node ? { MMHUB_NODE: o.node } : {}), ...(o.port ? { MMHUB_PORT: o.port } : {}) };
}

// the commands load what they use when they run: help, --version and token answer at once
const load = <T>(module: string): T => require(module) as T;
const SERVICE_NAMES = 'initiatives, calendar, media';

/** The services a lone gateway fronts: their SDL from this code, their address from configuration. */
async function remoteSubgraphs(config: Config) {
  const { services } = load<typeof import('./services')>('./services');
  const { buildSubgraph } = load<typeof import('../services/kernel/src/graphql')>('../services/kernel/src/graphql');
  const found = [];
  for (const def of services) {
    const url = config.gateway.subgraphUrls[def.name];
    if (url) found.push({ name: def.name, url, sdl: (await buildSubgraph(def.subgraph)).sdl });
  }
  if (!found.length)
    throw new ConfigError(['MMHUB_INITIATIVES_URL, MMHUB_CALENDAR_URL, MMHUB_MEDIA_URL: a gateway alone needs the URL of at least one service']);
  return found;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The whole command line: each command with its own help, options and exit codes. */
export function buildProgram(ctx: RunContext): Command {
  const { io } = ctx;
  const out = (text: string) => void io.stdout.write(text);
  const program = new Command('mmhub')
    .description('mmhub — the municipal media hub: initiatives, the unified media calendar and media messages, for every municipality and the ministry')
    .version(VERSION, '-V, --version', 'print the version')
    .helpCommand('help [command]', 'the help of a command')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) })
    .addHelpText('after', EXIT_CODES);

  program
    .command('start')
    .description(
      'the demo federation in one process: ministry, riyadh and jeddah on embedded databases (.mmhub/data) and an in-process bus, gateways on MMHUB_PORT (4000) and the next two ports; seeded on first start',
    )
    .option('--reset', 'wipe the data and seed again')
    .option('--data-dir <dir>', 'where the data is kept (default .mmhub/data)')
    .option('--port <n>', "the ministry's gateway port (else MMHUB_PORT)")
    .action(async (o: { reset?: boolean; dataDir?: string; port?: string }) => {
      const { startEmbedded } = load<typeof import('./embedded')>('./embedded');
      const embedded = await startEmbedded({ env: envOf(ctx, o), reset: Boolean(o.reset), dataDir: o.dataDir });
      ctx.keepRunning = () => embedded.stop();
    });

  program
    .command('prepare')
    .description('make the embedded database template the first start copies (npm ci runs it)')
    .action(async () => {
      // run by npm at installation; a failure only makes the first start slower
      try {
        const config = loadConfig({ ...ctx.env, MMHUB_NODE: 'ministry' });
        const { prepareEmbeddedTemplate } = load<typeof import('./embedded')>('./embedded');
        const done = await prepareEmbeddedTemplate(createLogger(config.logLevel, { footprint: 'embedded' }));
        io.stderr.write(`mmhub: the embedded database template is ${done === 'made' ? 'ready' : 'already there'}\n`);
      } catch (e) {
        io.stderr.write(`mmhub: the embedded database template was not made (${(e as Error).message}); the first start makes it\n`);
      }
    });

  nodeOptions(
    program
      .command('serve')
      .description(
        'the node: every service and its gateway, on PostgreSQL (MMHUB_DATABASE_URL) and Kafka (MMHUB_KAFKA_BROKERS); the gateway on MMHUB_PORT, the services on the three ports after it. ' +
          'Without MMHUB_DATABASE_URL, on an embedded database (kept in .mmhub/serve/<node>) and an in-process bus, for development',
      )
      .option(
        '--service <name>',
        `one process alone: ${SERVICE_NAMES} (on its own MMHUB_PORT, MMHUB_DATABASE_URL required) or gateway (for services at MMHUB_INITIATIVES_URL, MMHUB_CALENDAR_URL, MMHUB_MEDIA_URL)`,
      )
      .option('--data-dir <dir>', 'where an embedded node keeps its database (default .mmhub/serve)'),
  ).action(async (o: { service?: string; dataDir?: string; node?: string; port?: string }) => {
    const env = envOf(ctx, o);
    const config = loadConfig(env);
    const alone = o.service && o.service !== 'gateway' ? await serviceOrUsage(o.service) : undefined;
    const { requireServePortsFree } = load<typeof import('./ports')>('./ports');
    // what the configuration lacks is said first: ports another program holds are checked only once it is complete
    const portsFree = () =>
      requireServePortsFree(
        config,
        load<typeof import('./services')>('./services').services.map((s) => s.name),
        o.service,
      );
    if (!o.service) {
      const { startNode } = load<typeof import('./node')>('./node');
      const { embeddedNodeConfig, startEmbeddedNode } = load<typeof import('./embedded')>('./embedded');
      // without a database of its own the node runs on the embedded default, as each node of `mmhub start` does
      if (!config.databaseUrl) embeddedNodeConfig(env);
      await portsFree();
      const node = config.databaseUrl ? await startNode({ env }) : await startEmbeddedNode({ env, dataDir: o.dataDir });
      ctx.keepRunning = () => node.stop();
    } else if (o.service === 'gateway') {
      const { startGateway } = load<typeof import('../gateway/src/gateway')>('../gateway/src/gateway');
      const subgraphs = await remoteSubgraphs(config);
      await portsFree();
      const gateway = await startGateway({ config, subgraphs, log: createLogger(config.logLevel, { node: config.node, service: 'gateway' }) });
      ctx.keepRunning = () => gateway.stop();
    } else {
      const { serviceDatabaseUrl, startService } = load<typeof import('../services/kernel/src/service')>('../services/kernel/src/service');
      serviceDatabaseUrl(alone!.name, config);
      await portsFree();
      const running = await startService(alone!, config);
      ctx.keepRunning = () => running.stop();
    }
  });

  nodeOptions(
    program
      .command('migrate')
      .description("apply pending migrations to the node's database (MMHUB_DATABASE_URL): every service's, or one's")
      .option('--service <name>', `only this service: ${SERVICE_NAMES}`),
    { port: false },
  ).action(async (o: { service?: string; node?: string }) => {
    const config = loadConfig(envOf(ctx, o));
    if (!config.databaseUrl) throw new ConfigError(['MMHUB_DATABASE_URL: is required to migrate']);
    const log = createLogger(config.logLevel, { node: config.node });
    const { services } = load<typeof import('./services')>('./services');
    const { openDatabase, migrate } = load<typeof import('../services/kernel/src/db')>('../services/kernel/src/db');
    for (const def of o.service ? [await serviceOrUsage(o.service)] : services) {
      const orm = await openDatabase({ url: config.databaseUrl, schema: def.name, entities: def.entities, migrations: def.migrations, poolMax: 1, log });
      try {
        const applied = await migrate(orm);
        log.info({ service: def.name, applied }, applied.length ? 'migrations applied' : 'schema up to date');
      } finally {
        await orm.close();
      }
    }
  });

  program
    .command('compose')
    .description("write each subgraph's SDL, the supergraph and the clients' API schema to schema/")
    .action(async () => {
      const { writeSchemas } = load<typeof import('./compose')>('./compose');
      for (const file of await writeSchemas(path.join(ROOT, 'schema'))) out(`wrote ${path.relative(process.cwd(), file)}\n`);
    });

  nodeOptions(
    program.command('rebuild').description("rebuild the node's copies of other nodes' records from Kafka, from the beginning (run it with the node stopped)"),
    { port: false },
  ).action(async (o: { node?: string }) => {
    const config = loadConfig(envOf(ctx, o));
    const started = Date.now();
    const { rebuildNode } = load<typeof import('./rebuild')>('./rebuild');
    const { progress } = load<typeof import('./progress')>('./progress');
    const bar = progress(io.stderr);
    const result = await rebuildNode(config, (done, total, label) => bar.update(done, total, label), undefined, io.stderr);
    bar.finish();
    for (const [consumer, n] of Object.entries(result.byConsumer)) out(`${consumer.padEnd(28)} ${n} events applied\n`);
    const dead = result.deadLettered ? `, ${result.deadLettered} records not applied (sent to the dead-letter topics)` : '';
    out(`rebuilt ${config.node}: ${result.records} records read, ${result.applied} events applied${dead} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  nodeOptions(
    program
      .command('status')
      .description(
        "the node's processes, each found by the node and service it names itself: readiness, outbox backlog, consumer lag and, at the hub, each node's freshness",
      )
      .addHelpText('after', '\nExits 0 when the gateway and every service are ready, 1 otherwise, with the reasons.'),
  ).action(async (o: { node?: string; port?: string }) => {
    const { nodeStatus, formatStatus } = load<typeof import('./status')>('./status');
    const report = await nodeStatus(loadConfig(envOf(ctx, o)));
    out(formatStatus(report));
    if (!report.healthy) throw new Failure(`mmhub status: ${report.node} is not healthy`);
  });

  nodeOptions(
    program
      .command('token')
      .description("print a development token for the node (--node, else the environment's MMHUB_NODE); refused in production mode")
      .requiredOption('--roles <r1,r2>', 'viewer, editor, reviewer, admin, analyst: one or more, comma-separated')
      .option('--sub <id>', 'the subject (default <node>-<roles>)')
      .option('--ttl <duration>', 'the lifetime, longer than zero and at most 366d: 30m, 8h, 2d', '8h'),
    { port: false },
  ).action(async (o: { roles: string; sub?: string; ttl: string; node?: string }) => {
    const config = loadConfig(envOf(ctx, o));
    try {
      const { developmentToken } = load<typeof import('./token')>('./token');
      out(`${await developmentToken(config, o)}\n`);
    } catch (e) {
      if (/^--/.test((e as Error).message)) throw new UsageError((e as Error).message);
      throw e;
    }
  });

  nodeOptions(
    program
      .command('export')
      .description(
        "open data: the node's initiatives, progress reports, calendar (campaigns) or media messages as its API gives them to the caller (drafts only to those who may read them); the hub exports the whole sector's copies",
      )
      .addArgument(new Argument('<what>', 'what to export').choices(['initiatives', 'progress', 'calendar', 'messages']))
      .addOption(
        new Option('--format <format>', 'csv (UTF-8 with a BOM, one column per field), json (an array) or ndjson (an object a line)')
          .choices(['csv', 'json', 'ndjson'])
          .default('csv'),
      )
      .option('--out <file>', 'the file (written whole or not at all), or - for stdout', '-')
      .addOption(new Option('--headers <language>', 'CSV column headers in Arabic or English').choices(['ar', 'en']).default('en'))
      .option('--gateway <url>', "the node's gateway (else http://MMHUB_HOST:MMHUB_PORT of the node)")
      .option('--token <token>', "the caller's token (else, in development, a viewer's of the node)")
      .addHelpText(
        'after',
        '\nThe same files are downloaded at the gateway: GET /export/<what>.csv (.json, .ndjson) with "Authorization: Bearer <token>". See docs/open-data.md.',
      ),
  ).action(
    async (what: string, o: { format: string; out: string; headers: string; gateway?: string; token?: string; node?: string; port?: string }, cmd: Command) => {
      if (o.format !== 'csv' && cmd.getOptionValueSource('headers') === 'cli') {
        throw new UsageError(`--headers applies to CSV only (its column headers); ${o.format} keeps the API's field names`);
      }
      const config = loadConfig(envOf(ctx, o));
      const { exportData } = load<typeof import('./export')>('./export');
      await exportData(
        { what: what as never, format: o.format as never, out: o.out, headers: o.headers as never, gateway: o.gateway, token: o.token },
        config,
        io,
      );
    },
  );

  const events = program
    .command('events')
    .description('the event streams, for analysts: tail follows live, export writes a period to a file')
    .addHelpText('after', EVENTS_HELP);
  events
    .command('tail')
    .description('every event as a JSON line (a CloudEvent in JSON format) on stdout, then follows live until Ctrl-C')
    .option('--type <t>', 'an event type or a pattern: mmhub.initiative.*, *.cancelled.v1 (repeat it or separate with commas)', collect)
    .option('--node <n>', 'the owner node (repeat it or separate with commas)', collect)
    .option('--since <time>', '2026-03-01 (midnight in Riyadh), 2026-03-01T09:00:00+03:00, or a while ago: 90m, 6h, 7d; default now')
    .option(
      '--gateway <url>',
      "follow the events subscription of this node's gateway instead of Kafka (without a broker, as on the demo, the node's own gateway is followed)",
    )
    .option('--token <token>', "an analyst's or admin's token for --gateway (else, in development, the node's analyst's)")
    .option('--port <n>', "follow the gateway of the node at this port instead of Kafka (else MMHUB_PORT's, when no broker answers or it has none)")
    .addOption(new Option('--until <time>').hideHelp())
    .addOption(new Option('--format <f>').hideHelp())
    .addOption(new Option('--out <file>').hideHelp())
    .action(
      async (o: {
        type?: string[];
        node?: string[];
        since?: string;
        until?: string;
        format?: string;
        out?: string;
        gateway?: string;
        token?: string;
        port?: string;
      }) => {
        if (o.until || o.format || o.out) throw new UsageError('tail follows live: --until, --format and --out belong to export');
        const { eventsTail } = load<typeof import('./events')>('./events');
        // --node filters the events here; only --port says where the node is
        await eventsTail(o, envOf(ctx, { port: o.port }), io);
      },
    );
  events
    .command('export')
    .description('the events published in [since, until) to a file, a progress bar on stderr and a count per type')
    .requiredOption('--since <time>', 'the start: 2026-03-01, 2026-03-01T09:00:00+03:00, 7d')
    .requiredOption('--until <time>', 'the end (excluded): a time as for --since, or now')
    .requiredOption('--format <format>', 'csv or jsonl')
    .requiredOption('--out <file>', 'the file, or - for stdout')
    .option('--type <t>', 'an event type or a pattern (repeat it or separate with commas)', collect)
    .option('--node <n>', 'the owner node (repeat it or separate with commas)', collect)
    .option('--arabic-headers', 'CSV column headers in Arabic')
    .action(async (o: { since: string; until: string; format: string; out: string; type?: string[]; node?: string[]; arabicHeaders?: boolean }) => {
      const { eventsExport } = load<typeof import('./events')>('./events');
      await eventsExport(o, ctx.env, io);
    });

  return program;
}

async function serviceOrUsage(name: string) {
  const { serviceNamed } = load<typeof import('./services')>('./services');
  try {
    return serviceNamed(name);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Runs the command line; resolves with the exit code, or -1 when a server keeps running (then `ctx.keepRunning` stops it). */
export async function run(argv: string[], ctx: RunContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    // commander answers `help <unknown>` with the general help and no word about the unknown name
    const [first, asked] = argv;
    if (first === 'help' && asked && !program.commands.some((c) => c.name() === asked)) throw new UsageError(`unknown command '${asked.slice(0, 40)}'`);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.keepRunning ? -1 : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help or the version asked for; else commander has said what is wrong with the command line
      const asked = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code) && e.exitCode === 0;
      return asked ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      ctx.io.stderr.write(`error: ${e.message}\n(see mmhub ${commandOf(argv)}--help)\n`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      ctx.io.stderr.write(`${e.message}\n`);
      return EXIT.configuration;
    }
    if (e instanceof Failure) return EXIT.failure;
    ctx.io.stderr.write(`mmhub: ${(e as Error).message}\n`);
    return EXIT.failure;
  }
}

/** `events export ` of an argv, for pointing at the right help. */
function commandOf(argv: string[]): string {
  const words = argv.slice(0, 2).filter((a) => !a.startsWith('-'));
  return words.length && words[0] === 'events' ? `${words.join(' ')} ` : words.length ? `${words[0]} ` : '';
}

/** `mmhub events <argv>`, with the environment and streams given: for tests. */
export function eventsCommand(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  return run(['events', ...argv], { env, io });
}
