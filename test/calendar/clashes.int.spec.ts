import { calendarService } from '../../services/calendar/src/service';
import { eventually, startTestService, type TestNode } from '../support/node';
import { CLASHES, GENERATE, RESCHEDULE, draft, ok, scheduled, type ClashView } from './fixtures';

let riyadh: TestNode;
let ministry: TestNode;
let editor: string;
beforeAll(async () => {
  [riyadh, ministry] = await Promise.all([startTestService(calendarService, { node: 'riyadh' }), startTestService(calendarService, { node: 'ministry' })]);
  editor = await riyadh.token(['editor']);
});
afterAll(() => Promise.all([riyadh?.stop(), ministry?.stop()]));

const clashes = async (n: TestNode, vars: Record<string, unknown>, token = editor) => (await ok<{ clashes: ClashView[] }>(n, CLASHES, vars, token)).clashes;

// each case has a month of its own in 2032, when no test generates national occasions
describe('clashes within one node', () => {
  it('same axis, shared audience, overlapping periods: a clash, returned as a warning by scheduling', async () => {
    const first = await scheduled(riyadh, editor, '2032-01-01', '2032-01-15');
    expect(first.warnings).toEqual([]);
    const second = await scheduled(riyadh, editor, '2032-01-10', '2032-01-25', {
      titleAr: 'حملة الغذاء الصحي',
      titleEn: 'Healthy food',
      audiences: ['FAMILIES'],
    });
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]).toMatchObject({
      kind: 'SAME_NODE',
      node: 'riyadh',
      axis: 'HEALTH_AWARENESS',
      audiences: ['FAMILIES'],
      campaign: { id: second.campaign.id },
      otherCampaign: { id: first.campaign.id },
      overlapFrom: '2032-01-10T00:00:00.000+03:00',
      overlapTo: '2032-01-16T00:00:00.000+03:00',
      overlapFromHijri: { year: 1453, month: 9, day: 26, ar: '٢٦ رمضان ١٤٥٣ هـ', en: 'Ramadan 26, 1453 AH' },
      // the end is excluded: the Hijri date of the midnight the overlap stops at
      overlapToHijri: { year: 1453, month: 10, day: 3, ar: '٣ شوال ١٤٥٣ هـ', en: 'Shawwal 3, 1453 AH' },
    });
    expect(second.warnings[0].reasonEn).toMatch(
      /^“Healthy food” and “Food safety awareness” of Riyadh Region Municipality both address families on the Health awareness axis, from 2032-01-10 \(.+ AH\) to 2032-01-15 \(.+ AH\)\.$/,
    );
    expect(second.warnings[0].reasonAr).toContain('أمانة منطقة الرياض');
    // the Arabic reason in Arabic-Indic digits alone, both years marked
    expect(second.warnings[0].reasonAr).toContain('من ٢٦ رمضان ١٤٥٣ هـ (١٠ يناير ٢٠٣٢ م) إلى ٢ شوال ١٤٥٣ هـ (١٥ يناير ٢٠٣٢ م).');
    expect(second.warnings[0].reasonAr).not.toMatch(/[0-9]/);

    const listed = await clashes(riyadh, { range: { from: '2032-01-01', to: '2032-01-31' } });
    expect(listed.map((c) => [c.kind, c.campaign.id, c.otherCampaign?.id])).toEqual([['SAME_NODE', first.campaign.id, second.campaign.id]]);
  });

  it('different axes do not clash', async () => {
    await scheduled(riyadh, editor, '2032-02-01', '2032-02-15');
    const other = await scheduled(riyadh, editor, '2032-02-01', '2032-02-15', { axis: 'E_SERVICES' });
    expect(other.warnings).toEqual([]);
    expect(await clashes(riyadh, { range: { from: '2032-02-01', to: '2032-02-29' } })).toEqual([]);
  });

  it('touching periods do not clash, and a reschedule into overlap warns', async () => {
    const first = await scheduled(riyadh, editor, '2032-03-01', '2032-03-10');
    const second = await scheduled(riyadh, editor, '2032-03-11', '2032-03-20');
    expect(second.warnings).toEqual([]);
    expect(second.campaign.startsAt).toBe(first.campaign.endsAt);
    expect(await clashes(riyadh, { range: { from: '2032-03-01', to: '2032-03-31' } })).toEqual([]);
    const moved = await ok(
      riyadh,
      RESCHEDULE,
      { id: second.campaign.id, version: second.campaign.version, period: { startsAt: '2032-03-09T00:00:00+03:00', endsAt: '2032-03-20T00:00:00+03:00' } },
      editor,
    );
    expect(moved.rescheduleCampaign.warnings.map((w: ClashView) => w.otherCampaign?.id)).toEqual([first.campaign.id]);
  });

  it('drafts are not counted until they are scheduled', async () => {
    await scheduled(riyadh, editor, '2032-04-01', '2032-04-15');
    await draft(riyadh, editor, '2032-04-05', '2032-04-20');
    expect(await clashes(riyadh, { range: { from: '2032-04-01', to: '2032-04-30' } })).toEqual([]);
  });
});

