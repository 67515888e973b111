import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel } from '../channel/channel';
import { KeyMessageRecord } from '../keymessage/key-message.entity';
import { MessageStatus, type Variant } from '../message/message';
import type { DashboardScope } from '../../../kernel/src/domain';

/**
 * Messages in scope: of the nodes asked for, and on the axes asked for — a message's axis is its
 * campaign's, else its initiative's, else its key message's (from this service's read models); a
 * message with none of them is left out when axes are asked for.
 */
function messageScope(scope: DashboardScope): { joins: string; conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (scope.nodes.length) {
    conditions.push('m.node in (select jsonb_array_elements_text(?::jsonb))');
    params.push(JSON.stringify(scope.nodes));
  }
  if (!scope.axes.length) return { joins: '', conditions, params };
  conditions.push('coalesce(c.axis, i.axis, k.axis) in (select jsonb_array_elements_text(?::jsonb))');
  params.push(JSON.stringify(scope.axes));
  return {
    joins: `left join media.campaign_view c on c.id = m.campaign_id
      left join media.initiative_view i on i.id = m.initiative_id
      left join media.key_message k on k.id = m.key_message_id`,
    conditions,
    params,
  };
}

const where = (conditions: string[]) => (conditions.length ? `where ${conditions.join(' and ')}` : '');

export interface ChannelStatusRow {
  /** null: a message with no channel variant yet. */
  channel: Channel | null;
  status: MessageStatus;
  messages: number;
}

/** Messages by channel × status (a message counts once on each channel it has a variant for): one GROUP BY. */
export async function messagesByChannelAndStatus(em: EntityManager, scope: DashboardScope): Promise<ChannelStatusRow[]> {
  const s = messageScope(scope);
  const sql = `
    select v.value->>'channel' as channel, m.status, count(*)::int as messages
    from media.media_message m
    left join lateral jsonb_array_elements(m.variants) v on true
    ${s.joins}
    ${where(s.conditions)}
    group by 1, 2`;
  return em.getConnection().execute<ChannelStatusRow[]>(sql, s.params, 'all');
}

export interface SubmittedMessage {
  node: string;
  campaignId: string | null;
  variants: Variant[];
}

/** Messages that went to review at least once (their history reaches IN_REVIEW), with what the charter checks. */
export async function submittedMessages(em: EntityManager, scope: DashboardScope): Promise<SubmittedMessage[]> {
  const s = messageScope(scope);
  const sql = `
    select m.node, m.campaign_id as "campaignId", m.variants
    from media.media_message m
    ${s.joins}
    ${where([`m.history @> '[{"to": "${MessageStatus.IN_REVIEW}"}]'::jsonb`, ...s.conditions])}`;
  return em.getConnection().execute<SubmittedMessage[]>(sql, s.params, 'all');
}

/** The key messages in force on the axes asked for (a key message with no axis only when none is asked), oldest first. */
export async function keyMessagesInScope(em: EntityManager, scope: DashboardScope): Promise<KeyMessageRecord[]> {
  return em.find(KeyMessageRecord, { active: true, ...(scope.axes.length ? { axis: { $in: scope.axes } } : {}) }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** Which node made a message from which key message in force: one GROUP BY. */
export async function localisations(em: EntityManager, scope: DashboardScope): Promise<Array<{ node: string; keyMessageId: string }>> {
  const conditions = ['k.active'];
  const params: unknown[] = [];
  if (scope.nodes.length) {
    conditions.push('m.node in (select jsonb_array_elements_text(?::jsonb))');
    params.push(JSON.stringify(scope.nodes));
  }
  if (scope.axes.length) {
    conditions.push('k.axis in (select jsonb_array_elements_text(?::jsonb))');
    params.push(JSON.stringify(scope.axes));
  }
  const sql = `
    select m.node, m.key_message_id as "keyMessageId"
    from media.media_message m join media.key_message k on k.id = m.key_message_id
    ${where(conditions)}
    group by 1, 2`;
  return em.getConnection().execute(sql, params, 'all');
}
