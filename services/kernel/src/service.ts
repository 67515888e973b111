import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EntityClass, EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, type Config } from './config/config';
import { openDatabase, migrate, databaseReachable, type NamedMigration } from './db/orm';
import { createLogger, type Logger } from './logger';
import type { EventBus } from './events/bus';
import { KafkaBus } from './events/kafka-bus';
import { MemoryBus } from './events/memory-bus';
import { OutboxEntry } from './events/outbox';
import { OutboxRelay } from './events/relay';
import { retryDelayMs, wakeableWait } from './events/wait';
import { EventConsumer, EventIntake } from './events/consumer';
import { topicOf, dlqOf, type EventEnvelope } from './events/cloudevent';
import type { ReceivedOf, ServiceEvents, TypedEvent } from './events/schemas/event';
import { isKnownEventType } from './events/schemas/catalog';
import { buildSubgraph, type SubgraphDefinition } from './graphql/subgraph';
import { requireCallerOnEveryRootField } from './graphql/caller-guard';
import { formatError } from './graphql/errors';
import { graphqlEventStream } from './graphql/event-stream';
import { JournalBell, journalEvents } from './events/journal';
import { RetentionPruner } from './events/retention';
import type { RequestContext } from './graphql/context';
import { createGatewayProofVerifier, GATEWAY_PROOF_HEADER } from './auth/gateway-proof';
import type { Caller } from './auth/caller';
import { systemClock, type Clock } from './domain/time';
import { noteFreshness } from './nodes/freshness';
import { NODES_TOPIC, startHeartbeats } from './nodes/heartbeat';
import { ServiceTelemetry } from './observability/service-telemetry';
import { startTracing } from './observability/tracing';

export type ServiceName = 'initiatives' | 'calendar' | 'media';

/**
 * A consumer of the events `events` lists (the producers' own definitions), which it receives
 * validated and typed; the other records of its topics pass it by. Without `events`, every record
 * of its topics, its data unknown.
 */
export interface ConsumerDefinition<D extends TypedEvent = TypedEvent> {
  /** Suffix of the consumer's name; the group is `<client id>.<node>.<service>.<name>`. */
  name: string;
  topics: string[];
  events?: readonly D[];
  /** Decided on the envelope, before the data is read. */
  accept(e: EventEnvelope, config: Config): boolean;
  apply(em: EntityManager, events: ReceivedOf<D>[]): Promise<void>;
  /** Read the topics from their beginning when the group is new (default), or from now. */
  fromBeginning?: boolean;
  /** The tables this consumer fills, which `mmhub rebuild` clears first: other nodes' rows, or all. */
  rebuilds?: { table: string; allRows?: boolean }[];
  /** Keeps what it takes in in the service's journal, which subscriptions read; it notes no freshness. */
  journal?: boolean;
}

export interface ServiceRuntime {
  config: Config;
  orm: MikroORM;
  bus: EventBus;
  log: Logger;
}

/** What makes one service: its schema, tables, GraphQL types, loaders and the events it takes in. */
export interface ServiceDefinition<C extends RequestContext = RequestContext> {
  name: ServiceName;
  /** The events it records, declared beside its aggregates. */
  events: ServiceEvents;
  entities: EntityClass<object>[];
  migrations: NamedMigration[];
  subgraph: SubgraphDefinition;
  /** Adds the service's own fields (DataLoaders, ...) to the request context. */
  extendContext: (base: RequestContext) => C;
  consumers?: ConsumerDefinition[];
  routes?: (app: Express, runtime: ServiceRuntime) => void;
  /** Brings stored rows up to what this version of the code derives from them (search keys), after the migrations and before serving. */
  upkeep?: (runtime: Pick<ServiceRuntime, 'orm' | 'log'>) => Promise<unknown>;
}

export interface StartOptions {
  bus?: EventBus;
  log?: Logger;
  clock?: Clock;
  /** Apply pending migrations at start (default: in development mode). */
  migrate?: boolean;
  onQuery?: (sql: string) => void;
}

export interface RunningService extends ServiceRuntime {
  name: ServiceName;
  url: string;
  port: number;
  relay: OutboxRelay;
  consumers: EventConsumer[];
  sdl: string;
  /** Resolves once every consumer has joined its group: the service serves before, and says so at /ready. */
  joined: Promise<void>;
  stop(): Promise<void>;
}

export const schemaOf = (name: ServiceName): string => name;

/**
 * Which records a consumer takes in: as it decides, and of the types it lists. A type no schema
 * describes goes on to be refused and dead-lettered, as for any consumer; a consumer lists every
 * service whose topic it reads (their modules then catalogue those types in this process).
 */
export function acceptedBy(c: ConsumerDefinition, config: Config): (e: EventEnvelope) => boolean {
  const types = c.events && new Set(c.events.map((d) => d.type));
  return (e) => (!types || types.has(e.type) || !isKnownEventType(e.type)) && c.accept(e, config);
}

