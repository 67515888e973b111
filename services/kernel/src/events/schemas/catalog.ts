import type { z } from 'zod';
import type { CloudEvent } from '../cloudevent';
import type { EventDefinition, PayloadOf, Received, ServiceEvents, ServiceName, TypedEvent } from './event';
import { NODE_HEARTBEAT_TYPE, nodeHeartbeat } from './nodes';

export const SERVICES: readonly ServiceName[] = ['initiatives', 'calendar', 'media'];

export const eventTopicOf = (service: ServiceName): string => `mmhub.${service}.v1`;
export const NODES_TOPIC = 'mmhub.nodes.v1';

/**
 * Kafka's default `max.message.bytes`, set on the topics the services create: a broker configured lower still
 * takes every event on them.
 */
export const TOPIC_MAX_MESSAGE_BYTES = 1_048_588;

/**
 * The most an event's data may take, in UTF-8 bytes of its JSON: the broker refuses a record batch over its
 * topic's `max.message.bytes`, which a record's key and headers share with its data. A larger event would never
 * be published, and every later one of its outbox would wait behind it.
 */
export const MAX_EVENT_BYTES = 1_000_000;

export const EVENT_TOPICS: readonly string[] = SERVICES.map(eventTopicOf);

// every type the modules loaded in this process define: what recordEvent and the consumers validate against
const BY_TYPE = new Map<string, EventDefinition>();

/**
 * A service's events, catalogued as the module that lists them loads: a process that records or
 * takes in a type has loaded its definition, so its schema is known wherever it is validated.
 */
export function serviceEvents<const D extends EventDefinition>(service: ServiceName, about: string, events: readonly D[]): ServiceEvents<D> {
  for (const e of events) {
    if (e.service !== service) throw new Error(`${e.type} is defined for ${e.service}, listed by ${service}`);
    const known = BY_TYPE.get(e.type);
    if (known && known !== e) throw new Error(`the event type ${e.type} is defined twice`);
    BY_TYPE.set(e.type, e);
  }
  return { service, about, events };
}

export const eventDefinition = (type: string): EventDefinition | undefined => BY_TYPE.get(type);

/** Every event type catalogued in this process. */
export const cataloguedEvents = (): EventDefinition[] => [...BY_TYPE.values()];

/** The schema of the data of a type: a domain event's, or the heartbeat's. */
export const dataSchemaOf = (type: string): z.ZodType | undefined => (type === NODE_HEARTBEAT_TYPE ? nodeHeartbeat : BY_TYPE.get(type)?.data);

/** Whether a schema describes the type. */
export const isKnownEventType = (type: string): boolean => type === NODE_HEARTBEAT_TYPE || BY_TYPE.has(type);

/** Narrows received events to those of some definitions, e.g. `events.filter(isEventOf(initiativeEvents))`. */
export function isEventOf<const D extends TypedEvent>(definitions: readonly D[]) {
  const types = new Set<string>(definitions.map((d) => d.type));
  return <E extends CloudEvent>(e: E): e is E & Received<PayloadOf<D>> => types.has(e.type);
}

/** The file of a type's JSON Schema, under schema/events/. */
export const schemaFileOf = (type: string): string => `${type}.json`;
