import type { Express } from 'express';
import type { EntityClass, EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/config';
import type { NamedMigration } from '../db/orm';
import type { Logger } from '../observability/logger';
import type { EventBus } from '../events/bus';
import type { OutboxRelay } from '../events/relay';
import type { EventConsumer } from '../events/consumer';
import type { EventEnvelope } from '../events/cloudevent';
import type { ReceivedOf, ServiceEvents, TypedEvent } from '../events/schemas/event';
import { isKnownEventType } from '../events/schemas/catalog';
import type { SubgraphDefinition } from '../graphql/subgraph';
import type { RequestContext } from '../graphql/context';
import type { Clock } from '../domain/time';

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
