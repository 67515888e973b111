import { newId } from '../../services/kernel/src/domain';
import { calendarService } from '../../services/calendar/src/service';
import { startTestService, type TestNode } from '../support/node';
import {
  ADD_ENTRY,
  CALENDAR,
  CANCEL,
  CHANGE_STATUS,
  CLASHES,
  DRAFT,
  MOVE_ENTRY,
  RESCHEDULE,
  UPDATE,
  addEntry,
  campaignInput,
  counts,
  draft,
  ok,
  type CampaignView,
  type EntryView,
} from './fixtures';

let riyadh: TestNode;
let editor: string;
let campaign: CampaignView;
let cancelled: CampaignView;
let cancelledEntry: EntryView;
const ministryCampaign = newId();
const jeddahCampaign = newId();

beforeAll(async () => {
  riyadh = await startTestService(calendarService, { node: 'riyadh' });
  editor = await riyadh.token(['editor']);
  campaign = await draft(riyadh, editor, '2036-01-01', '2036-01-31');
  const toCancel = await draft(riyadh, editor, '2036-02-01', '2036-02-28');
  cancelled = (await ok(riyadh, CANCEL, { id: toCancel.id, version: toCancel.version }, editor)).cancelCampaign.campaign;
  const entry = await addEntry(riyadh, editor, { when: { startDate: '2036-01-10' } });
  cancelledEntry = (await ok(riyadh, `mutation($id: ID!) { cancelCalendarEntry(id: $id, version: 1) { id version status } }`, { id: entry.id }, editor))
    .cancelCalendarEntry;
  // read-only copies of other nodes' campaigns, as replication would have written them
  for (const [id, node] of [
    [ministryCampaign, 'ministry'],
    [jeddahCampaign, 'jeddah'],
  ]) {
    await riyadh.sql(
      `insert into calendar.campaign (id, node, title_ar, axis, audiences, channels, starts_at, ends_at, initiative_ids, status, sequence, created_by, created_at, updated_at, version)
       values ($1, $2, 'حملة', 'OVERSIGHT', '{RESIDENTS}', '{X}', '2036-03-01T00:00:00+03:00', '2036-03-10T00:00:00+03:00', '{}', 'SCHEDULED', 0, 'x', now(), now(), 1)`,
      [id, node],
    );
  }
});
afterAll(() => riyadh?.stop());

const period = { startsAt: '2036-05-01T00:00:00+03:00', endsAt: '2036-05-10T00:00:00+03:00' };
type Case = [string, string, () => Record<string, unknown>, string[] | null, string | null, Record<string, unknown>];
const writer = ['editor'];

