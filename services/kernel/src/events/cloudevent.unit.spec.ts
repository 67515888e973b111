import { fromRecord, toRecord, UndecodableRecord, type CloudEvent } from './cloudevent';

const event: CloudEvent = {
  id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716',
  source: '/nodes/riyadh/initiatives',
  type: 'mmhub.initiative.proposed.v1',
  subject: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48717',
  time: '2026-11-26T04:00:00.000Z',
  node: 'riyadh',
  aggregateVersion: 3,
  data: { state: { id: 'x' } },
};

describe('CloudEvents in Kafka binary mode', () => {
  it('puts the attributes in ce_ headers and the aggregate id in the key', () => {
    const r = toRecord('mmhub.initiatives.v1', event);
    expect(r.key).toBe(event.subject);
    expect(r.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: event.source,
      ce_type: event.type,
      ce_subject: event.subject,
      ce_time: event.time,
      ce_node: 'riyadh',
      ce_aggregateversion: '3',
      'content-type': 'application/json',
    });
    expect(JSON.parse(r.value)).toEqual(event.data);
  });

  it('decodes what it encodes', () => {
    const r = toRecord('t', event);
    expect(fromRecord(r)).toEqual({ ...event, dataschema: undefined, traceparent: undefined });
  });

  it.each([
    ['a missing header', (h: Record<string, string>) => delete h.ce_id, /missing CloudEvents headers: ce_id/],
    ['another spec version', (h: Record<string, string>) => (h.ce_specversion = '0.3'), /ce_specversion/],
    ['a bad version', (h: Record<string, string>) => (h.ce_aggregateversion = 'x'), /ce_aggregateversion/],
    ['a bad time', (h: Record<string, string>) => (h.ce_time = 'yesterday'), /ce_time/],
    ['another content type', (h: Record<string, string>) => (h['content-type'] = 'text/plain'), /content-type/],
  ])('refuses %s with a reason', (_what, spoil, reason) => {
    const r = toRecord('t', event);
    spoil(r.headers);
    expect(() => fromRecord(r)).toThrow(UndecodableRecord);
    expect(() => fromRecord(r)).toThrow(reason);
  });

  it('refuses a value that is not JSON', () => {
    const r = { ...toRecord('t', event), value: '{not json' };
    expect(() => fromRecord(r)).toThrow(/not JSON/);
  });
});
