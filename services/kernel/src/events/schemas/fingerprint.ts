import { createHash } from 'node:crypto';
import { NODE_HEARTBEAT_TYPE } from './nodes';
import { eventJsonSchema, type JsonSchema } from './json-schema';
import type { ServiceEvents } from './event';

const WORDING = new Set(['title', 'description']);
const SCHEMA_MAPS = new Set(['properties', 'definitions', '$defs', 'patternProperties']);

/** The schema without its wording: what a consumer can rely on, not how it is explained. */
function shape(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(shape);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema as JsonSchema)
      .filter(([k]) => !WORDING.has(k))
      // a map's keys are field names, never keywords: a field called `description` stays
      .map(([k, v]) => [k, SCHEMA_MAPS.has(k) && v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([f, s]) => [f, shape(s)])) : shape(v)]),
  );
}

/** A digest of a JSON Schema's shape: it changes when a field is added, removed or retyped, not when a description is reworded. */
export const schemaFingerprint = (schema: JsonSchema): string =>
  createHash('sha256')
    .update(JSON.stringify(shape(schema)))
    .digest('hex')
    .slice(0, 16);

/** The fingerprint of every type's data: the services' events, then the heartbeat. */
export function eventFingerprints(services: readonly ServiceEvents[]): Record<string, string> {
  const fingerprints: Record<string, string> = {};
  for (const e of services.flatMap((s) => s.events)) fingerprints[e.type] = schemaFingerprint(eventJsonSchema(e));
  fingerprints[NODE_HEARTBEAT_TYPE] = schemaFingerprint(eventJsonSchema('heartbeat'));
  return fingerprints;
}
