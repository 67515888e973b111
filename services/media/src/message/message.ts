import { type Acting, type Actor, badInput, DomainError, invalidTransition, Lifecycle, optionalText, requireChange } from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';
import { channelName } from '../channel/channel';
import type { Violation } from '../charter/charter';
import { optionalId, validContent } from './message-content';
import { readyForReview } from './message-checks';
import { MessageOrigin, MessageStatus, type DraftMessage, type MessageContent, type MessageState, type Transition } from './message-state';

// the message's state and its commands are read from one module
export {
  MessageOrigin,
  MessageStatus,
  type DraftMessage,
  type MessageContent,
  type MessageState,
  type Transition,
  type Variant,
  type VariantInput,
} from './message-state';

const S = MessageStatus;
const COMMENT = { en: 'The comment', ar: 'التعليق' };
export const messageLifecycle = new Lifecycle<MessageStatus>('message', {
  DRAFT: [S.IN_REVIEW, S.ARCHIVED],
  IN_REVIEW: [S.APPROVED, S.CHANGES_REQUESTED, S.ARCHIVED],
  CHANGES_REQUESTED: [S.IN_REVIEW, S.ARCHIVED],
  // an edit after approval sends the message back to review
  APPROVED: [S.SCHEDULED, S.PUBLISHED, S.IN_REVIEW, S.ARCHIVED],
  SCHEDULED: [S.PUBLISHED, S.IN_REVIEW, S.ARCHIVED],
  PUBLISHED: [S.ARCHIVED],
  ARCHIVED: [],
});

/** Each command and the states it starts from; together they are the lifecycle above. */
export const COMMANDS = {
  submit: { to: S.IN_REVIEW, from: [S.DRAFT, S.CHANGES_REQUESTED] },
  approve: { to: S.APPROVED, from: [S.IN_REVIEW] },
  requestChanges: { to: S.CHANGES_REQUESTED, from: [S.IN_REVIEW] },
  schedule: { to: S.SCHEDULED, from: [S.APPROVED] },
  publish: { to: S.PUBLISHED, from: [S.APPROVED, S.SCHEDULED] },
  archive: { to: S.ARCHIVED, from: [S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.SCHEDULED, S.PUBLISHED] },
  edit: { to: null, from: [S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.SCHEDULED] },
} as const satisfies Record<string, { to: MessageStatus | null; from: readonly MessageStatus[] }>;

export type Command = keyof typeof COMMANDS;

export function assertCommand(command: Command, from: MessageStatus, to: MessageStatus): void {
  if (!(COMMANDS[command].from as readonly MessageStatus[]).includes(from)) {
    throw invalidTransition('message', from, to, messageLifecycle.allowed(from));
  }
  messageLifecycle.assert(from, to);
}

export type MessageEvent = DomainEvent<{ state: MessageState; change: Record<string, unknown> }>;

export const entry = (a: Actor, from: MessageStatus | null, to: MessageStatus, comment: string | null, reviewId: string | null = null): Transition => ({
  at: a.now.toISOString(),
  by: a.by,
  byNode: a.node,
  from,
  to,
  comment,
  reviewId,
});

export function nextMessage(state: MessageState, patch: Partial<MessageState>, a: Actor): MessageState {
  return { ...state, ...patch, updatedAt: a.now.toISOString(), version: state.version + 1 };
}

export function messageEvent(verb: string, state: MessageState, change: Record<string, unknown>): MessageEvent {
  return { type: eventType('message', verb), subject: state.id, aggregateVersion: state.version, data: { state, change } };
}

/** A new DRAFT at the acting node. */
export function draftMessage(cmd: DraftMessage, a: Acting): MessageEvent {
  const now = a.now.toISOString();
  const state: MessageState = {
    id: a.id,
    node: a.node,
    origin: cmd.origin ?? MessageOrigin.AUTHORED,
    keyMessageId: optionalId('keyMessageId', cmd.keyMessageId),
    ...validContent(cmd, a.now),
    status: S.DRAFT,
    publishAt: null,
    publishedAt: null,
    authors: [a.by],
    createdBy: a.by,
    createdAt: now,
    updatedAt: now,
    history: [entry(a, null, S.DRAFT, null)],
    version: 1,
  };
  return messageEvent('drafted', state, { ...state });
}

const EDITABLE = ['bodyAr', 'bodyEn', 'campaignId', 'initiativeId', 'variants'] as const;

/**
 * Changes the content. Before approval the status stays; after approval (APPROVED, SCHEDULED)
 * the message goes back to IN_REVIEW, so what is published is always what was approved. A message
 * that is in review after the edit must be as complete as a submission. Variants sent with the
 * edit may not be set for a time already past. `check` gives the charter violations of the new content.
 */
