import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { DomainError, MINISTRY, expectVersion } from '../../../kernel/src/domain';
import { isEventOf, type EventsOf, type ReceivedOf } from '../../../kernel/src/events/schemas';
import { recordEvent, topicOf, upsertNewer } from '../../../kernel/src/events';
import type { ConsumerDefinition } from '../../../kernel/src/service';
import { MediaMessageRecord, messageRow, messageState } from '../message/message.entity';
import { CharterRuleRecord, charterRuleRow } from '../charter/charter.entity';
import { KeyMessageRecord, keyMessageRow } from '../keymessage/key-message.entity';
import { ReviewRecord, reviewRow } from '../review/review.entity';
import { reviewMessage, verdictOf, type ReviewState } from '../review/review';
import { messageEvents } from '../message/message.events';
import { reviewEvents } from '../review/review.events';
import { charterRuleEvents } from '../charter/charter.events';
import { keyMessageEvents } from '../keymessage/key-message.events';
import { mediaEvents } from '../events';
import { activeRules, violationsOf } from '../charter/charter.queries';
import { isNationalCampaign } from '../message/message.queries';

type MediaEvent = EventsOf<typeof mediaEvents>;

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
    expectVersion('message', state, review.messageVersion);
    const event = reviewMessage(state, verdictOf(review), national, violationsOf(await activeRules(em), state), new Date(review.decidedAt));
    em.assign(row, messageRow(event.data.state));
    recordEvent(em, { node: row.node, service: 'media' }, event, new Date());
    await em.flush();
  } catch (e) {
    // stale (edited since), no longer in review, or no longer allowed: the message keeps its state
    if (!(e instanceof DomainError)) throw e;
  }
}

async function applyReplicas(em: EntityManager, events: ReceivedOf<MediaEvent>[]): Promise<void> {
  await upsertNewer(
    em,
    MediaMessageRecord,
    events.filter(isEventOf(messageEvents)).map(({ data: { state } }) => ({ id: state.id, version: state.version, props: messageRow(state) })),
  );
  await upsertNewer(
    em,
    CharterRuleRecord,
    events.filter(isEventOf(charterRuleEvents)).map(({ data: { state } }) => ({ id: state.id, version: state.version, props: charterRuleRow(state) })),
  );
  await upsertNewer(
    em,
    KeyMessageRecord,
    events.filter(isEventOf(keyMessageEvents)).map(({ data: { state } }) => ({ id: state.id, version: state.version, props: keyMessageRow(state) })),
  );
  const reviews = events.filter(isEventOf(reviewEvents));
  await upsertNewer(
    em,
    ReviewRecord,
    reviews.map(({ data: { state } }) => ({ id: state.id, version: state.version, props: reviewRow(state) })),
  );
  for (const { data, node } of reviews) {
    if (data.state.remote && node === MINISTRY) await applyRemoteReview(em, data.state, node);
  }
}

/** The hub keeps every node's media; a municipality keeps the ministry's: charter, key messages, reviews. */
export const replicaConsumer: ConsumerDefinition<MediaEvent> = {
  name: 'replicas',
  topics: [topicOf('media')],
  events: mediaEvents.events,
  accept: (e, config) => e.node !== config.node && (config.role === 'hub' || e.node === MINISTRY),
  apply: applyReplicas,
  rebuilds: [{ table: 'media_message' }, { table: 'charter_rule' }, { table: 'key_message' }, { table: 'review' }],
};
