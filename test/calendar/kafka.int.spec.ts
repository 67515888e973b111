import { calendarService } from '../../services/calendar/src/service';
import { readTopic, startTestService, type TestNode } from '../support/node';
import { CANCEL, CANCEL_ENTRY, CHANGE_STATUS, MOVE_ENTRY, RESCHEDULE, SCHEDULE, UPDATE, addEntry, draft, ok, type CampaignPayload } from './fixtures';

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
    const s = (
      await ok<{ scheduleCampaign: CampaignPayload }>(
        riyadh,
        `mutation($id: ID!, $v: Int!) { scheduleCampaign(id: $id, version: $v) { campaign { version } } }`,
        { id: c.id, v: 1 },
        editor,
      )
    ).scheduleCampaign.campaign;
    const r = (
      await ok(
        riyadh,
        RESCHEDULE,
        { id: c.id, version: s.version, period: { startsAt: '2035-02-01T00:00:00+03:00', endsAt: '2035-02-28T00:00:00+03:00' } },
        editor,
      )
    ).rescheduleCampaign.campaign;
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

  it('a campaign run to its end: scheduled, launched (LIVE), completed (DONE), each with its version', async () => {
    const c = await draft(riyadh, editor, '2035-05-01', '2035-05-31');
    const s = (await ok<{ scheduleCampaign: CampaignPayload }>(riyadh, SCHEDULE, { id: c.id, version: c.version }, editor)).scheduleCampaign.campaign;
    const live = (await ok<{ changeCampaignStatus: CampaignPayload }>(riyadh, CHANGE_STATUS, { id: c.id, version: s.version, status: 'LIVE' }, editor))
      .changeCampaignStatus.campaign;
    expect(live).toMatchObject({ status: 'LIVE', version: 3, sequence: 0 });
    const done = (await ok<{ changeCampaignStatus: CampaignPayload }>(riyadh, CHANGE_STATUS, { id: c.id, version: live.version, status: 'DONE' }, editor))
      .changeCampaignStatus.campaign;
    expect(done).toMatchObject({ status: 'DONE', version: 4, sequence: 0 });

    const records = await readTopic(TOPIC, (rs) => rs.length >= 4, { filter: (x) => x.headers.ce_subject === c.id });
    expect(records.map((x) => [x.headers.ce_type, x.headers.ce_aggregateversion])).toEqual([
      ['mmhub.campaign.drafted.v1', '1'],
      ['mmhub.campaign.scheduled.v1', '2'],
      ['mmhub.campaign.launched.v1', '3'],
      ['mmhub.campaign.completed.v1', '4'],
    ]);
    const [launched, completed] = records.slice(2).map((x) => JSON.parse(x.value!));
    expect(launched.change).toMatchObject({ status: { from: 'SCHEDULED', to: 'LIVE' }, by: 'riyadh-editor' });
    expect(launched.state).toMatchObject({ id: c.id, status: 'LIVE', version: 3 });
    expect(completed.change).toMatchObject({ status: { from: 'LIVE', to: 'DONE' } });
    expect(completed.state).toMatchObject({ id: c.id, status: 'DONE', version: 4 });
  });

  it('an update of a campaign is mmhub.campaign.updated.v1, with what changed from what', async () => {
    const c = await draft(riyadh, editor, '2035-06-01', '2035-06-30');
    await ok(riyadh, UPDATE, { id: c.id, version: c.version, input: { titleEn: 'Food safety in summer', channels: ['SMS'] } }, editor);
    const [updated] = await readTopic(TOPIC, (rs) => rs.length >= 1, {
      filter: (x) => x.headers.ce_subject === c.id && x.headers.ce_type === 'mmhub.campaign.updated.v1',
    });
    expect(updated.key).toBe(c.id);
    expect(updated.headers.ce_aggregateversion).toBe('2');
    const data = JSON.parse(updated.value!);
    expect(data.change).toEqual({
      titleEn: { from: 'Food safety awareness', to: 'Food safety in summer' },
      channels: { from: ['X', 'INSTAGRAM'], to: ['SMS'] },
    });
    expect(data.state).toMatchObject({ id: c.id, status: 'DRAFT', titleEn: 'Food safety in summer', channels: ['SMS'], version: 2 });
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
    const launch = await addEntry(riyadh, editor, {
      kind: 'CAMPAIGN_LAUNCH',
      campaignId: c.id,
      when: { startsAt: '2035-04-01T10:00:00+03:00', endsAt: '2035-04-01T11:00:00+03:00' },
    });
    expect(launch.axis).toBe('HEALTH_AWARENESS');
    await ok(riyadh, CANCEL, { id: c.id, version: c.version }, editor);
    const [cancelled] = await readTopic(TOPIC, (rs) => rs.length >= 1, {
      filter: (x) => x.headers.ce_subject === launch.id && x.headers.ce_type === 'mmhub.calendarentry.cancelled.v1',
    });
    expect(JSON.parse(cancelled.value!).state).toMatchObject({ status: 'CANCELLED', campaignId: c.id });
    const entry = (await ok(riyadh, `query($id: ID!) { calendarEntry(id: $id) { status campaign { status } } }`, { id: launch.id }, editor)).calendarEntry;
    expect(entry).toEqual({ status: 'CANCELLED', campaign: { status: 'CANCELLED' } });
  });
});
