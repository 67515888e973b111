import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Kafka, logLevel, type Admin, type KafkaMessage, type LogEntry } from 'kafkajs';
import { fromRecord, type CloudEvent, headersOf } from '../services/kernel/src/events';
import { EVENT_TOPICS } from '../services/kernel/src/events/schemas';
import { loadConfig } from '../services/kernel/src/config';
import { DOMAIN_EVENTS } from './contracts';
import { z } from 'zod';
import { progress } from './progress';
import { csvHeader, csvRow, type Column } from './csv';
import { UsageError } from './errors';
import type { Io } from './io';
import net from 'node:net';
import { createClient } from 'graphql-sse';
import { callerToken, gatewayBase } from './export';

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

const listOf = (values: string[] | undefined): string[] | undefined => {
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
function cloudEventJson(e: CloudEvent, where: Record<string, unknown>): Record<string, unknown> {
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

/** Decodes a kafkajs message, or says why it is not one of our events. */
function decode(topic: string, partition: number, m: KafkaMessage): { event: CloudEvent; at: Position } | { skipped: string; at: Position } {
  const at: Position = { topic, partition, offset: m.offset, timestamp: new Date(Number(m.timestamp)) };
  const headers = headersOf(m);
  try {
    return { event: fromRecord({ headers, value: m.value?.toString() ?? null, key: m.key?.toString() ?? null }), at };
  } catch (e) {
    return { skipped: (e as Error).message, at };
  }
}

function kafkaClient(brokers: string[], stderr: NodeJS.WritableStream): Kafka {
  return new Kafka({
    clientId: 'mmhub-events',
    brokers,
    connectionTimeout: 3000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.ERROR,
    // kafkajs logs to the console by default, which would mix with the JSON lines on stdout
    logCreator: () => (entry: LogEntry) => void stderr.write(`kafka: ${entry.log.message}\n`),
  });
}

/** Per topic, per partition: an offset. */
type Offsets = Map<string, Map<number, bigint>>;

async function existingTopics(admin: Admin): Promise<string[]> {
  const known = new Set(await admin.listTopics());
  return EVENT_TOPICS.filter((t) => known.has(t));
}

/** The first offset of each partition at or after a time (the end of the partition when there is none). */
async function offsetsAt(admin: Admin, topics: string[], time: Date | null): Promise<Offsets> {
  const out: Offsets = new Map();
  for (const topic of topics) {
    const found = time ? await admin.fetchTopicOffsetsByTimestamp(topic, time.getTime()) : await admin.fetchTopicOffsets(topic);
    out.set(topic, new Map(found.map((p) => [p.partition, BigInt(p.offset)])));
  }
  return out;
}

interface Reading {
  stop(): Promise<void>;
  /** Rejects when the consumer gives up (export: at the first crash; tail: kafkajs restarts it). */
  failed: Promise<never>;
}

/**
 * Reads the topics from the given offsets with a consumer group of its own that commits nothing.
 * It starts at the earliest offsets and seeks at once; a record read before the seek took effect
 * and read again after it is passed on only once, so every record from the start offsets is handed
 * to `onRecord` once, in partition order.
 */
async function readFrom(
  kafka: Kafka,
  purpose: 'tail' | 'export',
  starts: Offsets,
  onRecord: (topic: string, partition: number, m: KafkaMessage) => Promise<void>,
  onBatchEnd?: (topic: string, partition: number, lastOffset: bigint) => void,
): Promise<Reading> {
  const groupId = `mmhub-events-${purpose}-${randomBytes(6).toString('hex')}`;
  // an export that cannot read fails rather than waits; a tail rides out a broker restart
  const retry = purpose === 'export' ? { retries: 5, restartOnFailure: async () => false } : { retries: 10 };
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500, retry });
  const next = new Map<string, bigint>();
  const failed = new Promise<never>((_, reject) => {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) reject(new Error(`cannot read the events: ${payload.error.message}`));
    });
  });
  failed.catch(() => undefined);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...starts.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat, isRunning }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const start = starts.get(batch.topic)?.get(batch.partition) ?? 0n;
        for (const m of batch.messages) {
          if (!isRunning()) return;
          const offset = BigInt(m.offset);
          if (offset < (next.get(key) ?? start)) continue;
          next.set(key, offset + 1n);
          await onRecord(batch.topic, batch.partition, m);
        }
        if (batch.messages.length) onBatchEnd?.(batch.topic, batch.partition, BigInt(batch.lastOffset()));
        await heartbeat();
      },
    });
    for (const [topic, partitions] of starts) for (const [partition, offset] of partitions) consumer.seek({ topic, partition, offset: offset.toString() });
  } catch (e) {
    await consumer.disconnect().catch(() => undefined);
    throw e;
  }
  return {
    failed,
    stop: async () => {
      await consumer.disconnect();
      // the group committed nothing; leave no trace of it
      const admin = kafka.admin();
      await admin
        .connect()
        .then(
          () => admin.deleteGroups([groupId]),
          () => undefined,
        )
        .catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
}

/** Writes and waits when the stream asks to. */
async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export interface TailOptions extends EventFilter {
  brokers: string[];
  /** From this time; else from now. */
  since?: Date;
  out: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
  /** Called once the reader is in place: events published from then on are shown. */
  onReady?: () => void;
}

/** Shows every matching event as a JSON line and follows live until the signal. */
export async function tailEvents(o: TailOptions): Promise<{ shown: number }> {
  const kafka = kafkaClient(o.brokers, o.stderr);
  const admin = kafka.admin();
  await admin.connect();
  let starts: Offsets;
  try {
    const topics = await existingTopics(admin);
    if (!topics.length) throw new Error(`none of ${EVENT_TOPICS.join(', ')} exists yet at ${o.brokers.join(',')}`);
    starts = await offsetsAt(admin, topics, o.since ?? null);
  } finally {
    await admin.disconnect();
  }
  const matches = matcher(o);
  let shown = 0;
  let closed = false;
  let failed: Error | undefined;
  const stopped = new Promise<void>((resolve) => {
    if (o.signal.aborted) resolve();
    o.signal.addEventListener('abort', () => resolve(), { once: true });
    // `mmhub events tail | head` closes the pipe: stop quietly
    o.out.once('error', (e: NodeJS.ErrnoException) => {
      closed = true;
      if (e.code !== 'EPIPE') failed = e;
      resolve();
    });
  });
  const reading = await readFrom(kafka, 'tail', starts, async (topic, partition, m) => {
    if (closed) return;
    const d = decode(topic, partition, m);
    if ('skipped' in d) return void o.stderr.write(`skipped ${topic}/${partition}@${m.offset}: ${d.skipped}\n`);
    if (!matches(d.event)) return;
    shown++;
    await write(o.out, `${JSON.stringify(eventJson(d.event, d.at))}\n`).catch(() => undefined);
  });
  o.onReady?.();
  try {
    await Promise.race([stopped, reading.failed]);
  } finally {
    await reading.stop();
  }
  if (failed) throw failed;
  return { shown };
}

export interface ExportOptions extends EventFilter {
  brokers: string[];
  since: Date;
  until: Date;
  format: 'csv' | 'jsonl';
  /** CSV headers in Arabic. */
  arabicHeaders?: boolean;
  /** A file (written under a temporary name, renamed when complete), or a stream. */
  out: string | NodeJS.WritableStream;
  /** Where the progress bar and the counts go. */
  progress: NodeJS.WritableStream;
}

export interface ExportResult {
  /** Events written, per type. */
  counts: Record<string, number>;
  total: number;
  /** Records in the window that are not CloudEvents of ours (they are not written). */
  skipped: number;
}

/**
 * Exports the events whose Kafka timestamps fall in [since, until): from the offsets for `since` to
 * the offsets for `until` (as they are when the export starts), with a progress bar of that range.
 */
export async function exportEvents(o: ExportOptions): Promise<ExportResult> {
  if (o.until <= o.since) throw new UsageError(`--until (${o.until.toISOString()}) must come after --since (${o.since.toISOString()})`);
  const kafka = kafkaClient(o.brokers, o.progress);
  const admin = kafka.admin();
  await admin.connect();
  let starts: Offsets;
  let ends: Offsets;
  try {
    const topics = await existingTopics(admin);
    starts = await offsetsAt(admin, topics, o.since);
    ends = await offsetsAt(admin, topics, o.until);
  } finally {
    await admin.disconnect();
  }
  const key = (topic: string, partition: number) => `${topic}:${partition}`;
  const start = new Map<string, bigint>();
  const end = new Map<string, bigint>();
  for (const [topic, ps] of starts) for (const [p, offset] of ps) start.set(key(topic, p), offset);
  for (const [topic, ps] of ends) for (const [p, offset] of ps) end.set(key(topic, p), offset);
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  const reached = new Map(start);
  const span = (k: string, e: bigint, to: bigint) => min(to, e) - min(start.get(k) ?? e, e);
  const total = [...end].reduce((sum, [k, e]) => sum + span(k, e, e), 0n);
  const done = () => [...end].reduce((sum, [k, e]) => sum + span(k, e, reached.get(k) ?? e), 0n);
  const finished = () => [...end].every(([k, e]) => (reached.get(k) ?? e) >= e);

  const file = typeof o.out === 'string' ? o.out : null;
  const partial = file ? `${file}.partial-${randomBytes(3).toString('hex')}` : null;
  const sink = partial ? createWriteStream(partial) : (o.out as NodeJS.WritableStream);
  const matches = matcher(o);
  const result: ExportResult = { counts: {}, total: 0, skipped: 0 };
  const bar = progress(o.progress);
  try {
    const columns = eventCsvColumns(o);
    if (o.format === 'csv') await write(sink, csvHeader(columns, o.arabicHeaders));
    bar.update(0n, total);
    if (!finished()) {
      let complete!: () => void;
      const completed = new Promise<void>((resolve) => (complete = resolve));
      const advance = (k: string, to: bigint) => {
        if (to > (reached.get(k) ?? to)) reached.set(k, to);
        bar.update(done(), total);
        if (finished()) complete();
      };
      // every partition of a topic with something to read, so that the empty ones are sought to their end too
      const toRead: Offsets = new Map([...starts].filter(([topic, ps]) => [...ps].some(([p, s]) => s < (ends.get(topic)?.get(p) ?? s))));
      const reading = await readFrom(
        kafka,
        'export',
        toRead,
        async (topic, partition, m) => {
          const k = key(topic, partition);
          const offset = BigInt(m.offset);
          if (offset >= (end.get(k) ?? 0n)) return;
          const d = decode(topic, partition, m);
          // records of the range whose timestamps are out of order with their neighbours' stay out of the window
          const inWindow = d.at.timestamp >= o.since && d.at.timestamp < o.until;
          if ('skipped' in d) {
            if (inWindow) result.skipped++;
          } else if (inWindow && matches(d.event)) {
            await write(sink, o.format === 'csv' ? eventCsv(d.event, d.at, columns) : `${JSON.stringify(eventJson(d.event, d.at))}\n`);
            result.counts[d.event.type] = (result.counts[d.event.type] ?? 0) + 1;
            result.total++;
          }
          advance(k, offset + 1n);
        },
        (topic, partition, last) => advance(key(topic, partition), last + 1n),
      );
      try {
        await Promise.race([completed, reading.failed]);
      } finally {
        await reading.stop();
      }
    }
    bar.update(total, total);
    bar.finish();
    if (partial && file) {
      sink.end();
      await once(sink, 'finish');
      await rename(partial, file);
    }
  } catch (e) {
    if (partial) {
      sink.end();
      await rm(partial, { force: true });
    }
    throw e;
  }
  return result;
}

/** The final count: one line per type, widest first. */
export function formatCounts(r: ExportResult, where: string): string {
  const rows = Object.entries(r.counts).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([, n]) => String(n).length), String(r.total).length);
  const lines = [`exported ${r.total} event${r.total === 1 ? '' : 's'} to ${where}`, ...rows.map(([type, n]) => `  ${String(n).padStart(width)}  ${type}`)];
  if (r.skipped) lines.push(`  ${String(r.skipped).padStart(width)}  skipped: not an mmhub CloudEvent`);
  return `${lines.join('\n')}\n`;
}

