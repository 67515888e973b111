import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfigError, type Config } from '../config/config';
import { openDatabase, migrate, databaseReachable } from '../db/orm';
import { createLogger } from '../observability/logger';
import { KafkaBus } from '../events/kafka-bus';
import { MemoryBus } from '../events/memory-bus';
import { OutboxEntry, recordedEvents } from '../events/outbox';
import { OutboxRelay } from '../events/relay';
import { EventConsumer } from '../events/consumer';
import { EventIntake } from '../events/intake';
import { topicOf, dlqOf } from '../events/cloudevent';
import { buildSubgraph, type SubgraphDefinition } from '../graphql/subgraph';
import { requireCallerOnEveryRootField } from '../graphql/caller-guard';
import { formatError } from '../graphql/errors';
import { graphqlEventStream } from '../graphql/event-stream';
import { JournalBell, journalEvents } from '../events/journal';
import { RetentionPruner } from '../events/retention';
import type { RequestContext } from '../graphql/context';
import { createGatewayProofVerifier, gatewayProofOf, type GatewayProofVerifier } from '../auth/gateway-proof';
import type { Caller } from '../auth/caller';
import { systemClock } from '../domain/time';
import { noteFreshness } from '../nodes/freshness';
import { NODES_TOPIC, startHeartbeats } from '../nodes/heartbeat';
import { ServiceTelemetry } from '../observability/service-telemetry';
import { startTracing } from '../observability/tracing';
import type { RunningService, ServiceDefinition, ServiceRuntime, StartOptions } from './definition';
import { schemaOf, acceptedBy } from './definition';
import { joinBus, runStops, type Stop } from './lifecycle';
import { MAX_GRAPHQL_BODY_BYTES, isPlainGraphQLPost, serveGraphQLPost } from './graphql-http';

/** The database a service alone runs on: it has no embedded default. */
export function serviceDatabaseUrl(service: string, config: Config): string {
  if (!config.databaseUrl) throw new ConfigError([`MMHUB_DATABASE_URL: is required to serve the ${service} service`]);
  return config.databaseUrl;
}