describe('clashes across nodes', () => {
  it('a local campaign during a national occasion clashes; riyadh sees the ministry’s occasions by replication', async () => {
    await ok(ministry, GENERATE, { year: 1455 }, await ministry.token(['admin'], 'ministry'));
    // Ramadan 1455 is 2033-11-23..2033-12-22
    const ramadan = await eventually(
      async () => {
        const [row] = await riyadh.sql<{ id: string }>(
          `select id from calendar.calendar_entry where node = 'ministry' and occasion_code = 'RAMADAN' and occasion_hijri_year = 1455`,
        );
        return row?.id;
      },
      30_000,
      'the ministry’s occasions replicated to riyadh',
    );
    const local = await scheduled(riyadh, editor, '2033-12-01', '2033-12-10', { axis: 'OVERSIGHT' });
    const onRamadan = local.warnings.filter((w) => w.kind === 'NATIONAL_OCCASION' && w.occasion?.occasionCode === 'RAMADAN');
    expect(onRamadan.length).toBeGreaterThanOrEqual(1);
    expect(onRamadan.map((w) => w.occasion?.id)).toContain(ramadan);
    expect(onRamadan[0]).toMatchObject({ node: 'riyadh', campaign: { id: local.campaign.id }, overlapFrom: '2033-12-01T00:00:00.000+03:00' });
    expect(onRamadan[0].reasonEn).toMatch(/falls on the national occasion Ramadan/);
  });

  it('a local campaign on the axis of a national campaign clashes, and the hub sees it for riyadh', async () => {
    const admin = await ministry.token(['editor'], 'ministry');
    const national = await scheduled(ministry, admin, '2033-05-01', '2033-05-31', { axis: 'PROCEDURE_IMPROVEMENT', audiences: ['BUSINESSES'] });
    expect(national.campaign.scope).toBe('NATIONAL');
    // the copy as scheduled, not its draft: only scheduled campaigns clash
    await eventually(
      async () => (await riyadh.sql(`select 1 from calendar.campaign where id = $1 and status = 'SCHEDULED'`, [national.campaign.id]))[0],
      30_000,
      'national campaign replicated',
    );
    const local = await scheduled(riyadh, editor, '2033-05-20', '2033-06-10', { axis: 'PROCEDURE_IMPROVEMENT' });
    expect(local.campaign.scope).toBe('LOCAL');
    // other runs' national campaigns on the shared topic may be replicated too: look at this run's
    const mine = (list: ClashView[]) => list.filter((c) => c.otherCampaign?.id === national.campaign.id);
    expect(mine(local.warnings)).toEqual([
      expect.objectContaining({
        kind: 'NATIONAL_CAMPAIGN',
        node: 'riyadh',
        campaign: { id: local.campaign.id, node: 'riyadh' },
        otherCampaign: { id: national.campaign.id, node: 'ministry' },
      }),
    ]);
    expect(local.warnings.every((w) => w.kind === 'NATIONAL_CAMPAIGN' && w.otherCampaign?.node === 'ministry')).toBe(true);

    // the hub's unified view: riyadh's campaign arrives by replication, the clash shows for riyadh
    const range = { from: '2033-05-01', to: '2033-06-30' };
    const seen = await eventually(
      async () => {
        const list = mine(await clashes(ministry, { range, node: 'riyadh' }, admin)).filter((c) => c.campaign.id === local.campaign.id);
        return list.length ? list : undefined;
      },
      30_000,
      'the clash seen at the hub',
    );
    expect(seen.map((c) => c.kind)).toEqual(['NATIONAL_CAMPAIGN']);
    expect((await clashes(ministry, { range, node: 'jeddah' }, admin)).filter((c) => c.campaign.id === local.campaign.id)).toEqual([]);
  });
});
