import { initiativesService } from '../../services/initiatives/src/service';
import { calendarService } from '../../services/calendar/src/service';
import { mediaService } from '../../services/media/src/service';
import { InitiativeStatus, type InitiativeState } from '../../services/initiatives/src/initiative/initiative';
import { InitiativeRecord, initiativeRow } from '../../services/initiatives/src/initiative/initiative.entity';
import { IntegrationAssessmentRecord, assessmentRow } from '../../services/initiatives/src/integration/integration.entity';
import type { IntegrationAssessmentState } from '../../services/initiatives/src/integration/integration';
import { lateDays, rag, Rag } from '../../services/initiatives/src/initiative/progress';
import { CampaignStatus, type CampaignEvent } from '../../services/calendar/src/campaign/campaign';
import { CampaignRecord, campaignRow } from '../../services/calendar/src/campaign/campaign.entity';
import type { MessageState } from '../../services/media/src/message/message';
import { MediaMessageRecord, messageRow } from '../../services/media/src/message/message.entity';
import { KeyMessageRecord, keyMessageRow } from '../../services/media/src/keymessage/key-message.entity';
import { defineKeyMessage } from '../../services/media/src/keymessage/key-message';
import { Axis, MINISTRY, SECTOR_NODES } from '../../services/kernel/src/domain';
import type { ServiceDefinition } from '../../services/kernel/src/service';
import { startTestService, type TestNode } from '../support/node';
import { M, acting, initiative, assessment, campaign, message, dataOf, mean } from './dashboard-fixtures';

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
