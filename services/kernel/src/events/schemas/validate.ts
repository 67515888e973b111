import type { z } from 'zod';
import { cataloguedEvents, dataSchemaOf } from './catalog';

const MAX_ERRORS = 20;

/** `state.targets[0].kpi`, or `data` for the whole value. */
function pathOf(path: readonly PropertyKey[]): string {
  if (!path.length) return 'data';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

const shown = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = pathOf(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${at}: missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_type' && issue.input === null) return `${at}: expected ${issue.expected}, got null`;
  if (issue.code === 'invalid_type')
    return `${at}: expected ${issue.expected}, got ${Array.isArray(issue.input) ? 'array' : typeof issue.input} ${shown(issue.input)}`;
  if (issue.code === 'invalid_value') return `${at}: ${shown(issue.input)} is not one of ${issue.values.map(shown).join(', ')}`;
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${shown(issue.input)})` : '';
  return `${at}: ${issue.message}${got}`;
}

function unknownType(type: string): string {
  const aggregate = /^mmhub\.([a-z]+)\.[a-z]+\.v\d+$/.exec(type)?.[1];
  const known = cataloguedEvents();
  const siblings = known.filter((e) => e.aggregate === aggregate).map((e) => e.type);
  const hint = siblings.length
    ? `the ${aggregate} types are ${siblings.join(', ')}`
    : `types are named mmhub.<aggregate>.<verb>.v1 with aggregate one of ${[...new Set(known.map((e) => e.aggregate))].join(', ')}`;
  return `unknown event type "${type}": no schema describes it (${hint}); a new type needs its schema beside its aggregate (<aggregate>.events.ts), listed in its service's events, first`;
}

/**
 * The errors of an event's data against the schema of its type, each `path: what is wrong`; none
 * when it is valid. An unknown type is an error too. Fields a schema does not name are allowed:
 * within a v1 type they may be added, never removed or changed.
 */
export function validateEvent(type: string, data: unknown): string[] {
  const schema = dataSchemaOf(type);
  if (!schema) return [unknownType(type)];
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return [];
  const errors = result.error.issues.map(describeIssue);
  return errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), `... and ${errors.length - MAX_ERRORS} more`] : errors;
}
