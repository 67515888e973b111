import { Kafka, logLevel, type Producer } from 'kafkajs';
import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { InitiativeStatus, proposeInitiative, type InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import { InitiativeRecord, initiativeRow } from '../../services/initiatives/src/initiative/initiative.entity';
import { IntegrationAssessmentRecord, assessmentRow } from '../../services/initiatives/src/integration/integration.entity';
import type { IntegrationAssessmentState } from '../../services/initiatives/src/integration/integration';
import { lateDays, rag, Rag } from '../../services/initiatives/src/initiative/progress';
import { dashboardScope } from '../../services/initiatives/src/dashboard/dashboard-scope';
import { scopeOfDashboardId as calendarScopeOf } from '../../services/calendar/src/dashboard/dashboard-scope';
import { scopeOfDashboardId as mediaScopeOf } from '../../services/media/src/dashboard/dashboard-scope';
import { CampaignStatus, changeCampaignStatus, draftCampaign, scheduleCampaign, type CampaignEvent } from '../../services/calendar/src/campaign/campaign';
import { CampaignRecord, campaignRow } from '../../services/calendar/src/campaign/campaign.entity';
import { MessageOrigin, MessageStatus, draftMessage, type MessageState } from '../../services/media/src/message/message';
import { MediaMessageRecord, messageRow } from '../../services/media/src/message/message.entity';
import { KeyMessageRecord, keyMessageRow } from '../../services/media/src/keymessage/key-message.entity';
import { defineKeyMessage } from '../../services/media/src/keymessage/key-message';
import { Axis, MINISTRY, SECTOR_NODES, newId, nodeName } from '../../services/kernel/src/domain';
import { sourceOf, toRecord, topicOf } from '../../services/kernel/src/events';
import type { ServiceDefinition } from '../../services/kernel/src/service';
import {
  eventually,
  kafkaBrokers,
  startTestNode,
  startTestService,
  uniqueSuffix,
  type GraphQLResult,
  type TestGatewayNode,
  type TestNode,
} from '../support/node';

const S = InitiativeStatus;
const M = MessageStatus;
const run = uniqueSuffix().toUpperCase();

/**
 * The hub takes in only the events of this file. The shared broker holds every riyadh and jeddah
 * event of every test before it, which a hub reads from the beginning; with them the figures would
 * depend on what else ran. The services, their consumers and their SQL are the real ones.
 */
const ours = new Set<string>();
function onlyOurs(def: ServiceDefinition<any>): ServiceDefinition<any> {
  return { ...def, consumers: (def.consumers ?? []).map((c) => ({ ...c, accept: (e, config) => ours.has(e.subject) && c.accept(e, config) })) };
}

let producer: Producer;
interface StateEvent {
  type: string;
  subject: string;
  aggregateVersion: number;
  data: unknown;
}

/** Puts events of `node` on the service's topic, as that node's relay would. */
async function produce(service: 'initiatives' | 'calendar' | 'media', node: string, events: StateEvent[]): Promise<void> {
  const topic = topicOf(service);
  for (const e of events) ours.add(e.subject);
  const records = events.map((e) => toRecord(topic, { ...e, id: newId(), source: sourceOf(node, service), time: new Date().toISOString(), node }));
  await producer.send({ topic, messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });
}

const acting = (node: string) => ({ id: newId(), node, by: `${node}-editor`, now: new Date() });

function initiative(
  node: string,
  n: string,
  axis: Axis,
  plannedStart: string,
  plannedEnd: string,
  status: InitiativeStatus,
  percentComplete: number,
): InitiativeState {
  const s = proposeInitiative({ code: `D${n}-${run}`, titleAr: `مبادرة ${n}`, axis, plannedStart, plannedEnd }, null, acting(node)).data.state;
  return { ...s, status, percentComplete, version: 3 };
}
const initiativeEvent = (s: InitiativeState): StateEvent => ({
  type: 'mmhub.initiative.updated.v1',
  subject: s.id,
  aggregateVersion: s.version,
  data: { state: s, change: {} },
});

function assessment(node: string, initiativeId: string, score: number, assessedAt: string): IntegrationAssessmentState {
  return {
    id: newId(),
    node,
    initiativeId,
    scores: [{ criterionId: newId(), nameAr: 'التكامل مع المبادرات الوطنية', nameEn: null, weight: 1, score }],
    weightedScore: score,
    note: null,
    assessedBy: `${node}-reviewer`,
    assessedAt,
    version: 1,
  };
}
const assessmentEvent = (s: IntegrationAssessmentState): StateEvent => ({
  type: 'mmhub.integrationassessment.recorded.v1',
  subject: s.id,
  aggregateVersion: 1,
  data: { state: s },
});

const STEPS: Record<CampaignStatus, CampaignStatus[]> = {
  DRAFT: [],
  SCHEDULED: [CampaignStatus.SCHEDULED],
  LIVE: [CampaignStatus.SCHEDULED, CampaignStatus.LIVE],
  DONE: [CampaignStatus.SCHEDULED, CampaignStatus.LIVE, CampaignStatus.DONE],
  CANCELLED: [CampaignStatus.CANCELLED],
};

/** A campaign taken through the calendar's own commands to `status`. */
function campaign(node: string, axis: Axis, startsAt: string, endsAt: string, status: CampaignStatus): CampaignEvent {
  const a = acting(node);
  let e = draftCampaign({ titleAr: 'حملة توعوية', axis, audiences: ['FAMILIES'], channels: ['X'], startsAt: new Date(startsAt), endsAt: new Date(endsAt) }, a);
  for (const to of STEPS[status]) {
    e =
      to === CampaignStatus.SCHEDULED
        ? scheduleCampaign(e.data.state, null, e.data.state.version, a)
        : changeCampaignStatus(e.data.state, to, e.data.state.version, null, a);
  }
  return e;
}

interface MessageSpec {
  variants: { channel: string; text: string }[];
  status: MessageStatus;
  /** Went to review before reaching `status`. */
  submitted: boolean;
  campaignId?: string;
  initiativeId?: string;
  keyMessageId?: string;
}

/** A message drafted by the media service's own command, then walked to its status in its history. */
function message(node: string, m: MessageSpec): MessageState {
  const a = acting(node);
  const s = draftMessage(
    {
      bodyAr: 'رسالة إعلامية من الأمانة',
      variants: m.variants,
      campaignId: m.campaignId,
      initiativeId: m.initiativeId,
      keyMessageId: m.keyMessageId,
      origin: m.keyMessageId ? MessageOrigin.KEY_MESSAGE : undefined,
    },
    a,
  ).data.state;
  const steps = [...(m.submitted ? [M.IN_REVIEW] : []), ...(m.status === M.DRAFT || m.status === M.IN_REVIEW ? [] : [m.status])];
  const history = [...s.history];
  for (const to of steps)
    history.push({ at: a.now.toISOString(), by: a.by, byNode: node, from: history[history.length - 1].to, to, comment: null, reviewId: null });
  return { ...s, status: m.status, history, version: history.length };
}
const messageEvent = (s: MessageState): StateEvent => ({
  type: 'mmhub.message.edited.v1',
  subject: s.id,
  aggregateVersion: s.version,
  data: { state: s, change: {} },
});

const dataOf = <T = any>(r: GraphQLResult<T>): T => {
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data;
};

const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

const DASHBOARD = `query Dashboard($filter: SectorDashboardFilter) {
  sectorDashboard(filter: $filter) {
    id nodes axes today
    initiativeCounts { node axis status count }
    implementationByNode { node nodeNameAr nodeNameEn initiatives averageProgress rag { onTrack atRisk offTrack notRated } late averageLateDays }
    integrationRanking { rank score node nodeNameAr nodeNameEn initiativeId assessmentId assessorNode initiative { id code node } }
    campaignsByMonth { month from to campaigns launched byAxis { axis campaigns launched } }
    campaignsByHijriMonth { year month nameAr nameEn from to campaigns launched byAxis { axis campaigns launched } }
    messagesByChannelAndStatus { channel status messages }
    charterCompliance { node nodeNameAr nodeNameEn submitted compliant compliancePercent }
    keyMessageCoverage { node nodeNameAr keyMessages localised coveragePercent localisedKeyMessages { id } missingKeyMessages { id } }
  }
}`;

describe('the sector dashboard at the hub, through its gateway', () => {
  let hub: TestGatewayNode;
  let viewer: string;
  const ini: Record<string, InitiativeState> = {};
  const cam: Record<string, string> = {};
  const key: Record<string, string> = {};
  const msg: Record<string, MessageState> = {};
  let assessedByMinistry: string;

  beforeAll(async () => {
    hub = await startTestNode(MINISTRY, { services: [onlyOurs(initiativesService), onlyOurs(calendarService), onlyOurs(mediaService)] });
    producer = new Kafka({ clientId: 'test-dashboard', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    viewer = await hub.token(['viewer']);
    const admin = await hub.token(['admin']);
    const editor = await hub.token(['editor']);
    const reviewer = await hub.token(['reviewer']);
    const at = (q: string, v: Record<string, unknown>, token: string) => hub.graphql(q, v, token).then(dataOf);

    // what the ministry owns, written at the hub: the charter and the key messages
    await at(
      `mutation($i: CharterRuleInput!) { defineCharterRule(input: $i) { id } }`,
      { i: { kind: 'BANNED_TERM', severity: 'BLOCKING', term: 'مجانية' } },
      admin,
    );
    await at(
      `mutation($i: CharterRuleInput!) { defineCharterRule(input: $i) { id } }`,
      { i: { kind: 'REQUIRED_HASHTAG', severity: 'ADVISORY', hashtag: 'بلدي' } },
      admin,
    );
    const defineKey = async (titleAr: string, axis: Axis | null) =>
      (
        await at(
          `mutation($i: KeyMessageInput!) { defineKeyMessage(input: $i) { id version } }`,
          { i: { titleAr, templateAr: `${titleAr} في {municipality_name_ar}`, axis } },
          editor,
        )
      ).defineKeyMessage;
    key.K1 = (await defineKey('الخدمات الإلكترونية متاحة', Axis.E_SERVICES)).id;
    key.K2 = (await defineKey('صحتك أولاً', Axis.HEALTH_AWARENESS)).id;
    key.K3 = (await defineKey('نحو مدن أجمل', null)).id;
    const retired = await defineKey('رسالة سابقة', Axis.E_SERVICES);
    key.K4 = retired.id;
    await at(`mutation($id: ID!, $v: Int!) { retireKeyMessage(id: $id, version: $v) { id } }`, { id: retired.id, v: retired.version }, editor);

    // riyadh's and jeddah's initiatives, as their services would have published them
    ini.R1 = initiative('riyadh', 'R1', Axis.E_SERVICES, '2026-01-01', '2099-12-31', S.IN_PROGRESS, 60);
    ini.R2 = initiative('riyadh', 'R2', Axis.E_SERVICES, '2025-01-01', '2026-06-30', S.IN_PROGRESS, 40);
    ini.R3 = initiative('riyadh', 'R3', Axis.INFRASTRUCTURE, '2026-01-01', '2026-12-31', S.APPROVED, 0);
    ini.R4 = initiative('riyadh', 'R4', Axis.INFRASTRUCTURE, '2090-01-01', '2091-01-01', S.SUSPENDED, 0);
    ini.R5 = initiative('riyadh', 'R5', Axis.HEALTH_AWARENESS, '2020-01-01', '2020-12-31', S.PROPOSED, 0);
    ini.R6 = initiative('riyadh', 'R6', Axis.E_SERVICES, '2024-01-01', '2025-12-31', S.COMPLETED, 100);
    ini.J1 = initiative('jeddah', 'J1', Axis.E_SERVICES, '2090-01-01', '2091-01-01', S.IN_PROGRESS, 35);
    ini.J2 = initiative('jeddah', 'J2', Axis.OVERSIGHT, '2020-01-01', '2021-01-01', S.CANCELLED, 10);
    ini.J3 = initiative('jeddah', 'J3', Axis.OVERSIGHT, '2026-06-01', '2026-10-31', S.IN_PROGRESS, 80);
    await produce(
      'initiatives',
      'riyadh',
      ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'].map((k) => initiativeEvent(ini[k])),
    );
    await produce(
      'initiatives',
      'jeddah',
      ['J1', 'J2', 'J3'].map((k) => initiativeEvent(ini[k])),
    );
    // R1 was assessed twice: the later one counts
    await produce('initiatives', 'riyadh', [
      assessmentEvent(assessment('riyadh', ini.R1.id, 50, '2026-03-01T09:00:00.000Z')),
      assessmentEvent(assessment('riyadh', ini.R1.id, 90, '2026-09-01T09:00:00.000Z')),
      assessmentEvent(assessment('riyadh', ini.R2.id, 70, '2026-05-01T09:00:00.000Z')),
    ]);
    await produce('initiatives', 'jeddah', [assessmentEvent(assessment('jeddah', ini.J1.id, 90, '2026-07-01T09:00:00.000Z'))]);

    // campaigns: the end is excluded, so C4 runs to 31 May
    const C = CampaignStatus;
    const campaigns = {
      C1: campaign('riyadh', Axis.HEALTH_AWARENESS, '2026-02-10T09:00:00+03:00', '2026-03-05T09:00:00+03:00', C.SCHEDULED),
      C2: campaign('riyadh', Axis.E_SERVICES, '2026-03-19T00:00:00+03:00', '2026-03-21T00:00:00+03:00', C.LIVE),
      C3: campaign('riyadh', Axis.HEALTH_AWARENESS, '2026-02-01T00:00:00+03:00', '2026-02-05T00:00:00+03:00', C.DRAFT),
      C4: campaign('jeddah', Axis.INFRASTRUCTURE, '2026-04-01T00:00:00+03:00', '2026-06-01T00:00:00+03:00', C.DONE),
      C5: campaign('jeddah', Axis.HEALTH_AWARENESS, '2026-02-01T00:00:00+03:00', '2026-08-01T00:00:00+03:00', C.CANCELLED),
      C6: campaign('jeddah', Axis.HEALTH_AWARENESS, '2026-02-15T10:00:00+03:00', '2026-02-19T18:00:00+03:00', C.SCHEDULED),
    };
    for (const [k, e] of Object.entries(campaigns)) cam[k] = e.subject;
    await produce('calendar', 'riyadh', [campaigns.C1, campaigns.C2, campaigns.C3]);
    await produce('calendar', 'jeddah', [campaigns.C4, campaigns.C5, campaigns.C6]);

    const X = (text = 'خدمات الأمانة في متناولك #بلدي') => ({ channel: 'X', text });
    msg.M1 = message('riyadh', { variants: [X(), { channel: 'INSTAGRAM', text: 'خدمات الأمانة' }], status: M.PUBLISHED, submitted: true, campaignId: cam.C2 });
    msg.M2 = message('riyadh', { variants: [X('خدمة مجانيه للجميع')], status: M.IN_REVIEW, submitted: true, initiativeId: ini.R3.id });
    msg.M3 = message('riyadh', { variants: [X('خدمة مجانية')], status: M.DRAFT, submitted: false });
    msg.M4 = message('riyadh', { variants: [{ channel: 'WEBSITE', text: 'تقرير الإنجاز' }], status: M.ARCHIVED, submitted: true });
    msg.M5 = message('riyadh', { variants: [X()], status: M.ARCHIVED, submitted: false });
    msg.M6 = message('riyadh', { variants: [X()], status: M.APPROVED, submitted: true, keyMessageId: key.K1 });
    msg.M7 = message('riyadh', { variants: [], status: M.DRAFT, submitted: false, keyMessageId: key.K3 });
    msg.M8 = message('riyadh', { variants: [], status: M.DRAFT, submitted: false, keyMessageId: key.K4 });
    msg.N1 = message('jeddah', { variants: [X('فحص مجاني؟ بل فحوص مجانية')], status: M.APPROVED, submitted: true, keyMessageId: key.K2 });
    msg.N2 = message('jeddah', { variants: [], status: M.DRAFT, submitted: false });
    msg.N3 = message('jeddah', { variants: [{ channel: 'INSTAGRAM', text: 'جدة أجمل' }], status: M.CHANGES_REQUESTED, submitted: true });
    await produce(
      'media',
      'riyadh',
      ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8'].map((k) => messageEvent(msg[k])),
    );
    await produce(
      'media',
      'jeddah',
      ['N1', 'N2', 'N3'].map((k) => messageEvent(msg[k])),
    );

    await eventually(
      async () => {
        const [r] = await hub.sql<Record<string, number>>(`select
          (select count(*)::int from initiatives.initiative) as initiatives,
          (select count(*)::int from initiatives.integration_assessment) as assessments,
          (select count(*)::int from calendar.campaign) as campaigns,
          (select count(*)::int from media.media_message) as messages,
          (select count(*)::int from media.campaign_view) as campaign_views,
          (select count(*)::int from media.initiative_view) as initiative_views`);
        return r.initiatives === 9 && r.assessments === 4 && r.campaigns === 6 && r.messages === 11 && r.campaign_views === 6 && r.initiative_views === 9
          ? true
          : undefined;
      },
      30_000,
      "riyadh's and jeddah's rows at the hub",
    );

    // a ministry reviewer scores one of jeddah's initiatives at the hub
    const criterion = (await at(`mutation { defineIntegrationCriterion(input: { nameAr: "الارتباط بالمبادرات الوطنية", weight: 1 }) { id } }`, {}, admin))
      .defineIntegrationCriterion;
    assessedByMinistry = (
      await at(
        `mutation($id: ID!, $c: ID!) { assessInitiative(initiativeId: $id, input: { scores: [{ criterionId: $c, score: 40 }] }) { id } }`,
        { id: ini.J3.id, c: criterion.id },
        reviewer,
      )
    ).assessInitiative.id;
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await hub?.stop();
  });

  const dashboard = async (filter?: Record<string, unknown>) => dataOf(await hub.graphql(DASHBOARD, { filter }, viewer)).sectorDashboard;

  it('counts initiatives by node × axis × status', async () => {
    const d = await dashboard();
    expect(d.id).toBe('sector-dashboard');
    expect(d.initiativeCounts).toEqual([
      { node: 'riyadh', axis: 'HEALTH_AWARENESS', status: 'PROPOSED', count: 1 },
      { node: 'riyadh', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 2 },
      { node: 'riyadh', axis: 'E_SERVICES', status: 'COMPLETED', count: 1 },
      { node: 'riyadh', axis: 'INFRASTRUCTURE', status: 'APPROVED', count: 1 },
      { node: 'riyadh', axis: 'INFRASTRUCTURE', status: 'SUSPENDED', count: 1 },
      { node: 'jeddah', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 1 },
      { node: 'jeddah', axis: 'OVERSIGHT', status: 'IN_PROGRESS', count: 1 },
      { node: 'jeddah', axis: 'OVERSIGHT', status: 'CANCELLED', count: 1 },
    ]);
  });

  it('gives every node of the sector its progress, RAG and lateness, by the rules of Initiative.rag and lateDays', async () => {
    const d = await dashboard();
    const today: string = d.today;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the hub knows the whole sector, with the names of the sector data
    expect(d.implementationByNode.map((n: any) => n.node)).toEqual(SECTOR_NODES.map((n) => n.code));
    const byNode = Object.fromEntries(d.implementationByNode.map((n: any) => [n.node, n]));
    expect(byNode.riyadh).toMatchObject({ nodeNameAr: 'أمانة منطقة الرياض', nodeNameEn: 'Riyadh Region Municipality' });
    expect(byNode.makkah).toEqual({
      ...byNode.makkah,
      initiatives: 0,
      averageProgress: null,
      rag: { onTrack: 0, atRisk: 0, offTrack: 0, notRated: 0 },
      late: 0,
      averageLateDays: null,
    });

    // by hand, as of the day the dashboard says
    const ragOf = (k: string) => rag(ini[k], today);
    expect(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'J1', 'J2', 'J3'].map(ragOf)).toEqual([
      Rag.ON_TRACK, // on its way to 2099 and ahead
      Rag.OFF_TRACK, // past its end
      Rag.OFF_TRACK, // approved, nothing done, most of its year gone
      Rag.AT_RISK, // suspended
      null, // proposed
      Rag.ON_TRACK, // completed
      Rag.ON_TRACK, // not started yet
      null, // cancelled
      Rag.OFF_TRACK, // past its end
    ]);
    expect(byNode.riyadh).toEqual({
      node: 'riyadh',
      nodeNameAr: 'أمانة منطقة الرياض',
      nodeNameEn: 'Riyadh Region Municipality',
      initiatives: 6,
      averageProgress: 40, // (60 + 40 + 0 + 0 + 100) / 5 rated
      rag: { onTrack: 2, atRisk: 1, offTrack: 2, notRated: 1 },
      late: 2, // R2 and R5 (a proposal past its planned end is late too)
      averageLateDays: round1(mean([lateDays(ini.R2, today), lateDays(ini.R5, today)])!),
    });
    expect(byNode.jeddah).toEqual({
      node: 'jeddah',
      nodeNameAr: nodeName('jeddah').nameAr,
      nodeNameEn: nodeName('jeddah').nameEn,
      initiatives: 3,
      averageProgress: 57.5, // (35 + 80) / 2
      rag: { onTrack: 1, atRisk: 0, offTrack: 1, notRated: 1 },
      late: 1,
      averageLateDays: lateDays(ini.J3, today),
    });
    expect(lateDays(ini.J3, today)).toBeGreaterThan(0);
  });

  it('ranks the latest assessment of each initiative, equal scores sharing a rank', async () => {
    const d = await dashboard();
    expect(d.integrationRanking.map((r: any) => [r.rank, r.score, r.node, r.initiative.code, r.assessorNode])).toEqual([
      [1, 90, 'jeddah', ini.J1.code, 'jeddah'],
      [1, 90, 'riyadh', ini.R1.code, 'riyadh'],
      [3, 70, 'riyadh', ini.R2.code, 'riyadh'],
      [4, 40, 'jeddah', ini.J3.code, MINISTRY],
    ]);
    expect(d.integrationRanking[3]).toMatchObject({ assessmentId: assessedByMinistry, initiativeId: ini.J3.id, nodeNameAr: nodeName('jeddah').nameAr });
    const top = dataOf(await hub.graphql(`{ sectorDashboard { integrationRanking(first: 2) { rank initiativeId } } }`, {}, viewer)).sectorDashboard;
    expect(top.integrationRanking).toEqual([
      { rank: 1, initiativeId: ini.J1.id },
      { rank: 1, initiativeId: ini.R1.id },
    ]);
  });

  it('counts committed campaigns per Gregorian and per Hijri month and axis', async () => {
    const d = await dashboard();
    const axes = (counts: Partial<Record<Axis, [number, number]>>) =>
      Object.values(Axis).map((axis) => ({ axis, campaigns: counts[axis]?.[0] ?? 0, launched: counts[axis]?.[1] ?? 0 }));
    // C1 10 Feb–5 Mar, C2 19–20 Mar, C4 1 Apr–31 May, C6 15–19 Feb; C3 (draft) and C5 (cancelled) are not committed
    expect(d.campaignsByMonth).toEqual([
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28', campaigns: 2, launched: 2, byAxis: axes({ HEALTH_AWARENESS: [2, 2] }) },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-31', campaigns: 2, launched: 1, byAxis: axes({ HEALTH_AWARENESS: [1, 0], E_SERVICES: [1, 1] }) },
      { month: '2026-04', from: '2026-04-01', to: '2026-04-30', campaigns: 1, launched: 1, byAxis: axes({ INFRASTRUCTURE: [1, 1] }) },
      { month: '2026-05', from: '2026-05-01', to: '2026-05-31', campaigns: 1, launched: 0, byAxis: axes({ INFRASTRUCTURE: [1, 0] }) },
    ]);
    // Sha'ban 1447 ends on 17 Feb, Ramadan on 19 Mar (C2 runs from 30 Ramadan into 1 Shawwal)
    expect(d.campaignsByHijriMonth).toEqual([
      {
        year: 1447,
        month: 8,
        nameAr: 'شعبان',
        nameEn: "Sha'ban",
        from: '2026-01-20',
        to: '2026-02-17',
        campaigns: 2,
        launched: 2,
        byAxis: axes({ HEALTH_AWARENESS: [2, 2] }),
      },
      {
        year: 1447,
        month: 9,
        nameAr: 'رمضان',
        nameEn: 'Ramadan',
        from: '2026-02-18',
        to: '2026-03-19',
        campaigns: 3,
        launched: 1,
        byAxis: axes({ HEALTH_AWARENESS: [2, 0], E_SERVICES: [1, 1] }),
      },
      {
        year: 1447,
        month: 10,
        nameAr: 'شوال',
        nameEn: 'Shawwal',
        from: '2026-03-20',
        to: '2026-04-17',
        campaigns: 2,
        launched: 1,
        byAxis: axes({ E_SERVICES: [1, 0], INFRASTRUCTURE: [1, 1] }),
      },
      {
        year: 1447,
        month: 11,
        nameAr: 'ذو القعدة',
        nameEn: "Dhu al-Qi'dah",
        from: '2026-04-18',
        to: '2026-05-17',
        campaigns: 1,
        launched: 0,
        byAxis: axes({ INFRASTRUCTURE: [1, 0] }),
      },
      {
        year: 1447,
        month: 12,
        nameAr: 'ذو الحجة',
        nameEn: 'Dhu al-Hijjah',
        from: '2026-05-18',
        to: '2026-06-15',
        campaigns: 1,
        launched: 0,
        byAxis: axes({ INFRASTRUCTURE: [1, 0] }),
      },
    ]);
  });

  it('counts messages by channel × status, once per channel variant', async () => {
    const d = await dashboard();
    expect(d.messagesByChannelAndStatus).toEqual([
      { channel: 'X', status: 'DRAFT', messages: 1 }, // M3
      { channel: 'X', status: 'IN_REVIEW', messages: 1 }, // M2
      { channel: 'X', status: 'APPROVED', messages: 2 }, // M6, N1
      { channel: 'X', status: 'PUBLISHED', messages: 1 }, // M1
      { channel: 'X', status: 'ARCHIVED', messages: 1 }, // M5
      { channel: 'INSTAGRAM', status: 'CHANGES_REQUESTED', messages: 1 }, // N3
      { channel: 'INSTAGRAM', status: 'PUBLISHED', messages: 1 }, // M1
      { channel: 'WEBSITE', status: 'ARCHIVED', messages: 1 }, // M4
      { channel: null, status: 'DRAFT', messages: 3 }, // M7, M8, N2: no variant yet
    ]);
  });

  it('rates charter compliance among the messages that went to review, against the blocking rules in force', async () => {
    const d = await dashboard();
    const byNode = Object.fromEntries(d.charterCompliance.map((c: any) => [c.node, c]));
    expect(d.charterCompliance.map((c: any) => c.node)).toEqual(SECTOR_NODES.map((n) => n.code));
    // riyadh: M1, M2, M4, M6 went to review; M2 has the banned term (written مجانيه); the advisory hashtag rule does not count
    expect(byNode.riyadh).toEqual({
      node: 'riyadh',
      nodeNameAr: 'أمانة منطقة الرياض',
      nodeNameEn: 'Riyadh Region Municipality',
      submitted: 4,
      compliant: 3,
      compliancePercent: 75,
    });
    // jeddah: N1 (banned term) and N3
    expect(byNode.jeddah).toMatchObject({ submitted: 2, compliant: 1, compliancePercent: 50 });
    expect(byNode.ministry).toMatchObject({ submitted: 0, compliant: 0, compliancePercent: null });
  });

  it('shows which key messages in force each municipality localised', async () => {
    const d = await dashboard();
    const cov = d.keyMessageCoverage;
    expect(cov.map((c: any) => c.node)).toEqual(SECTOR_NODES.filter((n) => n.code !== MINISTRY).map((n) => n.code));
    const byNode = Object.fromEntries(cov.map((c: any) => [c.node, c]));
    const ids = (list: { id: string }[]) => list.map((k) => k.id);
    // K4 is retired: riyadh's localisation of it does not count
    expect(byNode.riyadh).toMatchObject({ keyMessages: 3, localised: 2, coveragePercent: 66.7 });
    expect(ids(byNode.riyadh.localisedKeyMessages)).toEqual([key.K1, key.K3]);
    expect(ids(byNode.riyadh.missingKeyMessages)).toEqual([key.K2]);
    expect(byNode.jeddah).toMatchObject({ keyMessages: 3, localised: 1, coveragePercent: 33.3 });
    expect(ids(byNode.jeddah.localisedKeyMessages)).toEqual([key.K2]);
    expect(byNode.tabuk).toMatchObject({ keyMessages: 3, localised: 0, coveragePercent: 0, localisedKeyMessages: [] });
  });

  it('narrows every block to the nodes and axes asked for', async () => {
    const d = await dashboard({ node: ['jeddah', 'riyadh'], axis: ['E_SERVICES'] });
    expect(d).toMatchObject({ id: 'sector-dashboard?axis=E_SERVICES&node=riyadh,jeddah', nodes: ['riyadh', 'jeddah'], axes: ['E_SERVICES'] });
    expect(d.initiativeCounts).toEqual([
      { node: 'riyadh', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 2 },
      { node: 'riyadh', axis: 'E_SERVICES', status: 'COMPLETED', count: 1 },
      { node: 'jeddah', axis: 'E_SERVICES', status: 'IN_PROGRESS', count: 1 },
    ]);
    expect(d.implementationByNode.map((n: any) => [n.node, n.initiatives, n.averageProgress, n.rag, n.late])).toEqual([
      ['riyadh', 3, round1((60 + 40 + 100) / 3), { onTrack: 2, atRisk: 0, offTrack: 1, notRated: 0 }, 1],
      ['jeddah', 1, 35, { onTrack: 1, atRisk: 0, offTrack: 0, notRated: 0 }, 0],
    ]);
    expect(d.integrationRanking.map((r: any) => [r.rank, r.initiativeId])).toEqual([
      [1, ini.J1.id],
      [1, ini.R1.id],
      [3, ini.R2.id],
    ]);
    // only C2 is on E_SERVICES: March, and Ramadan into Shawwal
    expect(d.campaignsByMonth).toEqual([
      { month: '2026-03', from: '2026-03-01', to: '2026-03-31', campaigns: 1, launched: 1, byAxis: [{ axis: 'E_SERVICES', campaigns: 1, launched: 1 }] },
    ]);
    expect(d.campaignsByHijriMonth.map((m: any) => [m.year, m.month, m.campaigns, m.launched])).toEqual([
      [1447, 9, 1, 1],
      [1447, 10, 1, 0],
    ]);
    // a message's axis is its campaign's (M1: C2), else its initiative's (M2: R3, infrastructure), else its key message's (M6: K1, M8: K4)
    expect(d.messagesByChannelAndStatus).toEqual([
      { channel: 'X', status: 'APPROVED', messages: 1 },
      { channel: 'X', status: 'PUBLISHED', messages: 1 },
      { channel: 'INSTAGRAM', status: 'PUBLISHED', messages: 1 },
      { channel: null, status: 'DRAFT', messages: 1 },
    ]);
    expect(d.charterCompliance.map((c: any) => [c.node, c.submitted, c.compliant, c.compliancePercent])).toEqual([
      ['riyadh', 2, 2, 100],
      ['jeddah', 0, 0, null],
    ]);
    expect(d.keyMessageCoverage.map((c: any) => [c.node, c.keyMessages, c.localised, c.coveragePercent])).toEqual([
      ['riyadh', 1, 1, 100],
      ['jeddah', 1, 0, 0],
    ]);
  });

  it('refuses a node code or axis it cannot read, naming the field', async () => {
    const r = await hub.graphql(`{ sectorDashboard(filter: { node: ["Riyadh; drop"] }) { id } }`, {}, viewer);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.node.0' });
    const bad = await hub.graphql(`{ sectorDashboard(filter: { axis: [SPORTS] }) { id } }`, {}, viewer);
    expect(bad.errors?.length).toBeGreaterThan(0);
  });

  it('is read by every role, and by no one without a token', async () => {
    const analyst = await hub.token(['analyst'], 'jeddah');
    expect(dataOf(await hub.graphql(`{ sectorDashboard { id } }`, {}, analyst)).sectorDashboard.id).toBe('sector-dashboard');
    const anonymous = await hub.graphql(`{ sectorDashboard { id } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('has ids the calendar and media services read as the initiatives service writes them', () => {
    for (const f of [null, { node: ['riyadh', 'zz-new'] }, { axis: [Axis.OVERSIGHT, Axis.E_SERVICES] }, { node: ['jeddah'], axis: [Axis.INFRASTRUCTURE] }]) {
      const scope = dashboardScope(f);
      expect(calendarScopeOf(scope.id)).toEqual(scope);
      expect(mediaScopeOf(scope.id)).toEqual(scope);
    }
  });
});

/**
 * Statement counts at the subgraphs: each service alone, with no consumer, its tables filled
 * directly; every statement the service's ORM sends is counted while one dashboard is answered.
 */
describe('the dashboard’s SQL', () => {
  const sent: Record<'initiatives' | 'calendar' | 'media', string[]> = { initiatives: [], calendar: [], media: [] };
  const services = {} as Record<'initiatives' | 'calendar' | 'media', TestNode>;
  let token: string;
  const quiet = (def: ServiceDefinition<any>): ServiceDefinition<any> => ({ ...def, consumers: [] });

  beforeAll(async () => {
    services.initiatives = await startTestService(quiet(initiativesService), { node: MINISTRY, onQuery: (q) => sent.initiatives.push(q) });
    services.calendar = await startTestService(quiet(calendarService), { node: MINISTRY, onQuery: (q) => sent.calendar.push(q) });
    services.media = await startTestService(quiet(mediaService), { node: MINISTRY, onQuery: (q) => sent.media.push(q) });
    token = await services.initiatives.token(['viewer']);
  }, 120_000);
  afterAll(async () => {
    for (const s of Object.values(services)) await s?.stop();
  });

  const STATUSES = Object.values(InitiativeStatus);
  const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
  const all: InitiativeState[] = [];

  /** `perNode` initiatives (with an assessment each), campaigns, messages and key messages for each node. */
  async function fill(nodes: string[], perNode: number, today: string): Promise<void> {
    const initiatives: InitiativeState[] = [];
    const assessments: IntegrationAssessmentState[] = [];
    const campaigns: CampaignEvent[] = [];
    const messages: MessageState[] = [];
    const keys = [0, 1].map(
      (i) => defineKeyMessage({ titleAr: `رسالة رئيسية ${i}`, templateAr: 'نص', axis: i ? Axis.OVERSIGHT : null }, { ...acting(MINISTRY) }).data.state,
    );
    nodes.forEach((node, n) => {
      for (let j = 0; j < perNode; j++) {
        const k = n * perNode + j;
        // starts from 400 days ago to 400 days ahead, 1 to 500 days long, in every status
        const start = addDays(today, ((k * 37) % 801) - 400);
        const s = initiative(
          node,
          `${node}-${j}`,
          Object.values(Axis)[k % 6],
          start,
          addDays(start, 1 + ((k * 53) % 500)),
          STATUSES[k % STATUSES.length],
          (k * 17) % 101,
        );
        initiatives.push(s);
        assessments.push(assessment(node, s.id, (k * 7) % 100, new Date(Date.now() - k * 1000).toISOString()));
        campaigns.push(
          campaign(
            node,
            Object.values(Axis)[k % 6],
            `2027-0${1 + (k % 9)}-0${1 + (k % 9)}T10:00:00+03:00`,
            `2027-${10 + (k % 3)}-01T00:00:00+03:00`,
            CampaignStatus.SCHEDULED,
          ),
        );
        messages.push(
          message(node, {
            variants: [{ channel: k % 2 ? 'X' : 'WEBSITE', text: k % 3 ? 'خبر' : 'خدمة مجانية' }],
            status: M.IN_REVIEW,
            submitted: true,
            keyMessageId: keys[k % 2].id,
          }),
        );
      }
    });
    all.push(...initiatives);
    await services.initiatives.service.orm.em.fork().insertMany(InitiativeRecord, initiatives.map(initiativeRow));
    await services.initiatives.service.orm.em.fork().insertMany(IntegrationAssessmentRecord, assessments.map(assessmentRow));
    await services.calendar.service.orm.em.fork().insertMany(
      CampaignRecord,
      campaigns.map((e) => campaignRow(e.data.state)),
    );
    await services.media.service.orm.em.fork().insertMany(KeyMessageRecord, keys.map(keyMessageRow));
    await services.media.service.orm.em.fork().insertMany(MediaMessageRecord, messages.map(messageRow));
  }

  /** The statements each service sent while answering the whole dashboard once. */
  async function statementsOfOneDashboard(): Promise<Record<string, string[]> & { today: string; implementation: any[] }> {
    const from = { initiatives: sent.initiatives.length, calendar: sent.calendar.length, media: sent.media.length };
    const d = dataOf(
      await services.initiatives.graphql(
        `{ sectorDashboard { id today initiativeCounts { node count } implementationByNode { node initiatives averageProgress rag { onTrack atRisk offTrack notRated } late averageLateDays }
           integrationRanking(first: 100) { rank initiative { id code nationalInitiative { id } } } } }`,
        {},
        token,
      ),
    ).sectorDashboard;
    const representations = [{ __typename: 'SectorDashboard', id: d.id }];
    dataOf(
      await services.calendar.graphql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on SectorDashboard { campaignsByMonth { month campaigns byAxis { axis campaigns } } campaignsByHijriMonth { year month campaigns } } } }`,
        { r: representations },
        token,
      ),
    );
    dataOf(
      await services.media.graphql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on SectorDashboard {
           messagesByChannelAndStatus { channel status messages } charterCompliance { node submitted compliant }
           keyMessageCoverage { node localised localisedKeyMessages { id placeholders } missingKeyMessages { id } } } } }`,
        { r: representations },
        token,
      ),
    );
    const of = (k: keyof typeof from) => sent[k].slice(from[k]).filter((q) => !/\b(outbox|inbox)\b/.test(q));
    return { initiatives: of('initiatives'), calendar: of('calendar'), media: of('media'), today: d.today, implementation: d.implementationByNode };
  }

  it('sends as many statements for seventeen nodes with forty initiatives each as for two with three', async () => {
    const today = (await statementsOfOneDashboard()).today;
    await fill(['riyadh', 'jeddah'], 3, today);
    const small = await statementsOfOneDashboard();
    await fill(
      SECTOR_NODES.filter((n) => n.role === 'municipality' && n.code !== 'riyadh' && n.code !== 'jeddah').map((n) => n.code),
      40,
      today,
    );
    const large = await statementsOfOneDashboard();
    expect(all.length).toBe(2 * 3 + 15 * 40);
    for (const service of ['initiatives', 'calendar', 'media'] as const) {
      expect({ service, statements: large[service].length }).toEqual({ service, statements: small[service].length });
    }
    // one per block, and one for the initiatives the ranking shows
    expect(small.initiatives.length).toBe(4);
    // both calendars are counted from one
    expect(small.calendar.length).toBe(1);
    // messages by channel; the charter and the submitted messages; the key messages and who localised them
    expect(small.media.length).toBe(5);
  });

  it('computes RAG, progress and lateness in SQL exactly as the domain rules do, over every status and period', async () => {
    const { implementation, today } = await statementsOfOneDashboard();
    expect(implementation.map((n: any) => n.node)).toEqual(SECTOR_NODES.map((n) => n.code));
    for (const row of implementation) {
      const mine = all.filter((s) => s.node === row.node);
      const rated = mine.filter((s) => rag(s, today) !== null);
      const late = mine.map((s) => lateDays(s, today)).filter((d) => d > 0);
      expect({ node: row.node, initiatives: row.initiatives, rag: row.rag, late: row.late }).toEqual({
        node: row.node,
        initiatives: mine.length,
        rag: {
          onTrack: mine.filter((s) => rag(s, today) === Rag.ON_TRACK).length,
          atRisk: mine.filter((s) => rag(s, today) === Rag.AT_RISK).length,
          offTrack: mine.filter((s) => rag(s, today) === Rag.OFF_TRACK).length,
          notRated: mine.length - rated.length,
        },
        late: late.length,
      });
      // one decimal: within half a tenth of the exact mean
      const progress = mean(rated.map((s) => s.percentComplete));
      const lateness = mean(late);
      if (progress === null) expect(row.averageProgress).toBeNull();
      else expect(Math.abs(row.averageProgress - progress)).toBeLessThanOrEqual(0.05 + 1e-9);
      if (lateness === null) expect(row.averageLateDays).toBeNull();
      else expect(Math.abs(row.averageLateDays - lateness)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    // the grid reaches every rating
    const ragTotals = implementation.reduce((t: any, n: any) => ({ on: t.on + n.rag.onTrack, risk: t.risk + n.rag.atRisk, off: t.off + n.rag.offTrack }), {
      on: 0,
      risk: 0,
      off: 0,
    });
    expect(ragTotals.on && ragTotals.risk && ragTotals.off).toBeTruthy();
  });
});
