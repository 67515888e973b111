import { z } from 'zod';
import { eventTopicOf, NODES_TOPIC, schemaFileOf } from './catalog';
import type { EventDefinition, ServiceEvents } from './event';
import { NODE_HEARTBEAT_TYPE, nodeHeartbeat } from './nodes';

export type JsonSchema = Record<string, unknown>;

/** Drops what only repeats a `format` (zod's regular expressions) and the safe-integer bounds every integer gets. */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

const HEARTBEAT = {
  type: NODE_HEARTBEAT_TYPE,
  data: nodeHeartbeat,
  description: `The value of a ${NODE_HEARTBEAT_TYPE} record on ${NODES_TOPIC}: a node's service says it is alive.`,
};

const described = (def: EventDefinition) => ({
  type: def.type,
  data: def.data,
  description: `${def.summary} The value of a ${def.type} record on ${eventTopicOf(def.service)}: the aggregate's state after the change and what changed.`,
});

/**
 * The JSON Schema (draft-07) of a type's data, from its zod schema. Objects stay open (no
 * `additionalProperties: false`): within a v1 type fields may be added, and a consumer ignores
 * the ones it does not know.
 */
export function eventJsonSchema(def: EventDefinition | 'heartbeat'): JsonSchema {
  const { type, data, description } = def === 'heartbeat' ? HEARTBEAT : described(def);
  const generated = z.toJSONSchema(data, { target: 'draft-07', io: 'input', unrepresentable: 'throw', override: tidy }) as JsonSchema;
  const body = Object.fromEntries(Object.entries(generated).filter(([k]) => !['$schema', 'title', 'description'].includes(k)));
  return { $schema: generated.$schema, title: type, description, ...body };
}

/** Every schema file, by name under schema/events/, as written (two-space JSON and a final newline): the services' events, then the heartbeat. */
export function eventSchemaFiles(services: readonly ServiceEvents[]): Map<string, string> {
  const defs: (EventDefinition | 'heartbeat')[] = [...services.flatMap((s) => s.events), 'heartbeat'];
  return new Map(defs.map((d) => [schemaFileOf(d === 'heartbeat' ? NODE_HEARTBEAT_TYPE : d.type), `${JSON.stringify(eventJsonSchema(d), null, 2)}\n`]));
}
