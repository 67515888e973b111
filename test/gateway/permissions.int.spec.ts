import { allows, PERMISSIONS, ROLES, type Action, type Caller, type Reach, type Role } from '../../services/kernel/src/auth';
import { newId } from '../../services/kernel/src/domain';
import { initiativesService } from '../../services/initiatives/src/service';
import { mediaService } from '../../services/media/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { eventually, startTestNode, type GraphQLResult, type TestGatewayNode } from '../support/node';
import { campaignEvent, produce } from '../media/media-support';
import { code } from '../initiatives/fixtures';
import { subscribeSse } from '../support/subscriptions';

/**
 * Every cell of the permission matrix, tried through the gateways: the caller's node relative to
 * the record's owner is the reach. Own: a caller of the owner node, at its gateway. Other: a caller of
 * another municipality, at the owner's gateway. Ministry: a ministry caller, at the ministry's gateway
 * where the record is a copy (or, to create a record owned elsewhere, at that node's gateway).
 */
let ministry: TestGatewayNode;
let riyadh: TestGatewayNode;
const services = [initiativesService, calendarService, mediaService];

beforeAll(async () => {
  // the events cell reads the journal from its beginning
  const env = { MMHUB_EVENT_JOURNAL_HISTORY: 'all' };
  [ministry, riyadh] = await Promise.all([startTestNode('ministry', { services, env }), startTestNode('riyadh', { services, env })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([ministry?.stop(), riyadh?.stop()]);
});

const gatewayOf = (node: string) => (node === 'ministry' ? ministry : riyadh);
const ok = (r: GraphQLResult) => !r.errors?.length;
const REFUSALS = ['FORBIDDEN', 'NOT_OWNER'];

async function as(node: string, role: Role, gateway: string, query: string, variables: Record<string, unknown> = {}) {
  const g = gatewayOf(gateway);
  return g.graphql(query, variables, await g.token([role], node, `${node}-${role}-matrix`));
}

async function asRiyadhEditor<T = any>(query: string, variables: Record<string, unknown>) {
  const r = await riyadh.graphql(query, variables, await riyadh.token(['editor', 'admin'], 'riyadh', 'riyadh-setup'));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

// records of riyadh, and the ministry's copies of them
let initiative: string;
let criterion: string;
// the edits of initiative.write so far
let edits = 0;
const initiativeVersion = async () =>
  (await riyadh.sql<{ version: number }>('select version from initiatives.initiative where id = $1', [initiative]))[0].version;

beforeAll(async () => {
  initiative = (
    await asRiyadhEditor(`mutation($i: ProposeInitiativeInput!) { proposeInitiative(input: $i) { id } }`, {
      i: { code: code('MX'), titleAr: 'مبادرة المصفوفة', axis: 'OVERSIGHT', plannedStart: '2026-01-01', plannedEnd: '2026-12-31' },
    })
  ).proposeInitiative.id;
  const c = await ministry.graphql(
    `mutation { defineIntegrationCriterion(input: { nameAr: "معيار المصفوفة", weight: 1 }) { id } }`,
    {},
    await ministry.token(['admin'], 'ministry', 'ministry-setup'),
  );
  criterion = c.data!.defineIntegrationCriterion.id;
  await eventually(
    async () => ((await ministry.sql('select 1 from initiatives.initiative where id = $1', [initiative])).length ? true : undefined),
    20_000,
    'initiative copied to the hub',
  );
  await eventually(
    async () => ((await riyadh.sql('select 1 from initiatives.integration_criterion where id = $1', [criterion])).length ? true : undefined),
    20_000,
    'criterion copied to riyadh',
  );
}, 60_000);

/** A riyadh message waiting for review; national when the ministry is to review it. */
async function messageInReview(national: boolean): Promise<{ id: string; version: number }> {
  let campaignId: string | undefined;
  if (national) {
    const c = campaignEvent('ministry', 'حملة وطنية للمصفوفة');
    await produce('calendar', [c.event]);
    campaignId = c.id;
    await eventually(
      async () => ((await riyadh.sql('select 1 from media.campaign_view where id = $1', [c.id])).length ? true : undefined),
      20_000,
      'campaign known at riyadh',
    );
  }
  const drafted = await asRiyadhEditor(`mutation($i: DraftMessageInput!) { draftMessage(input: $i) { id version } }`, {
    i: { bodyAr: 'رسالة للمراجعة', campaignId, variants: [{ channel: 'WEBSITE', text: 'رسالة للمراجعة' }] },
  });
  const submitted = await asRiyadhEditor(`mutation($id: ID!, $v: Int!) { submitMessage(id: $id, version: $v) { id version } }`, {
    id: drafted.draftMessage.id,
    v: drafted.draftMessage.version,
  });
  const m = submitted.submitMessage;
  if (national) {
    await eventually(
      async () => ((await ministry.sql('select 1 from media.media_message where id = $1 and version = $2', [m.id, m.version])).length ? true : undefined),
      20_000,
      'message copied to the hub',
    );
  }
  return m;
}

/** A riyadh campaign in DRAFT and a riyadh message in review, both copied to the hub; made once. */
let unpublished: Promise<{ campaign: string; message: string }> | undefined;
const unpublishedRecords = () =>
  (unpublished ??= (async () => {
    const campaign = (
      await asRiyadhEditor(`mutation($i: DraftCampaignInput!) { draftCampaign(input: $i) { campaign { id } } }`, {
        i: {
          titleAr: 'حملة مسودة للمصفوفة',
          axis: 'OVERSIGHT',
          audiences: ['RESIDENTS'],
          channels: ['X'],
          startsAt: '2048-01-01T09:00:00+03:00',
          endsAt: '2048-01-10T09:00:00+03:00',
        },
      })
    ).draftCampaign.campaign.id as string;
    const message = (await messageInReview(false)).id;
    await eventually(
      async () => ((await ministry.sql('select 1 from calendar.campaign where id = $1', [campaign])).length ? true : undefined),
      20_000,
      'draft campaign copied to the hub',
    );
    await eventually(
      async () => ((await ministry.sql('select 1 from media.media_message where id = $1', [message])).length ? true : undefined),
      20_000,
      'message in review copied to the hub',
    );
    return { campaign, message };
  })());

/**
 * Reads riyadh's unpublished campaign and message by id and in lists. Visible everywhere or nowhere;
 * a hidden record reads as missing, which the matrix counts as a refusal.
 */
async function readUnpublished(caller: string, role: Role, gateway: string): Promise<GraphQLResult> {
  const { campaign, message } = await unpublishedRecords();
  const r = await as(
    caller,
    role,
    gateway,
    `query($c: ID!, $m: ID!) {
      campaign(id: $c) { id }
      mediaMessage(id: $m) { id }
      campaigns(first: 100, filter: { node: ["riyadh"], status: [DRAFT] }) { edges { node { id } } }
      mediaMessages(first: 100, filter: { node: ["riyadh"], status: [IN_REVIEW] }) { edges { node { id } } }
    }`,
    { c: campaign, m: message },
  );
  if (r.errors) return r;
  const seen = [
    r.data?.campaign?.id === campaign,
    r.data?.mediaMessage?.id === message,
    r.data?.campaigns.edges.some((e: { node: { id: string } }) => e.node.id === campaign),
    r.data?.mediaMessages.edges.some((e: { node: { id: string } }) => e.node.id === message),
  ];
  if (seen.every(Boolean)) return r;
  if (!seen.some(Boolean)) return { errors: [{ message: 'not there for this caller', extensions: { code: 'FORBIDDEN' } }] };
  return { errors: [{ message: `seen in part: ${JSON.stringify(seen)}`, extensions: { code: 'INCONSISTENT' } }] };
}

interface Cell {
  /** The node owning the record acted on. */
  owner: string;
  /** The action makes a record, owned by the node whose gateway is called. */
  creates?: boolean;
  attempt(caller: string, role: Role, gateway: string): Promise<GraphQLResult>;
}

const CELLS: Record<Action, Cell> = {
  'initiatives.read': { owner: 'riyadh', attempt: (c, r, g) => as(c, r, g, '{ initiatives(first: 1) { totalCount } }') },
  'media.read': { owner: 'riyadh', attempt: (c, r, g) => as(c, r, g, '{ mediaMessages(first: 1) { totalCount } }') },
  'initiative.write': {
    owner: 'riyadh',
    attempt: async (c, r, g) =>
      // a title of its own each time: an edit that changes nothing is refused
      as(c, r, g, `mutation($id: ID!, $v: Int!, $t: String!) { updateInitiative(id: $id, version: $v, input: { titleEn: $t }) { version } }`, {
        id: initiative,
        v: await initiativeVersion(),
        t: `matrix ${++edits}`,
      }),
  },
  'initiative.assess': {
    owner: 'riyadh',
    attempt: (c, r, g) =>
      as(c, r, g, `mutation($id: ID!, $c: ID!) { assessInitiative(initiativeId: $id, input: { scores: [{ criterionId: $c, score: 50 }] }) { id } }`, {
        id: initiative,
        c: criterion,
      }),
  },
  'criterion.define': {
    owner: 'ministry',
    creates: true,
    attempt: (c, r, g) => as(c, r, g, `mutation { defineIntegrationCriterion(input: { nameAr: "معيار", weight: 1 }) { id } }`),
  },
  'message.write': {
    owner: 'riyadh',
    creates: true,
    attempt: (c, r, g) => as(c, r, g, `mutation { draftMessage(input: { bodyAr: "مسودة", variants: [{ channel: "WEBSITE", text: "مسودة" }] }) { id } }`),
  },
  'message.review': {
    owner: 'riyadh',
    attempt: async (c, r, g) => {
      const m = await messageInReview(c === 'ministry');
      return as(c, r, g, `mutation($id: ID!, $v: Int!) { reviewMessage(id: $id, version: $v, decision: REQUEST_CHANGES, comment: "راجع") { id } }`, {
        id: m.id,
        v: m.version,
      });
    },
  },
  'charter.define': {
    owner: 'ministry',
    creates: true,
    // advisory, and only for a campaign that does not exist: harmless to every other test on the broker
    attempt: (c, r, g) =>
      as(c, r, g, `mutation($c: ID!) { defineCharterRule(input: { kind: REQUIRED_HASHTAG, severity: ADVISORY, hashtag: "مصفوفة", campaignId: $c }) { id } }`, {
        c: newId(),
      }),
  },
  'drafts.read': { owner: 'riyadh', attempt: readUnpublished },
  'calendar.read': { owner: 'riyadh', attempt: (c, r, g) => as(c, r, g, '{ campaigns(first: 1) { totalCount } }') },
  'campaign.write': {
    owner: 'riyadh',
    creates: true,
    attempt: (c, r, g) =>
      as(
        c,
        r,
        g,
        `mutation { draftCampaign(input: { titleAr: "حملة", axis: OVERSIGHT, audiences: ["RESIDENTS"], channels: ["X"], startsAt: "2031-01-01T09:00:00+03:00", endsAt: "2031-01-10T09:00:00+03:00" }) { campaign { id } } }`,
      ),
  },
  'calendarentry.write': {
    owner: 'riyadh',
    creates: true,
    attempt: (c, r, g) =>
      as(c, r, g, `mutation { addCalendarEntry(input: { kind: EVENT, titleAr: "فعالية", when: { startDate: "2031-02-01", endDate: "2031-02-01" } }) { id } }`),
  },
  'calendarfeed.token': { owner: 'riyadh', creates: true, attempt: (c, r, g) => as(c, r, g, 'mutation { issueCalendarFeedToken(days: 1) { expiresAt } }') },
  'events.subscribe': {
    owner: 'riyadh',
    // the first event of the stream about riyadh's initiative, or the refusal
    attempt: async (c, r, g) => {
      const gateway = gatewayOf(g);
      const s = await subscribeSse(
        gateway.url,
        'subscription($f: EventFilter) { events(filter: $f, since: "2020-01-01T00:00:00+03:00") { subject node } }',
        { f: { nodes: ['riyadh'], subject: initiative } },
        await gateway.token([r], c, `${c}-${r}-matrix`),
      );
      try {
        return (await s.received(1))[0];
      } finally {
        await s.close();
      }
    },
  },
  'occasions.generate': {
    owner: 'ministry',
    creates: true,
    attempt: (c, r, g) => as(c, r, g, 'mutation { generateNationalOccasions(hijriYear: 1455) { hijriYear } }'),
  },
  'keymessage.define': {
    owner: 'ministry',
    creates: true,
    attempt: (c, r, g) => as(c, r, g, `mutation { defineKeyMessage(input: { titleAr: "رسالة رئيسية", templateAr: "تعلن {municipality_name_ar}" }) { id } }`),
  },
};

/** Who calls, and through which gateway, for a reach. */
function placement(reach: Reach, cell: Cell): { caller: string; gateway: string; owner: string } {
  if (reach === 'own') return { caller: cell.owner, gateway: cell.owner, owner: cell.owner };
  if (reach === 'other') return { caller: 'jeddah', gateway: cell.owner, owner: cell.owner };
  // the ministry acts at its own gateway on its copy of riyadh's record; to make a record riyadh would own, at riyadh's
  return cell.creates ? { caller: 'ministry', gateway: 'riyadh', owner: 'riyadh' } : { caller: 'ministry', gateway: 'ministry', owner: 'riyadh' };
}

const cells = (Object.keys(PERMISSIONS) as Action[]).flatMap((action) =>
  ROLES.flatMap((role) => (['own', 'other', 'ministry'] as Reach[]).map((reach) => [action, role, reach] as const)),
);

it('covers every action of the matrix', () => {
  expect(Object.keys(CELLS).sort()).toEqual(Object.keys(PERMISSIONS).sort());
});

it.each(cells)(
  '%s by %s (%s)',
  async (action, role, reach) => {
    const cell = CELLS[action];
    const p = placement(reach, cell);
    const caller: Caller = { sub: 'x', node: p.caller, roles: [role] };
    const expected = allows(caller, action, p.owner);
    const r = await cell.attempt(p.caller, role, p.gateway);
    if (expected) {
      expect(r.errors).toBeUndefined();
      expect(ok(r)).toBe(true);
    } else {
      // a message before approval is not there at all for a caller who may not read it
      const hidden = action === 'message.review' && !allows(caller, 'drafts.read', p.owner);
      expect(hidden ? [...REFUSALS, 'NOT_FOUND'] : REFUSALS).toContain(r.errors?.[0]?.extensions?.code);
    }
  },
  60_000,
);
