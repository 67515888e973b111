import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY, isUuid, topicOf, upsertNewer, type CloudEvent, type Config, type ConsumerDefinition, type EventEnvelope } from '../../../kernel/src';
import { CampaignView, InitiativeView, ProgressView, type KpiActualView, type TargetView } from './sources.entity';

/** The hub reads every node's initiatives and campaigns; a municipality its own and the ministry's. */
const concernsThisNode = (e: EventEnvelope, config: Config) => config.role === 'hub' || e.node === config.node || e.node === MINISTRY;

interface InitiativeData {
  state?: {
    id: string;
    node: string;
    code: string;
    titleAr: string;
    titleEn: string | null;
    axis: InitiativeView['axis'];
    nationalInitiativeId: string | null;
    status: string;
    plannedStart: string;
    plannedEnd: string;
    targets: TargetView[];
    percentComplete: number;
    lastReportedAt: string | null;
    version: number;
  };
  change?: { report?: { id: string; initiativeId: string; percentComplete: number; kpiActuals: KpiActualView[]; reportedAt: string } };
}

async function applyInitiatives(em: EntityManager, events: CloudEvent[]): Promise<void> {
  const data = events.filter((e) => e.type.startsWith('mmhub.initiative.')).map((e) => e.data as InitiativeData);
  await upsertNewer(
    em,
    InitiativeView,
    data
      .map((d) => d.state)
      .filter((s): s is NonNullable<InitiativeData['state']> => Boolean(s?.id && s.version))
      .map((s) => ({
        id: s.id,
        version: s.version,
        props: {
          id: s.id,
          node: s.node,
          code: s.code,
          titleAr: s.titleAr,
          titleEn: s.titleEn,
          axis: s.axis,
          nationalInitiativeId: s.nationalInitiativeId,
          status: s.status,
          plannedStart: s.plannedStart,
          plannedEnd: s.plannedEnd,
          targets: s.targets ?? [],
          percentComplete: s.percentComplete,
          lastReportedAt: s.lastReportedAt ? new Date(s.lastReportedAt) : null,
          version: s.version,
        },
      })),
  );
  const reports = data.map((d) => d.change?.report).filter((r): r is NonNullable<typeof r> => Boolean(r?.id));
  if (!reports.length) return;
  const known = new Set((await em.find(ProgressView, { id: { $in: reports.map((r) => r.id) } }, { fields: ['id'] })).map((r) => r.id));
  for (const r of reports) {
    if (known.has(r.id)) continue;
    known.add(r.id);
    em.create(ProgressView, { id: r.id, initiativeId: r.initiativeId, percentComplete: r.percentComplete, kpiActuals: r.kpiActuals ?? [], reportedAt: new Date(r.reportedAt) });
  }
  await em.flush();
}

/** The calendar service is written alongside: its campaign state is read defensively, and skipped when incomplete. */
function campaignOf(e: CloudEvent): CampaignView | null {
  const s = (e.data as { state?: Record<string, unknown> }).state;
  if (!s || typeof s.id !== 'string' || !isUuid(s.id) || typeof s.node !== 'string' || !Number.isInteger(s.version) || typeof s.titleAr !== 'string') return null;
  return {
    id: s.id,
    node: s.node,
    titleAr: s.titleAr,
    titleEn: typeof s.titleEn === 'string' ? s.titleEn : null,
    axis: typeof s.axis === 'string' ? s.axis : null,
    national: s.national === true || s.scope === 'NATIONAL' || s.node === MINISTRY,
    version: s.version as number,
  };
}

async function applyCampaigns(em: EntityManager, events: CloudEvent[]): Promise<void> {
  const campaigns = events.filter((e) => e.type.startsWith('mmhub.campaign.')).map(campaignOf).filter((c): c is CampaignView => c !== null);
  await upsertNewer(em, CampaignView, campaigns.map((c) => ({ id: c.id, version: c.version, props: c })));
}

export const initiativeSource: ConsumerDefinition = {
  name: 'initiative-source',
  topics: [topicOf('initiatives')],
  accept: (e, config) => e.type.startsWith('mmhub.initiative.') && concernsThisNode(e, config),
  apply: applyInitiatives,
  rebuilds: [{ table: 'initiative_view', allRows: true }, { table: 'progress_view', allRows: true }],
};

export const campaignSource: ConsumerDefinition = {
  name: 'campaign-source',
  topics: [topicOf('calendar')],
  accept: (e, config) => e.type.startsWith('mmhub.campaign.') && concernsThisNode(e, config),
  apply: applyCampaigns,
  rebuilds: [{ table: 'campaign_view', allRows: true }],
};
