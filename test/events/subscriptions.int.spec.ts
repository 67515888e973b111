import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { eventually, startTestNode, type TestGatewayNode } from '../support/node';
import { subscribeSse, subscribeWs, type OpenSubscription } from '../support/subscriptions';
import { code } from '../initiatives/fixtures';

const services = [initiativesService, calendarService, mediaService];
let hub: TestGatewayNode;
let riyadh: TestGatewayNode;
const open: OpenSubscription[] = [];

beforeAll(async () => {
  // a short subgraph timeout: subscriptions must outlive it
  // and a request body of up to 1 MiB, for an event near the largest an event may be
  const env = { MMHUB_GATEWAY_SUBGRAPH_TIMEOUT_MS: '1500', MMHUB_EVENT_JOURNAL_HISTORY: 'all', MMHUB_GATEWAY_MAX_BODY_BYTES: String(1024 * 1024) };
  [hub, riyadh] = await Promise.all([startTestNode('ministry', { services, env }), startTestNode('riyadh', { services, env })]);
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await Promise.all([hub?.stop(), riyadh?.stop()]);
});

const EVENTS = `subscription($filter: EventFilter, $after: String, $since: DateTime) {
  events(filter: $filter, after: $after, since: $since) { id type service source node subject time aggregateVersion data cursor }
}`;

