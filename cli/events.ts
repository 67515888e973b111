import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, type Admin, type KafkaMessage, type LogEntry } from 'kafkajs';
import { fromRecord, type CloudEvent } from '../services/kernel/src/events/cloudevent';
import { headersOf } from '../services/kernel/src/events/kafka-bus';
import { EVENT_TOPICS } from '../services/kernel/src/events/schemas';
import { DOMAIN_EVENTS } from './contracts';

export const EVENTS_USAGE = `mmhub events — the event streams, for analysts

Usage:
  mmhub events tail [--type <t>] [--node <n>] [--since <time>]
      every event as a JSON line (a CloudEvent in JSON format) on stdout, then follows live until Ctrl-C
  mmhub events export --since <time> --until <time> --format csv|jsonl --out <file> [--type <t>] [--node <n>]
      the events published in [since, until) to a file, a progress bar on stderr and a count per type

  --type   an event type, e.g. mmhub.initiative.approved.v1, or a pattern: mmhub.initiative.*, *.cancelled.v1
           (repeat it or separate with commas)
  --node   the owner node, e.g. riyadh (repeat it or separate with commas)
  <time>   2026-03-01 (midnight in Riyadh), 2026-03-01T09:00:00+03:00, or a while ago: 90m, 6h, 7d; now

Reads mmhub.initiatives.v1, mmhub.calendar.v1 and mmhub.media.v1 from the brokers in KAFKA_BROKERS
(default 127.0.0.1:9092) with a consumer group of its own; times are the Kafka timestamps of the records
(when each node published the event). The topics are documented in docs/events.md.`;

export class UsageError extends Error {}

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
  const list = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return list.length ? list : undefined;
};

const patternOf = (p: string): RegExp => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

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

/** One event in the CloudEvents JSON format, with where it was read as extension attributes. */
export function eventJson(e: CloudEvent, at: Position): Record<string, unknown> {
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
    kafkatopic: at.topic,
    kafkapartition: at.partition,
    kafkaoffset: at.offset,
    kafkatime: at.timestamp.toISOString(),
    data: e.data,
  };
}

export const CSV_COLUMNS = ['id', 'type', 'source', 'node', 'subject', 'time', 'aggregateversion', 'kafkatopic', 'kafkapartition', 'kafkaoffset', 'kafkatime', 'data'] as const;

const csvField = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV line (RFC 4180); the data stays JSON in its column. */
export function eventCsv(e: CloudEvent, at: Position): string {
  const j = eventJson(e, at);
  return CSV_COLUMNS.map((c) => csvField(j[c])).join(',');
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
      await admin.connect().then(() => admin.deleteGroups([groupId]), () => undefined).catch(() => undefined);
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

/** A bar on a terminal; elsewhere a line at every tenth. */
function progressBar(out: NodeJS.WritableStream, total: bigint) {
  const tty = Boolean((out as NodeJS.WriteStream).isTTY);
  let lastShown = -1;
  let lastAt = 0;
  return {
    update(done: bigint, final = false): void {
      const percent = total === 0n ? 100 : Number((done * 100n) / total);
      if (tty) {
        if (!final && percent === lastShown && Date.now() - lastAt < 200) return;
        const width = 30;
        const filled = Math.round((percent / 100) * width);
        out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${done}/${total} records${final ? '\n' : ''}`);
      } else {
        const tenth = Math.floor(percent / 10) * 10;
        if (tenth === lastShown && !final) return;
        if (tenth !== lastShown) out.write(`${tenth}% (${done}/${total} records)\n`);
      }
      lastShown = tty ? percent : Math.floor(percent / 10) * 10;
      lastAt = Date.now();
    },
  };
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
  const bar = progressBar(o.progress, total);
  try {
    if (o.format === 'csv') await write(sink, `${CSV_COLUMNS.join(',')}\n`);
    bar.update(0n);
    if (!finished()) {
      let complete!: () => void;
      const completed = new Promise<void>((resolve) => (complete = resolve));
      const advance = (k: string, to: bigint) => {
        if (to > (reached.get(k) ?? to)) reached.set(k, to);
        bar.update(done());
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
            await write(sink, `${o.format === 'csv' ? eventCsv(d.event, d.at) : JSON.stringify(eventJson(d.event, d.at))}\n`);
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
    bar.update(total, true);
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

/**
 * `mmhub events …`: `argv` is what follows `events`. Returns the exit code: 0 done, 2 a usage
 * error (explained on stderr).
 */
export async function eventsCommand(argv: string[], env: NodeJS.ProcessEnv = process.env, io: EventsIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const now = io.now ?? (() => new Date());
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        type: { type: 'string', multiple: true },
        node: { type: 'string', multiple: true },
        since: { type: 'string' },
        until: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const sub = positionals[0];
    if (!sub || values.help) {
      (values.help ? io.stdout : io.stderr).write(`${EVENTS_USAGE}\n`);
      return values.help ? 0 : 2;
    }
    const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
    const filter: EventFilter = { types: listOf(values.type), nodes: listOf(values.node) };
    for (const t of unknownTypes(filter)) io.stderr.write(`note: --type ${t} matches no known event type (see docs/events.md)\n`);
    if (sub === 'tail') {
      if (values.until || values.format || values.out) throw new UsageError('tail follows live: --until, --format and --out belong to export');
      const since = values.since ? parseTime(values.since, now(), '--since') : undefined;
      io.stderr.write(`following ${EVENT_TOPICS.join(', ')} at ${brokers.join(',')} from ${since ? since.toISOString() : 'now'}; Ctrl-C stops\n`);
      await tailEvents({ ...filter, brokers, since, out: io.stdout, stderr: io.stderr, signal: io.signal ?? stopSignal() });
      return 0;
    }
    if (sub === 'export') {
      const missing = (['since', 'until', 'format', 'out'] as const).filter((k) => !values[k]);
      if (missing.length) throw new UsageError(`export needs ${missing.map((k) => `--${k}`).join(', ')}`);
      if (values.format !== 'csv' && values.format !== 'jsonl') throw new UsageError(`--format is csv or jsonl, not "${values.format}"`);
      const since = parseTime(values.since!, now(), '--since');
      const until = parseTime(values.until!, now(), '--until');
      const toStdout = values.out === '-';
      const result = await exportEvents({ ...filter, brokers, since, until, format: values.format, out: toStdout ? io.stdout : values.out!, progress: io.stderr });
      io.stderr.write(formatCounts(result, toStdout ? 'stdout' : values.out!));
      return 0;
    }
    throw new UsageError(`unknown events command "${sub}"`);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`mmhub events: ${(e as Error).message}\n\n${EVENTS_USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