function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

const BROKER_CHECK_MS = 1500;

/** Whether any of the brokers takes a connection: asked once, briefly, before kafkajs retries for seconds. */
async function anyBrokerAnswers(brokers: string[]): Promise<boolean> {
  const tries = brokers.map(
    (b) =>
      new Promise<boolean>((resolve) => {
        const at = b.lastIndexOf(':');
        const socket = net.connect({ host: b.slice(0, at), port: Number(b.slice(at + 1)) });
        const done = (ok: boolean) => {
          socket.destroy();
          resolve(ok);
        };
        socket.setTimeout(BROKER_CHECK_MS, () => done(false));
        socket.once('connect', () => done(true));
        socket.once('error', () => done(false));
      }),
  );
  return (await Promise.all(tries)).some(Boolean);
}

async function brokersOf(env: Record<string, string | undefined>): Promise<string[]> {
  const brokers = loadConfig(env).kafka.brokers;
  if (!(await anyBrokerAnswers(brokers))) {
    throw new Error(
      `the events are read from Kafka, and no broker answers at ${brokers.join(',')} (MMHUB_KAFKA_BROKERS). ` +
        "An export reads a closed period of the log and needs a broker; on the embedded demo (npm start), which has none, `mmhub events tail --since <time>` follows the same events through the hub's gateway (docs/open-data.md).",
    );
  }
  return brokers;
}

