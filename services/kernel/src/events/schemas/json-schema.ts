import { z } from 'zod';
import { eventDefinition, eventTopicOf, NODES_TOPIC, SCHEMA_TYPES, dataSchemaOf, schemaFileOf } from './catalog';
import { NODE_HEARTBEAT_TYPE } from './nodes';

export type JsonSchema = Record<string, unknown>;

/** Drops what only repeats a `format` (zod's regular expressions) and the safe-integer bounds every integer gets. */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

function describe(type: string): string {
  if (type === NODE_HEARTBEAT_TYPE) return `The value of a ${type} record on ${NODES_TOPIC}: a node's service says it is alive.`;
  const def = eventDefinition(type)!;
  return `${def.summary} The value of a ${type} record on ${eventTopicOf(def.service)}: the aggregate's state after the change and what changed.`;
}

/**
 * The JSON Schema (draft-07) of a type's data, from its zod schema. Objects stay open (no
 * `additionalProperties: false`): within a v1 type fields may be added, and a consumer ignores
 * the ones it does not know.
 */
export function eventJsonSchema(type: string): JsonSchema {
  const schema = dataSchemaOf(type);
  if (!schema) throw new Error(`no schema for event type "${type}"`);
  const generated = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'throw', override: tidy }) as JsonSchema;
  const body = Object.fromEntries(Object.entries(generated).filter(([k]) => !['$schema', 'title', 'description'].includes(k)));
  return { $schema: generated.$schema, title: type, description: describe(type), ...body };
}

/** Every schema file, by name under schema/events/, as written (two-space JSON and a final newline). */
export function eventSchemaFiles(): Map<string, string> {
  return new Map(SCHEMA_TYPES.map((type) => [schemaFileOf(type), `${JSON.stringify(eventJsonSchema(type), null, 2)}\n`]));
}
