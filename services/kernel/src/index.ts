export * from './config/config';
export * from './domain/errors';
export * from './domain/ids';
export * from './domain/arabic';
export * from './domain/wording';
export * from './domain/time';
export * from './auth/caller';
export * from './observability/logger';
export * from './db/orm';
export * from './db/table';
export * from './events/cloudevent';
export * from './events/bus';
export * from './events/memory-bus';
export * from './events/kafka-bus';
export * from './events/outbox';
export * from './events/relay';
export * from './events/consumer';
export * from './events/replica';
export * from './events/journal';
export * from './events/retention';
export {
  validateEvent,
  isKnownEventType,
  isEventOf,
  serviceEvents,
  EVENT_TOPICS,
  eventDefinition,
  cataloguedEvents,
  nodeHeartbeatEvent,
  type TypedEvent,
  type EventDefinition,
  type EventsOf,
  type PayloadOf,
  type Received,
  type ReceivedOf,
  type ServiceEvents,
} from './events/schemas';
export * from './graphql/scalars';
export * from './graphql/connection';
export * from './graphql/subgraph';
export * from './graphql/errors';
export * from './graphql/context';
export * from './graphql/changes';
export * from './service/service';
export * from './service/definition';
export * from './domain/sector';
export * from './domain/lifecycle';
export * from './domain/validate';
export * from './domain/hijri';
export * from './graphql/hijri';
export * from './auth/gateway-proof';
export * from './auth/permissions';
export * from './observability';
export * from './nodes/freshness';
export * from './nodes/heartbeat';
export * from './service/fatal';
