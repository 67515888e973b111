import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { EVENT_TOPICS, NODES_TOPIC } from '../../services/kernel/src/events/schemas';
import { DOMAIN_EVENTS, SECTOR_EVENTS } from '../../cli/contracts';
import { ASYNCAPI_HEADER, asyncApiDocument, asyncApiYaml } from '../../cli/event-contract/asyncapi';
import { sectorContractFiles } from '../../cli/event-contract/files';
import { describeDiagnostic, parseEventContract, type ParsedContract } from '../../cli/event-contract/parse';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA_DIR = path.join(ROOT, 'schema');

let parsed: ParsedContract;
beforeAll(async () => {
  parsed = await parseEventContract(path.join(SCHEMA_DIR, 'asyncapi.yaml'));
});

describe('the event contract', () => {
  it('is committed as the zod schemas generate it: schema/events/*.json and schema/asyncapi.yaml (else run npm run events:schemas)', async () => {
    const fresh = sectorContractFiles();
    const committed = (await readdir(path.join(SCHEMA_DIR, 'events'))).filter((f) => f.endsWith('.json')).map((f) => `events/${f}`);
    expect(committed.sort()).toEqual([...fresh.keys()].filter((f) => f.startsWith('events/')).sort());
    for (const [file, content] of fresh) {
      const onDisk = await readFile(path.join(SCHEMA_DIR, file), 'utf8');
      if (onDisk !== content) throw new Error(`schema/${file} differs from a fresh generation: run npm run events:schemas`);
    }
  });

  it('reads back as the document it was written from: no string turned into a number, a boolean or null', () => {
    const written = asyncApiYaml(SECTOR_EVENTS);
    expect(written.startsWith(ASYNCAPI_HEADER)).toBe(true);
    expect(parse(written)).toEqual(asyncApiDocument(SECTOR_EVENTS));
  });

  it('parses with @asyncapi/parser with no error and no warning', () => {
    expect(parsed.problems.map(describeDiagnostic)).toEqual([]);
    // the only note: AsyncAPI 3.1.0 exists; 3.0.0 is what the brief asks for
    expect(parsed.notes.map((d) => d.code)).toEqual(['asyncapi-latest-version']);
    expect(parsed.document?.version()).toBe('3.0.0');
  });

  it('has a channel per topic, a message per event type with its JSON Schema, key and headers, and both operations', () => {
    const doc = parsed.document!;
    const addresses = doc
      .channels()
      .all()
      .map((c) => c.address());
    expect(addresses.sort()).toEqual([...EVENT_TOPICS, ...EVENT_TOPICS.map((t) => `${t}.dlq`), NODES_TOPIC].sort());
    for (const e of DOMAIN_EVENTS) {
      const channel = doc
        .channels()
        .all()
        .find((c) => c.address() === `mmhub.${e.service}.v1`)!;
      const message = channel
        .messages()
        .all()
        .find((m) => m.name() === e.type);
      expect(message).toBeDefined();
      const payload = message!.payload()!;
      // resolved from schema/events/<type>.json
      expect(payload.title()).toBe(e.type);
      expect(Object.keys(payload.properties() ?? {})).toEqual(expect.arrayContaining(['state']));
      expect(JSON.stringify(message!.headers()!.json())).toContain(`"const":"${e.type}"`);
      expect(message!.bindings().get('kafka')?.value()).toMatchObject({ key: { type: 'string', format: 'uuid' } });
    }
    const headers = doc.components().schemas().get('CloudEventHeaders')!;
    expect(headers.required()).toEqual([
      'ce_specversion',
      'ce_id',
      'ce_source',
      'ce_type',
      'ce_subject',
      'ce_time',
      'ce_node',
      'ce_aggregateversion',
      'content-type',
    ]);
    expect(Object.keys(headers.properties()!)).toEqual(expect.arrayContaining(['ce_dataschema', 'ce_traceparent']));
    const dlq = doc.components().schemas().get('DeadLetterHeaders')!;
    expect(dlq.required()).toEqual(['dlq_reason', 'dlq_consumer', 'dlq_topic', 'dlq_partition', 'dlq_offset', 'dlq_time']);
    for (const topic of [...EVENT_TOPICS, NODES_TOPIC]) {
      const actions = doc
        .operations()
        .all()
        .filter((o) =>
          o
            .channels()
            .all()
            .some((c) => c.address() === topic),
        )
        .map((o) => o.action());
      expect(actions.sort()).toEqual(['receive', 'send']);
    }
  });

  it('is documented in docs/events.md as the document renders (else run npm run events:docs)', async () => {
    const onDisk = await readFile(path.join(ROOT, 'docs/events.md'), 'utf8');
    if (onDisk !== parsed.markdown) throw new Error('docs/events.md differs from a fresh rendering of schema/asyncapi.yaml: run npm run events:docs');
    for (const e of DOMAIN_EVENTS) expect(onDisk).toContain(`#### ${e.type}`);
  });
});