function filterOf(o: { type?: string[]; node?: string[] }, io: Io): EventFilter {
  const filter: EventFilter = { types: listOf(o.type), nodes: listOf(o.node) };
  for (const t of unknownTypes(filter)) io.stderr.write(`note: --type ${t} matches no known event type (see docs/events.md)\n`);
  return filter;
}

const EVENT_SUBSCRIPTION = `subscription Tail($since: DateTime, $filter: EventFilter) {
  events(since: $since, filter: $filter) { id type service source node subject time aggregateVersion data cursor }
}`;

interface GatewayEvent {
  id: string;
  type: string;
  service: string;
  source: string;
  node: string;
  subject: string;
  time: string;
  aggregateVersion: number;
  data: unknown;
  cursor: string;
}

/** One event of the gateway's stream in the CloudEvents JSON format, with its cursor where Kafka's position would be. */
export function gatewayEventJson(e: GatewayEvent): Record<string, unknown> {
  return cloudEventJson(e, { service: e.service, cursor: e.cursor });
}

export interface GatewayTailOptions extends EventFilter {
  /** The gateway's address, without /graphql. */
  gateway: string;
  token: string;
  since?: Date;
  out: NodeJS.WritableStream;
  signal: AbortSignal;
}

/**
 * Shows every matching event as a JSON line, followed through the `events` subscription of a node's
 * gateway (Server-Sent Events): where there is no broker to read, as on the embedded demo.
 */
