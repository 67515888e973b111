import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Kafka, logLevel } from 'kafkajs';
import { CSV_COLUMNS } from '../../cli/events-format';
import { exportEvents, formatCounts, tailEvents } from '../../cli/events-kafka';
import { eventsCommand } from '../../cli/program';
import { parse } from 'csv-parse/sync';
import { fromRecord } from '../../services/kernel/src/events';
import { EVENT_TOPICS, validateEvent } from '../../services/kernel/src/events/schemas';
import { eventually, kafkaBrokers, uniqueSuffix } from '../support/node';
import { allPublished, ok, startNodeServices, type NodeServices } from './support';

/** A stream that keeps what is written to it. */
function capture(): PassThrough & { text(): string } {
  const s = new PassThrough() as PassThrough & { text(): string };
  let text = '';
  s.on('data', (chunk) => (text += chunk.toString()));
  s.text = () => text;
  return s;
}

/** A boundary strictly after every record published so far and strictly before every later one (timestamps are in ms). */
async function boundary(): Promise<Date> {
  const t = new Date(Date.now() + 1);
  while (Date.now() <= t.getTime()) await new Promise((r) => setImmediate(r));
  return t;
}

/** Counts per type of the node's events in Kafka with a timestamp in [since, until): every record of the three topics, read to their ends. */
async function countsInKafka(node: string, since: Date, until: Date): Promise<Record<string, number>> {
  const kafka = new Kafka({ clientId: 'test-counter', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  for (const topic of EVENT_TOPICS) for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
  await admin.disconnect();
  const position = new Map([...ends].map(([k]) => [k, 0n]));
  const counts: Record<string, number> = {};
  const consumer = kafka.consumer({ groupId: `test-counter-${uniqueSuffix()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...EVENT_TOPICS], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const complete = () => [...ends].every(([k, e]) => position.get(k)! >= e);
    if (complete()) return resolve();
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const k = `${topic}:${partition}`;
          if (BigInt(message.offset) < ends.get(k)!) {
            const time = Number(message.timestamp);
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([h, v]) => [h, v?.toString()]));
            if (headers.ce_node === node && time >= since.getTime() && time < until.getTime()) {
              const type = fromRecord({ headers, value: message.value?.toString() ?? null }).type;
              counts[type] = (counts[type] ?? 0) + 1;
            }
          }
          position.set(k, BigInt(message.offset) + 1n);
          if (complete()) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return counts;
}

let n: NodeServices;
let editor: string;
let dir: string;
let since: Date;
let until: Date;
let later: { id: string; version: number };
const propose = (code: string) =>
  ok(
    n.initiatives,
    `mutation($input: ProposeInitiativeInput!) { proposeInitiative(input: $input) { id version } }`,
    {
      input: { code, titleAr: 'مبادرة الحدائق العامة', axis: 'INFRASTRUCTURE', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' },
    },
    editor,
  ).then((d) => d.proposeInitiative as { id: string; version: number });
const approve = (i: { id: string; version: number }) =>
  ok(
    n.initiatives,
    `mutation($id: ID!, $v: Int!) { changeInitiativeStatus(id: $id, version: $v, status: APPROVED) { id version } }`,
    { id: i.id, v: i.version },
    editor,
  );

const WINDOW = {
  'mmhub.initiative.proposed.v1': 2,
  'mmhub.initiative.approved.v1': 1,
  'mmhub.campaign.drafted.v1': 1,
  'mmhub.campaign.updated.v1': 1,
  'mmhub.calendarentry.added.v1': 1,
  'mmhub.message.drafted.v1': 1,
  'mmhub.message.submitted.v1': 1,
};

// starting three services and making three rounds of changes takes a while on a busy machine
beforeAll(async () => {
  // a node of its own, so that the window holds only this test's events whatever else runs on the broker
  n = await startNodeServices(`export-${uniqueSuffix()}`);
  editor = await n.initiatives.token(['editor'], n.node, `${n.node}-editor`);
  dir = await mkdtemp(path.join(tmpdir(), 'mmhub-export-'));

  await propose(`BEFORE-${uniqueSuffix()}`);
  await allPublished(n);
  since = await boundary();

  const first = await propose(`IN-${uniqueSuffix()}`);
  later = await propose(`IN-${uniqueSuffix()}`);
  await approve(first);
  const c = (
    await ok(
      n.calendar,
      `mutation { draftCampaign(input: { titleAr: "حملة النظافة", axis: HEALTH_AWARENESS, audiences: ["RESIDENTS"], channels: ["X"], startsAt: "2026-05-01T00:00:00+03:00", endsAt: "2026-05-08T00:00:00+03:00" }) { campaign { id version } } }`,
      {},
      editor,
    )
  ).draftCampaign.campaign;
  await ok(
    n.calendar,
    `mutation($id: ID!, $v: Int!) { updateCampaign(id: $id, version: $v, input: { titleEn: "Clean city" }) { campaign { id } } }`,
    { id: c.id, v: c.version },
    editor,
  );
  await ok(n.calendar, `mutation { addCalendarEntry(input: { kind: EVENT, titleAr: "يوم التطوع", when: { startDate: "2026-05-02" } }) { id } }`, {}, editor);
  const m = (
    await ok(
      n.media,
      `mutation { draftMessage(input: { bodyAr: "شاركونا يوم التطوع", variants: [{ channel: "X", text: "شاركونا يوم التطوع" }] }) { id version } }`,
      {},
      editor,
    )
  ).draftMessage;
  await ok(n.media, `mutation($id: ID!, $v: Int!) { submitMessage(id: $id, version: $v) { id } }`, { id: m.id, v: m.version }, editor);
  await allPublished(n);
  until = await boundary();

  later = (await approve(later)).changeInitiativeStatus;
  await ok(n.media, `mutation { draftMessage(input: { bodyAr: "رسالة بعد النافذة" }) { id } }`, {}, editor);
  await allPublished(n);
}, 180_000);

afterAll(async () => {
  await n?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('mmhub events export', () => {
  it('exports a time window: its counts per type are the counts in Kafka for that window', async () => {
    const progress = capture();
    const out = path.join(dir, 'window.jsonl');
    const result = await exportEvents({ brokers: kafkaBrokers().split(','), since, until, nodes: [n.node], format: 'jsonl', out, progress });
    const inKafka = await countsInKafka(n.node, since, until);
    expect(result.counts).toEqual(inKafka);
    expect(result.counts).toEqual(WINDOW);
    expect(result.total).toBe(8);

    const lines = (await readFile(out, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(8);
    for (const e of lines) {
      expect(e).toMatchObject({ specversion: '1.0', node: n.node, datacontenttype: 'application/json' });
      expect(Date.parse(e.kafkatime)).toBeGreaterThanOrEqual(since.getTime());
      expect(Date.parse(e.kafkatime)).toBeLessThan(until.getTime());
      expect(validateEvent(e.type, e.data)).toEqual([]);
    }
    // not a terminal: plain lines, never a carriage return
    expect(progress.text()).toMatch(/^ {2}0% {2}0\/\d+ records\n(.*\n)*100% {2}\d+\/\d+ records\n$/);
    expect(progress.text()).not.toContain('\r');
    expect(formatCounts(result, 'window.jsonl')).toBe(
      [
        'exported 8 events to window.jsonl',
        '  1  mmhub.calendarentry.added.v1',
        '  1  mmhub.campaign.drafted.v1',
        '  1  mmhub.campaign.updated.v1',
        '  1  mmhub.initiative.approved.v1',
        '  2  mmhub.initiative.proposed.v1',
        '  1  mmhub.message.drafted.v1',
        '  1  mmhub.message.submitted.v1',
        '',
      ].join('\n'),
    );
  });

  it('writes CSV with a byte order mark, a header, one row per event and one column per field; filters by type', async () => {
    const out = path.join(dir, 'window.csv');
    const code = await eventsCommand(
      [
        'export',
        '--since',
        since.toISOString(),
        '--until',
        until.toISOString(),
        '--format',
        'csv',
        '--out',
        out,
        '--node',
        n.node,
        '--type',
        'mmhub.initiative.*,mmhub.message.drafted.v1',
      ],
      { MMHUB_KAFKA_BROKERS: kafkaBrokers() },
      { stdout: capture(), stderr: capture() },
    );
    expect(code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header.slice(0, CSV_COLUMNS.length)).toEqual(CSV_COLUMNS.map((c) => c.en));
    expect(header).toEqual(expect.arrayContaining(['data.state.titleAr', 'data.state.code']));
    expect(rows).toHaveLength(4);
    const proposed = rows.filter((r) => r[1] === 'mmhub.initiative.proposed.v1');
    expect(proposed).toHaveLength(2);
    // the Arabic title in a column of its own, as it was written
    expect(proposed.map((r) => r[header.indexOf('data.state.titleAr')])).toContain('مبادرة الحدائق العامة');
    expect(rows.filter((r) => r[1] === 'mmhub.message.drafted.v1')).toHaveLength(1);
  });

  it('counts every node in the window when not filtered, and refuses a window that ends before it starts', async () => {
    const all = await exportEvents({
      brokers: kafkaBrokers().split(','),
      since,
      until,
      format: 'jsonl',
      out: path.join(dir, 'all.jsonl'),
      progress: capture(),
    });
    for (const [type, count] of Object.entries(WINDOW)) expect(all.counts[type]).toBeGreaterThanOrEqual(count);
    await expect(
      exportEvents({ brokers: kafkaBrokers().split(','), since: until, until: since, format: 'csv', out: path.join(dir, 'never.csv'), progress: capture() }),
    ).rejects.toThrow(/--until .* must come after --since/);
  });
});

describe('mmhub events tail', () => {
  it('shows the events since a time as JSON lines, filtered, then follows live', async () => {
    const out = capture();
    const stop = new AbortController();
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const tailing = tailEvents({
      brokers: kafkaBrokers().split(','),
      since,
      types: ['mmhub.initiative.*'],
      nodes: [n.node],
      out,
      stderr: capture(),
      signal: stop.signal,
      onReady: ready,
    });
    await isReady;
    const lines = () =>
      out
        .text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    // the window's and the later approval, in order per initiative
    await eventually(async () => (lines().length >= 4 ? true : undefined), 20000, 'the initiative events since the window opened');
    expect(
      lines()
        .map((e) => e.type)
        .sort(),
    ).toEqual(['mmhub.initiative.approved.v1', 'mmhub.initiative.approved.v1', 'mmhub.initiative.proposed.v1', 'mmhub.initiative.proposed.v1']);

    // live: a change made now shows up
    await ok(
      n.initiatives,
      `mutation($id: ID!, $v: Int!) { changeInitiativeStatus(id: $id, version: $v, status: CANCELLED, reason: "live") { id } }`,
      { id: later.id, v: later.version },
      editor,
    );
    await eventually(async () => lines().find((e) => e.type === 'mmhub.initiative.cancelled.v1'), 20000, 'the live event');
    stop.abort();
    expect(await tailing).toEqual({ shown: 5 });
    expect(lines().every((e) => e.node === n.node && e.type.startsWith('mmhub.initiative.'))).toBe(true);
  });
});
