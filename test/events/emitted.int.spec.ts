import { fromRecord } from '../../services/kernel/src/events';
import { NODE_HEARTBEAT_TYPE, validateEvent } from '../../services/kernel/src/events/schemas';
import { DOMAIN_EVENTS } from '../../cli/contracts';
import { readTopic } from '../support/node';
import { everyKindOfChange, publishedRecords, recordedIds, startNodeServices, type NodeServices, type ServiceName } from './support';

let ministry: NodeServices;
beforeAll(async () => {
  ministry = await startNodeServices('ministry');
}, 120_000);
afterAll(() => ministry?.stop());

describe('the events the services publish', () => {
  it('are, for every type, valid against their schema as read from Kafka', async () => {
    const started = new Date();
    await everyKindOfChange(ministry);
    const seen = new Map<string, number>();
    for (const service of ['initiatives', 'calendar', 'media'] as ServiceName[]) {
      const ids = await recordedIds(ministry[service], service);
      const records = await publishedRecords(service, ids);
      expect(new Set(records.map((r) => r.headers.ce_id))).toEqual(new Set(ids));
      for (const r of records) {
        const event = fromRecord(r);
        expect(event.time >= started.toISOString()).toBe(true);
        expect({ type: event.type, errors: validateEvent(event.type, event.data) }).toEqual({ type: event.type, errors: [] });
        // the schema's topic is the one the event travels on
        expect(DOMAIN_EVENTS.find((d) => d.type === event.type)?.service).toBe(service);
        seen.set(event.type, (seen.get(event.type) ?? 0) + 1);
      }
    }
    expect([...seen.keys()].sort()).toEqual(DOMAIN_EVENTS.map((e) => e.type).sort());
    // some sixty mutations through three services, then three topics read
  }, 180_000);

  it('include heartbeats valid against theirs', async () => {
    const [beat] = await readTopic('mmhub.nodes.v1', (rs) => rs.length >= 1, {
      filter: (r) => r.headers.ce_source === '/nodes/ministry/media' && r.headers.ce_type === NODE_HEARTBEAT_TYPE,
    });
    expect(validateEvent(NODE_HEARTBEAT_TYPE, JSON.parse(beat.value!))).toEqual([]);
  });
});