/** One readable pass: database → migrations → bus → relay and consumers → GraphQL → listen. */
export async function startService<C extends RequestContext>(def: ServiceDefinition<C>, config: Config, options: StartOptions = {}): Promise<RunningService> {
  const log = options.log ?? createLogger(config.logLevel, { node: config.node, service: def.name });
  const clock = options.clock ?? systemClock;
  const databaseUrl = serviceDatabaseUrl(def.name, config);
  // before the database opens: the pg instrumentation hooks the driver as it loads
  startTracing({ endpoint: config.observability.otlpEndpoint, serviceName: config.observability.serviceName });
  const telemetry = new ServiceTelemetry({ config, service: def.name, log });
  const schema = schemaOf(def.name);
  const orm = await openDatabase({
    url: databaseUrl,
    schema,
    entities: [...def.entities, OutboxEntry],
    migrations: def.migrations,
    poolMax: config.dbPoolMax,
    log,
    onQuery: options.onQuery,
  });
  const stops: Stop[] = [
    ['database', () => orm.close()],
    ['telemetry', () => telemetry.close()],
  ];
  try {
    const shouldMigrate = options.migrate ?? config.mode === 'development';
    if (shouldMigrate) {
      const applied = await migrate(orm);
      if (applied.length) log.info({ applied }, 'migrations applied');
    } else {
      const pending = await orm.getMigrator().getPendingMigrations();
      if (pending.length) throw new Error(`${pending.length} migration(s) pending for ${schema}: run "mmhub migrate" first`);
    }
    if (def.upkeep) await def.upkeep({ orm, log });

    await telemetry.checkOutbox(orm, schema);

    const bus =
      options.bus ??
      (config.bus === 'memory' ? new MemoryBus() : new KafkaBus({ ...config.kafka, clientId: `${config.kafka.clientId}-${config.node}-${def.name}`, log }));
    if (!options.bus) stops.unshift(['event bus', () => bus.close()]);
    const topic = topicOf(def.name);
    const relay = new OutboxRelay({
      orm,
      schema,
      bus,
      log,
      batchSize: config.outbox.batchSize,
      pollMs: config.outbox.pollMs,
      // a server's commits, whichever process made them, wake the relay; the embedded footprint wakes it in-process
      listenUrl: config.bus === 'kafka' ? databaseUrl : undefined,
      observer: telemetry.relayObserver(),
    });

    const journal = new JournalBell();
    const journalFromBeginning = config.journalHistory === 'all';
    const consumers = (def.consumers ?? []).map((c) => {
      // a consumer that recorded events of its own (a remote review applied here) has them published at once, as a request's commit does
      let recorded = false;
      return new EventConsumer({
        name: `${config.kafka.clientId}.${config.node}.${def.name}.${c.name}`,
        orm,
        schema,
        bus,
        topics: c.topics,
        log,
        accept: acceptedBy(c, config),
        // the freshness of each origin node is noted in the same transaction as what it sent
        apply: async (em, events) => {
          await c.apply(em, events);
          recorded ||= recordedEvents(em);
          if (c.journal) await journalEvents(em, schema, events);
          else await noteFreshness(em, schema, events);
        },
        afterCommit: () => {
          // subscriptions waiting in this process read the new events at once
          if (c.journal) journal.ring();
          if (recorded) relay.wake();
          recorded = false;
        },
        fromBeginning: c.journal ? journalFromBeginning : (c.fromBeginning ?? true),
        observer: telemetry.consumerObserver(c.name, c.topics),
      });
    });
    // one group and one transaction a batch for all the consumers that read from the same point
    const group = `${config.kafka.clientId}.${config.node}.${def.name}`;
    const intakes = [true, false]
      .map((fromBeginning) => ({ fromBeginning, members: consumers.filter((c) => c.fromBeginning === fromBeginning) }))
      .filter((g) => g.members.length)
      .map(
        (g) =>
          new EventIntake({ name: g.fromBeginning ? group : `${group}.from-now`, orm, schema, bus, log, fromBeginning: g.fromBeginning, consumers: g.members }),
      );
    const joined = await joinBus(bus, [topic, dlqOf(topic), NODES_TOPIC], intakes, log);
    relay.start();
    const pruner = new RetentionPruner({ orm, schema, retention: config.retention, log });
    pruner.start();
    stops.unshift(['retention pruner', () => pruner.stop()]);
    const stopHeartbeats = startHeartbeats(bus, { node: config.node, role: config.role, service: def.name }, config.nodes.heartbeatSeconds * 1000, log);
    // at shutdown: no consumer joins any more, they leave their groups together (each may wait out a fetch in flight), then the relay drains
    stops.unshift(
      ['joining consumers', joined.stop],
      ['consumers', () => Promise.all(intakes.map((c) => c.stop()))],
      ['outbox relay', () => relay.stop()],
      ['heartbeats', stopHeartbeats],
    );
    if (config.observability.metrics) {
      const groups = (def.consumers ?? []).map((c, i) => ({ name: c.name, groupId: consumers[i].intake!.name, topics: c.topics }));
      telemetry.watch({ orm, schema, relay, bus, consumers: groups });
    }

    const { schema: graphqlSchema, sdl } = await guardedSubgraph(def.subgraph, config.auth.allowAnonymousRead);
    const app = express();
    app.disable('x-powered-by');
    // an ordinary GraphQL POST is answered without Express (see graphql-http.ts); everything else goes through it
    let plainPost: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
    const server = http.createServer((req, res) => (plainPost && isPlainGraphQLPost(req) ? plainPost(req, res) : app(req, res)));
    const apollo = new ApolloServer<C>({
      schema: graphqlSchema,
      introspection: config.mode === 'development',
      // without introspection, no error names a field the caller did not write
      hideSchemaDetailsFromClientErrors: config.mode !== 'development',
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      formatError: formatError(log),
      // the process that runs the service decides when it stops: Apollo's own handlers would stop the server and raise the signal again, beside ours
      stopOnTerminationSignals: false,
      // no field carries a cache hint, and Apollo's cache-control plugin wraps every field's resolver to look for one: the header is set once below
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer: server }),
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        telemetry.apolloPlugin(),
      ],
    });
    await apollo.start();
    stops.unshift(['GraphQL server', () => apollo.stop()]);

    const runtime: ServiceRuntime = { config, orm, bus, log };
    app.get('/health', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/ready', async (_req, res) => {
      const [database, broker] = await Promise.all([databaseReachable(orm), bus.reachable()]);
      const ready = database && broker && joined.done;
      // the process names itself, so that `mmhub status` never takes another node's process for this one
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'not ready',
        node: config.node,
        service: def.name,
        database,
        bus: broker,
        consumers: joined.done ? 'joined' : 'joining',
      });
    });
    if (config.observability.metrics) app.get('/metrics', telemetry.metricsRoute());
    def.routes?.(app, runtime);

    const verifyProof = createGatewayProofVerifier(config.gatewaySecret, config.node);
    const origin = { node: config.node, service: def.name };
    const contextFor = async (req: http.IncomingMessage, signal: AbortSignal): Promise<C> => {
      const caller = await callerFromGateway(req, verifyProof);
      const em = orm.em.fork();
      const base: RequestContext = {
        em,
        caller,
        origin,
        role: config.role,
        nodeStaleAfterSeconds: config.nodes.staleAfterSeconds,
        // copies read from the beginning: a journal that does too is applied in their group and transaction
        journalWithCopies: journalFromBeginning,
        clock,
        log,
        journal,
        signal,
        transact: async <T>(work: (em: EntityManager) => Promise<T>) => {
          const result = await em.transactional(work);
          relay.wake();
          return result;
        },
      };
      return def.extendContext(base);
    };
    app.use(
      '/graphql',
      express.json({ limit: MAX_GRAPHQL_BODY_BYTES }),
      // an answer is the caller's own: nothing on the way keeps it
      (_req: express.Request, res: express.Response, next: express.NextFunction) => {
        res.setHeader('cache-control', 'no-store');
        next();
      },
      telemetry.traceRequests(),
      graphqlEventStream<C>({ schema: graphqlSchema, context: contextFor, format: formatError(log), log, hideSchemaDetails: config.mode !== 'development' }),
      expressMiddleware(apollo, {
        // an ordinary request ends with its answer: nothing waits on its signal
        context: async ({ req }) => contextFor(req, NEVER_ABORTED),
      }),
    );

    plainPost = serveGraphQLPost<C>({ apollo, context: (req) => contextFor(req, NEVER_ABORTED), around: telemetry.traceRequests() as never });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    stops.unshift(['HTTP server', () => new Promise((resolve) => server.close(() => resolve(undefined)))]);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host}:${port}/graphql`;
    log.info({ url }, `${def.name} service ready`);

    let stopped: Promise<void> | undefined;
    return {
      name: def.name,
      config,
      orm,
      bus,
      log,
      url,
      port,
      relay,
      consumers,
      sdl,
      joined: joined.all,
      stop: () => (stopped ??= runStops(stops, log)),
    };
  } catch (e) {
    await runStops(stops, log);
    throw e;
  }
}

/** Each service's schema, built once per process: the demo's nodes in one thread serve the same one (resolvers read all they need from the request's context). */
const builtSubgraphs = new WeakMap<SubgraphDefinition, Map<boolean, Promise<{ schema: GraphQLSchema; sdl: string }>>>();

function guardedSubgraph(def: SubgraphDefinition, allowAnonymousRead: boolean): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const byAccess = builtSubgraphs.get(def) ?? new Map<boolean, Promise<{ schema: GraphQLSchema; sdl: string }>>();
  builtSubgraphs.set(def, byAccess);
  let built = byAccess.get(allowAnonymousRead);
  if (!built) {
    built = buildSubgraph(def).then((b) => ({ schema: requireCallerOnEveryRootField(b.schema, allowAnonymousRead), sdl: b.sdl }));
    // a failed build is tried again by the next start
    built.catch(() => byAccess.delete(allowAnonymousRead));
    byAccess.set(allowAnonymousRead, built);
  }
  return built;
}

const NEVER_ABORTED = new AbortController().signal;

/** Subgraphs answer only their node's gateway, which has verified the caller's token. */
async function callerFromGateway(req: http.IncomingMessage, verify: GatewayProofVerifier): Promise<Caller | null> {
  const proof = await gatewayProofOf(req.headers, verify);
  if (!proof) {
    throw new GraphQLError("Call this service through its node's gateway.", {
      extensions: { code: 'UNAUTHENTICATED', messageAr: 'استدعِ هذه الخدمة عبر البوابة الخاصة بعقدتها.', http: { status: 401 } },
    });
  }
  return proof.caller;
}
