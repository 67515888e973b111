import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { startTestNode, type TestGatewayNode } from '../support/node';
import { subscribeSse, type OpenSubscription } from '../support/subscriptions';
import { DRAFT, SCHEDULE, campaignInput } from '../calendar/fixtures';

const services = [initiativesService, calendarService];
let hub: TestGatewayNode;
let riyadh: TestGatewayNode;
const open: OpenSubscription[] = [];

beforeAll(async () => {
  [hub, riyadh] = await Promise.all([startTestNode('ministry', { services }), startTestNode('riyadh', { services })]);
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await Promise.all([hub?.stop(), riyadh?.stop()]);
});

const EVENTS = `subscription($filter: EventFilter, $since: DateTime) { events(filter: $filter, since: $since) { type subject data } }`;
type Seen = { type: string; subject: string; data: { state: { status: string } } };

describe('the events stream and drafts', () => {
  it('gives a ministry analyst no municipality’s draft, as its reads give none; the municipality’s own analyst has them', async () => {
    // since a moment before the drafts: however soon the streams begin, they start before them
    const since = new Date(Date.now() - 1000).toISOString();
    const filter = { nodes: ['riyadh'], types: ['mmhub.campaign.*'] };
    const atHub = await subscribeSse(hub.url, EVENTS, { filter, since }, await hub.token(['analyst'], 'ministry'));
    const atRiyadh = await subscribeSse(riyadh.url, EVENTS, { filter, since }, await riyadh.token(['analyst'], 'riyadh'));
    open.push(atHub, atRiyadh);
    const editor = await riyadh.token(['editor'], 'riyadh');
    const drafted = async (title: string) => {
      const r = await riyadh.graphql(DRAFT, { input: campaignInput('2027-03-01', '2027-03-10', { titleAr: title }) }, editor);
      expect(r.errors).toBeUndefined();
      return r.data!.draftCampaign.campaign as { id: string; version: number };
    };
    const secret = await drafted('حملة لم تُعلن بعد');
    const published = await drafted('حملة معلنة');
    expect((await riyadh.graphql(SCHEDULE, { id: published.id, version: published.version }, editor)).errors).toBeUndefined();

    // riyadh's analyst: three events, the drafts included; the hub's: the scheduled campaign alone, when it reached the hub
    const own = (await atRiyadh.received(3)).map((r) => r.data!.events as Seen);
    expect(own.map((e) => [e.subject, e.data.state.status])).toEqual([
      [secret.id, 'DRAFT'],
      [published.id, 'DRAFT'],
      [published.id, 'SCHEDULED'],
    ]);
    const [first] = await atHub.received(1);
    expect((first.data!.events as Seen).subject).toBe(published.id);
    expect((first.data!.events as Seen).data.state.status).toBe('SCHEDULED');
    expect(atHub.results.some((r) => JSON.stringify(r).includes('لم تُعلن'))).toBe(false);
  }, 120_000);
});
