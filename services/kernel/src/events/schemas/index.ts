/**
 * The mechanism of the event contracts: defining a service's event types (a zod schema each, beside
 * its aggregate in the service), cataloguing and validating them, and generating their JSON Schemas
 * (the AsyncAPI document and its Markdown are written by cli/event-contract). Depends on zod alone; no service is known here.
 */
export { validateEvent } from './validate';
export {
  EVENT_TOPICS,
  MAX_EVENT_BYTES,
  NODES_TOPIC,
  SERVICES,
  TOPIC_MAX_MESSAGE_BYTES,
  cataloguedEvents,
  dataSchemaOf,
  eventDefinition,
  eventTopicOf,
  isEventOf,
  isKnownEventType,
  schemaFileOf,
  serviceEvents,
} from './catalog';
export { aggregateEvents, defineEvent } from './event';
export type { TypedEvent, EventDefinition, EventsOf, EventTypeName, PayloadOf, Received, ReceivedOf, ServiceEvents, ServiceName } from './event';
export {
  aggregateId,
  optionalId,
  nodeCode,
  userId,
  instant,
  optionalInstant,
  localDay,
  text,
  optionalText,
  version,
  axis,
  fromTo,
  statusChange,
  by,
  reason,
  retired,
} from './common';
export { NODE_HEARTBEAT_TYPE, nodeHeartbeat, nodeHeartbeatEvent } from './nodes';
export { eventJsonSchema, eventSchemaFiles, type JsonSchema } from './json-schema';
export { eventFingerprints, schemaFingerprint } from './fingerprint';
export { describing } from './describing';