/** One readable pass: database → migrations → bus → relay and consumers → GraphQL → listen. */
export async function startService<C extends RequestContext>(def: ServiceDefinition<C>, config: Config, options: StartOptions = {}): Promise<RunningService> {
  const log = options.log ?? createLogger(config.logLevel, { node: config.node, service: def.name });
  const clock = options.clock ?? systemClock;
  if (!config.databaseUrl) throw new ConfigError([`MMHUB_DATABASE_URL: is required to serve the ${def.name} service`]);
  // before the database opens: the pg instrumentation hooks the driver as it loads
  startTracing({ endpoint: config.observability.otlpEndpoint, serviceName: config.observability.serviceName });
  const telemetry = new ServiceTelemetry({ config, service: def.name, log });
  const schema = schemaOf(def.name);
  const orm = await openDatabase({
    url: config.databaseUrl,
    schema,
    entities: [...def.entities, OutboxEntry],
    migrations: def.migrations,
    poolMax: config.dbPoolMax,
    log,
    onQuery: options.onQuery,
  });
  const stops: Array<() => Promise<unknown>> = [() => orm.close(), () => telemetry.close()];
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
    if (!options.bus) stops.unshift(() => bus.close());
    const topic = topicOf(def.name);
    const relay = new OutboxRelay({
      orm,
      schema,
      bus,
      log,
      batchSize: config.outbox.batchSize,
      pollMs: config.outbox.pollMs,
      // a server's commits, whichever process made them, wake the relay; the embedded footprint wakes it in-process
      listenUrl: config.bus === 'kafka' ? config.databaseUrl : undefined,
      observer: telemetry.relayObserver(),
    });

    const journal = new JournalBell();
    const consumers = (def.consumers ?? []).map(
      (c) =>
        new EventConsumer({
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
            if (c.journal) await journalEvents(em, schema, events);
            else await noteFreshness(em, schema, events);
          },
          // subscriptions waiting in this process read the new events at once
          afterCommit: c.journal ? () => journal.ring() : undefined,
          fromBeginning: c.journal ? config.journalHistory === 'all' : (c.fromBeginning ?? true),
          observer: telemetry.consumerObserver(c.name, c.topics),
        }),
    );
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
    stops.unshift(() => pruner.stop());
    const stopHeartbeats = startHeartbeats(bus, { node: config.node, role: config.role, service: def.name }, config.nodes.heartbeatSeconds * 1000, log);
    // at shutdown: no consumer joins any more, they leave their groups together (each may wait out a fetch in flight), then the relay drains
    stops.unshift(
      joined.stop,
      () => Promise.all(intakes.map((c) => c.stop())),
      () => relay.stop(),
      stopHeartbeats,
    );
    if (config.observability.metrics) {
      const groups = (def.consumers ?? []).map((c, i) => ({ name: c.name, groupId: consumers[i].intake!.name, topics: c.topics }));
      telemetry.watch({ orm, schema, relay, bus, consumers: groups });
    }

    const { schema: graphqlSchema, sdl } = await guardedSubgraph(def.subgraph, config.auth.allowAnonymousRead);
    const app = express();
    app.disable('x-powered-by');
    const server = http.createServer(app);
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
    stops.unshift(() => apollo.stop());

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
    const contextFor = async (req: express.Request, signal: AbortSignal): Promise<C> => {
      const caller = await callerFromGateway(req.headers[GATEWAY_PROOF_HEADER], verifyProof);
      const em = orm.em.fork();
      const base: RequestContext = {
        em,
        caller,
        origin,
        role: config.role,
        nodeStaleAfterSeconds: config.nodes.staleAfterSeconds,
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
      express.json({ limit: '1mb' }),
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

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    stops.unshift(() => new Promise((resolve) => server.close(() => resolve(undefined))));
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

/**
 * Makes the service's topics, then has its consumers join their groups in the background: the
 * service serves at once (a node restarted after a crash may wait for its groups to rebalance), and
 * `done` says when all have joined. A broker that does not answer at start does not keep the service
 * down: it takes writes, which wait in the outbox for the relay, and this goes on trying until the
 * consumers have joined. A broker that answers and refuses (a replication factor it cannot give, ...)
 * stops the start.
 */
async function joinBus(
  bus: EventBus,
  topics: string[],
  consumers: EventIntake[],
  log: Logger,
): Promise<{ all: Promise<void>; readonly done: boolean; stop(): Promise<void> }> {
  let topicsMade = false;
  let joinedCount = 0;
  const attempt = async () => {
    if (!topicsMade) await bus.ensureTopics(topics);
    topicsMade = true;
    // a consumer that joined stays joined: a later attempt starts only the others
    for (; joinedCount < consumers.length; joinedCount++) await consumers[joinedCount].start();
  };
  try {
    await bus.ensureTopics(topics);
    topicsMade = true;
  } catch (e) {
    if (await bus.reachable()) throw e;
    log.warn({ err: (e as Error).message }, 'the event bus does not answer: serving without it; changes wait in the outbox and consumers join once it answers');
  }
  let stopped = false;
  let done = false;
  let wake: () => void = () => undefined;
  const all = (async () => {
    for (let failures = 0; ; failures++) {
      if (failures) {
        const wait = wakeableWait(retryDelayMs(failures));
        wake = wait.wake;
        await wait.ended;
      }
      if (stopped) return;
      try {
        await attempt();
        done = true;
        if (failures) log.info({ after: failures }, 'event bus joined');
        return;
      } catch (e) {
        // one warning now and then, not one per attempt
        if (failures % 20 === 0) log.warn({ err: (e as Error).message, failures }, 'consumers not joined yet; trying again');
      }
    }
  })();
  return {
    all,
    get done() {
      return done;
    },
    stop: async () => {
      stopped = true;
      wake();
      await all;
    },
  };
}

async function runStops(stops: Array<() => Promise<unknown>>, log: Logger): Promise<void> {
  for (const stop of stops) {
    try {
      await stop();
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'error while stopping');
    }
  }
}

/** Subgraphs answer only their node's gateway, which has verified the caller's token. */
async function callerFromGateway(header: string | string[] | undefined, verify: ReturnType<typeof createGatewayProofVerifier>): Promise<Caller | null> {
  const proof = await verify(Array.isArray(header) ? header[0] : header);
  if (!proof) {
    throw new GraphQLError("Call this service through its node's gateway.", {
      extensions: { code: 'UNAUTHENTICATED', messageAr: 'استدعِ هذه الخدمة عبر البوابة الخاصة بعقدتها.', http: { status: 401 } },
    });
  }
  return proof.caller;
}
