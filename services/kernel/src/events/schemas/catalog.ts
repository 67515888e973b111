import type { z } from 'zod';
import { calendarEvents } from './calendar';
import type { EventDefinition, ServiceName } from './event';
import { initiativesEvents } from './initiatives';
import { mediaEvents } from './media';
import { NODE_HEARTBEAT_TYPE, nodeHeartbeat } from './nodes';

export const SERVICES: readonly ServiceName[] = ['initiatives', 'calendar', 'media'];

/** Every event type the services record through the outbox, by service. */
export const DOMAIN_EVENTS: readonly EventDefinition[] = [...initiativesEvents, ...calendarEvents, ...mediaEvents];

export const eventTopicOf = (service: ServiceName): string => `mmhub.${service}.v1`;
export const NODES_TOPIC = 'mmhub.nodes.v1';
export const EVENT_TOPICS: readonly string[] = SERVICES.map(eventTopicOf);

const BY_TYPE = new Map(DOMAIN_EVENTS.map((e) => [e.type, e]));
if (BY_TYPE.size !== DOMAIN_EVENTS.length) throw new Error('an event type is defined twice');

export const eventDefinition = (type: string): EventDefinition | undefined => BY_TYPE.get(type);

/** The schema of the data of a type: a domain event's, or the heartbeat's. */
export const dataSchemaOf = (type: string): z.ZodType | undefined => (type === NODE_HEARTBEAT_TYPE ? nodeHeartbeat : BY_TYPE.get(type)?.data);

/** Every type a schema describes: the domain events, then the heartbeat. */
export const SCHEMA_TYPES: readonly string[] = [...DOMAIN_EVENTS.map((e) => e.type), NODE_HEARTBEAT_TYPE];

/** The file of a type's JSON Schema, under schema/events/. */
export const schemaFileOf = (type: string): string => `${type}.json`;
