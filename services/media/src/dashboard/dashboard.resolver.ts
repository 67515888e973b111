import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { MINISTRY, nodeName, nodesInView, scopeOfDashboardId, type DashboardScope } from '../../../kernel/src/domain';
import type { MediaContext } from '../context';
import { Channel } from '../channel/channel';
import { blocking } from '../charter/charter';
import { violationsOf } from '../charter/charter.queries';
import { MessageStatus } from '../message/message';
import type { KeyMessageRecord } from '../keymessage/key-message.entity';
import { keyMessagesInScope, localisations, messagesByChannelAndStatus, submittedMessages, type ChannelStatusRow } from './dashboard.queries';
import { MessageChannelCount, NodeCharterCompliance, NodeKeyMessageCoverage, SectorDashboardReference } from './dashboard.types';

const CHANNEL_ORDER = Object.values(Channel);
const STATUS_ORDER = Object.values(MessageStatus);
const channelRank = (c: Channel | null) => (c === null ? CHANNEL_ORDER.length : CHANNEL_ORDER.indexOf(c));

const named = (node: string) => ({ node, nodeNameAr: nodeName(node).nameAr, nodeNameEn: nodeName(node).nameEn });
const percent = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

interface CoverageRow extends Omit<NodeKeyMessageCoverage, 'localisedKeyMessages' | 'missingKeyMessages'> {
  localisedKeyMessages: KeyMessageRecord[];
  missingKeyMessages: KeyMessageRecord[];
}

/** A dashboard from its key: the filter is in the id. */
export const sectorDashboardReference = (ref: { id: string }): DashboardScope => scopeOfDashboardId(ref.id);

@Resolver(() => SectorDashboardReference)
export class SectorDashboardMediaResolver {
  @FieldResolver(() => [MessageChannelCount], {
    nullable: true,
    description: 'Messages by channel × status, only the combinations that occur, by channel then status (from the media service).',
  })
  async messagesByChannelAndStatus(@Root() d: DashboardScope, @Ctx() ctx: MediaContext): Promise<ChannelStatusRow[]> {
    const rows = await messagesByChannelAndStatus(ctx.em, d);
    return rows.sort((a, b) => channelRank(a.channel) - channelRank(b.channel) || STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  }

  @FieldResolver(() => [NodeCharterCompliance], { nullable: true, description: 'Charter compliance per node the view knows (from the media service).' })
  async charterCompliance(@Root() d: DashboardScope, @Ctx() ctx: MediaContext): Promise<NodeCharterCompliance[]> {
    const [messages, rules] = await Promise.all([submittedMessages(ctx.em, d), ctx.loaders.rules()]);
    const tally = new Map<string, { submitted: number; compliant: number }>();
    for (const m of messages) {
      const t = tally.get(m.node) ?? { submitted: 0, compliant: 0 };
      tally.set(m.node, t);
      t.submitted++;
      if (!blocking(violationsOf(rules, m)).length) t.compliant++;
    }
    return nodesInView(d, { role: ctx.role, node: ctx.origin.node }, tally.keys()).map((node) => {
      const t = tally.get(node) ?? { submitted: 0, compliant: 0 };
      return { ...named(node), ...t, compliancePercent: percent(t.compliant, t.submitted) };
    });
  }

  @FieldResolver(() => [NodeKeyMessageCoverage], {
    nullable: true,
    description: 'Key-message localisation coverage per municipality the view knows; the ministry, which writes them, is not listed (from the media service).',
  })
  async keyMessageCoverage(@Root() d: DashboardScope, @Ctx() ctx: MediaContext): Promise<CoverageRow[]> {
    const [keys, done] = await Promise.all([keyMessagesInScope(ctx.em, d), localisations(ctx.em, d)]);
    const byNode = new Map<string, Set<string>>();
    for (const l of done) byNode.set(l.node, (byNode.get(l.node) ?? new Set()).add(l.keyMessageId));
    return nodesInView(d, { role: ctx.role, node: ctx.origin.node }, byNode.keys())
      .filter((node) => node !== MINISTRY)
      .map((node) => {
        const mine = byNode.get(node) ?? new Set<string>();
        const localisedKeyMessages = keys.filter((k) => mine.has(k.id));
        return {
          ...named(node),
          keyMessages: keys.length,
          localised: localisedKeyMessages.length,
          coveragePercent: percent(localisedKeyMessages.length, keys.length),
          localisedKeyMessages,
          missingKeyMessages: keys.filter((k) => !mine.has(k.id)),
        };
      });
  }
}
