// The dashboard tests' records: made as each service would, put on the topics as riyadh's and jeddah's relays would, and read back at the hub.
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { InitiativeStatus, proposeInitiative, type InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import type { IntegrationAssessmentState } from '../../services/initiatives/src/integration/integration';
import { CampaignStatus, changeCampaignStatus, draftCampaign, scheduleCampaign, type CampaignEvent } from '../../services/calendar/src/campaign/campaign';
import { MessageOrigin, MessageStatus, draftMessage, type MessageState } from '../../services/media/src/message/message';
import { Axis, MINISTRY, newId } from '../../services/kernel/src/domain';
import { sourceOf, toRecord, topicOf } from '../../services/kernel/src/events';
import type { ServiceDefinition } from '../../services/kernel/src/service';
import { eventually, kafkaBrokers, startTestNode, uniqueSuffix, type GraphQLResult, type TestGatewayNode } from '../support/node';

const S = InitiativeStatus;
export const M = MessageStatus;
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

export const acting = (node: string) => ({ id: newId(), node, by: `${node}-editor`, now: new Date() });

export function initiative(
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

export function assessment(node: string, initiativeId: string, score: number, assessedAt: string): IntegrationAssessmentState {
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
export function campaign(node: string, axis: Axis, startsAt: string, endsAt: string, status: CampaignStatus): CampaignEvent {
  const a = acting(node);
  let e = draftCampaign({ titleAr: 'حملة توعوية', axis, audiences: ['FAMILIES'], channels: ['X'], startsAt: new Date(startsAt), endsAt: new Date(endsAt) }, a);
  for (const to of STEPS[status]) {
    e = to === CampaignStatus.SCHEDULED ? scheduleCampaign(e.data.state, null, a) : changeCampaignStatus(e.data.state, to, null, a);
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
export function message(node: string, m: MessageSpec): MessageState {
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

export const dataOf = <T = any>(r: GraphQLResult<T>): T => {
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data;
};

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

export const DASHBOARD = `query Dashboard($filter: SectorDashboardFilter) {
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

/** Starts the hub, taking in only the events of this file, and the producer that plays riyadh and jeddah. */
export async function startHub(): Promise<TestGatewayNode> {
  const hub = await startTestNode(MINISTRY, { services: [onlyOurs(initiativesService), onlyOurs(calendarService), onlyOurs(mediaService)] });
  producer = new Kafka({ clientId: 'test-dashboard', brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  return hub;
}

export async function stopHub(hub: TestGatewayNode | undefined): Promise<void> {
  await producer?.disconnect();
  await hub?.stop();
}

/** The records the tests read, by the names they give them. */
export interface SeededHub {
  ini: Record<string, InitiativeState>;
  cam: Record<string, string>;
  key: Record<string, string>;
  msg: Record<string, MessageState>;
  assessedByMinistry: string;
}

/** What the ministry owns, written at the hub, and riyadh's and jeddah's records, as their services would have published them. */
export async function seedHub(hub: TestGatewayNode): Promise<SeededHub> {
  const ini: Record<string, InitiativeState> = {};
  const cam: Record<string, string> = {};
  const key: Record<string, string> = {};
  const msg: Record<string, MessageState> = {};
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
  const assessedByMinistry = (
    await at(
      `mutation($id: ID!, $c: ID!) { assessInitiative(initiativeId: $id, input: { scores: [{ criterionId: $c, score: 40 }] }) { id } }`,
      { id: ini.J3.id, c: criterion.id },
      reviewer,
    )
  ).assessInitiative.id;
  return { ini, cam, key, msg, assessedByMinistry };
}