const CASES: Case[] = [
  [
    'a draft ending before it starts',
    DRAFT,
    () => ({ input: campaignInput('2036-04-10', '2036-04-01') }),
    writer,
    null,
    { code: 'BAD_USER_INPUT', field: 'endsAt' },
  ],
  [
    'an unknown channel',
    DRAFT,
    () => ({ input: campaignInput('2036-04-01', '2036-04-10', { channels: ['X', 'FAX'] }) }),
    writer,
    null,
    { code: 'BAD_USER_INPUT', field: 'channels.1' },
  ],
  [
    'an unknown audience',
    DRAFT,
    () => ({ input: campaignInput('2036-04-01', '2036-04-10', { audiences: ['ALIENS'] }) }),
    writer,
    null,
    { code: 'BAD_USER_INPUT', field: 'audiences.0' },
  ],
  ['an unknown axis', DRAFT, () => ({ input: campaignInput('2036-04-01', '2036-04-10', { axis: 'SPORTS' }) }), writer, null, { code: 'BAD_USER_INPUT' }],
  [
    'a time without its offset',
    DRAFT,
    () => ({ input: campaignInput('2036-04-01', '2036-04-10', { startsAt: '2036-04-01T09:00:00' }) }),
    writer,
    null,
    { code: 'BAD_USER_INPUT' },
  ],
  [
    'a date-time on a day that does not exist',
    DRAFT,
    () => ({ input: campaignInput('2036-04-01', '2036-04-10', { startsAt: '2036-02-30T09:00:00+03:00' }) }),
    writer,
    null,
    { code: 'BAD_USER_INPUT' },
  ],
  [
    'campaigns of a malformed initiative id',
    `query($i: ID!) { campaigns(filter: { initiative: $i }) { totalCount } }`,
    () => ({ i: 'not-an-id' }),
    ['viewer'],
    null,
    { code: 'BAD_USER_INPUT', field: 'initiative' },
  ],
  ['a draft without a token', DRAFT, () => ({ input: campaignInput('2036-04-01', '2036-04-10') }), null, null, { code: 'UNAUTHENTICATED' }],
  ['a draft by a viewer', DRAFT, () => ({ input: campaignInput('2036-04-01', '2036-04-10') }), ['viewer'], null, { code: 'FORBIDDEN' }],
  ['a draft at riyadh by a jeddah editor', DRAFT, () => ({ input: campaignInput('2036-04-01', '2036-04-10') }), writer, 'jeddah', { code: 'FORBIDDEN' }],
  [
    'rescheduling a cancelled campaign',
    RESCHEDULE,
    () => ({ id: cancelled.id, version: cancelled.version, period }),
    writer,
    null,
    { code: 'INVALID_TRANSITION', from: 'CANCELLED', allowed: [] },
  ],
  [
    'rescheduling to an end before the start',
    RESCHEDULE,
    () => ({ id: campaign.id, version: 1, period: { startsAt: period.endsAt, endsAt: period.startsAt } }),
    writer,
    null,
    { code: 'BAD_USER_INPUT', field: 'endsAt' },
  ],
  // riyadh's campaign is still a draft: to another node's callers it is not there (drafts.read)
  ['changing riyadh’s draft campaign as a jeddah editor', RESCHEDULE, () => ({ id: campaign.id, version: 1, period }), writer, 'jeddah', { code: 'NOT_FOUND' }],
  [
    'changing the ministry’s campaign at riyadh',
    RESCHEDULE,
    () => ({ id: ministryCampaign, version: 1, period }),
    ['editor', 'admin'],
    'ministry',
    { code: 'NOT_OWNER', owner: 'ministry' },
  ],
  ['changing jeddah’s campaign at riyadh', CANCEL, () => ({ id: jeddahCampaign, version: 1 }), writer, null, { code: 'NOT_OWNER', owner: 'jeddah' }],
  ['a stale version', RESCHEDULE, () => ({ id: campaign.id, version: 9, period }), writer, null, { code: 'CONFLICT', currentVersion: 1 }],
  [
    'an illegal transition',
    CHANGE_STATUS,
    () => ({ id: campaign.id, version: 1, status: 'DONE' }),
    writer,
    null,
    { code: 'INVALID_TRANSITION', from: 'DRAFT', to: 'DONE', allowed: ['SCHEDULED', 'CANCELLED'] },
  ],
  [
    'an update that changes nothing',
    UPDATE,
    () => ({ id: campaign.id, version: 1, input: { titleEn: campaign.titleEn } }),
    writer,
    null,
    { code: 'BAD_USER_INPUT', field: 'input' },
  ],
  ['an unknown campaign', CANCEL, () => ({ id: newId(), version: 1 }), writer, null, { code: 'NOT_FOUND' }],
  ['an id that is not one', CANCEL, () => ({ id: 'campaign-1', version: 1 }), writer, null, { code: 'BAD_USER_INPUT', field: 'id' }],
  [
    'moving a cancelled entry',
    MOVE_ENTRY,
    () => ({ id: cancelledEntry.id, version: cancelledEntry.version, when: { startDate: '2036-01-11' } }),
    writer,
    null,
    { code: 'INVALID_TRANSITION', from: 'CANCELLED', allowed: [] },
  ],
  [
    'an entry on jeddah’s campaign',
    ADD_ENTRY,
    () => ({ input: { kind: 'EVENT', titleAr: 'فعالية', campaignId: jeddahCampaign, when: { startDate: '2036-03-02' } } }),
    writer,
    null,
    { code: 'BAD_USER_INPUT', field: 'campaignId' },
  ],
  [
    'an entry with both kinds of time',
    ADD_ENTRY,
    () => ({ input: { kind: 'EVENT', titleAr: 'فعالية', when: { startDate: '2036-03-02', startsAt: period.startsAt, endsAt: period.endsAt } } }),
    writer,
    null,
    { code: 'BAD_USER_INPUT', field: 'when' },
  ],
  ['a calendar of month 13', CALENDAR, () => ({ hijriMonth: { year: 1447, month: 13 } }), writer, null, { code: 'BAD_USER_INPUT', field: 'hijriMonth.month' }],
  ['clashes of month 13', CLASHES, () => ({ hijriMonth: { year: 1447, month: 13 } }), writer, null, { code: 'BAD_USER_INPUT', field: 'hijriMonth.month' }],
  ['the calendar without a token', CALENDAR, () => ({ hijriMonth: { year: 1447, month: 9 } }), null, null, { code: 'UNAUTHENTICATED' }],
];

describe('refused, with a typed error in both languages, and nothing changed', () => {
  it.each(CASES)('%s', async (_what, query, vars, roles, node, expected) => {
    const before = await counts(riyadh);
    const token = roles ? await riyadh.token(roles as never, node ?? 'riyadh') : undefined;
    const r = await riyadh.graphql(query, vars(), token);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject(expected);
    if (r.errors![0].extensions?.code !== 'BAD_USER_INPUT' || expected.field) expect(r.errors![0].extensions?.messageAr).toBeTruthy();
    expect(await counts(riyadh)).toEqual(before);
  });

  it('left the replicas as they were', async () => {
    const rows = await riyadh.sql<{ node: string; version: number; status: string }>(
      'select node, version, status from calendar.campaign where id = any($1) order by node',
      [[ministryCampaign, jeddahCampaign]],
    );
    expect(rows).toEqual([
      { node: 'jeddah', version: 1, status: 'SCHEDULED' },
      { node: 'ministry', version: 1, status: 'SCHEDULED' },
    ]);
  });
});
