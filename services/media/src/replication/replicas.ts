import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { DomainError, MINISTRY, recordEvent, topicOf, upsertNewer, type CloudEvent, type ConsumerDefinition, type Versioned } from '../../../kernel/src';
import type { EntityName } from '@mikro-orm/postgresql';
import { MediaMessageRecord, messageRow, messageState } from '../message/message.entity';
import { CharterRuleRecord, charterRuleRow } from '../charter/charter.entity';
import { KeyMessageRecord, keyMessageRow } from '../keymessage/key-message.entity';
import { ReviewRecord, reviewRow } from '../review/review.entity';
import { verdictOf, type ReviewState } from '../review/review';
import { reviewMessage, type MessageState } from '../message/message';
import type { CharterRuleState } from '../charter/charter';
import type { KeyMessageState } from '../keymessage/key-message';
import { activeRules, violationsOf } from '../charter/charter.queries';
import { isNationalCampaign } from '../message/message.queries';

const aggregateOf = (type: string) => type.split('.')[1];

function statesOf<S extends Versioned>(events: CloudEvent[], aggregate: string): S[] {
  return events.filter((e) => aggregateOf(e.type) === aggregate).map((e) => (e.data as { state: S }).state);
}

async function replicate<S extends Versioned, E extends Versioned>(em: EntityManager, entity: EntityName<E>, states: S[], row: (s: S) => E): Promise<void> {
  await upsertNewer(em, entity, states.map((s) => ({ id: s.id, version: s.version, props: row(s) as never })));
}

/**
 * A review the ministry decided on its replica of a message owned here: applied to the message
 * as if decided here, or left when the message has moved on since the reviewer read it.
 */
async function applyRemoteReview(em: EntityManager, review: ReviewState, from: string): Promise<void> {
  const row = await em.findOne(MediaMessageRecord, { id: review.messageId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row || row.node !== review.messageNode || row.node === from) return;
  try {
    const state = messageState(row);
    const national = await isNationalCampaign(em, state.campaignId);
    const event = reviewMessage(state, review.messageVersion, verdictOf(review), national, violationsOf(await activeRules(em), state), new Date(review.decidedAt));
    em.assign(row, messageRow(event.data.state));
    recordEvent(em, { node: row.node, service: 'media' }, event, new Date());
    await em.flush();
  } catch (e) {
    // stale (edited since), no longer in review, or no longer allowed: the message keeps its state
    if (!(e instanceof DomainError)) throw e;
  }
}

async function applyReplicas(em: EntityManager, events: CloudEvent[]): Promise<void> {
  await replicate(em, MediaMessageRecord, statesOf<MessageState>(events, 'message'), messageRow);
  await replicate(em, CharterRuleRecord, statesOf<CharterRuleState>(events, 'charterrule'), charterRuleRow);
  await replicate(em, KeyMessageRecord, statesOf<KeyMessageState>(events, 'keymessage'), keyMessageRow);
  const reviews = events.filter((e) => aggregateOf(e.type) === 'review');
  await replicate(em, ReviewRecord, reviews.map((e) => (e.data as { state: ReviewState }).state), reviewRow);
  for (const e of reviews) {
    const review = (e.data as { state: ReviewState }).state;
    if (review.remote && e.node === MINISTRY) await applyRemoteReview(em, review, e.node);
  }
}

/** The hub keeps every node's media; a municipality keeps the ministry's: charter, key messages, reviews. */
export const replicaConsumer: ConsumerDefinition = {
  name: 'replicas',
  topics: [topicOf('media')],
  accept: (e, config) => e.node !== config.node && (config.role === 'hub' || e.node === MINISTRY),
  apply: applyReplicas,
  rebuilds: [{ table: 'media_message' }, { table: 'charter_rule' }, { table: 'key_message' }, { table: 'review' }],
};
