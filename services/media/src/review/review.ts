import { MINISTRY, badInput, forbidden, optionalText, type Actor } from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';
import type { Caller } from '../../../kernel/src/auth';
import type { Violation } from '../charter/charter';
import { assertCommand, entry, messageEvent, nextMessage, MessageStatus as S, type MessageEvent, type MessageState } from '../message/message';
import { refuseBlocking } from '../message/message-checks';

const COMMENT = { en: 'The comment', ar: 'التعليق' };

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
}

export interface Reviewer {
  sub: string;
  node: string;
  roles: Caller['roles'];
}

/**
 * Who may review: a reviewer of the owner node, or of the ministry when the message belongs to a
 * national campaign; never an author of the message approving it (separation of duties).
 */
export function assertMayReview(state: MessageState, reviewer: Reviewer, nationalCampaign: boolean, decision: ReviewDecision): void {
  if (!reviewer.roles.includes('reviewer')) {
    throw forbidden({ en: 'Reviewing messages needs the reviewer role.', ar: 'تتطلب مراجعة الرسائل دور المراجع.' });
  }
  const reviewingNode = nationalCampaign ? MINISTRY : state.node;
  if (reviewer.node !== reviewingNode) {
    throw forbidden(
      nationalCampaign
        ? { en: 'Messages of a national campaign are reviewed by the ministry.', ar: 'تراجع الوزارة رسائل الحملات الوطنية.' }
        : { en: `Only reviewers of ${state.node} review this message.`, ar: `لا يراجع هذه الرسالة إلا مراجعو ${state.node}.` },
    );
  }
  if (decision === ReviewDecision.APPROVE && state.authors.includes(reviewer.sub)) {
    throw forbidden({
      en: 'You wrote this message, so you cannot approve it: another reviewer must (separation of duties).',
      ar: 'أنت من كتب هذه الرسالة فلا يمكنك اعتمادها: يعتمدها مراجع آخر (فصل المهام).',
    });
  }
}

export interface ReviewVerdict {
  reviewId: string;
  decision: ReviewDecision;
  comment: string | null;
  reviewer: Reviewer;
}

/** A review decision on a message IN_REVIEW; approving needs no blocking charter violation. */
export function reviewMessage(state: MessageState, verdict: ReviewVerdict, nationalCampaign: boolean, violations: Violation[], now: Date): MessageEvent {
  const approve = verdict.decision === ReviewDecision.APPROVE;
  const to = approve ? S.APPROVED : S.CHANGES_REQUESTED;
  assertCommand(approve ? 'approve' : 'requestChanges', state.status, to);
  assertMayReview(state, verdict.reviewer, nationalCampaign, verdict.decision);
  const comment = optionalText('comment', verdict.comment, { label: COMMENT, max: 2000, multiline: true });
  if (!approve && !comment) {
    throw badInput('comment', { en: 'Say what should change: a comment is required.', ar: 'وضّح المطلوب تعديله: التعليق مطلوب.' });
  }
  if (approve) refuseBlocking(violations, 'approved');
  const a: Actor = { by: verdict.reviewer.sub, node: verdict.reviewer.node, now };
  const s = nextMessage(state, { status: to, history: [...state.history, entry(a, state.status, to, comment, verdict.reviewId)] }, a);
  return messageEvent(approve ? 'approved' : 'changesrequested', s, {
    status: { from: state.status, to },
    comment,
    by: a.by,
    byNode: a.node,
    reviewId: verdict.reviewId,
  });
}

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

/**
 * A reviewer's decision at `here`: the review, and the message's change when the message is owned
 * here; on the ministry's replica only the review, which the owner node applies when it arrives.
 */
export function reviewAt(
  here: string,
  message: MessageState,
  verdict: ReviewVerdict,
  national: boolean,
  violations: Violation[],
  now: Date,
): { review: ReviewEvent; message: MessageEvent | null } {
  const event = reviewMessage(message, verdict, national, violations, now);
  const review = decideReview(message, { ...verdict, comment: (event.data.change.comment as string | null) ?? null }, { node: here, now });
  return { review, message: message.node === here ? event : null };
}

/** Whether a review took effect on the message as a node has it. */
export enum ReviewOutcome {
  /** The message's history carries the decision. */
  APPLIED = 'APPLIED',
  /** Not yet applied at the owner node, or its application not yet seen here. */
  PENDING = 'PENDING',
  /** The message changed before the decision reached its owner node: it did not take effect, and the message needs reviewing again. */
  NOT_APPLIED = 'NOT_APPLIED',
}

/** What became of a review, by the message as this node has it (null when the message is not known here). */
export function reviewOutcome(r: Pick<ReviewState, 'id' | 'messageVersion'>, message: Pick<MessageState, 'version' | 'history'> | null): ReviewOutcome {
  if (message?.history.some((t) => t.reviewId === r.id)) return ReviewOutcome.APPLIED;
  // the owner applies a decision only to the version its reviewer read: a later version without it means it was left
  return message && message.version > r.messageVersion ? ReviewOutcome.NOT_APPLIED : ReviewOutcome.PENDING;
}
