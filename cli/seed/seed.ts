import type { Role } from '../../services/kernel/src/auth';
import { Gateway, until } from './graphql';
import { SeedDays } from './days';
import { ASSESSMENTS, CRITERIA, MUNICIPAL_INITIATIVES, NATIONAL_INITIATIVES } from './initiatives.data';
import { advanceInitiatives, proposeInitiatives, seedAssessments, seedCriteria, type SeededInitiative } from './initiatives';
import { campaignsOf, entriesOf } from './calendar.data';
import { seedCampaigns, seedEntries, seedOccasions, type SeededCampaign } from './calendar';
import { messagesOf } from './media.data';
import { reviewAtHub, seedCharter, seedKeyMessages, seedMessages, type SeededMessage } from './media';

export interface SeedOptions {
  /** Each node's gateway URL, the hub `ministry` and the municipalities; awaited when the seed comes to the node. */
  gateways: Record<string, string | Promise<string>>;
  /** A development token for a node and role; the seed acts as `<node>-<role>`. */
  token: (node: string, role: Role) => Promise<string>;
  /** Told of each step as it completes, in a line a person reads. */
  progress: (line: string) => void;
  now?: Date;
}

export interface SeedSummary {
  nationalInitiatives: number;
  municipalInitiatives: number;
  progressReports: number;
  criteria: number;
  assessments: number;
  campaigns: number;
  clashWarnings: number;
  entries: number;
  occasions: number;
  hijriYears: number[];
  charterRules: number;
  keyMessages: number;
  messages: number;
}

const MINISTRY = 'ministry';

/**
 * A realistic sector through the nodes' own gateways, as their editors, reviewers and admins would
 * make it: the ministry's national initiatives first; each municipality's work once these have
 * reached it, while the ministry goes on with its campaigns, charter and messages; then the
 * ministry's decisions on what the municipalities sent. Events, outboxes and replication all run.
 */