export async function tailThroughGateway(o: GatewayTailOptions): Promise<{ shown: number }> {
  const client = createClient({ url: `${o.gateway}/graphql`, headers: { authorization: `Bearer ${o.token}` }, retryAttempts: 0 });
  const filter = { ...(o.nodes ? { nodes: o.nodes } : {}), ...(o.types ? { types: o.types } : {}) };
  const stream = client.iterate<{ events: GatewayEvent }>({ query: EVENT_SUBSCRIPTION, variables: { since: o.since?.toISOString() ?? null, filter } });
  const stop = () => void stream.return?.();
  o.signal.addEventListener('abort', stop, { once: true });
  let shown = 0;
  let closed = false;
  // `mmhub events tail | head` closes the pipe: stop quietly
  o.out.once('error', () => {
    closed = true;
    stop();
  });
  try {
    if (o.signal.aborted) return { shown };
    for await (const result of stream) {
      const e = result.errors?.[0] as { message: string; extensions?: { code?: string } } | undefined;
      if (e) throw new Error(`the gateway at ${o.gateway} refused the events subscription (${e.extensions?.code ?? 'error'}): ${e.message}`);
      if (!result.data || closed) continue;
      shown++;
      await write(o.out, `${JSON.stringify(gatewayEventJson(result.data.events))}\n`).catch(() => undefined);
    }
  } catch (e) {
    if (o.signal.aborted || closed) return { shown };
    const reason = (e as Error).message ?? String(e);
    throw new Error(/refused the events/.test(reason) ? reason : `the events stream at ${o.gateway} ended: ${reason}`);
  } finally {
    o.signal.removeEventListener('abort', stop);
    client.dispose();
  }
  return { shown };
}

