import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Kafka, logLevel, type Admin, type KafkaMessage, type LogEntry } from 'kafkajs';
import { fromRecord, type CloudEvent, headersOf } from '../services/kernel/src/events';
import { EVENT_TOPICS } from '../services/kernel/src/events/schemas';
import { progress } from './progress';
import { csvHeader } from './csv';
import { UsageError } from './errors';
import { requireWritableOut } from './io';
import net from 'node:net';
import { type EventFilter, type Position, matcher, eventJson, eventCsvColumns, eventCsv } from './events-format';

// `mmhub events` reading Kafka: a closed period exported, or the log tailed live.

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
export async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
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
  if (typeof o.out === 'string') await requireWritableOut(o.out);
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

export const BROKER_CHECK_MS = 1500;

/** Whether any of the brokers takes a connection: asked once, briefly, before kafkajs retries for seconds. */
export async function anyBrokerAnswers(brokers: string[]): Promise<boolean> {
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
