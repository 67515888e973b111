import type { EntityManager } from '@mikro-orm/postgresql';
import { MINISTRY } from '../../../kernel/src/domain';
import { isEventOf, type EventsOf, type ReceivedOf } from '../../../kernel/src/events/schemas';
import { topicOf, upsertNewer, type EventEnvelope } from '../../../kernel/src/events';
import type { Config } from '../../../kernel/src/config';
import type { ConsumerDefinition } from '../../../kernel/src/service';
import { initiativesEvents } from '../../../initiatives/src/events';
import { initiativeEvents } from '../../../initiatives/src/initiative/initiative.events';
import { calendarEvents } from '../../../calendar/src/events';
import { campaignEvents } from '../../../calendar/src/campaign/campaign.events';
import { CampaignView, InitiativeView, ProgressView } from './sources.entity';

/** The hub reads every node's initiatives and campaigns; a municipality its own and the ministry's. */
const concernsThisNode = (e: EventEnvelope, config: Config) => config.role === 'hub' || e.node === config.node || e.node === MINISTRY;

type CampaignEvent = (typeof campaignEvents)[number];

async function applyInitiatives(em: EntityManager, received: ReceivedOf<EventsOf<typeof initiativesEvents>>[]): Promise<void> {
  const events = received.filter(isEventOf(initiativeEvents));
  await upsertNewer(
    em,
    InitiativeView,
    events.map(({ data: { state: s } }) => ({
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
        targets: s.targets,
        percentComplete: s.percentComplete,
        lastReportedAt: s.lastReportedAt ? new Date(s.lastReportedAt) : null,
        version: s.version,
      },
    })),
  );
  const reports = events.flatMap((e) => (e.type === 'mmhub.initiative.progressreported.v1' ? [e.data.change.report] : []));
  if (!reports.length) return;
  const known = new Set((await em.find(ProgressView, { id: { $in: reports.map((r) => r.id) } }, { fields: ['id'] })).map((r) => r.id));
  for (const r of reports) {
    if (known.has(r.id)) continue;
    known.add(r.id);
    em.create(ProgressView, {
      id: r.id,
      initiativeId: r.initiativeId,
      percentComplete: r.percentComplete,
      kpiActuals: r.kpiActuals,
      reportedAt: new Date(r.reportedAt),
    });
  }
  await em.flush();
}

/** A ministry campaign is national: its messages are reviewed by the ministry. */
const campaignView = ({ data: { state: s } }: ReceivedOf<CampaignEvent>): CampaignView => ({
  id: s.id,
  node: s.node,
  titleAr: s.titleAr,
  titleEn: s.titleEn,
  axis: s.axis,
  national: s.node === MINISTRY,
  version: s.version,
});

async function applyCampaigns(em: EntityManager, events: ReceivedOf<EventsOf<typeof calendarEvents>>[]): Promise<void> {
  await upsertNewer(
    em,
    CampaignView,
    events
      .filter(isEventOf(campaignEvents))
      .map(campaignView)
      .map((c) => ({ id: c.id, version: c.version, props: c })),
  );
}

export const initiativeSource: ConsumerDefinition<EventsOf<typeof initiativesEvents>> = {
  name: 'initiative-source',
  topics: [topicOf('initiatives')],
  events: initiativesEvents.events,
  accept: (e, config) => e.type.startsWith('mmhub.initiative.') && concernsThisNode(e, config),
  apply: applyInitiatives,
  rebuilds: [
    { table: 'initiative_view', allRows: true },
    { table: 'progress_view', allRows: true },
  ],
};

export const campaignSource: ConsumerDefinition<EventsOf<typeof calendarEvents>> = {
  name: 'campaign-source',
  topics: [topicOf('calendar')],
  events: calendarEvents.events,
  accept: (e, config) => e.type.startsWith('mmhub.campaign.') && concernsThisNode(e, config),
  apply: applyCampaigns,
  rebuilds: [{ table: 'campaign_view', allRows: true }],
};
