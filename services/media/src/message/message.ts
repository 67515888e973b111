import {
  counted,
  figure,
  NOUNS,
  DomainError,
  Lifecycle,
  MINISTRY,
  badInput,
  conflict,
  forbidden,
  invalidTransition,
  isUuid,
  optionalText,
  requiredText,
} from '../../../kernel/src/domain';
import { eventType, type DomainEvent } from '../../../kernel/src/events';
import type { Caller } from '../../../kernel/src/auth';
import { CHANNEL_RULES, type Channel, UNIT, channelName, measure, validChannel } from '../channel/channel';
import { blocking, type Violation } from '../charter/charter';

export enum MessageStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  APPROVED = 'APPROVED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  SCHEDULED = 'SCHEDULED',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** Where the message came from. */
export enum MessageOrigin {
  AUTHORED = 'AUTHORED',
  KEY_MESSAGE = 'KEY_MESSAGE',
  PRESS_RELEASE = 'PRESS_RELEASE',
  FACT_SHEET = 'FACT_SHEET',
}

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
}

const S = MessageStatus;
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

function assertCommand(command: Command, from: MessageStatus, to: MessageStatus): void {
  if (!(COMMANDS[command].from as readonly MessageStatus[]).includes(from)) {
    throw invalidTransition('message', from, to, messageLifecycle.allowed(from));
  }
  messageLifecycle.assert(from, to);
}

export interface Variant {
  channel: Channel;
  text: string;
  hashtags: string[];
  mediaRefs: string[];
  scheduledAt: string | null;
}

export interface Transition {
  at: string;
  by: string;
  byNode: string;
  from: MessageStatus | null;
  to: MessageStatus;
  comment: string | null;
  reviewId: string | null;
}

export interface MessageState {
  id: string;
  node: string;
  origin: MessageOrigin;
  campaignId: string | null;
  initiativeId: string | null;
  keyMessageId: string | null;
  bodyAr: string;
  bodyEn: string | null;
  variants: Variant[];
  status: MessageStatus;
  publishAt: string | null;
  publishedAt: string | null;
  /** Everyone who wrote the content: none of them may approve it. */
  authors: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  history: Transition[];
  version: number;
}

export interface VariantInput {
  channel: string;
  text: string;
  hashtags?: string[] | null;
  mediaRefs?: string[] | null;
  scheduledAt?: Date | null;
}

export interface MessageContent {
  bodyAr?: string | null;
  bodyEn?: string | null;
  campaignId?: string | null;
  initiativeId?: string | null;
  variants?: VariantInput[] | null;
}

export interface DraftMessage extends MessageContent {
  bodyAr: string;
  origin?: MessageOrigin;
  keyMessageId?: string | null;
}

export interface Acting {
  id: string;
  node: string;
  by: string;
  now: Date;
}
export type Actor = Omit<Acting, 'id'>;

export type MessageEvent = DomainEvent<{ state: MessageState; change: Record<string, unknown> }>;

const L = {
  bodyAr: { en: 'The Arabic body', ar: 'النص العربي' },
  bodyEn: { en: 'The English body', ar: 'النص الإنجليزي' },
  text: { en: 'The variant text', ar: 'نص القناة' },
  comment: { en: 'The comment', ar: 'التعليق' },
  hashtag: { en: 'A hashtag', ar: 'الوسم' },
  mediaRef: { en: 'A media reference', ar: 'مرجع الوسائط' },
};
export const MAX_VARIANTS = 20;

/** The text a variant goes out with: its text, then its hashtags not already in it. */
export function publishedText(v: Pick<Variant, 'text' | 'hashtags'>): string {
  const missing = v.hashtags.filter((h) => !v.text.includes(`#${h}`));
  return missing.length ? `${v.text} ${missing.map((h) => `#${h}`).join(' ')}` : v.text;
}

