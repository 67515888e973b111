import { eventType, type DomainEvent } from '../../../kernel/src/events';
import type { ReviewDecision, ReviewVerdict } from '../message/message';

/**
 * A review decision (مراجعة). Decided at the message's owner node it applies at once; decided
 * by the ministry on its replica of a municipality's message (national campaigns), it travels
 * down as an event and the owner node applies it to the message.
 */
export interface ReviewState {
  id: string;
  /** Where the decision was taken; its owner. */
  node: string;
  messageId: string;
  messageNode: string;
  /** The message version the reviewer read; a later edit makes the decision stale. */
  messageVersion: number;
  decision: ReviewDecision;
  comment: string | null;
  reviewerId: string;
  reviewerNode: string;
  /** Taken away from the message's owner, to be applied there. */
  remote: boolean;
  decidedAt: string;
  version: number;
}

export type ReviewEvent = DomainEvent<{ state: ReviewState; change: Record<string, unknown> }>;

export function decideReview(message: { id: string; node: string; version: number }, verdict: ReviewVerdict, a: { node: string; now: Date }): ReviewEvent {
  const state: ReviewState = {
    id: verdict.reviewId,
    node: a.node,
    messageId: message.id,
    messageNode: message.node,
    messageVersion: message.version,
    decision: verdict.decision,
    comment: verdict.comment,
    reviewerId: verdict.reviewer.sub,
    reviewerNode: verdict.reviewer.node,
    remote: a.node !== message.node,
    decidedAt: a.now.toISOString(),
    version: 1,
  };
  return { type: eventType('review', 'decided'), subject: state.id, aggregateVersion: 1, data: { state, change: { ...state } } };
}

/** The verdict a review record carries, to apply it at the owner node. */
export const verdictOf = (r: ReviewState, roles: ReviewVerdict['reviewer']['roles'] = ['reviewer']): ReviewVerdict => ({
  reviewId: r.id,
  decision: r.decision,
  comment: r.comment,
  reviewer: { sub: r.reviewerId, node: r.reviewerNode, roles },
});
