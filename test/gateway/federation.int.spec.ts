import ical, { type VEvent } from 'node-ical';
import { eventually, startTestNode, type TestGatewayNode } from '../support/node';
import { code } from '../initiatives/fixtures';

let riyadh: TestGatewayNode;
let editor: string;
let initiativeId: string;
let campaignId: string;
let messageId: string;

const must = async <T = any>(p: Promise<{ data?: any; errors?: unknown[] }>): Promise<T> => {
  const r = await p;
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
};

beforeAll(async () => {
  riyadh = await startTestNode('riyadh');
  editor = await riyadh.token(['editor'], 'riyadh', 'riyadh-editor-federation');
  initiativeId = (
    await must(
      riyadh.graphql(
        `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`,
        { i: { code: code('FED'), titleAr: 'مبادرة الحدائق', axis: 'INFRASTRUCTURE', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
        editor,
      ),
    )
  ).proposeInitiative.id;
  campaignId = (
    await must(
      riyadh.graphql(
        `mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }`,
        {
          i: {
            titleAr: 'حملة الحدائق',
            axis: 'INFRASTRUCTURE',
            audiences: ['FAMILIES'],
            channels: ['X'],
            startsAt: '2031-03-01T09:00:00+03:00',
            endsAt: '2031-03-20T09:00:00+03:00',
            initiativeIds: [initiativeId],
          },
        },
        editor,
      ),
    )
  ).draftCampaign.campaign.id;
  // the media service learns of campaigns and initiatives from their events
  await eventually(
    async () => ((await riyadh.sql('select 1 from media.campaign_view where id = $1', [campaignId])).length ? true : undefined),
    20_000,
    'campaign known to media',
  );
  messageId = (
    await must(
      riyadh.graphql(
        `mutation($i: DraftMessageInput!) { draftMessage(input: $i) { id } }`,
        { i: { bodyAr: 'افتتاح الحدائق', campaignId, initiativeId, variants: [{ channel: 'X', text: 'افتتاح الحدائق' }] } },
        editor,
      ),
    )
  ).draftMessage.id;
}, 120_000);
afterAll(() => riyadh?.stop());

describe('one graph across the three services', () => {
  it('resolves initiative → campaigns → messages', async () => {
    const data = await must(
      riyadh.graphql(
        `query($id: ID!) { initiative(id: $id) { titleAr campaigns { id titleAr messages { id status } } messages { id } } }`,
        { id: initiativeId },
        editor,
      ),
    );
    expect(data.initiative).toEqual({
      titleAr: 'مبادرة الحدائق',
      campaigns: [{ id: campaignId, titleAr: 'حملة الحدائق', messages: [{ id: messageId, status: 'DRAFT' }] }],
      messages: [{ id: messageId }],
    });
  });

  it('resolves campaign → initiatives and messages, and message → campaign and initiative', async () => {
    const data = await must(
      riyadh.graphql(
        `query($c: ID!, $m: ID!) {
          campaign(id: $c) { initiatives { titleAr } messages { status } }
          mediaMessage(id: $m) { campaign { titleAr } initiative { titleAr code } }
        }`,
        { c: campaignId, m: messageId },
        editor,
      ),
    );
    expect(data.campaign).toEqual({ initiatives: [{ titleAr: 'مبادرة الحدائق' }], messages: [{ status: 'DRAFT' }] });
    expect(data.mediaMessage.campaign).toEqual({ titleAr: 'حملة الحدائق' });
    expect(data.mediaMessage.initiative.titleAr).toBe('مبادرة الحدائق');
  });

  it('serves the calendar feed at the node’s address, its items linked at that address', async () => {
    const base = riyadh.url.replace('/graphql', '');
    const refused = await fetch(`${base}/calendar.ics`);
    expect(refused.status).toBe(401);
    const entryId = (
      await must(
        riyadh.graphql(
          `mutation($i: AddCalendarEntryInput!) { addCalendarEntry(input: $i) { id } }`,
          { i: { kind: 'EVENT', titleAr: 'افتتاح الحديقة', when: { startDate: '2031-03-05' } } },
          editor,
        ),
      )
    ).addCalendarEntry.id;
    const feed = async (headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}/calendar.ics?from=2031-01-01&to=2031-12-31&kind=EVENT`, { headers: { authorization: `Bearer ${editor}`, ...headers } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const event = Object.values(ical.sync.parseICS(await res.text())).find((c): c is VEvent => c?.type === 'VEVENT' && c.uid === entryId);
      if (!event) throw new Error(`${entryId} is not in the feed`);
      const url = event.url as unknown;
      return { url: typeof url === 'string' ? url : (url as { val: string }).val, description: String(event.description) };
    };

    const link = `${base}/calendar/items/${entryId}.ics`;
    expect(await feed()).toEqual({ url: link, description: expect.stringContaining(`\n${link}`) });
    const item = await fetch(link, { headers: { authorization: `Bearer ${editor}` } });
    expect(item.status).toBe(200);
    expect(await item.text()).toContain(`UID:${entryId}`);

    // a caller that is not a trusted proxy cannot put a host of its choosing, nor the service's own address, into the links
    const attempts: Array<Record<string, string>> = [
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-prefix': '/mmhub' },
      { 'x-forwarded-prefix': 'zz' },
      { 'x-forwarded-proto': 'javascript' },
    ];
    for (const forwarded of attempts) {
      expect((await feed(forwarded)).url).toBe(link);
    }
  });
});