async function propose(at: TestGatewayNode, title: string): Promise<{ id: string; version: number }> {
  const r = await at.graphql(
    `mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id version } }`,
    { i: { code: code('SB'), titleAr: title, axis: 'OVERSIGHT', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' } },
    await at.token(['editor'], at.node),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.proposeInitiative;
}

async function retitle(at: TestGatewayNode, i: { id: string; version: number }, titleEn: string): Promise<{ id: string; version: number }> {
  const r = await at.graphql(
    `mutation($id: ID!, $v: Int!, $t: String!) { updateInitiative(id: $id, version: $v, input: { titleEn: $t }) { id version } }`,
    { id: i.id, v: i.version, t: titleEn },
    await at.token(['editor'], at.node),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.updateInitiative;
}

const keep = <T extends OpenSubscription>(s: T): T => {
  open.push(s);
  return s;
};

describe('the event stream through the hub’s gateway', () => {
  it('delivers, over graphql-ws and over SSE, an event caused by a mutation at a municipal node', async () => {
    const analyst = await hub.token(['analyst'], 'ministry');
    const filter = { nodes: ['riyadh'], types: ['mmhub.initiative.proposed.v1'] };
    const ws = keep(await subscribeWs(hub.url, EVENTS, { filter }, analyst));
    const sse = keep(await subscribeSse(hub.url, EVENTS, { filter }, analyst));
    // both are listening once an earlier event would have reached them; a fresh one must arrive
    await new Promise((r) => setTimeout(r, 300));
    const made = await propose(riyadh, 'مبادرة للبث المباشر');
    for (const s of [ws, sse]) {
      const results = await eventually(
        async () => {
          const found = s.results.find((r) => r.data?.events?.subject === made.id);
          return found ? s.results : undefined;
        },
        30_000,
        'the event of the new initiative',
      );
      const r = results.find((x) => x.data?.events?.subject === made.id)!;
      expect(r.errors).toBeUndefined();
      expect(r.data!.events).toMatchObject({
        type: 'mmhub.initiative.proposed.v1',
        service: 'initiatives',
        source: '/nodes/riyadh/initiatives',
        node: 'riyadh',
        aggregateVersion: 1,
      });
      expect(r.data!.events.data.state).toMatchObject({ id: made.id, titleAr: 'مبادرة للبث المباشر', node: 'riyadh' });
      expect(typeof r.data!.events.cursor).toBe('string');
    }
  }, 90_000);

  it('resumes from a cursor: exactly the events missed while away, in order', async () => {
    const analyst = await hub.token(['analyst'], 'ministry');
    let i = await propose(riyadh, 'مبادرة الاستئناف');
    const filter = { subject: i.id };
    const first = keep(await subscribeSse(hub.url, EVENTS, { filter, since: '2020-01-01T00:00:00+03:00' }, analyst));
    // the hub's journal first takes in the topics' history: on a busy broker that takes a while
    const [proposed] = await first.received(1, 120_000);
    expect(proposed.data!.events.aggregateVersion).toBe(1);
    await first.close();

    for (let n = 1; n <= 50; n++) i = await retitle(riyadh, i, `version ${n + 1}`);
    await new Promise((r) => setTimeout(r, 2000));
    const again = keep(await subscribeWs(hub.url, EVENTS, { filter, after: proposed.data!.events.cursor }, analyst));
    const missed = await again.received(50, 120_000);
    const journal = await hub.sql<{ v: number }>('select aggregate_version as v from initiatives.journal where subject = $1 order by seq', [i.id]);
    expect(journal.map((r) => r.v)).toEqual(Array.from({ length: 51 }, (_, n) => n + 1));
    expect(missed.map((r) => r.data!.events.aggregateVersion)).toEqual(Array.from({ length: 50 }, (_, n) => n + 2));
    expect(new Set(missed.map((r) => r.data!.events.id)).size).toBe(50);
    // nothing more than the 50, and the stream still open past the gateway's subgraph timeout
    await new Promise((r) => setTimeout(r, 2000));
    expect(again.results).toHaveLength(50);
    i = await retitle(riyadh, i, 'version 52');
    expect((await again.received(51))[50].data!.events.aggregateVersion).toBe(52);
  }, 120_000);

  it('delivers an event near the largest an event may be, whole, over graphql-ws and over SSE', async () => {
    // Arabic nearly throughout, so that the stream's chunks end inside a character
    const links = Array.from({ length: 92 }, (_, i) => `https://cdn.example.sa/${i}/${'ر'.repeat(1000)}`);
    const channels: Array<[string, number, number]> = [
      ['X', 100, 4],
      ['INSTAGRAM', 2000, 10],
      ['TIKTOK', 2000, 35],
      ['WEBSITE', 20_000, 20],
      ['PRESS', 20_000, 20],
    ];
    let used = 0;
    const variants = channels.map(([channel, length, count]) => ({ channel, text: 'ن'.repeat(length), mediaRefs: links.slice(used, (used += count)) }));
    const r = await riyadh.graphql(
      `mutation($input: DraftMessageInput!) { draftMessage(input: $input) { id } }`,
      { input: { bodyAr: 'أ'.repeat(20_000), bodyEn: 'b'.repeat(20_000), variants } },
      await riyadh.token(['editor'], 'riyadh'),
    );
    expect(r.errors).toBeUndefined();
    const id = r.data!.draftMessage.id as string;
    // riyadh's own analyst at the hub: a draft is riyadh's to read, not the ministry's
    const analyst = await hub.token(['analyst'], 'riyadh');
    const variables = { filter: { subject: id }, since: '2020-01-01T00:00:00+03:00' };
    for (const s of [keep(await subscribeWs(hub.url, EVENTS, variables, analyst)), keep(await subscribeSse(hub.url, EVENTS, variables, analyst))]) {
      const [drafted] = await s.received(1, 60_000);
      expect(drafted.errors).toBeUndefined();
      expect(drafted.data!.events.type).toBe('mmhub.message.drafted.v1');
      expect(drafted.data!.events.data.state).toMatchObject({ id, bodyAr: 'أ'.repeat(20_000), variants });
      expect(Buffer.byteLength(JSON.stringify(drafted.data!.events.data))).toBeGreaterThan(500_000);
    }
  }, 120_000);

  it('gives a municipal analyst its own node’s and the ministry’s events only', async () => {
    const jeddahAnalyst = await hub.token(['analyst'], 'jeddah');
    const all = keep(await subscribeSse(hub.url, EVENTS, { filter: { types: ['mmhub.initiative.proposed.v1'] } }, jeddahAnalyst));
    await new Promise((r) => setTimeout(r, 300));
    const theirs = await propose(riyadh, 'مبادرة لا تخص جدة');
    const national = await propose(hub, 'مبادرة وطنية يراها الجميع');
    await eventually(async () => (all.results.some((r) => r.data?.events?.subject === national.id) ? true : undefined), 30_000, 'the national event');
    // riyadh's event reached the hub before the ministry's was even made
    expect(all.results.some((r) => r.data?.events?.subject === theirs.id)).toBe(false);
    expect(all.results.every((r) => ['jeddah', 'ministry'].includes(r.data?.events?.node))).toBe(true);

    const refused = keep(await subscribeSse(hub.url, EVENTS, { filter: { nodes: ['riyadh'] } }, jeddahAnalyst));
    const [r] = await refused.received(1);
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(r.errors?.[0].message).toContain('riyadh');
  }, 90_000);

  it('refuses callers who are not analysts or admins, and a cursor that is not one', async () => {
    const viewer = keep(await subscribeSse(hub.url, EVENTS, {}, await hub.token(['viewer', 'editor'], 'ministry')));
    expect((await viewer.received(1))[0].errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = keep(await subscribeSse(hub.url, EVENTS, {}));
    expect((await anonymous.received(1))[0].errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const badCursor = keep(await subscribeWs(hub.url, EVENTS, { after: 'not-a-cursor' }, await hub.token(['admin'], 'ministry')));
    expect((await badCursor.received(1))[0].errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }, 60_000);
});

describe('typed subscriptions for frontends', () => {
  it('deliver the changed entity, with fields the gateway resolves from other services', async () => {
    const viewer = await hub.token(['viewer'], 'ministry');
    const initiatives = keep(
      await subscribeWs(hub.url, 'subscription { initiativeChanged(node: "riyadh") { id node titleAr version campaigns { id } } }', {}, viewer),
    );
    // a municipality's draft is read at the hub by the ministry's reviewers and admins only (drafts.read)
    const reviewer = await hub.token(['reviewer'], 'ministry');
    const campaigns = keep(
      await subscribeSse(hub.url, 'subscription { campaignChanged { id titleAr status version initiatives { id titleAr } } }', {}, reviewer),
    );
    await new Promise((r) => setTimeout(r, 300));
    const i = await propose(riyadh, 'مبادرة تتابعها الواجهة');
    const changed = await eventually(async () => initiatives.results.find((r) => r.data?.initiativeChanged?.id === i.id), 30_000, 'initiativeChanged');
    expect(changed.data!.initiativeChanged).toEqual({ id: i.id, node: 'riyadh', titleAr: 'مبادرة تتابعها الواجهة', version: 1, campaigns: [] });

    const editor = await riyadh.token(['editor'], 'riyadh');
    const drafted = await riyadh.graphql(
      `mutation($input: DraftCampaignInput!) { draftCampaign(input: $input) { campaign { id } } }`,
      {
        input: {
          titleAr: 'حملة للمبادرة',
          axis: 'OVERSIGHT',
          audiences: ['RESIDENTS'],
          channels: ['X'],
          startsAt: '2031-03-01T09:00:00+03:00',
          endsAt: '2031-03-05T09:00:00+03:00',
          initiativeIds: [i.id],
        },
      },
      editor,
    );
    expect(drafted.errors).toBeUndefined();
    const campaignId = drafted.data!.draftCampaign.campaign.id;
    const seen = await eventually(async () => campaigns.results.find((r) => r.data?.campaignChanged?.id === campaignId), 30_000, 'campaignChanged');
    expect(seen.data!.campaignChanged).toEqual({
      id: campaignId,
      titleAr: 'حملة للمبادرة',
      status: 'DRAFT',
      version: 1,
      initiatives: [{ id: i.id, titleAr: 'مبادرة تتابعها الواجهة' }],
    });
  }, 90_000);

  it('go on past changes of aggregates the service does not hold', async () => {
    const viewer = await riyadh.token(['viewer'], 'riyadh');
    const changes = keep(await subscribeWs(riyadh.url, 'subscription { initiativeChanged { id titleAr } }', {}, viewer));
    const changeOf = (id: string, ms: number) =>
      eventually(async () => changes.results.find((r) => r.data?.initiativeChanged?.id === id), ms, `the change of ${id}`);
    // listening once a change made now reaches it
    await eventually(
      async () => changeOf((await propose(riyadh, 'مبادرة قبل التغييرات الغريبة')).id, 5_000).catch(() => undefined),
      60_000,
      'the subscription listening',
    );

    // journalled changes of initiatives this service has no row of (as a journal shared with another node's would hold)
    for (let n = 0; n < 8; n++) {
      await riyadh.sql(
        `insert into initiatives.journal (id, type, service, source, node, subject, aggregate_version, time, data)
         values (gen_random_uuid(), 'mmhub.initiative.proposed', 'initiatives', '/mmhub/riyadh/initiatives', 'riyadh', gen_random_uuid()::text, 1, now(), '{}')`,
      );
    }
    const i = await propose(riyadh, 'مبادرة بعد التغييرات الغريبة');
    // each missing one held the stream back by the whole catch-up wait (5 s): eight of them outlasted this wait
    const changed = await changeOf(i.id, 30_000);
    expect(changed.data!.initiativeChanged).toEqual({ id: i.id, titleAr: 'مبادرة بعد التغييرات الغريبة' });
    expect(changes.results.every((r) => !r.errors)).toBe(true);
  }, 120_000);
});
