import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, createLogger, startService, openDatabase, migrate, exitOnUnhandledErrors, type Config } from '../services/kernel/src';
import { services, serviceNamed } from './services';
import { prepareEmbeddedTemplate, startEmbedded, startEmbeddedNode } from './embedded';
import { writeSchemas } from './compose';
import { developmentToken } from './token';
import { progressBar, rebuildNode } from './rebuild';
import { startNode } from './node';
import { startGateway } from '../gateway/src/gateway';
import { eventsCommand } from './events';
import { formatStatus, nodeStatus } from './status';
import { buildSubgraph } from '../services/kernel/src';
import path from 'node:path';

const USAGE = `mmhub — the municipal media hub

Usage:
  mmhub start [--reset] [--data-dir <dir>]
                                       the demo federation in one process: ministry, riyadh, jeddah on PGlite
                                       (.mmhub/data) and an in-process bus, gateways on PORT (4000) and the next
                                       two ports; seeded on first start; --reset wipes the data
  mmhub prepare                        make the embedded database template the first start copies (npm ci runs it)
  mmhub serve [--data-dir <dir>]       the node: every service and its gateway, on PostgreSQL (DATABASE_URL)
                                       and Kafka (KAFKA_BROKERS); the gateway on PORT, the services after it.
                                       Without DATABASE_URL, on an embedded database (PGlite, kept in
                                       .mmhub/serve/<node> or <dir>/<node>) and an in-process bus: for development
  mmhub serve --service <name>         one service alone (PORT is its own; DATABASE_URL required)
  mmhub serve --service gateway        the gateway alone, for services at INITIATIVES_URL, CALENDAR_URL, MEDIA_URL
  mmhub migrate [--service <name>]     apply pending migrations (all services when none is named)
  mmhub compose                        write each subgraph's SDL and the supergraph to schema/
  mmhub rebuild [--node <code>]        rebuild the node's copies of other nodes' records from Kafka, from the
                                       beginning (run it with the node stopped)
  mmhub status --node <code>           the node's services: readiness, outbox backlog, consumer lag and, at the hub,
                                       each node's freshness, from /ready and /metrics (exit 1 when not all ready)
  mmhub events tail|export ...         the event streams as JSON lines or a CSV/JSONL file (mmhub events --help)
  mmhub token --node <code> --roles <r1,r2> [--sub <id>] [--ttl 8h]
                                       print a development token (refused in production mode)

Services: ${services.map((s) => s.name).join(', ')}
Options shared by every command: --node <code> (else NODE), --port <n> (else PORT).
Configuration is read from the environment; see the README for every variable.`;

async function main(argv: string[]): Promise<number> {
  // the analysts' commands have options of their own
  if (argv[0] === 'events') return eventsCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      node: { type: 'string' },
      port: { type: 'string' },
      roles: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      reset: { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const env = { ...process.env, ...(values.node ? { NODE: values.node } : {}), ...(values.port ? { PORT: values.port } : {}) };

  switch (command) {
    case 'serve': {
      const config = loadConfig(env);
      if (!values.service) {
        // without a database of its own the node runs on the embedded default, as each node of `mmhub start` does
        const node = config.databaseUrl ? await startNode({ env }) : await startEmbeddedNode({ env, dataDir: values['data-dir'] });
        onSignal(() => node.stop());
      } else if (values.service === 'gateway') {
        const gateway = await startGateway({ config, subgraphs: await remoteSubgraphs(config), log: createLogger(config.logLevel, { node: config.node, service: 'gateway' }) });
        onSignal(() => gateway.stop());
      } else {
        const running = await startService(serviceNamed(values.service), config);
        onSignal(() => running.stop());
      }
      return -1;
    }
    case 'migrate': {
      const config = loadConfig(env);
      if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL: is required to migrate']);
      const log = createLogger(config.logLevel, { node: config.node });
      for (const def of values.service ? [serviceNamed(values.service)] : services) {
        const orm = await openDatabase({ url: config.databaseUrl, schema: def.name, entities: def.entities, migrations: def.migrations, poolMax: 1, log });
        try {
          const applied = await migrate(orm);
          log.info({ service: def.name, applied }, applied.length ? 'migrations applied' : 'schema up to date');
        } finally {
          await orm.close();
        }
      }
      return 0;
    }
    case 'start': {
      const embedded = await startEmbedded({ env, reset: Boolean(values.reset), dataDir: values['data-dir'] });
      onSignal(() => embedded.stop());
      return -1;
    }
    case 'prepare': {
      // run by npm at installation; a failure only makes the first start slower
      try {
        const config = loadConfig({ ...env, NODE: 'ministry' });
        const done = await prepareEmbeddedTemplate(createLogger(config.logLevel, { footprint: 'embedded' }));
        process.stderr.write(`mmhub: the embedded database template is ${done === 'made' ? 'ready' : 'already there'}\n`);
      } catch (e) {
        process.stderr.write(`mmhub: the embedded database template was not made (${(e as Error).message}); the first start makes it\n`);
      }
      return 0;
    }
    case 'rebuild': {
      const config = loadConfig(env);
      const started = Date.now();
      const result = await rebuildNode(config, progressBar());
      process.stderr.write('\n');
      for (const [consumer, n] of Object.entries(result.byConsumer)) process.stdout.write(`${consumer.padEnd(28)} ${n} events applied\n`);
      process.stdout.write(`rebuilt ${config.node}: ${result.records} records read, ${result.applied} events applied in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return 0;
    }
    case 'compose': {
      for (const file of await writeSchemas(path.resolve(__dirname, '../../schema'))) process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
      return 0;
    }
    case 'status': {
      const report = await nodeStatus(loadConfig(env));
      process.stdout.write(formatStatus(report));
      return report.healthy ? 0 : 1;
    }
    case 'token': {
      const config = loadConfig(env);
      process.stdout.write(`${await developmentToken(config, values)}\n`);
      return 0;
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

/** The services a lone gateway fronts: their SDL from this code, their address from configuration. */
async function remoteSubgraphs(config: Config) {
  const found = [];
  for (const def of services) {
    const url = config.gateway.subgraphUrls[def.name];
    if (url) found.push({ name: def.name, url, sdl: (await buildSubgraph(def.subgraph)).sdl });
  }
  if (!found.length) throw new ConfigError(['INITIATIVES_URL, CALENDAR_URL, MEDIA_URL: a gateway alone needs the URL of at least one service']);
  return found;
}

function onSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping...\n`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

exitOnUnhandledErrors();
main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof ConfigError ? e.message : `mmhub: ${(e as Error).message}`}\n`);
    process.exit(e instanceof ConfigError ? 78 : 1);
  },
);
