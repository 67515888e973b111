import { calendarService } from '../../services/calendar/src/service';
import { readTopic, startTestService, type TestNode } from '../support/node';
import { CANCEL, CANCEL_ENTRY, MOVE_ENTRY, RESCHEDULE, addEntry, draft, ok, type CampaignPayload } from './fixtures';

let riyadh: TestNode;
let editor: string;
beforeAll(async () => {
  riyadh = await startTestService(calendarService, { node: 'riyadh' });
  editor = await riyadh.token(['editor']);
});
afterAll(() => riyadh?.stop());

const TOPIC = 'mmhub.calendar.v1';

describe('events on Kafka', () => {
  it('every change of a campaign is one CloudEvents record, keyed by its id, in version order', async () => {
    const c = await draft(riyadh, editor, '2035-01-01', '2035-01-31');
    const s = (await ok<{ scheduleCampaign: CampaignPayload }>(riyadh, `mutation($id: ID!, $v: Int!) { scheduleCampaign(id: $id, version: $v) { campaign { version } } }`, { id: c.id, v: 1 }, editor))
      .scheduleCampaign.campaign;
    const r = (await ok(riyadh, RESCHEDULE, { id: c.id, version: s.version, period: { startsAt: '2035-02-01T00:00:00+03:00', endsAt: '2035-02-28T00:00:00+03:00' } }, editor)).rescheduleCampaign.campaign;
    await ok(riyadh, CANCEL, { id: c.id, version: r.version, reason: 'الميزانية' }, editor);

    const records = await readTopic(TOPIC, (rs) => rs.length >= 4, { filter: (x) => x.headers.ce_subject === c.id });
    expect(records.map((x) => [x.headers.ce_type, x.headers.ce_aggregateversion])).toEqual([
      ['mmhub.campaign.drafted.v1', '1'],
      ['mmhub.campaign.scheduled.v1', '2'],
      ['mmhub.campaign.rescheduled.v1', '3'],
      ['mmhub.campaign.cancelled.v1', '4'],
    ]);
    for (const x of records) {
      expect(x.key).toBe(c.id);
      expect(x.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_source: '/nodes/riyadh/calendar',
        ce_subject: c.id,
        ce_node: 'riyadh',
        'content-type': 'application/json',
      });
      expect(x.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(x.headers.ce_time)).not.toBeNaN();
    }
    expect(new Set(records.map((x) => x.partition)).size).toBe(1);
    const rescheduled = JSON.parse(records[2].value!);
    expect(rescheduled.state).toMatchObject({ id: c.id, node: 'riyadh', status: 'SCHEDULED', version: 3, sequence: 1, startsAt: '2035-01-31T21:00:00.000Z' });
    expect(rescheduled.change.period.to).toEqual({ startsAt: '2035-01-31T21:00:00.000Z', endsAt: '2035-02-27T21:00:00.000Z' });
    expect(JSON.parse(records[3].value!).change).toMatchObject({ status: { from: 'SCHEDULED', to: 'CANCELLED' }, reason: 'الميزانية' });

    const [row] = await riyadh.sql<{ pending: number }>('select count(*)::int as pending from calendar.outbox where subject = $1 and sent_at is null', [c.id]);
    expect(row.pending).toBe(0);
  });

  it('calendar entries: added, moved, cancelled', async () => {
    const e = await addEntry(riyadh, editor, { when: { startDate: '2035-03-01' } });
    const m = (await ok(riyadh, MOVE_ENTRY, { id: e.id, version: 1, when: { startDate: '2035-03-02' } }, editor)).moveCalendarEntry;
    await ok(riyadh, CANCEL_ENTRY, { id: e.id, version: m.version }, editor);
    const records = await readTopic(TOPIC, (rs) => rs.length >= 3, { filter: (x) => x.headers.ce_subject === e.id });
    expect(records.map((x) => x.headers.ce_type)).toEqual(['mmhub.calendarentry.added.v1', 'mmhub.calendarentry.moved.v1', 'mmhub.calendarentry.cancelled.v1']);
    expect(JSON.parse(records[2].value!).state).toMatchObject({ id: e.id, status: 'CANCELLED', sequence: 2, version: 3 });
  });

  it('cancelling a campaign cancels its own entries, each with its event', async () => {
    const c = await draft(riyadh, editor, '2035-04-01', '2035-04-30');
    const launch = await addEntry(riyadh, editor, { kind: 'CAMPAIGN_LAUNCH', campaignId: c.id, when: { startsAt: '2035-04-01T10:00:00+03:00', endsAt: '2035-04-01T11:00:00+03:00' } });
    expect(launch.axis).toBe('HEALTH_AWARENESS');
    await ok(riyadh, CANCEL, { id: c.id, version: c.version }, editor);
    const [cancelled] = await readTopic(TOPIC, (rs) => rs.length >= 1, { filter: (x) => x.headers.ce_subject === launch.id && x.headers.ce_type === 'mmhub.calendarentry.cancelled.v1' });
    expect(JSON.parse(cancelled.value!).state).toMatchObject({ status: 'CANCELLED', campaignId: c.id });
    const entry = (await ok(riyadh, `query($id: ID!) { calendarEntry(id: $id) { status campaign { status } } }`, { id: launch.id }, editor)).calendarEntry;
    expect(entry).toEqual({ status: 'CANCELLED', campaign: { status: 'CANCELLED' } });
  });
});
