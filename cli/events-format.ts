import type { CloudEvent } from '../services/kernel/src/events';
import { DOMAIN_EVENTS } from './contracts';
import { z } from 'zod';
import { csvRow, type Column } from './csv';
import { UsageError } from './errors';

// What `mmhub events` shows of an event: the filter, times as the commands take them, JSON lines and CSV rows.

/** Where the commands write; a test passes its own streams and an abort signal. */
export interface EventsIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Stops `tail`; by default SIGINT and SIGTERM. */
  signal?: AbortSignal;
  now?: () => Date;
}

export interface EventFilter {
  /** Exact types or patterns with `*`. */
  types?: string[];
  nodes?: string[];
}

/** Where a record was read. */
export interface Position {
  topic: string;
  partition: number;
  offset: string;
  /** The Kafka timestamp: when the node published the event. */
  timestamp: Date;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Reads a time as the commands take it; a day alone is midnight in Asia/Riyadh. */
export function parseTime(value: string, now: Date, flag: string): Date {
  const v = value.trim();
  if (v === 'now') return now;
  const ago = /^(\d+)\s*([smhdw])$/.exec(v);
  if (ago) return new Date(now.getTime() - Number(ago[1]) * UNITS[ago[2]]);
  // Date takes 2026-02-30 for 2 March: the day must exist as written
  const day = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i.exec(v);
  const midnight = day ? Date.parse(`${day[1]}T00:00:00Z`) : NaN;
  if (day && !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(day[1])) {
    const d = new Date(day[2] ? v : `${v}T00:00:00+03:00`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new UsageError(
    `${flag}: "${value}" is not a time. Give a day (2026-03-01, midnight in Riyadh), a time with its offset (2026-03-01T09:00:00+03:00), or a while ago (90m, 6h, 7d).`,
  );
}

export const listOf = (values: string[] | undefined): string[] | undefined => {
  const list = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
};

const patternOf = (p: string): RegExp =>
  new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** Whether an event passes the filter. */
export function matcher(f: EventFilter): (e: CloudEvent) => boolean {
  const types = f.types?.map(patternOf);
  const nodes = f.nodes && new Set(f.nodes);
  return (e) => (!types || types.some((t) => t.test(e.type))) && (!nodes || nodes.has(e.node));
}

/** Types given that match no known type: probably a typo, said before waiting on a stream that will stay silent. */
export function unknownTypes(f: EventFilter): string[] {
  return (f.types ?? []).filter((t) => !DOMAIN_EVENTS.some((e) => patternOf(t).test(e.type)));
}

/** One event in the CloudEvents JSON format, with where it was read as extension attributes before its data. */
export function cloudEventJson(e: CloudEvent, where: Record<string, unknown>): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: e.id,
    source: e.source,
    type: e.type,
    subject: e.subject,
    time: e.time,
    datacontenttype: 'application/json',
    ...(e.dataschema ? { dataschema: e.dataschema } : {}),
    node: e.node,
    aggregateversion: e.aggregateVersion,
    ...(e.traceparent ? { traceparent: e.traceparent } : {}),
    ...where,
    data: e.data,
  };
}

/** One event read from Kafka, with its topic, partition, offset and timestamp. */
export function eventJson(e: CloudEvent, at: Position): Record<string, unknown> {
  return cloudEventJson(e, { kafkatopic: at.topic, kafkapartition: at.partition, kafkaoffset: at.offset, kafkatime: at.timestamp.toISOString() });
}

/** The envelope's columns of the CSV; the data's fields follow, one column each. */
export const CSV_COLUMNS: Column[] = [
  { key: 'id', en: 'id', ar: 'المعرّف' },
  { key: 'type', en: 'type', ar: 'النوع' },
  { key: 'source', en: 'source', ar: 'المصدر' },
  { key: 'node', en: 'node', ar: 'العقدة' },
  { key: 'subject', en: 'subject', ar: 'الموضوع' },
  { key: 'time', en: 'time', ar: 'الوقت' },
  { key: 'aggregateversion', en: 'aggregateversion', ar: 'الإصدار' },
  { key: 'kafkatopic', en: 'kafkatopic', ar: 'موضوع كافكا' },
  { key: 'kafkapartition', en: 'kafkapartition', ar: 'قسم كافكا' },
  { key: 'kafkaoffset', en: 'kafkaoffset', ar: 'موضع كافكا' },
  { key: 'kafkatime', en: 'kafkatime', ar: 'وقت النشر' },
];

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $defs?: Record<string, JsonSchema>;
};

/** The paths of a data schema's fields, objects followed down; a list stays one field. */
function fieldPaths(schema: JsonSchema, root: JsonSchema, prefix: string[], out: string[][]): void {
  const s = schema.$ref ? (root.$defs?.[schema.$ref.replace('#/$defs/', '')] ?? {}) : schema;
  const objects = [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])].filter((b) => b.properties || b.$ref);
  if (!objects.length || prefix.length > 4) {
    if (prefix.length) out.push(prefix);
    return;
  }
  for (const branch of objects) {
    if (branch.$ref) fieldPaths(branch, root, prefix, out);
    else for (const [name, child] of Object.entries(branch.properties!)) fieldPaths(child, root, [...prefix, name], out);
  }
}

/** The CSV's columns for the types a filter lets through: the envelope, then `data.<path>` for every field of their data. */
export function eventCsvColumns(f: EventFilter = {}): Column[] {
  const matches = matcher({ types: f.types });
  const seen = new Set<string>();
  const columns = [...CSV_COLUMNS];
  for (const def of DOMAIN_EVENTS) {
    if (!matches({ type: def.type, node: '' } as CloudEvent)) continue;
    const root = z.toJSONSchema(def.data, { unrepresentable: 'any' }) as JsonSchema;
    const paths: string[][] = [];
    fieldPaths(root, root, [], paths);
    for (const p of paths) {
      const key = `data.${p.join('.')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push({ key, en: key, ar: `البيانات: ${p.join('.')}` });
    }
  }
  return columns;
}

function valueAt(j: Record<string, unknown>, key: string): unknown {
  if (!key.startsWith('data.')) return j[key];
  let v: unknown = j.data;
  for (const k of key.slice(5).split('.')) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** One CSV row: each field in its own column, a list as JSON in its cell, a formula defused. */
export function eventCsv(e: CloudEvent, at: Position, columns: Column[] = eventCsvColumns({ types: [e.type] })): string {
  const j = eventJson(e, at);
  return csvRow(columns.map((c) => valueAt(j, c.key)));
}