export async function seedSector(o: SeedOptions): Promise<SeedSummary> {
  const days = new SeedDays(o.now ?? new Date());
  const municipalities = Object.keys(o.gateways).filter((n) => n !== MINISTRY && MUNICIPAL_INITIATIVES[n]);
  const as = async (node: string, role: Role) => new Gateway(await o.gateways[node], await o.token(node, role));
  const step = async <T>(node: string, work: () => Promise<T>, say: (r: T) => string): Promise<T> => {
    const started = Date.now();
    const result = await work();
    o.progress(`${node.padEnd(9)} ${say(result)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  };
  // work started now and awaited later: a failure surfaces where it is awaited, not as an unhandled rejection
  const meanwhile = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  // the ministry: its criteria, occasions and national initiatives; once these are proposed, the
  // municipalities start on theirs while the ministry goes on with its campaigns, charter and messages
  const hub = {
    viewer: await as(MINISTRY, 'viewer'),
    editor: await as(MINISTRY, 'editor'),
    admin: await as(MINISTRY, 'admin'),
    reviewer: await as(MINISTRY, 'reviewer'),
  };
  const criteria = meanwhile(
    step(
      MINISTRY,
      () => seedCriteria(hub.admin),
      (ids) => `${ids.length} integration criteria`,
    ),
  );
  const occasions = meanwhile(
    step(
      MINISTRY,
      () => seedOccasions(hub.admin, days),
      (r) => `${r.count} national occasions of ${r.years.join(' and ')} AH`,
    ),
  );
  const proposed = meanwhile(proposeInitiatives(hub.editor, MINISTRY, NATIONAL_INITIATIVES, days, (s) => s.key, new Map()));
  const nationalsAdvanced = meanwhile(
    step(
      MINISTRY,
      async () => ({ initiatives: await proposed, reports: await advanceInitiatives(hub.editor, await proposed) }),
      (r) => `${r.initiatives.length} national initiatives across the six axes, ${r.reports} progress reports`,
    ),
  );
  const nationals = meanwhile(proposed.then((list) => new Map(list.map((i) => [i.seed.key, i]))));
  const ministryMedia = meanwhile(
    step(
      MINISTRY,
      async () => {
        const made = await seedCampaigns(hub.editor, MINISTRY, campaignsOf(MINISTRY, days), await nationals);
        const [entries, rules, keyMessages] = await Promise.all([
          seedEntries(hub.editor, entriesOf(MINISTRY, days), made.campaigns),
          seedCharter(hub.admin, made.campaigns),
          seedKeyMessages(hub.editor, made.campaigns),
        ]);
        const refs = { campaigns: made.campaigns, initiatives: await nationals, keyMessages };
        const messages = await seedMessages(hub.editor, hub.reviewer, MINISTRY, messagesOf(MINISTRY), refs, days);
        return { campaigns: made.campaigns, entries, rules, keyMessages, messages };
      },
      (r) =>
        `${r.campaigns.size} national campaigns, ${r.entries} calendar entries, ${r.rules} charter rules, ${r.keyMessages.size} key messages, ${r.messages.length} messages`,
    ),
  );

  const local = await Promise.all(
    municipalities.map(async (node) => {
      const g = { viewer: await as(node, 'viewer'), editor: await as(node, 'editor'), reviewer: await as(node, 'reviewer') };
      await until(`the national initiatives to reach ${node}`, async () => {
        const r = await g.viewer.request<{ nationalInitiatives: unknown[] }>('{ nationalInitiatives { id } }');
        return r.nationalInitiatives.length === NATIONAL_INITIATIVES.length;
      });
      const { prefix, initiatives: list } = MUNICIPAL_INITIATIVES[node];
      const year = days.today.slice(0, 4);
      const [made, calendar] = await step(
        node,
        async () => {
          const initiatives = await proposeInitiatives(
            g.editor,
            node,
            list,
            days,
            (_s, i) => `${prefix}-${year}-${String(i + 1).padStart(3, '0')}`,
            await nationals,
          );
          const byKey = new Map(initiatives.map((i) => [i.seed.key, i]));
          return Promise.all([
            advanceInitiatives(g.editor, initiatives).then((reports) => ({ initiatives, byKey, reports })),
            seedCampaigns(g.editor, node, campaignsOf(node, days), byKey).then(async (c) => ({
              ...c,
              entries: await seedEntries(g.editor, entriesOf(node, days), c.campaigns),
            })),
          ]);
        },
        ([i, c]) =>
          `${i.initiatives.length} initiatives rolling up to national ones, ${i.reports} progress reports; ${c.campaigns.size} local campaigns (${c.clashes} clash warnings when scheduled), ${c.entries} calendar entries`,
      );
      const { keyMessages, rules } = await ministryMedia;
      const [criteriaIds] = await Promise.all([
        criteria,
        until(`the charter, key messages and criteria to reach ${node}`, async () => {
          const r = await g.viewer.request<{ charterRules: unknown[]; keyMessages: unknown[]; integrationCriteria: unknown[] }>(
            '{ charterRules { id } keyMessages { id } integrationCriteria { id } }',
          );
          return r.charterRules.length >= rules && r.keyMessages.length >= keyMessages.size && r.integrationCriteria.length >= CRITERIA.length;
        }),
      ]);
      const messages = await step(
        node,
        async () => {
          const own = ASSESSMENTS.filter((a) => a.at === 'owner' && made.byKey.has(a.initiative));
          const assessed = await seedAssessments(g.reviewer, own, made.byKey, criteriaIds);
          const refs = { campaigns: calendar.campaigns, initiatives: made.byKey, keyMessages };
          return { assessed, list: await seedMessages(g.editor, g.reviewer, node, messagesOf(node), refs, days) };
        },
        (m) => `${m.list.length} messages (${m.list.filter((x) => !('draft' in x.seed.make)).length} localised or generated), ${m.assessed} self-assessment`,
      );
      return { made, calendar, messages };
    }),
  );

  // the hub: what the municipalities did has arrived; the ministry assesses and reviews it
  const [criteriaIds, national, media, occasionsMade] = await Promise.all([criteria, nationalsAdvanced, ministryMedia, occasions]);
  const initiatives = local.flatMap((l) => l.made.initiatives);
  const campaigns = local.flatMap((l) => [...l.calendar.campaigns.values()]);
  const messages = local.flatMap((l) => l.messages.list);
  const central = await step(
    MINISTRY,
    async () => {
      await until('the municipalities’ initiatives to reach the hub', () => caughtUp(hub.viewer, municipalities, initiatives, [], []));
      const byKey = new Map(initiatives.map((i) => [i.seed.key, i]));
      const assessed = await seedAssessments(
        hub.reviewer,
        ASSESSMENTS.filter((a) => a.at === 'ministry'),
        byKey,
        criteriaIds,
      );
      const toReview = messages.filter((m) => m.seed.reviewedByMinistry);
      await until('the municipalities’ messages to reach the hub', async () => {
        // messages in review are read at the hub by the ministry's reviewers, not its viewers
        const r = await hub.reviewer.request<{ mediaMessages: { edges: { node: { id: string; version: number } }[] } }>(
          'query ($ids: [ID!]) { mediaMessages(first: 100, filter: { keyMessageId: $ids }) { edges { node { id version } } } }',
          { ids: [...media.keyMessages.values()] },
        );
        const seen = new Map(r.mediaMessages.edges.map((e) => [e.node.id, e.node.version]));
        return toReview.every((m) => seen.get(m.id) === m.version);
      });
      const reviewed = await reviewAtHub(hub.reviewer, toReview);
      return { assessed, reviewed };
    },
    (r) => `${r.assessed} assessments of municipal initiatives, ${r.reviewed} review of a municipality’s message`,
  );
  await step(
    MINISTRY,
    async () => {
      await until('the hub to hold every node’s data', () => caughtUp(hub.reviewer, municipalities, initiatives, campaigns, messages));
      await hub.editor.mutateOne({ field: 'sectorFactSheet', args: {} });
    },
    () => 'the hub holds every node’s data; a fact sheet of the whole sector drafted',
  );
  return {
    nationalInitiatives: national.initiatives.length,
    municipalInitiatives: initiatives.length,
    progressReports: national.reports + local.reduce((n, l) => n + l.made.reports, 0),
    criteria: criteriaIds.length,
    assessments: central.assessed + local.reduce((n, l) => n + l.messages.assessed, 0),
    campaigns: media.campaigns.size + campaigns.length,
    clashWarnings: local.reduce((n, l) => n + l.calendar.clashes, 0),
    entries: media.entries + local.reduce((n, l) => n + l.calendar.entries, 0),
    occasions: occasionsMade.count,
    hijriYears: occasionsMade.years,
    charterRules: media.rules,
    keyMessages: media.keyMessages.size,
    // the fact sheet too
    messages: media.messages.length + messages.length + 1,
  };
}

/** Whether the hub holds the municipalities' initiatives, campaigns and messages at their latest versions. */
async function caughtUp(
  hub: Gateway,
  nodes: string[],
  initiatives: SeededInitiative[],
  campaigns: SeededCampaign[],
  messages: SeededMessage[],
): Promise<boolean> {
  const r = await hub.request<{
    initiatives: { edges: { node: { id: string; version: number } }[] };
    campaigns: { edges: { node: { id: string; version: number } }[] };
    mediaMessages: { edges: { node: { id: string; version: number } }[] };
  }>(
    `query ($nodes: [String!]) {
      initiatives(first: 100, filter: { node: $nodes }) { edges { node { id version } } }
      campaigns(first: 100, filter: { node: $nodes }) { edges { node { id version } } }
      mediaMessages(first: 100, filter: { node: $nodes }) { edges { node { id version } } }
    }`,
    { nodes },
  );
  const has = (edges: { node: { id: string; version: number } }[], want: { id: string; version: number }[]) => {
    const seen = new Map(edges.map((e) => [e.node.id, e.node.version]));
    return want.every((w) => seen.get(w.id) === w.version);
  };
  return has(r.initiatives.edges, initiatives) && has(r.campaigns.edges, campaigns) && has(r.mediaMessages.edges, messages);
}

/** One line of what the seed made, for the start banner. */
export function describeSeed(s: SeedSummary): string {
  return [
    `${s.nationalInitiatives} national and ${s.municipalInitiatives} municipal initiatives with ${s.progressReports} progress reports`,
    `${s.criteria} integration criteria and ${s.assessments} assessments`,
    `${s.campaigns} campaigns (${s.clashWarnings} clash warnings) and ${s.entries} calendar entries`,
    `${s.occasions} national occasions of ${s.hijriYears.join(' and ')} AH`,
    `${s.charterRules} charter rules, ${s.keyMessages} key messages`,
    `${s.messages} messages in every workflow state`,
  ].join('; ');
}