/** The node answering at a gateway (its /ready says), asked briefly; undefined when nothing answers. */
async function gatewayNode(base: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(BROKER_CHECK_MS) });
    return ((await res.json()) as { node?: string }).node;
  } catch {
    return undefined;
  }
}

/**
 * Where `events tail` reads: the gateway asked for (--gateway), else the brokers when one answers,
 * else, in development, the events subscription of the node's gateway (the embedded demo has no
 * broker); else it says at once that it needs one or the other.
 */
async function tailSource(
  o: { gateway?: string; token?: string },
  env: Record<string, string | undefined>,
): Promise<{ brokers: string[] } | { gateway: string; token: string; node?: string }> {
  const config = loadConfig(env);
  if (o.gateway) return { gateway: gatewayBase(config, o.gateway), token: await callerToken(config, o.token, 'analyst') };
  const brokers = config.kafka.brokers;
  if (await anyBrokerAnswers(brokers)) return { brokers };
  const base = gatewayBase(config);
  const node = config.mode === 'development' || o.token ? await gatewayNode(base) : undefined;
  if (node) return { gateway: base, node, token: await callerToken({ ...config, node }, o.token, 'analyst') };
  throw new Error(
    `the events are read from Kafka, and no broker answers at ${brokers.join(',')} (MMHUB_KAFKA_BROKERS); nor does a gateway at ${base}. ` +
      "Start the demo (npm start) or a node, or follow a node's gateway with --gateway <url> --token <an analyst's token> (docs/open-data.md).",
  );
}

/** `mmhub events tail`. */
export async function eventsTail(
  o: { type?: string[]; node?: string[]; since?: string; gateway?: string; token?: string },
  env: Record<string, string | undefined>,
  io: Io,
): Promise<void> {
  const now = io.now ?? (() => new Date());
  const filter = filterOf(o, io);
  const since = o.since ? parseTime(o.since, now(), '--since') : undefined;
  const source = await tailSource(o, env);
  const signal = io.signal ?? stopSignal();
  if ('gateway' in source) {
    io.stderr.write(
      `following the events subscription at ${source.gateway}/graphql${source.node ? ` (${source.node}; no broker answers)` : ''} from ${since ? since.toISOString() : 'now'}; Ctrl-C stops\n`,
    );
    await tailThroughGateway({ ...filter, gateway: source.gateway, token: source.token, since, out: io.stdout, signal });
    return;
  }
  io.stderr.write(`following ${EVENT_TOPICS.join(', ')} at ${source.brokers.join(',')} from ${since ? since.toISOString() : 'now'}; Ctrl-C stops\n`);
  await tailEvents({ ...filter, brokers: source.brokers, since, out: io.stdout, stderr: io.stderr, signal });
}

/** `mmhub events export`. */
export async function eventsExport(
  o: { since: string; until: string; format: string; out: string; type?: string[]; node?: string[]; arabicHeaders?: boolean },
  env: Record<string, string | undefined>,
  io: Io,
): Promise<void> {
  const now = io.now ?? (() => new Date());
  if (o.format !== 'csv' && o.format !== 'jsonl') throw new UsageError(`--format is csv or jsonl, not "${o.format}"`);
  const filter = filterOf(o, io);
  const since = parseTime(o.since, now(), '--since');
  const until = parseTime(o.until, now(), '--until');
  if (until <= since) throw new UsageError(`--until (${until.toISOString()}) must come after --since (${since.toISOString()})`);
  const brokers = await brokersOf(env);
  const toStdout = o.out === '-';
  const result = await exportEvents({
    ...filter,
    brokers,
    since,
    until,
    format: o.format,
    arabicHeaders: o.arabicHeaders,
    out: toStdout ? io.stdout : o.out,
    progress: io.stderr,
  });
  io.stderr.write(formatCounts(result, toStdout ? 'stdout' : o.out));
}
