import { toRecord } from './cloudevent';
import { recordOfOutboxRow, type PendingRow } from './relay';

const row: PendingRow = {
  id: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716',
  topic: 'mmhub.initiatives.v1',
  type: 'mmhub.initiative.updated.v1',
  source: '/nodes/riyadh/initiatives',
  subject: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48717',
  node: 'riyadh',
  aggregate_version: '12',
  time: '2026-11-26T04:00:00.123Z',
  data: { state: { id: 'x', titleAr: 'مبادرة', percentComplete: 40, targets: [] }, change: { percentComplete: 40 } },
};

/** The record as the relay made it before it read the row's text: `toRecord` of the parsed row. */
const expected = (r: PendingRow) =>
  toRecord(r.topic, {
    id: r.id,
    source: r.source,
    type: r.type,
    subject: r.subject,
    node: r.node,
    aggregateVersion: Number(r.aggregate_version),
    time: new Date(r.time).toISOString(),
    data: r.data,
    traceparent: r.traceparent ?? undefined,
  });

describe('the record of an outbox row', () => {
  it.each([
    ['without a trace', row],
    ['with a trace', { ...row, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }],
    ['with a null trace', { ...row, traceparent: null }],
  ])('is the one toRecord makes, %s: same headers in the same order, same value bytes', (_what, r) => {
    const made = recordOfOutboxRow(r);
    const want = expected(r);
    expect(made).toEqual(want);
    // headers travel as an ordered list: their order is part of the record's bytes
    expect(Object.keys(made.headers)).toEqual(Object.keys(want.headers));
    expect(Buffer.from(made.value).equals(Buffer.from(want.value))).toBe(true);
  });
});
