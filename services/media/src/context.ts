import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hideUnpublished } from '../../kernel/src/auth';
import { isUuid } from '../../kernel/src/domain';
import { plainRows } from '../../kernel/src/db';
import type { RequestContext } from '../../kernel/src/graphql';
import { mediaUnpublished } from './events';
import { MediaMessageRecord } from './message/message.entity';
import { ReviewRecord } from './review/review.entity';
import { KeyMessageRecord } from './keymessage/key-message.entity';
import { activeRules } from './charter/charter.queries';
import type { CharterRuleState } from './charter/charter';

/** Groups rows by a key, in the order the keys were asked for. */
function grouped<R>(keys: readonly string[], rows: R[], keyOf: (r: R) => string | null): R[][] {
  const by = new Map<string, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!k) continue;
    const group = by.get(k);
    if (group) group.push(r);
    else by.set(k, [r]);
  }
  return keys.map((k) => by.get(k) ?? []);
}

/** Per-request batching: one SQL statement per entity type and level of a query. */
export function createLoaders(em: EntityManager) {
  // plain rows: the messages of a page of campaigns or initiatives are only answered with
  const messagesBy = (column: 'campaignId' | 'initiativeId' | 'keyMessageId') =>
    new DataLoader<string, MediaMessageRecord[]>(async (ids) =>
      grouped(ids, await plainRows(em, MediaMessageRecord, { [column]: { $in: ids.filter(isUuid) } }, { id: 'desc' }), (r) => r[column]),
    );
  let rules: Promise<CharterRuleState[]> | undefined;
  return {
    message: new DataLoader<string, MediaMessageRecord | null>(async (ids) => {
      const byId = new Map((await em.find(MediaMessageRecord, { id: { $in: [...ids] } })).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    messagesByCampaign: messagesBy('campaignId'),
    messagesByInitiative: messagesBy('initiativeId'),
    messagesByKeyMessage: messagesBy('keyMessageId'),
    reviewsByMessage: new DataLoader<string, ReviewRecord[]>(async (ids) =>
      grouped(ids, await em.find(ReviewRecord, { messageId: { $in: [...ids] } }, { orderBy: { decidedAt: 'desc', id: 'desc' } }), (r) => r.messageId),
    ),
    keyMessage: new DataLoader<string, KeyMessageRecord | null>(async (ids) => {
      const byId = new Map((await em.find(KeyMessageRecord, { id: { $in: [...ids] } })).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** The charter in force, read once per request. */
    rules: () => (rules ??= activeRules(em)),
  };
}

export interface MediaContext extends RequestContext {
  loaders: ReturnType<typeof createLoaders>;
}

export const extendContext = (base: RequestContext): MediaContext => {
  // another node's messages before approval are not there for callers the permission matrix does not let read them
  hideUnpublished(base.em, base.caller, MediaMessageRecord, mediaUnpublished['mmhub.message.']);
  return { ...base, loaders: createLoaders(base.em) };
};
