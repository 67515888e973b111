/** A CloudEvents 1.0 event as it travels between nodes. */
export interface CloudEvent<D = unknown> {
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  node: string;
  aggregateVersion: number;
  dataschema?: string;
  traceparent?: string;
  data: D;
}

/** What a Kafka record carries: key, headers and value (binary content mode). */
export interface BusRecord {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: string;
}

export const topicOf = (service: string): string => `mmhub.${service}.v1`;
export const dlqOf = (topic: string): string => `${topic}.dlq`;
export const sourceOf = (node: string, service: string): string => `/nodes/${node}/${service}`;
export const eventType = (aggregate: string, verb: string): string => `mmhub.${aggregate}.${verb}.v1`;

/** Encodes an event in Kafka binary mode: attributes as ce_* headers, data as the JSON value. */
export function toRecord(topic: string, e: CloudEvent): BusRecord {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: e.id,
    ce_source: e.source,
    ce_type: e.type,
    ce_subject: e.subject,
    ce_time: e.time,
    ce_node: e.node,
    ce_aggregateversion: String(e.aggregateVersion),
    'content-type': 'application/json',
  };
  if (e.dataschema) headers.ce_dataschema = e.dataschema;
  if (e.traceparent) headers.ce_traceparent = e.traceparent;
  return { topic, key: e.subject, headers, value: JSON.stringify(e.data) };
}

export class UndecodableRecord extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UndecodableRecord';
  }
}

const REQUIRED = ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time', 'ce_node', 'ce_aggregateversion'] as const;

type RecordLike = { headers: Record<string, string | undefined>; value: string | null; key?: string | null };

/** An event's attributes, without its data. */
export type EventEnvelope = Omit<CloudEvent, 'data'>;

/** Decodes a record's attributes from its headers, or throws UndecodableRecord with a reason a person can read. */
export function envelopeOf(r: RecordLike): EventEnvelope {
  const h = r.headers;
  const missing = REQUIRED.filter((k) => !h[k]);
  if (missing.length) throw new UndecodableRecord(`missing CloudEvents headers: ${missing.join(', ')}`);
  if (h.ce_specversion !== '1.0') throw new UndecodableRecord(`unsupported ce_specversion "${h.ce_specversion}"`);
  const contentType = h['content-type'] ?? '';
  if (!contentType.startsWith('application/json')) throw new UndecodableRecord(`unsupported content-type "${contentType}"`);
  const version = Number(h.ce_aggregateversion);
  if (!Number.isInteger(version) || version < 1) throw new UndecodableRecord(`ce_aggregateversion "${h.ce_aggregateversion}" is not a positive integer`);
  if (Number.isNaN(Date.parse(h.ce_time!))) throw new UndecodableRecord(`ce_time "${h.ce_time}" is not a timestamp`);
  return {
    id: h.ce_id!,
    source: h.ce_source!,
    type: h.ce_type!,
    subject: h.ce_subject!,
    time: h.ce_time!,
    node: h.ce_node!,
    aggregateVersion: version,
    dataschema: h.ce_dataschema,
    traceparent: h.ce_traceparent,
  };
}

/** Decodes a record's JSON value, or throws UndecodableRecord. */
export function dataOf(r: RecordLike): object {
  if (r.value == null) throw new UndecodableRecord('the record has no value');
  let data: unknown;
  try {
    data = JSON.parse(r.value);
  } catch (e) {
    throw new UndecodableRecord(`the value is not JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null) throw new UndecodableRecord('the value is not a JSON object');
  return data;
}

/** Decodes a record, or throws UndecodableRecord with a reason a person can read. */
export function fromRecord(r: RecordLike): CloudEvent {
  const envelope = envelopeOf(r);
  return { ...envelope, data: dataOf(r) };
}