export function editMessage(state: MessageState, patch: MessageContent, a: Actor, check: (s: MessageState) => Violation[]): MessageEvent {
  const backToReview = state.status === S.APPROVED || state.status === S.SCHEDULED;
  if (!(COMMANDS.edit.from as readonly MessageStatus[]).includes(state.status)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      { en: `A ${state.status} message can no longer be edited.`, ar: `لا يمكن تعديل رسالة حالتها ${state.status}.` },
      { from: state.status, allowed: messageLifecycle.allowed(state.status) },
    );
  }
  const merged = {
    ...state,
    variants: state.variants.map((v) => ({ ...v, scheduledAt: v.scheduledAt ? new Date(v.scheduledAt) : null })),
  } as unknown as MessageContent & { bodyAr: string };
  for (const k of EDITABLE) if (patch[k] !== undefined) (merged as unknown as Record<string, unknown>)[k] = patch[k];
  const content = validContent(merged, patch.variants != null ? a.now : null);
  const change: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of EDITABLE) if (JSON.stringify(state[k]) !== JSON.stringify(content[k])) change[k] = { from: state[k], to: content[k] };
  requireChange(change);
  const authors = state.authors.includes(a.by) ? state.authors : [...state.authors, a.by];
  let s = nextMessage(state, { ...content, authors }, a);
  if (backToReview) {
    s = { ...s, status: S.IN_REVIEW, publishAt: null, history: [...s.history, entry(a, state.status, S.IN_REVIEW, 'edited after approval')] };
    change.status = { from: state.status, to: S.IN_REVIEW };
  }
  if (s.status === S.IN_REVIEW) readyForReview(s, check(s));
  return messageEvent('edited', s, change);
}

export function submitMessage(state: MessageState, comment: string | null | undefined, a: Actor, violations: Violation[]): MessageEvent {
  assertCommand('submit', state.status, S.IN_REVIEW);
  readyForReview(state, violations);
  const why = optionalText('comment', comment, { label: COMMENT, max: 2000, multiline: true });
  const s = nextMessage(state, { status: S.IN_REVIEW, history: [...state.history, entry(a, state.status, S.IN_REVIEW, why)] }, a);
  return messageEvent('submitted', s, { status: { from: state.status, to: S.IN_REVIEW }, comment: why, by: a.by });
}

/** Schedules an approved message; the time must be in the future, and each variant's too. */
export function scheduleMessage(state: MessageState, publishAt: Date, a: Actor): MessageEvent {
  assertCommand('schedule', state.status, S.SCHEDULED);
  if (Number.isNaN(publishAt.getTime()) || publishAt.getTime() <= a.now.getTime()) {
    throw badInput(
      'publishAt',
      {
        en: `The publication time (${publishAt.toISOString()}) is in the past; choose a time after now.`,
        ar: `وقت النشر (${publishAt.toISOString()}) في الماضي؛ اختر وقتاً لاحقاً.`,
      },
      { now: a.now.toISOString() },
    );
  }
  const variants = state.variants.map((v) => {
    if (v.scheduledAt && Date.parse(v.scheduledAt) <= a.now.getTime()) {
      throw badInput('variants', {
        en: `The ${v.channel} variant is set for ${v.scheduledAt}, which is past; edit it first.`,
        ar: `موعد نشر نص ${channelName(v.channel).ar} (${v.scheduledAt}) مضى؛ عدّله أولاً.`,
      });
    }
    return { ...v, scheduledAt: v.scheduledAt ?? publishAt.toISOString() };
  });
  const s = nextMessage(
    state,
    { status: S.SCHEDULED, publishAt: publishAt.toISOString(), variants, history: [...state.history, entry(a, state.status, S.SCHEDULED, null)] },
    a,
  );
  return messageEvent('scheduled', s, { status: { from: state.status, to: S.SCHEDULED }, publishAt: s.publishAt, by: a.by });
}

/** Records that an approved (or scheduled) message went out. */
export function publishMessage(state: MessageState, a: Actor): MessageEvent {
  assertCommand('publish', state.status, S.PUBLISHED);
  const s = nextMessage(
    state,
    { status: S.PUBLISHED, publishedAt: a.now.toISOString(), history: [...state.history, entry(a, state.status, S.PUBLISHED, null)] },
    a,
  );
  return messageEvent('published', s, { status: { from: state.status, to: S.PUBLISHED }, by: a.by });
}

export function archiveMessage(state: MessageState, reason: string | null | undefined, a: Actor): MessageEvent {
  assertCommand('archive', state.status, S.ARCHIVED);
  const why = optionalText('reason', reason, { label: { en: 'The reason', ar: 'السبب' }, max: 2000, multiline: true });
  const s = nextMessage(state, { status: S.ARCHIVED, history: [...state.history, entry(a, state.status, S.ARCHIVED, why)] }, a);
  return messageEvent('archived', s, { status: { from: state.status, to: S.ARCHIVED }, reason: why, by: a.by });
}
