/**
 * The contract of the event streams: a zod schema per event type, checked at compile time against
 * the services' state types; the JSON Schemas and the AsyncAPI document generated from them; and
 * `validateEvent`. Depends on zod alone (the services' types are imported as types only).
 */
export { validateEvent, isKnownEventType } from './validate';
export { DOMAIN_EVENTS, EVENT_TOPICS, NODES_TOPIC, SCHEMA_TYPES, SERVICES, dataSchemaOf, eventDefinition, eventTopicOf, schemaFileOf } from './catalog';
export type { EventDefinition, ServiceName } from './event';
export { NODE_HEARTBEAT_TYPE, nodeHeartbeat } from './nodes';
export { initiativeState, progressReportState, integrationCriterionState, integrationAssessmentState } from './initiatives';
export { campaignState, calendarEntryState } from './calendar';
export { messageState, reviewState, charterRuleState, keyMessageState } from './media';
export { eventJsonSchema, eventSchemaFiles, type JsonSchema } from './json-schema';
export { asyncApiDocument, asyncApiYaml } from './asyncapi';
export { asyncApiMarkdown } from './markdown';
export { eventContractFiles, writeEventContracts } from './contract';
export type { Wire } from './wire';