function optionalId(field: string, id: string | null | undefined): string | null {
  if (!id) return null;
  if (!isUuid(id)) throw badInput(field, { en: `"${id}" is not an id.`, ar: `"${id}" ليس معرّفاً صالحاً.` });
  return id;
}

/**
 * One variant within its channel's limits; over a limit is refused with the measured length and the limit.
 * With `now`, the variant's own publication time must come after it.
 */
function validVariant(v: VariantInput, i: number, now: Date | null): Variant {
  const channel = validChannel(`variants.${i}.channel`, v.channel);
  const rule = CHANNEL_RULES[channel];
  const name = channelName(channel);
  const text = requiredText(`variants.${i}.text`, v.text, { label: L.text, max: 100_000, multiline: true });
  const hashtags = [
    ...new Set((v.hashtags ?? []).map((h, n) => requiredText(`variants.${i}.hashtags.${n}`, h, { label: L.hashtag, max: 100 }).replace(/^#/, ''))),
  ];
  const bad = hashtags.find((h) => /[\s#]/.test(h));
  if (bad) throw badInput(`variants.${i}.hashtags`, { en: `"${bad}" is not a hashtag: no spaces or #.`, ar: `"${bad}" ليس وسماً صالحاً: بلا مسافات أو #.` });
  const mediaRefs = (v.mediaRefs ?? []).map((m, n) => requiredText(`variants.${i}.mediaRefs.${n}`, m, { label: L.mediaRef, max: 2000 }));
  const out = publishedText({ text, hashtags });
  const length = measure(out, rule.counting);
  const unit = UNIT[rule.counting];
  if (length > rule.maxLength) {
    throw badInput(
      `variants.${i}.text`,
      {
        en: `The ${name.en} text is ${counted(length, unit).en} long; ${name.en} allows ${figure(rule.maxLength, 'en')}.`,
        ar: `طول نص ${name.ar} ${counted(length, unit).ar}، والحد المسموح في ${name.ar} ${figure(rule.maxLength, 'ar')}.`,
      },
      { channel, length, limit: rule.maxLength, unit: rule.counting },
    );
  }
  if (rule.forbidden?.test(out)) {
    throw badInput(`variants.${i}.text`, { en: `${name.en} does not accept the characters < and >.`, ar: `لا تقبل ${name.ar} المحرفين < و>.` }, { channel });
  }
  if (rule.maxHashtags != null && hashtags.length > rule.maxHashtags) {
    throw badInput(
      `variants.${i}.hashtags`,
      {
        en: `${name.en} allows ${counted(rule.maxHashtags, NOUNS.hashtag).en}; this variant has ${figure(hashtags.length, 'en')}.`,
        ar: `تسمح ${name.ar} بـ ${counted(rule.maxHashtags, NOUNS.hashtag, 'oblique').ar}؛ وفي هذا النص ${figure(hashtags.length, 'ar')}.`,
      },
      { channel, count: hashtags.length, limit: rule.maxHashtags },
    );
  }
  if (mediaRefs.length > rule.media.max) {
    throw badInput(
      `variants.${i}.mediaRefs`,
      {
        en: `${name.en} takes at most ${counted(rule.media.max, NOUNS.mediaItem).en}; this variant has ${figure(mediaRefs.length, 'en')}.`,
        ar: `تقبل ${name.ar} ${counted(rule.media.max, NOUNS.mediaItem, 'oblique').ar} على الأكثر؛ وفي هذا النص ${figure(mediaRefs.length, 'ar')}.`,
      },
      { channel, count: mediaRefs.length, limit: rule.media.max },
    );
  }
  return { channel, text, hashtags, mediaRefs, scheduledAt: validScheduledAt(v.scheduledAt, i, channel, now) };
}

function validScheduledAt(at: Date | null | undefined, i: number, channel: Channel, now: Date | null): string | null {
  if (!at) return null;
  const field = `variants.${i}.scheduledAt`;
  if (Number.isNaN(at.getTime()))
    throw badInput(field, { en: 'The variant publication time is not a valid time.', ar: 'وقت نشر نص القناة ليس وقتاً صالحاً.' }, { channel });
  if (now && at.getTime() <= now.getTime()) {
    const name = channelName(channel);
    throw badInput(
      field,
      {
        en: `The ${name.en} variant is set for ${at.toISOString()}, which is not after now; choose a later time or none.`,
        ar: `موعد نشر نص ${name.ar} (${at.toISOString()}) ليس بعد الآن؛ اختر وقتاً لاحقاً أو اتركه فارغاً.`,
      },
      { channel, now: now.toISOString() },
    );
  }
  return at.toISOString();
}

function validVariants(variants: VariantInput[], now: Date | null): Variant[] {
  if (variants.length > MAX_VARIANTS) throw badInput('variants', { en: `At most ${MAX_VARIANTS} variants.`, ar: `الحد الأقصى ${MAX_VARIANTS} نصاً للقنوات.` });
  const list = variants.map((v, i) => validVariant(v, i, now));
  const seen = new Set<Channel>();
  list.forEach((v, i) => {
    if (seen.has(v.channel)) throw badInput(`variants.${i}.channel`, { en: `The channel ${v.channel} has two variants.`, ar: `للقناة ${v.channel} نصان.` });
    seen.add(v.channel);
  });
  return list;
}

/** `now` checks the variants' publication times: given for variants the writer sends, not for those kept as they were. */
function validContent(c: Required<Pick<MessageContent, 'bodyAr'>> & MessageContent, now: Date | null) {
  return {
    bodyAr: requiredText('bodyAr', c.bodyAr, { label: L.bodyAr, max: 20_000, multiline: true, arabic: true }),
    bodyEn: optionalText('bodyEn', c.bodyEn, { label: L.bodyEn, max: 20_000, multiline: true }),
    campaignId: optionalId('campaignId', c.campaignId),
    initiativeId: optionalId('initiativeId', c.initiativeId),
    variants: validVariants(c.variants ?? [], now),
  };
}

export function expectVersion(state: { version: number }, expected: number | null | undefined): void {
  if (expected != null && expected !== state.version) throw conflict('message', expected, state.version);
}

const entry = (a: Actor, from: MessageStatus | null, to: MessageStatus, comment: string | null, reviewId: string | null = null): Transition => ({
  at: a.now.toISOString(),
  by: a.by,
  byNode: a.node,
  from,
  to,
  comment,
  reviewId,
});

function next(state: MessageState, patch: Partial<MessageState>, a: Actor): MessageState {
  return { ...state, ...patch, updatedAt: a.now.toISOString(), version: state.version + 1 };
}

function event(verb: string, state: MessageState, change: Record<string, unknown>): MessageEvent {
  return { type: eventType('message', verb), subject: state.id, aggregateVersion: state.version, data: { state, change } };
}

/**
 * A message in review is complete: a variant, the media every channel of it requires, and no blocking
 * charter violation. Drafts may be incomplete; submitting, and any edit that leaves the message in
 * review, must not be.
 */
function readyForReview(state: MessageState, violations: Violation[]): void {
  if (!state.variants.length) {
    throw badInput('variants', { en: 'Add at least one channel variant before review.', ar: 'أضف نصاً لقناة واحدة على الأقل قبل المراجعة.' });
  }
  refuseMissingMedia(state.variants);
  refuseBlocking(violations, 'submitted');
}

/** Channels that never publish text alone (Instagram, Snapchat, TikTok, YouTube, outdoor) need their media before review. */
function refuseMissingMedia(variants: Variant[]): void {
  const missing = variants.map((v, i) => ({ v, i })).filter(({ v }) => CHANNEL_RULES[v.channel].media.required && !v.mediaRefs.length);
  if (!missing.length) return;
  const names = missing.map(({ v }) => channelName(v.channel));
  const en = names.map((n) => n.en).join(', ');
  const ar = names.map((n) => n.ar).join('، ');
  throw badInput(
    `variants.${missing[0].i}.mediaRefs`,
    names.length === 1
      ? {
          en: `${en} does not publish text alone: add at least one media item to the ${en} variant before review.`,
          ar: `لا تنشر ${ar} نصاً دون وسائط: أضف عنصر وسائط واحداً على الأقل إلى نص ${ar} قبل المراجعة.`,
        }
      : {
          en: `${en} do not publish text alone: add at least one media item to each of these variants before review.`,
          ar: `لا تنشر ${ar} نصاً دون وسائط: أضف عنصر وسائط واحداً على الأقل إلى نص كل منها قبل المراجعة.`,
        },
    { channel: missing[0].v.channel, channels: missing.map(({ v }) => v.channel) },
  );
}

/** What a message may point at, and the service this node learns it from. */
const LINKED = {
  campaignId: { en: 'campaign', ar: 'حملة', from: { en: 'the calendar', ar: 'الروزنامة' } },
  initiativeId: { en: 'initiative', ar: 'مبادرة', from: { en: 'the initiatives service', ar: 'خدمة المبادرات' } },
} as const;

/**
 * A campaign or initiative this node has no copy of: refused when the message goes to review or is
 * reviewed (a draft may name one that has not arrived yet), since the campaign decides who reviews.
 */
export function unknownLink(field: keyof typeof LINKED, id: string, node: string): DomainError {
  const what = LINKED[field];
  return badInput(
    field,
    {
      en: `No ${what.en} ${id} is known at ${node}: this node has not received it from ${what.from.en}. Correct the ${what.en}, or try again once it has arrived.`,
      ar: `لا تعرف ${node} ${what.ar} بالمعرّف ${id}: لم تصلها من ${what.from.ar}. صحّح ال${what.ar}، أو أعد المحاولة بعد وصولها.`,
    },
    { id },
  );
}

export function refuseBlocking(violations: Violation[], what: 'submitted' | 'approved'): void {
  const blockers = blocking(violations);
  if (!blockers.length) return;
  throw badInput(
    'charter',
    {
      en: `The message cannot be ${what}: it breaks ${blockers.length} blocking charter rule(s): ${blockers.map((v) => v.message.en).join(' ')}`,
      ar: `لا يمكن ${what === 'submitted' ? 'إرسال الرسالة للمراجعة' : 'اعتماد الرسالة'}: تخالف ${blockers.length} من قواعد الميثاق الملزمة: ${blockers.map((v) => v.message.ar).join(' ')}`,
    },
    {
      violations: blockers.map((v) => ({
        ruleId: v.ruleId,
        kind: v.kind,
        severity: v.severity,
        channel: v.channel,
        messageEn: v.message.en,
        messageAr: v.message.ar,
        span: v.span,
      })),
    },
  );
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
  return event('drafted', state, { ...state });
}

const EDITABLE = ['bodyAr', 'bodyEn', 'campaignId', 'initiativeId', 'variants'] as const;

/**
 * Changes the content. Before approval the status stays; after approval (APPROVED, SCHEDULED)
 * the message goes back to IN_REVIEW, so what is published is always what was approved. A message
 * that is in review after the edit must be as complete as a submission. Variants sent with the
 * edit may not be set for a time already past. `check` gives the charter violations of the new content.
 */
export function editMessage(state: MessageState, patch: MessageContent, expected: number, a: Actor, check: (s: MessageState) => Violation[]): MessageEvent {
  expectVersion(state, expected);
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
  const authors = state.authors.includes(a.by) ? state.authors : [...state.authors, a.by];
  let s = next(state, { ...content, authors }, a);
  if (backToReview) {
    s = { ...s, status: S.IN_REVIEW, publishAt: null, history: [...s.history, entry(a, state.status, S.IN_REVIEW, 'edited after approval')] };
    change.status = { from: state.status, to: S.IN_REVIEW };
  }
  if (s.status === S.IN_REVIEW) readyForReview(s, check(s));
  return event('edited', s, change);
}

export function submitMessage(state: MessageState, expected: number, comment: string | null | undefined, a: Actor, violations: Violation[]): MessageEvent {
  expectVersion(state, expected);
  assertCommand('submit', state.status, S.IN_REVIEW);
  readyForReview(state, violations);
  const why = optionalText('comment', comment, { label: L.comment, max: 2000, multiline: true });
  const s = next(state, { status: S.IN_REVIEW, history: [...state.history, entry(a, state.status, S.IN_REVIEW, why)] }, a);
  return event('submitted', s, { status: { from: state.status, to: S.IN_REVIEW }, comment: why, by: a.by });
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
export function reviewMessage(
  state: MessageState,
  expected: number,
  verdict: ReviewVerdict,
  nationalCampaign: boolean,
  violations: Violation[],
  now: Date,
): MessageEvent {
  expectVersion(state, expected);
  const approve = verdict.decision === ReviewDecision.APPROVE;
  const to = approve ? S.APPROVED : S.CHANGES_REQUESTED;
  assertCommand(approve ? 'approve' : 'requestChanges', state.status, to);
  assertMayReview(state, verdict.reviewer, nationalCampaign, verdict.decision);
  const comment = optionalText('comment', verdict.comment, { label: L.comment, max: 2000, multiline: true });
  if (!approve && !comment) {
    throw badInput('comment', { en: 'Say what should change: a comment is required.', ar: 'وضّح المطلوب تعديله: التعليق مطلوب.' });
  }
  if (approve) refuseBlocking(violations, 'approved');
  const a: Actor = { by: verdict.reviewer.sub, node: verdict.reviewer.node, now };
  const s = next(state, { status: to, history: [...state.history, entry(a, state.status, to, comment, verdict.reviewId)] }, a);
  return event(approve ? 'approved' : 'changesrequested', s, {
    status: { from: state.status, to },
    comment,
    by: a.by,
    byNode: a.node,
    reviewId: verdict.reviewId,
  });
}

/** Schedules an approved message; the time must be in the future, and each variant's too. */
export function scheduleMessage(state: MessageState, expected: number, publishAt: Date, a: Actor): MessageEvent {
  expectVersion(state, expected);
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
  const s = next(
    state,
    { status: S.SCHEDULED, publishAt: publishAt.toISOString(), variants, history: [...state.history, entry(a, state.status, S.SCHEDULED, null)] },
    a,
  );
  return event('scheduled', s, { status: { from: state.status, to: S.SCHEDULED }, publishAt: s.publishAt, by: a.by });
}

/** Records that an approved (or scheduled) message went out. */
export function publishMessage(state: MessageState, expected: number, a: Actor): MessageEvent {
  expectVersion(state, expected);
  assertCommand('publish', state.status, S.PUBLISHED);
  const s = next(state, { status: S.PUBLISHED, publishedAt: a.now.toISOString(), history: [...state.history, entry(a, state.status, S.PUBLISHED, null)] }, a);
  return event('published', s, { status: { from: state.status, to: S.PUBLISHED }, by: a.by });
}

export function archiveMessage(state: MessageState, expected: number, reason: string | null | undefined, a: Actor): MessageEvent {
  expectVersion(state, expected);
  assertCommand('archive', state.status, S.ARCHIVED);
  const why = optionalText('reason', reason, { label: { en: 'The reason', ar: 'السبب' }, max: 2000, multiline: true });
  const s = next(state, { status: S.ARCHIVED, history: [...state.history, entry(a, state.status, S.ARCHIVED, why)] }, a);
  return event('archived', s, { status: { from: state.status, to: S.ARCHIVED }, reason: why, by: a.by });
}

/** The texts the charter checks: every variant as it goes out. */
export const checkedTexts = (s: Pick<MessageState, 'variants' | 'campaignId'>) =>
  s.variants.map((v) => ({ text: publishedText(v), channel: v.channel, campaignId: s.campaignId }));
